import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTeams } from '../deals/useDeals';

interface Props {
  label?: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
  disabled?: boolean;
  placeholder?: string;
  w?: number | string | Record<string, number | string>;
}

/** Picks the team that owns a record (or, as a filter, the team whose records to show); clearable. */
export function TeamSelect({ label, value, onChange, error, disabled, placeholder, w }: Props) {
  const { t } = useTranslation();
  const teams = useTeams();
  return (
    <Select
      label={label ?? t('teams.team')}
      data={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
      value={value}
      onChange={onChange}
      searchable
      clearable
      placeholder={placeholder ?? t('teams.noTeam')}
      nothingFoundMessage={t('common.noResults')}
      error={error}
      disabled={disabled}
      w={w}
    />
  );
}
