import { Badge, Button, Group, MultiSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { CreateDecisionInput, OccurrenceDetail, RecordLink } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OwnerName } from '../../components/DepartmentBadge';
import { DateTimeField } from '../../components/fields';
import { FormProblem } from '../../components/form/FormProblem';
import { UserSelect } from '../../components/UserSelect';
import { formatDateTime } from '../../i18n/format';
import { wholeBadge } from '../goals/GoalParts';
import { RecordRefs } from './RecordRefLink';
import type { OccurrenceWrites } from './useOccurrence';

/** The records a decision or action item may name (the contract's), and which of the agenda's refs are such. */
type Ref = NonNullable<CreateDecisionInput['refs']>[number];
const refTypes = new Set<string>(['account', 'contact', 'deal', 'campaign'] satisfies Ref['type'][]);
const isRef = (r: RecordLink): r is Ref => refTypes.has(r.type);

/** The records of the agenda, each once, as choices for what a decision or action item concerns. */
const refOptions = (o: OccurrenceDetail): { value: string; label: string }[] => {
  const seen = new Map<string, string>();
  for (const item of o.agenda) {
    if (item.dropped) continue;
    for (const r of item.refs.filter(isRef)) {
      const key = `${r.type}:${r.id}`;
      if (!seen.has(key)) seen.set(key, item.refs.length === 1 ? item.title : `${item.title} (${seen.size + 1})`);
    }
  }
  return [...seen].map(([value, label]) => ({ value, label }));
};
const toRefs = (keys: readonly string[]): Ref[] =>
  keys.map((k) => {
    const [type, id] = k.split(':') as [Ref['type'], string];
    return { type, id };
  });

/** „Beschluss festhalten“: the text and, optionally, the records of the agenda it concerns. */
function AddDecision({ occurrence, writes }: { occurrence: OccurrenceDetail; writes: OccurrenceWrites }) {
  const { t } = useTranslation();
  const add = writes.addDecision;
  const [text, setText] = useState('');
  const [refs, setRefs] = useState<string[]>([]);
  const options = refOptions(occurrence);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(
          { text: text.trim(), ...(refs.length > 0 && { refs: toRefs(refs) }) },
          {
            onSuccess: () => {
              setText('');
              setRefs([]);
            },
          },
        );
      }}
    >
      <Stack gap={6}>
        <Textarea
          label={t('meetings.newDecision')}
          autosize
          minRows={2}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-testid="decision-text"
        />
        {options.length > 0 && (
          <MultiSelect
            label={t('meetings.concerns')}
            placeholder={t('meetings.concernsPlaceholder')}
            data={options}
            value={refs}
            onChange={setRefs}
            searchable
            clearable
            maxValues={20}
            nothingFoundMessage={t('common.noResults')}
          />
        )}
        <FormProblem problem={add.error} />
        <Button
          type="submit"
          leftSection={<IconPlus size={16} aria-hidden />}
          disabled={!text.trim()}
          loading={add.isPending}
          style={{ alignSelf: 'flex-start' }}
          data-testid="decision-add"
        >
          {t('meetings.addDecision')}
        </Button>
      </Stack>
    </form>
  );
}

