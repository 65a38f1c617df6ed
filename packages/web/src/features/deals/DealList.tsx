import { Badge, Group, Select, Text } from '@mantine/core';
import { contract, type Deal } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordTable, type TableList } from '../../components/RecordTable';
import { formatDay, formatMoney } from '../../i18n/format';
import { ExportButton } from '../exports/ExportButton';
import { CloseOverdueFlag } from './CloseOverdueFlag';
import { type DealFilter, type DealListParams, stageName, useDealList } from './useDeals';

export function DealStatusBadge({ deal }: { deal: Pick<Deal, 'status' | 'stage'> }) {
  const { i18n } = useTranslation();
  const color = deal.status === 'won' ? 'teal' : deal.status === 'lost' ? 'red' : 'indigo';
  return (
    <Badge variant="light" color={color} size="sm">
      {stageName(deal.stage, i18n.language)}
    </Badge>
  );
}

interface DealTableProps {
  list: TableList<Deal>;
  empty: ReactNode;
  showAccount?: boolean;
  paging?: 'count' | 'whenMore' | 'none';
  skeletonRows?: number;
}

/** Deals as a table: name with its stale and marketing badges, account, stage, amount, close date, owner. */
export function DealTable({ showAccount = true, ...frame }: DealTableProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <RecordTable
      {...frame}
      rowKey={(d) => d.id}
      minWidth={720}
      columns={[
        {
          key: 'name',
          header: t('deals.name'),
          cell: (d) => (
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
          ),
        },
        showAccount && {
          key: 'account',
          header: t('contact.account'),
          cell: (d) => (
            <Link to="/accounts/$accountId" params={{ accountId: d.account.id }} className="nenner-link">
              {d.account.name}
            </Link>
          ),
        },
        { key: 'stage', header: t('deals.stage'), cell: (d) => <DealStatusBadge deal={d} /> },
        {
          key: 'amount',
          header: t('deals.amount'),
          align: 'right',
          cell: (d) => formatMoney(d.amount, d.currency, lng),
        },
        {
          key: 'close',
          header: t('deals.closeDate'),
          cell: (d) =>
            d.closeDate ? (
              <Group gap={6}>
                {formatDay(d.closeDate, lng)}
                <CloseOverdueFlag deal={d} />
              </Group>
            ) : (
              '–'
            ),
        },
        { key: 'owner', header: t('common.owner'), cell: (d) => d.owner?.name ?? t('common.noOwner') },
      ]}
    />
  );
}

/** The deals list: the same filters as the board, plus status and sort; paged by cursor. */
export function DealList({ filter }: { filter: DealFilter }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('open');
  const [sort, setSort] = useState('closeDate');
  const query = {
    ...filter,
    status: (status || undefined) as DealListParams['status'],
    sort: sort as DealListParams['sort'],
  };
  const list = useDealList(query);
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
        <Group ml="auto" style={{ alignSelf: 'flex-end' }}>
          <ExportButton endpoint={contract.exportDeals} filters={query} />
        </Group>
      </Group>
      <DealTable list={list} skeletonRows={8} empty={t('deals.emptyList')} />
      <Text size="xs" c="dimmed" mt="xs">
        {t('deals.listHint')}
      </Text>
    </>
  );
}
