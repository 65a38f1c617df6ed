import { NumberInput, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { campaignChannels, campaignStatuses, departments } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { DateField, MoneyField } from '../../components/fields';
import type { RecordForm } from '../../components/form/useRecordForm';
import { UserSelect } from '../../components/UserSelect';
import { currencies } from '../deals/dealForm';
import { useTeams } from '../deals/useDeals';
import type { CampaignDraft } from './campaignForm';

interface MoneyInputProps {
  label: string;
  value: number | string;
  onChange: (v: number | string) => void;
  currency: string;
  error?: string | undefined;
  disabled?: boolean;
  required?: boolean;
  'data-testid'?: string;
}

/** An amount in major units with the locale's separators; the caller converts it to minor units exactly. */
export function MoneyInput({ label, value, onChange, currency, error, disabled, required, ...rest }: MoneyInputProps) {
  return (
    <MoneyField
      label={label}
      value={value}
      onChange={onChange}
      currency={currency}
      error={error}
      disabled={disabled}
      required={required}
      data-testid={rest['data-testid']}
    />
  );
}

/** Every field of a campaign: what, when, who, money and goals, UTM keys and a description. */
export function CampaignFields({ form }: { form: RecordForm<CampaignDraft> }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const { values: draft } = form;
  return (
    <Stack>
      <TextInput
        label={t('campaigns.name')}
        required
        maxLength={200}
        data-autofocus
        data-testid="campaign-name"
        {...form.field('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('campaigns.channel')}
          data={campaignChannels.map((c) => ({ value: c, label: t(`campaigns.channelName.${c}`) }))}
          allowDeselect={false}
          data-testid="campaign-channel"
          {...form.field('channel')}
        />
        <Select
          label={t('campaigns.status')}
          data={campaignStatuses.map((s) => ({ value: s, label: t(`campaigns.statusName.${s}`) }))}
          allowDeselect={false}
          {...form.field('status')}
        />
        <DateField label={t('campaigns.startDate')} {...form.field('startDate')} />
        <DateField label={t('campaigns.endDate')} min={draft.startDate || undefined} {...form.field('endDate')} />
        <UserSelect label={t('common.owner')} {...form.field('ownerId')} />
        <Select
          label={t('campaigns.team')}
          placeholder={t('campaigns.noTeam')}
          data={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
          clearable
          {...form.field('teamId')}
        />
        <Select
          label={t('campaigns.department')}
          description={draft.department ? undefined : t('campaigns.departmentHint')}
          placeholder={t('campaigns.departmentOfOwner')}
          data={departments.map((d) => ({ value: d, label: t(`department.${d}`) }))}
          clearable={!draft.department}
          {...form.field('department')}
        />
        <Select
          label={t('campaigns.currency')}
          data={[...new Set([...currencies, draft.currency])]}
          allowDeselect={false}
          {...form.field('currency')}
        />
        <MoneyInput
          label={t('campaigns.budget')}
          currency={draft.currency}
          data-testid="campaign-budget"
          {...form.field('budget')}
        />
        <MoneyInput
          label={t('campaigns.expectedPipeline')}
          currency={draft.currency}
          data-testid="campaign-expected-pipeline"
          {...form.field('expectedPipeline')}
        />
        <NumberInput
          label={t('campaigns.expectedLeads')}
          min={0}
          max={100_000_000}
          allowDecimal={false}
          allowNegative={false}
          {...form.field('expectedLeads')}
        />
      </SimpleGrid>
      <TagsInput
        label={t('campaigns.utmKeys')}
        description={t('campaigns.utmKeysHint')}
        placeholder={draft.utmKeys.length === 0 ? t('campaigns.utmKeysPlaceholder') : undefined}
        maxTags={20}
        splitChars={[',', ' ']}
        data-testid="campaign-utm-keys"
        {...form.field('utmKeys')}
      />
      <Textarea
        label={t('campaigns.description')}
        autosize
        minRows={2}
        maxLength={10_000}
        {...form.field('description')}
      />
    </Stack>
  );
}
