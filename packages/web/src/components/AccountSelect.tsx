import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { contract } from '@nenner/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/endpoints';

interface Props {
  value: string | null;
  /** Name of the currently linked account, so it shows before any search. */
  currentName?: string | null | undefined;
  onChange: (id: string | null, name: string | null) => void;
  error?: string | undefined;
  disabled?: boolean;
}

/** Picks an account by searching the server (never loads all accounts). */
export function AccountSelect({ value, currentName, onChange, error, disabled }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const results = useQuery({
    queryKey: ['accounts', 'picker', q],
    queryFn: ({ signal }) => call(contract.listAccounts, { query: { q, limit: 20 } }, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = new Map<string, string>();
  if (value && picked?.id === value) options.set(picked.id, picked.name);
  else if (value && currentName) options.set(value, currentName);
  for (const a of results.data?.items ?? []) options.set(a.id, a.name);
  return (
    <Select
      label={t('contact.account')}
      placeholder={t('contact.accountPlaceholder')}
      data={[...options].map(([id, name]) => ({ value: id, label: name }))}
      value={value}
      onChange={(id, option) => {
        setPicked(id && option ? { id, name: option.label } : null);
        onChange(id, option?.label ?? null);
      }}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={t('common.noResults')}
      error={error}
      disabled={disabled}
    />
  );
}
