import { Alert, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore, PageHeader } from '../../components/ListControls';
import { errorMessage } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { TaskList } from './TaskList';
import { useTasks } from './useWork';

/** "Meine Aufgaben": the caller's tasks, overdue first (the server sorts), open or done. */
export function MyTasks() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const list = useTasks({ ownerId: 'me', status });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const overdue = rows.filter((r) => r.overdue).length;
  return (
    <>
      <PageHeader title={t('tasks.myTitle')}>
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v === 'done' ? 'done' : 'open')}
          data={[
            { value: 'open', label: t('tasks.statusOpen') },
            { value: 'done', label: t('tasks.statusDone') },
          ]}
          aria-label={t('tasks.statusFilter')}
        />
      </PageHeader>
      <Paper withBorder p="lg">
        <Stack>
          {status === 'open' && overdue > 0 && (
            <Text size="sm" c="red.7" fw={600} role="status">
              {t('tasks.overdueCount', { count: overdue })}
            </Text>
          )}
          {list.isError ? (
            <Alert color="red" role="alert">
              {errorMessage(t, list.error)}
            </Alert>
          ) : list.isPending ? (
            <TableSkeleton rows={5} />
          ) : rows.length === 0 ? (
            <EmptyState>{status === 'open' ? t('tasks.emptyOpen') : t('tasks.emptyDone')}</EmptyState>
          ) : (
            <>
              <TaskList tasks={rows} />
              <LoadMore
                shown={rows.length}
                hasMore={list.hasNextPage}
                loading={list.isFetchingNextPage}
                onLoad={() => void list.fetchNextPage()}
              />
            </>
          )}
        </Stack>
      </Paper>
    </>
  );
}
