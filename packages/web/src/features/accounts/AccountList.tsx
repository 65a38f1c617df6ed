import { Badge, Button, Paper, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { type accountSorts, can } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccountList } from '../../api/records';
import { OwnerName } from '../../components/DepartmentBadge';
import { FilterBar, OwnerFilter, PageHeader, SearchBox } from '../../components/ListControls';
import { RecordTable } from '../../components/RecordTable';
import { formatDate } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { AccountCreateModal } from './AccountCreateModal';

type AccountSort = (typeof accountSorts)[number];

export function AccountList() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [ownerId, setOwnerId] = useState('');
  const [country, setCountry] = useState('');
  const [sort, setSort] = useState<AccountSort>('name');
  const [createOpen, createModal] = useDisclosure(false);
  const countryFilter = /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined;
  const list = useAccountList({
    q: q || undefined,
    ownerId: ownerId || undefined,
    country: countryFilter,
    sort,
  });
  const filtered = Boolean(q || ownerId || countryFilter);
  const date = (iso: string) => formatDate(iso, i18n.language, me.timeZone);

  return (
    <>
      <PageHeader title={t('account.title')}>
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={createModal.open}
          disabled={!can(me, 'records.write')}
        >
          {t('account.new')}
        </Button>
      </PageHeader>
      <Paper withBorder p="md">
        <FilterBar
          active={filtered}
          onClear={() => {
            setSearch('');
            setOwnerId('');
            setCountry('');
          }}
        >
          <SearchBox value={search} onChange={setSearch} placeholder={t('account.searchPlaceholder')} />
          <OwnerFilter value={ownerId} onChange={setOwnerId} meId={me.id} />
          <TextInput
            label={t('account.country')}
            placeholder={t('account.allCountries')}
            value={country}
            onChange={(e) => setCountry(e.currentTarget.value.slice(0, 2))}
            w={130}
          />
        </FilterBar>
        <RecordTable
          list={list}
          rowKey={(a) => a.id}
          minWidth={720}
          striped={false}
          verticalSpacing="sm"
          skeletonRows={8}
          empty={filtered ? t('common.noResults') : t('account.empty')}
          sort={sort}
          onSort={(s) => setSort(s as AccountSort)}
          onOpen={(a) => void navigate({ to: '/accounts/$accountId', params: { accountId: a.id } })}
          openLabel={(a) => t('common.openRecord', { name: a.name })}
          columns={[
            {
              key: 'name',
              header: t('account.name'),
              sortField: 'name',
              cell: (a) => (
                <>
                  <Text fw={500}>{a.name}</Text>
                  {a.domain && (
                    <Text size="xs" c="dimmed">
                      {a.domain}
                    </Text>
                  )}
                </>
              ),
            },
            { key: 'industry', header: t('account.industry'), cell: (a) => a.industry ?? '–' },
            {
              key: 'city',
              header: t('account.city'),
              cell: (a) => (
                <>
                  {a.city ?? '–'}
                  {a.country && (
                    <Badge ml={6} size="xs" variant="outline" color="gray">
                      {a.country}
                    </Badge>
                  )}
                </>
              ),
            },
            { key: 'owner', header: t('common.owner'), cell: (a) => <OwnerName owner={a.owner} /> },
            { key: 'updatedAt', header: t('common.updatedAt'), sortField: 'updatedAt', cell: (a) => date(a.updatedAt) },
            { key: 'createdAt', header: t('common.createdAt'), sortField: 'createdAt', cell: (a) => date(a.createdAt) },
          ]}
        />
      </Paper>
      {createOpen && <AccountCreateModal opened={createOpen} onClose={createModal.close} />}
    </>
  );
}
