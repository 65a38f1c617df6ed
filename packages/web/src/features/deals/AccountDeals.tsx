import { Button, Group, Paper, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore } from '../../components/ListControls';
import { TableSkeleton } from '../../components/TableSkeleton';
import { DealCreateModal } from './DealCreateModal';
import { DealTable } from './DealList';
import { useDealList } from './useDeals';

/** The account's deals, open and closed, with "new deal" prefilled for this account. */
export function AccountDeals({ account, readOnly }: { account: { id: string; name: string }; readOnly: boolean }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const list = useDealList({ accountId: account.id, sort: '-updatedAt' });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="account-deals-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="account-deals-title">
          {t('deals.ofAccount')}
        </Title>
        {!readOnly && (
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('deals.new')}
          </Button>
        )}
      </Group>
      {list.isPending ? (
        <TableSkeleton rows={2} />
      ) : rows.length === 0 ? (
        <EmptyState>{t('deals.noneOnAccount')}</EmptyState>
      ) : (
        <>
          <DealTable rows={rows} showAccount={false} />
          {list.hasNextPage && (
            <LoadMore
              shown={rows.length}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoad={() => void list.fetchNextPage()}
            />
          )}
        </>
      )}
      {creating && <DealCreateModal onClose={() => setCreating(false)} account={account} />}
    </Paper>
  );
}
