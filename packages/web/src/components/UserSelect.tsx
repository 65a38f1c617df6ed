import { Select } from '@mantine/core';
import type { Department } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { useAllUsers } from '../features/settings/useUsers';

interface Props {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
  disabled?: boolean;
  /** Offers only users of this department (the current value stays). */
  department?: Department;
  placeholder?: string;
}

/** Picks a user (owner); shows name and department, searchable. */
export function UserSelect({ label, value, onChange, error, disabled, department, placeholder }: Props) {
  const { t } = useTranslation();
  const users = useAllUsers();
  const data = (users.data?.items ?? [])
    .filter((u) => (u.active && (!department || u.department === department)) || u.id === value)
    .map((u) => ({ value: u.id, label: `${u.name} · ${t(`department.${u.department}`)}` }));
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      placeholder={placeholder ?? t('common.noOwner')}
      nothingFoundMessage={t('common.noResults')}
      error={error}
      disabled={disabled}
    />
  );
}
