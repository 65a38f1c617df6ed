import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAllUsers } from '../features/settings/useUsers';

/**
 * Owner filter: everyone, mine, no owner, or one person. Apart from the other list controls, so a page that
 * only needs a header does not bring the searchable select with it.
 */
export function OwnerFilter({ value, onChange, meId }: { value: string; onChange: (v: string) => void; meId: string }) {
  const { t } = useTranslation();
  const users = useAllUsers();
  const data = [
    { value: '', label: t('common.all') },
    { value: meId, label: t('common.mine') },
    { value: 'none', label: t('common.noOwner') },
    ...(users.data?.items ?? [])
      .filter((u) => u.id !== meId)
      .map((u) => ({ value: u.id, label: `${u.name} · ${t(`department.${u.department}`)}` })),
  ];
  return (
    <Select
      label={t('common.owner')}
      data={data}
      value={value}
      onChange={(v) => onChange(v ?? '')}
      searchable
      allowDeselect={false}
      w={{ base: '100%', sm: 220 }}
    />
  );
}