/** „Aufgabe vereinbaren“: a task with owner and due time (wall time in the meeting's zone), in "My tasks". */
function AddActionItem({ occurrence, writes }: { occurrence: OccurrenceDetail; writes: OccurrenceWrites }) {
  const { t } = useTranslation();
  const add = writes.addActionItem;
  // a week after the meeting, at its time: the usual "until next time"
  const defaultDue = new Date(Date.parse(occurrence.startsAt) + 7 * 86_400_000).toISOString();
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [due, setDue] = useState(defaultDue);
  const [own, setOwn] = useState<Record<string, string>>({});
  const [refs, setRefs] = useState<string[]>([]);
  const options = refOptions(occurrence);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const dueAt = due || null;
        const issues: Record<string, string> = {};
        if (!title.trim()) issues.title = t('meetings.errors.titleRequired');
        if (!ownerId) issues.ownerId = t('meetings.errors.ownerRequired');
        if (!dueAt) issues.dueAt = t('meetings.errors.startRequired');
        setOwn(issues);
        if (!ownerId || !dueAt || Object.keys(issues).length > 0) return;
        add.mutate(
          { title: title.trim(), ownerId, dueAt, ...(refs.length > 0 && { refs: toRefs(refs) }) },
          {
            onSuccess: () => {
              setTitle('');
              setOwnerId(null);
              setDue(defaultDue);
              setRefs([]);
            },
          },
        );
      }}
    >
      <Stack gap={6}>
        <TextInput
          label={t('meetings.actionItemTitle')}
          maxLength={300}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={own.title}
          data-testid="action-item-title"
        />
        <Group grow align="flex-start">
          <div data-testid="action-item-owner">
            <UserSelect
              label={t('meetings.actionItemOwner')}
              value={ownerId}
              onChange={setOwnerId}
              error={own.ownerId}
            />
          </div>
          <DateTimeField
            label={t('meetings.actionItemDue')}
            description={t('meetings.timeZone', { zone: occurrence.timeZone })}
            timeZone={occurrence.timeZone}
            value={due}
            onChange={setDue}
            error={own.dueAt}
            data-testid="action-item-due"
          />
        </Group>
        {options.length > 0 && (
          <MultiSelect
            label={t('meetings.concerns')}
            placeholder={t('meetings.concernsPlaceholder')}
            data={options}
            value={refs}
            onChange={setRefs}
            searchable
            clearable
            maxValues={20}
            nothingFoundMessage={t('common.noResults')}
          />
        )}
        <FormProblem problem={add.error} />
        <Button
          type="submit"
          leftSection={<IconPlus size={16} aria-hidden />}
          loading={add.isPending}
          style={{ alignSelf: 'flex-start' }}
          data-testid="action-item-add"
        >
          {t('meetings.addActionItem')}
        </Button>
      </Stack>
    </form>
  );
}

/** The decisions of the meeting; participants write them down while it runs. */
export function DecisionsPanel({
  occurrence,
  canWrite,
  writes,
}: {
  occurrence: OccurrenceDetail;
  canWrite: boolean;
  writes: OccurrenceWrites;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="occurrence-decisions-title">
      <Title order={2} size="h4" id="occurrence-decisions-title" mb="sm">
        {t('meetings.decisions')}
      </Title>
      <Stack gap="sm">
        {occurrence.decisions.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('meetings.noDecisions')}
          </Text>
        )}
        {occurrence.decisions.map((d) => (
          <Paper key={d.id} withBorder p="sm" data-testid="decision">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {d.text}
            </Text>
            <Group gap={4} mt={4}>
              <RecordRefs refs={d.refs} />
              <Text size="xs" c="dimmed">
                {d.createdBy.name} · {formatDateTime(d.createdAt, i18n.language, occurrence.timeZone)}
              </Text>
            </Group>
          </Paper>
        ))}
        {canWrite && <AddDecision occurrence={occurrence} writes={writes} />}
      </Stack>
    </Paper>
  );
}

/** The action items agreed in the meeting (tasks of their owners); participants agree them while it runs. */
export function ActionItemsPanel({
  occurrence,
  canWrite,
  writes,
}: {
  occurrence: OccurrenceDetail;
  canWrite: boolean;
  writes: OccurrenceWrites;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="occurrence-action-items-title">
      <Title order={2} size="h4" id="occurrence-action-items-title" mb={4}>
        {t('meetings.actionItems')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('meetings.actionItemsHint')}
      </Text>
      <Stack gap="sm">
        {occurrence.actionItems.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('meetings.noActionItems')}
          </Text>
        )}
        {occurrence.actionItems.map((a) => (
          <Paper key={a.taskId} withBorder p="sm" data-testid="action-item">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2}>
                <Text size="sm" fw={600}>
                  {a.title}
                </Text>
                <Group gap="xs">
                  <OwnerName owner={a.owner} />
                  {a.dueAt && (
                    <Text size="xs" c="dimmed">
                      {t('meetings.dueAt', { date: formatDateTime(a.dueAt, i18n.language, occurrence.timeZone) })}
                    </Text>
                  )}
                  <RecordRefs refs={a.refs} />
                </Group>
              </Stack>
              <Badge variant="light" color={a.completedAt ? 'teal' : 'blue'} size="sm" style={wholeBadge}>
                {a.completedAt ? t('meetings.actionItemDone') : t('meetings.actionItemOpen')}
              </Badge>
            </Group>
          </Paper>
        ))}
        {canWrite && <AddActionItem occurrence={occurrence} writes={writes} />}
      </Stack>
    </Paper>
  );
}
