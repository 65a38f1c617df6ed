import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCampaign, useCampaignOptions } from './useCampaigns';

interface Props {
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
  disabled?: boolean;
  description?: string;
}

/** Links a record (e.g. a lead form) to a campaign; shows each campaign with its channel. */
export function CampaignPicker({ value, onChange, error, disabled, description }: Props) {
  const { t } = useTranslation();
  const campaigns = useCampaignOptions();
  const items = campaigns.data?.items ?? [];
  const listed = !value || items.some((c) => c.id === value);
  // a linked campaign beyond the first 200 is fetched on its own so it still shows by name
  const linked = useCampaign(value ?? '', !listed && campaigns.isSuccess);
  const data = items.map((c) => ({
    value: c.id,
    label: `${c.name} · ${t(`campaigns.channelName.${c.channel}`)}`,
  }));
  if (value && !listed) data.unshift({ value, label: linked.data?.name ?? t('common.unknown') });
  return (
    <Select
      label={t('campaigns.picker.label')}
      description={description ?? t('campaigns.picker.hint')}
      placeholder={t('campaigns.picker.placeholder')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage={t('common.noResults')}
      error={error}
      disabled={disabled}
      data-testid="campaign-picker"
    />
  );
}
