import { Alert, Badge, Button, Group, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { type accountSorts, can } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordList } from '../../api/records';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore, OwnerFilter, PageHeader, SearchBox } from '../../components/ListControls';
import { errorMessage } from '../../components/notify';
import { SortableTh } from '../../components/SortableTh';
import { TableSkeleton } from '../../components/TableSkeleton';
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
  const list = useRecordList('accounts', {
    q: q || undefined,
    ownerId: ownerId || undefined,
    country: countryFilter,
    sort,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(q || ownerId || countryFilter);
  const open = (id: string) => void navigate({ to: '/accounts/$accountId', params: { accountId: id } });

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
        <Group align="flex-end" mb="md" wrap="wrap">
          <SearchBox value={search} onChange={setSearch} placeholder={t('account.searchPlaceholder')} />
          <OwnerFilter value={ownerId} onChange={setOwnerId} meId={me.id} />
          <TextInput
            label={t('account.country')}
            placeholder={t('account.allCountries')}
            value={country}
            onChange={(e) => setCountry(e.currentTarget.value.slice(0, 2))}
            w={130}
          />
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                setSearch('');
                setOwnerId('');
                setCountry('');
              }}
            >
              {t('common.clearFilters')}
            </Button>
          )}
        </Group>
        {list.isError ? (
          <Alert color="red" role="alert">
            {errorMessage(t, list.error)}
          </Alert>
        ) : list.isPending ? (
          <TableSkeleton />
        ) : rows.length === 0 ? (
          <EmptyState>{filtered ? t('common.noResults') : t('account.empty')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="name" label={t('account.name')} sort={sort} onSort={setSort} />
                  <Table.Th>{t('account.industry')}</Table.Th>
                  <Table.Th>{t('account.city')}</Table.Th>
                  <Table.Th>{t('common.owner')}</Table.Th>
                  <SortableTh field="updatedAt" label={t('common.updatedAt')} sort={sort} onSort={setSort} />
                  <SortableTh field="createdAt" label={t('common.createdAt')} sort={sort} onSort={setSort} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr
                    key={a.id}
                    className="nenner-row"
                    tabIndex={0}
                    aria-label={t('common.openRecord', { name: a.name })}
                    onClick={() => open(a.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') open(a.id);
                    }}
                  >
                    <Table.Td>
                      <Text fw={500}>{a.name}</Text>
                      {a.domain && (
                        <Text size="xs" c="dimmed">
                          {a.domain}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{a.industry ?? '–'}</Table.Td>
                    <Table.Td>
                      {a.city ?? '–'}
                      {a.country && (
                        <Badge ml={6} size="xs" variant="outline" color="gray">
                          {a.country}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {a.owner ? (
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm">{a.owner.name}</Text>
                          <DepartmentBadge department={a.owner.department} size="xs" />
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('common.noOwner')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDate(a.updatedAt, i18n.language, me.timeZone)}</Table.Td>
                    <Table.Td>{formatDate(a.createdAt, i18n.language, me.timeZone)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {rows.length > 0 && (
          <LoadMore
            shown={rows.length}
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onLoad={() => void list.fetchNextPage()}
          />
        )}
      </Paper>
      {createOpen && <AccountCreateModal opened={createOpen} onClose={createModal.close} />}
    </>
  );
}
