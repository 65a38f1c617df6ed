import { Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ListControls';
import { RecordList } from '../../components/RecordTable';
import { TaskList } from './TaskList';
import { useTasks } from './useActivities';

/** "Meine Aufgaben": the caller's tasks, overdue first (the server sorts), open or done. */
export function MyTasks() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const list = useTasks({ ownerId: 'me', status });
  const overdue = list.rows.filter((r) => r.overdue).length;
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
            <Text size="sm" c="red" fw={600} role="status">
              {t('tasks.overdueCount', { count: overdue })}
            </Text>
          )}
          <RecordList list={list} empty={status === 'open' ? t('tasks.emptyOpen') : t('tasks.emptyDone')}>
            {(tasks) => <TaskList tasks={tasks} />}
          </RecordList>
        </Stack>
      </Paper>
    </>
  );
}
