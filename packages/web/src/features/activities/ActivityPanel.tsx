import {
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { activityTypes, CreateActivityInput, CreateTaskInput, can } from '@nenner/shared';
import { IconCalendarEvent, IconMail, IconNote, IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DateTimeField } from '../../components/fields';
import { useRecordForm, validationProblem } from '../../components/form/useRecordForm';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordList } from '../../components/RecordTable';
import { UserSelect } from '../../components/UserSelect';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { TaskList } from './TaskList';
import { type LinkType, useActivities, useCreateTask, useLogActivity, useTasks } from './useActivities';

type ActivityType = (typeof activityTypes)[number];

/** Now as an ISO instant without seconds: the activity's default time, as a person would write it. */
const nowToTheMinute = (): string => new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
export const activityIcon = { call: IconPhone, email: IconMail, meeting: IconCalendarEvent, note: IconNote };

function ActivityForm({ entityType, entityId }: { entityType: LinkType; entityId: string }) {
  const { t } = useTranslation();
  const log = useLogActivity();
  const form = useRecordForm({
    initialValues: {
      type: 'call' as ActivityType,
      subject: '',
      summary: '',
      occurredAt: nowToTheMinute(),
      durationMinutes: '' as number | string,
    },
    toInput: (v): CreateActivityInput => ({
      type: v.type,
      subject: v.subject,
      summary: v.summary.trim() || null,
      occurredAt: v.occurredAt || undefined,
      durationMinutes: v.durationMinutes === '' ? null : Number(v.durationMinutes),
      entityType,
      entityId,
    }),
    schema: CreateActivityInput,
    error: log.error,
  });
  const send = (input: CreateActivityInput) =>
    log.mutate(input, {
      onSuccess: () => {
        form.setValues({ subject: '', summary: '', durationMinutes: '', occurredAt: nowToTheMinute() });
        notifySuccess(t('activities.logged'));
      },
      onError: (err) => notifyError(t, err),
    });
  return (
    <form onSubmit={form.onSubmit(send, (errors) => notifyError(t, validationProblem(errors)))}>
      <Stack gap="xs">
        <SegmentedControl
          size="xs"
          value={form.values.type}
          onChange={(v) => form.setFieldValue('type', v as ActivityType)}
          data={activityTypes.map((a) => ({ value: a, label: t(`activities.type.${a}`) }))}
          aria-label={t('activities.typeLabel')}
          w="fit-content"
        />
        <TextInput label={t('activities.subject')} required maxLength={200} {...form.field('subject')} />
        <Textarea label={t('activities.summary')} autosize minRows={2} maxRows={8} {...form.field('summary')} />
        <SimpleGrid cols={2}>
          <DateTimeField label={t('activities.when')} {...form.field('occurredAt')} data-testid="activity-when" />
          <NumberInput
            label={t('activities.duration')}
            min={0}
            max={1440}
            suffix={` ${t('activities.minutes')}`}
            {...form.field('durationMinutes')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" size="sm" loading={log.isPending} disabled={!form.values.subject.trim()}>
            {t('activities.log')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TaskForm({ entityType, entityId }: { entityType: LinkType; entityId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const create = useCreateTask();
  const form = useRecordForm({
    initialValues: { title: '', ownerId: me.id as string | null, dueAt: '', remindAt: '' },
    toInput: (v): CreateTaskInput => ({
      title: v.title,
      dueAt: v.dueAt || null,
      remindAt: v.remindAt || null,
      ...(v.ownerId && { ownerId: v.ownerId }),
      entityType,
      entityId,
    }),
    schema: CreateTaskInput,
    error: create.error,
  });
  const send = (input: CreateTaskInput) =>
    create.mutate(input, {
      onSuccess: () => {
        form.setValues({ title: '', dueAt: '', remindAt: '' });
        notifySuccess(t('tasks.created'));
      },
      onError: (err) => notifyError(t, err),
    });
  return (
    <form onSubmit={form.onSubmit(send, (errors) => notifyError(t, validationProblem(errors)))}>
      <Stack gap="xs">
        <TextInput label={t('tasks.titleLabel')} required maxLength={200} {...form.field('title')} />
        <UserSelect label={t('common.owner')} {...form.field('ownerId')} />
        <SimpleGrid cols={2}>
          <DateTimeField label={t('tasks.dueLabel')} {...form.field('dueAt')} data-testid="task-due" />
          <DateTimeField label={t('tasks.remindLabel')} {...form.field('remindAt')} data-testid="task-remind" />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" size="sm" loading={create.isPending} disabled={!form.values.title.trim()}>
            {t('tasks.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ActivityList({ entityType, entityId }: { entityType: LinkType; entityId: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const list = useActivities(entityType, entityId);
  const rows = list.rows;
  if (list.isPending) return null;
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('activities.empty')}
      </Text>
    );
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('activities.title')}>
      {rows.map((a) => {
        const Icon = activityIcon[a.type];
        return (
          <Group key={a.id} component="li" gap="sm" align="flex-start" wrap="nowrap">
            <Icon size={18} aria-label={t(`activities.type.${a.type}`)} />
            <Stack gap={0} style={{ flex: 1 }}>
              <Text size="sm" fw={500}>
                {a.subject}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(a.occurredAt, i18n.language, me.timeZone)} · {a.actor.name}
                {a.durationMinutes !== null &&
                  ` · ${t('activities.minutesValue', { n: formatNumber(a.durationMinutes, i18n.language) })}`}
              </Text>
              {a.summary && (
                <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                  {a.summary}
                </Text>
              )}
            </Stack>
          </Group>
        );
      })}
      {list.hasNextPage && (
        <Button variant="subtle" size="xs" onClick={list.loadMore} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}

/** Activities and tasks of one record: log a call, email, meeting or note; create and tick off tasks. */
export function ActivityPanel({ entityType, entityId }: { entityType: LinkType; entityId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const tasks = useTasks({ entityType, entityId, status: 'open' });
  const openTasks = tasks.rows;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={`work-${entityId}`}>
      <Title order={2} size="h4" id={`work-${entityId}`} mb="sm">
        {t('activities.panelTitle')}
      </Title>
      <Tabs defaultValue="tasks" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="tasks">
            {t('tasks.openTasks')} ({openTasks.length})
          </Tabs.Tab>
          <Tabs.Tab value="activities">{t('activities.title')}</Tabs.Tab>
          {can(me, 'activities.write') && <Tabs.Tab value="log">{t('activities.logTab')}</Tabs.Tab>}
          {can(me, 'tasks.write') && <Tabs.Tab value="task">{t('tasks.newTab')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="tasks">
          <RecordList list={tasks} paging="none" skeletonRows={2} empty={t('tasks.noneOnRecord')}>
            {(rows) => <TaskList tasks={rows} showRecord={false} />}
          </RecordList>
        </Tabs.Panel>
        <Tabs.Panel value="activities">
          <ActivityList entityType={entityType} entityId={entityId} />
        </Tabs.Panel>
        <Tabs.Panel value="log">
          <ActivityForm entityType={entityType} entityId={entityId} />
        </Tabs.Panel>
        <Tabs.Panel value="task">
          <TaskForm entityType={entityType} entityId={entityId} />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
