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
import { activityTypes, can } from '@nenner/shared';
import { IconCalendarEvent, IconMail, IconNote, IconPhone } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordList } from '../../components/RecordTable';
import { UserSelect } from '../../components/UserSelect';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { localToIso, nowLocal } from './RecordLink';
import { TaskList } from './TaskList';
import { type LinkType, useActivities, useCreateTask, useLogActivity, useTasks } from './useActivities';

type ActivityType = (typeof activityTypes)[number];
export const activityIcon = { call: IconPhone, email: IconMail, meeting: IconCalendarEvent, note: IconNote };

function ActivityForm({ entityType, entityId }: { entityType: LinkType; entityId: string }) {
  const { t } = useTranslation();
  const log = useLogActivity();
  const [type, setType] = useState<ActivityType>('call');
  const [subject, setSubject] = useState('');
  const [summary, setSummary] = useState('');
  const [at, setAt] = useState(nowLocal);
  const [duration, setDuration] = useState<number | string>('');
  const errors = isApiError(log.error) ? log.error.fieldErrors() : {};
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        log.mutate(
          {
            type,
            subject,
            summary: summary.trim() || null,
            occurredAt: localToIso(at) ?? undefined,
            durationMinutes: duration === '' ? null : Number(duration),
            entityType,
            entityId,
          },
          {
            onSuccess: () => {
              setSubject('');
              setSummary('');
              setDuration('');
              setAt(nowLocal());
              notifySuccess(t('activities.logged'));
            },
            onError: (err) => notifyError(t, err),
          },
        );
      }}
    >
      <Stack gap="xs">
        <SegmentedControl
          size="xs"
          value={type}
          onChange={(v) => setType(v as ActivityType)}
          data={activityTypes.map((a) => ({ value: a, label: t(`activities.type.${a}`) }))}
          aria-label={t('activities.typeLabel')}
          w="fit-content"
        />
        <TextInput
          label={t('activities.subject')}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          required
          maxLength={200}
          error={errors.subject}
        />
        <Textarea
          label={t('activities.summary')}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={8}
        />
        <SimpleGrid cols={2}>
          <TextInput
            type="datetime-local"
            label={t('activities.when')}
            value={at}
            onChange={(e) => setAt(e.currentTarget.value)}
            error={errors.occurredAt}
          />
          <NumberInput
            label={t('activities.duration')}
            value={duration}
            onChange={setDuration}
            min={0}
            max={1440}
            suffix={` ${t('activities.minutes')}`}
            error={errors.durationMinutes}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" size="sm" loading={log.isPending} disabled={!subject.trim()}>
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
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(me.id);
  const [due, setDue] = useState('');
  const [remind, setRemind] = useState('');
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          {
            title,
            dueAt: localToIso(due),
            remindAt: localToIso(remind),
            ...(ownerId && { ownerId }),
            entityType,
            entityId,
          },
          {
            onSuccess: () => {
              setTitle('');
              setDue('');
              setRemind('');
              notifySuccess(t('tasks.created'));
            },
            onError: (err) => notifyError(t, err),
          },
        );
      }}
    >
      <Stack gap="xs">
        <TextInput
          label={t('tasks.titleLabel')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
          maxLength={200}
          error={errors.title}
        />
        <UserSelect label={t('common.owner')} value={ownerId} onChange={setOwnerId} error={errors.ownerId} />
        <SimpleGrid cols={2}>
          <TextInput
            type="datetime-local"
            label={t('tasks.dueLabel')}
            value={due}
            onChange={(e) => setDue(e.currentTarget.value)}
            error={errors.dueAt}
          />
          <TextInput
            type="datetime-local"
            label={t('tasks.remindLabel')}
            value={remind}
            onChange={(e) => setRemind(e.currentTarget.value)}
            error={errors.remindAt}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" size="sm" loading={create.isPending} disabled={!title.trim()}>
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
