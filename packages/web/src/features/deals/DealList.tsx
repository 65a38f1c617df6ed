import { Alert, Badge, Group, Select, Table, Text } from '@mantine/core';
import type { Deal } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore } from '../../components/ListControls';
import { errorMessage } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatDay, formatMoney } from '../../i18n/format';
import { type DealFilter, stageName, useDealList } from './useDeals';

export function DealStatusBadge({ deal }: { deal: Pick<Deal, 'status' | 'stage'> }) {
  const { i18n } = useTranslation();
  const color = deal.status === 'won' ? 'teal' : deal.status === 'lost' ? 'red' : 'indigo';
  return (
    <Badge variant="light" color={color} size="sm">
      {stageName(deal.stage, i18n.language)}
    </Badge>
  );
}

/** Deals as a table: the same filters as the board, plus status and sort; paged by cursor. */
export function DealTable({ rows, showAccount = true }: { rows: Deal[]; showAccount?: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('deals.name')}</Table.Th>
            {showAccount && <Table.Th>{t('contact.account')}</Table.Th>}
            <Table.Th>{t('deals.stage')}</Table.Th>
            <Table.Th ta="right">{t('deals.amount')}</Table.Th>
            <Table.Th>{t('deals.closeDate')}</Table.Th>
            <Table.Th>{t('common.owner')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Group gap={6}>
                  <Link to="/deals/$dealId" params={{ dealId: d.id }} className="nenner-link">
                    {d.name}
                  </Link>
                  {d.stale && (
                    <Badge size="xs" color="orange" variant="light">
                      {t('deals.stale')}
                    </Badge>
                  )}
                  {d.source === 'marketing' && (
                    <Badge size="xs" color="grape" variant="light">
                      {t('deals.marketingSourced')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              {showAccount && (
                <Table.Td>
                  <Link to="/accounts/$accountId" params={{ accountId: d.account.id }} className="nenner-link">
                    {d.account.name}
                  </Link>
                </Table.Td>
              )}
              <Table.Td>
                <DealStatusBadge deal={d} />
              </Table.Td>
              <Table.Td ta="right">{formatMoney(d.amount, d.currency, lng)}</Table.Td>
              <Table.Td>{d.closeDate ? formatDay(d.closeDate, lng) : '–'}</Table.Td>
              <Table.Td>{d.owner?.name ?? t('common.noOwner')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function DealList({ filter }: { filter: DealFilter }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('open');
  const [sort, setSort] = useState('closeDate');
  const list = useDealList({ ...filter, status: status || undefined, sort });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Group mb="sm" gap="sm">
        <Select
          label={t('deals.status')}
          data={[
            { value: '', label: t('common.all') },
            { value: 'open', label: t('deals.statusOpen') },
            { value: 'won', label: t('deals.statusWon') },
            { value: 'lost', label: t('deals.statusLost') },
          ]}
          value={status}
          onChange={(v) => setStatus(v ?? '')}
          allowDeselect={false}
          w={160}
        />
        <Select
          label={t('deals.sort')}
          data={[
            { value: 'closeDate', label: t('deals.sortCloseDate') },
            { value: '-amount', label: t('deals.sortAmount') },
            { value: '-updatedAt', label: t('deals.sortUpdated') },
            { value: 'name', label: t('deals.sortName') },
          ]}
          value={sort}
          onChange={(v) => setSort(v ?? 'closeDate')}
          allowDeselect={false}
          w={200}
        />
      </Group>
      {list.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, list.error)}
        </Alert>
      ) : list.isPending ? (
        <TableSkeleton rows={8} />
      ) : rows.length === 0 ? (
        <EmptyState>{t('deals.emptyList')}</EmptyState>
      ) : (
        <>
          <DealTable rows={rows} />
          <LoadMore
            shown={rows.length}
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onLoad={() => void list.fetchNextPage()}
          />
        </>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        {t('deals.listHint')}
      </Text>
    </>
  );
}
