import { Badge, Checkbox, Group, Stack, Text } from '@mantine/core';
import { can, type Task } from '@nenner/shared';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../components/notify';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { RecordLink } from './RecordLink';
import { useUpdateTask } from './useActivities';

/** Tasks as a checklist: tick to complete, untick to reopen; overdue ones are marked. */
export function TaskList({ tasks, showRecord = true }: { tasks: Task[]; showRecord?: boolean }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const update = useUpdateTask();
  const readOnly = !can(me, 'tasks.write');
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('tasks.title')}>
      {tasks.map((task) => {
        const done = task.status === 'done';
        return (
          <Group key={task.id} component="li" gap="sm" align="flex-start" wrap="nowrap" data-testid="task">
            {/* the label widens the box's hit area to a thumb's size on a phone (styles.css) */}
            <label className="nenner-touch" htmlFor={`task-done-${task.id}`}>
              <Checkbox
                id={`task-done-${task.id}`}
                mt={2}
                checked={done}
                disabled={
                  readOnly || task.status === 'cancelled' || (update.isPending && update.variables?.task.id === task.id)
                }
                aria-label={
                  done ? t('tasks.reopen', { title: task.title }) : t('tasks.complete', { title: task.title })
                }
                onChange={() =>
                  update.mutate(
                    { task, input: { status: done ? 'open' : 'done' } },
                    { onError: (e) => notifyError(t, e) },
                  )
                }
              />
            </label>
            <Stack gap={2} style={{ flex: 1 }}>
              <Text size="sm" fw={500} td={done ? 'line-through' : undefined} c={done ? 'dimmed' : undefined}>
                {task.title}
              </Text>
              <Group gap={8}>
                {task.dueAt && (
                  <Text size="xs" c={task.overdue ? 'red.7' : 'dimmed'} fw={task.overdue ? 600 : undefined}>
                    {t('tasks.due', { date: formatDateTime(task.dueAt, i18n.language, me.timeZone) })}
                  </Text>
                )}
                {task.overdue && (
                  <Badge size="xs" color="red" variant="light">
                    {t('tasks.overdue')}
                  </Badge>
                )}
                {task.remindAt && !done && (
                  <Text size="xs" c="dimmed" aria-label={t('tasks.reminderAt')}>
                    <IconBell size={11} aria-hidden /> {formatDateTime(task.remindAt, i18n.language, me.timeZone)}
                  </Text>
                )}
                {task.ownerId !== me.id && (
                  <Text size="xs" c="dimmed">
                    {task.owner.name}
                  </Text>
                )}
                {showRecord && task.entityType && task.entityId && (
                  <Text size="xs">
                    <RecordLink type={task.entityType} id={task.entityId}>
                      {task.entityName ?? t(`tasks.linked.${task.entityType}`)}
                    </RecordLink>
                  </Text>
                )}
              </Group>
              {task.description && (
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                  {task.description}
                </Text>
              )}
            </Stack>
          </Group>
        );
      })}
    </Stack>
  );
}
