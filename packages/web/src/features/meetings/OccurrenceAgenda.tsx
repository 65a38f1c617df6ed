import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  type AgendaItem,
  agendaSections,
  type CreateAgendaItemInput,
  type OccurrenceDetail,
  type UserRef,
} from '@nenner/shared';
import { IconArrowBackUp, IconArrowDown, IconArrowUp, IconNote, IconPlus, IconX } from '@tabler/icons-react';
import DOMPurify from 'dompurify';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { FormProblem } from '../../components/form/FormProblem';
import { notifyError } from '../../components/notify';
import { closeReasonLabel, useCloseReasons } from '../deals/useDeals';
import { reasonLabel, useRejectReasons } from '../leads/useLeads';
import { type AgendaGroup, groupAgenda, neighbourPosition } from './agenda';
import { type Fact, type FactContext, itemFacts, itemTitle, namedRefs } from './agendaFacts';
import { zonedTime } from './meetingFormat';
import { RecordRefLink, RecordRefs } from './RecordRefLink';
import type { OccurrenceWrites } from './useOccurrence';

/** The server renders and sanitizes the notes' markdown; the browser sanitizes again before showing it. */
const safeHtml = (html: string): string => DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });

interface ItemProps {
  item: AgendaItem;
  facts: FactContext;
  group: readonly AgendaItem[];
  index: number;
  /** The item may be changed: a participant, and the meeting not closed. */
  editable: boolean;
  participants: readonly UserRef[];
  writes: OccurrenceWrites;
}

/** The figures and words of a generated item, as they were when the agenda was generated. */
function ItemFacts({ facts }: { facts: Fact[] }) {
  if (facts.length === 0) return null;
  return (
    <Group gap={6} data-testid="agenda-item-facts">
      {facts.map((f) => (
        <Badge
          key={f.key}
          variant="light"
          color={f.tone === 'bad' ? 'red' : f.tone === 'good' ? 'teal' : 'gray'}
          size="sm"
          tt="none"
          fw={500}
        >
          {f.text}
        </Badge>
      ))}
    </Group>
  );
}

/** The notes of an item: shown rendered; a participant writes them in markdown. */
function ItemNotes({
  item,
  title,
  editable,
  writes,
}: Pick<ItemProps, 'item' | 'editable' | 'writes'> & { title: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const save = writes.updateItem;
  return (
    <Stack gap={4}>
      {item.notesHtml && draft === null && (
        <Box
          className="nenner-html"
          fz="sm"
          data-testid="agenda-item-notes"
          dangerouslySetInnerHTML={{ __html: safeHtml(item.notesHtml) }}
        />
      )}
      {editable && draft === null && (
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconNote size={14} aria-hidden />}
          onClick={() => setDraft(item.notes ?? '')}
          style={{ alignSelf: 'flex-start' }}
          aria-label={t('meetings.notesFor', { title })}
          data-testid="agenda-item-notes-edit"
        >
          {item.notes ? t('meetings.editNotes') : t('meetings.addNotes')}
        </Button>
      )}
      {draft !== null && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(
              { itemId: item.id, body: { notes: draft.trim() || null } },
              { onSuccess: () => setDraft(null), onError: (err) => notifyError(t, err) },
            );
          }}
        >
          <Stack gap={6}>
            <Textarea
              label={t('meetings.notes')}
              description={t('meetings.markdownHint')}
              autosize
              minRows={3}
              maxLength={20_000}
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              data-autofocus
              data-testid="agenda-item-notes-input"
            />
            <Group gap="xs" justify="flex-end">
              <Button size="xs" variant="default" onClick={() => setDraft(null)}>
                {t('common.cancel')}
              </Button>
              <Button size="xs" type="submit" loading={save.isPending} data-testid="agenda-item-notes-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** One agenda item: its title and records, figures, presenter, notes; participants reorder, drop or take it back. */
function AgendaItemRow({ item, facts, group, index, editable, participants, writes }: ItemProps) {
  const { t } = useTranslation();
  const refs = namedRefs(item);
  const update = writes.updateItem;
  const patch = (body: Parameters<typeof update.mutate>[0]['body']) =>
    update.mutate({ itemId: item.id, body }, { onError: (e) => notifyError(t, e) });
  const move = (by: -1 | 1) => {
    const position = neighbourPosition(group, index, by);
    if (position !== null) patch({ position });
  };
  // one record without a name of its own: the title is its link; named records (a group's leads) link by name
  const single = refs.length === 1 && !refs[0]?.name ? refs[0] : undefined;
  const name = itemTitle(item, facts);
  const presenter = participants.find((p) => p.id === item.presenterId);
  const title = (
    <Text fw={600} size="sm" td={item.dropped ? 'line-through' : undefined} c={item.dropped ? 'dimmed' : undefined}>
      {single ? <RecordRefLink refTo={single}>{name}</RecordRefLink> : name}
    </Text>
  );
  return (
    <Paper withBorder p="sm" data-testid="agenda-item" data-item-id={item.id} data-kind={item.kind}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6}>
            {title}
            {item.generated === false && (
              <Badge size="xs" variant="light" color="grape">
                {t('meetings.topic')}
              </Badge>
            )}
            {item.dropped && (
              <Badge size="xs" variant="light" color="gray">
                {t('meetings.dropped')}
              </Badge>
            )}
          </Group>
          {!item.dropped && <ItemFacts facts={itemFacts(item, facts)} />}
          {!single && refs.length > 0 && (
            <Group gap={4}>
              <RecordRefs refs={refs} />
            </Group>
          )}
          {editable && !item.dropped ? (
            <Select
              aria-label={t('meetings.presenterFor', { title: name })}
              placeholder={t('meetings.noPresenter')}
              data={participants.map((p) => ({ value: p.id, label: p.name }))}
              value={item.presenterId ?? null}
              onChange={(v) => patch({ presenterId: v })}
              clearable
              size="xs"
              w={240}
              leftSection={
                <Text size="xs" c="dimmed" pl={4}>
                  {t('meetings.presenterShort')}
                </Text>
              }
              leftSectionWidth={80}
              data-testid="agenda-item-presenter"
            />
          ) : (
            presenter && (
              <Text size="xs" c="dimmed">
                {t('meetings.presentedBy', { name: presenter.name })}
              </Text>
            )
          )}
          {!item.dropped && <ItemNotes item={item} title={name} editable={editable} writes={writes} />}
        </Stack>
        {editable && (
          <Group gap={2} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              aria-label={t('meetings.moveItemUp', { title: name })}
              disabled={index === 0 || update.isPending}
              onClick={() => move(-1)}
            >
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              aria-label={t('meetings.moveItemDown', { title: name })}
              disabled={index === group.length - 1 || update.isPending}
              onClick={() => move(1)}
            >
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
            {item.generated !== false &&
              (item.dropped ? (
                <Tooltip label={t('meetings.restoreItem')}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('meetings.restoreItemTitle', { title: name })}
                    onClick={() => patch({ dropped: false })}
                  >
                    <IconArrowBackUp size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              ) : (
                <Tooltip label={t('meetings.dropItem')}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('meetings.dropItemTitle', { title: name })}
                    onClick={() => patch({ dropped: true })}
                    data-testid="agenda-item-drop"
                  >
                    <IconX size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              ))}
          </Group>
        )}
      </Group>
    </Paper>
  );
}

/** A section's heading with its time box, e.g. „Lead-Übergabe · 15 Min. · 09:10–09:25“. */
function SectionHeading({ group, timeZone }: { group: AgendaGroup; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="baseline">
      <Title order={3} size="h5">
        {t(`meetings.section.${group.section}`, { defaultValue: group.section })}
      </Title>
      {group.minutes !== null && group.startsAt && group.endsAt && (
        <Text size="xs" c="dimmed" data-testid="agenda-time-box">
          {t('meetings.durationValue', { minutes: group.minutes })} · {zonedTime(group.startsAt, timeZone)}–
          {zonedTime(group.endsAt, timeZone)}
        </Text>
      )}
    </Group>
  );
}

type TopicSection = NonNullable<CreateAgendaItemInput['section']>;

/** „Thema hinzufügen“: a participant's own item, in a section of their choice (default: other topics). */
function AddTopic({ writes, participants }: { writes: OccurrenceWrites; participants: readonly UserRef[] }) {
  const { t } = useTranslation();
  const add = writes.addItem;
  const [title, setTitle] = useState('');
  const [section, setSection] = useState<TopicSection>('topics');
  const [presenterId, setPresenterId] = useState<string | null>(null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(
          {
            title: title.trim(),
            section,
            ...(presenterId && { presenterId }),
          },
          {
            onSuccess: () => {
              setTitle('');
              setPresenterId(null);
            },
          },
        );
      }}
    >
      <Stack gap={6}>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            label={t('meetings.addTopic')}
            placeholder={t('meetings.topicPlaceholder')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            maxLength={300}
            style={{ flex: 1, minWidth: 240 }}
            data-testid="agenda-topic-title"
          />
          <Select
            label={t('meetings.topicSection')}
            data={[...agendaSections, 'topics'].map((s) => ({ value: s, label: t(`meetings.section.${s}`) }))}
            value={section}
            onChange={(v) => setSection((v ?? 'topics') as TopicSection)}
            allowDeselect={false}
            w={220}
          />
          <Select
            label={t('meetings.presenter')}
            placeholder={t('meetings.noPresenter')}
            data={participants.map((p) => ({ value: p.id, label: p.name }))}
            value={presenterId}
            onChange={setPresenterId}
            clearable
            w={200}
          />
          <Button
            type="submit"
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={!title.trim()}
            loading={add.isPending}
            data-testid="agenda-topic-add"
          >
            {t('meetings.addTopicButton')}
          </Button>
        </Group>
        <FormProblem problem={add.error} />
      </Stack>
    </form>
  );
}

/** The agenda by section with its time boxes; participants shape it until the meeting is closed. */
export function OccurrenceAgenda({
  occurrence,
  editable,
  participants,
  writes,
}: {
  occurrence: OccurrenceDetail;
  editable: boolean;
  participants: readonly UserRef[];
  writes: OccurrenceWrites;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const rejectReasons = useRejectReasons();
  const closeReasons = useCloseReasons();
  const facts: FactContext = {
    t,
    lng,
    timeZone: occurrence.timeZone,
    rejectReason: (key) => reasonLabel(rejectReasons.data?.value, key, lng),
    closeReason: (key, outcome) => closeReasonLabel(closeReasons.data?.value, key, outcome, lng),
  };
  const groups = groupAgenda(occurrence);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="occurrence-agenda-title">
      <Title order={2} size="h4" id="occurrence-agenda-title" mb="sm">
        {t('meetings.agenda')}
      </Title>
      <Stack gap="lg">
        {groups.map((g) => (
          <Stack key={g.section} gap="xs" data-testid={`agenda-section-${g.section}`}>
            <SectionHeading group={g} timeZone={occurrence.timeZone} />
            {g.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('meetings.sectionEmpty')}
              </Text>
            ) : (
              g.items.map((item, i) => (
                <AgendaItemRow
                  key={item.id}
                  item={item}
                  facts={facts}
                  group={g.items}
                  index={i}
                  editable={editable}
                  participants={participants}
                  writes={writes}
                />
              ))
            )}
          </Stack>
        ))}
        {groups.length === 0 && <EmptyState>{t('meetings.agendaEmpty')}</EmptyState>}
        {editable && <AddTopic writes={writes} participants={participants} />}
      </Stack>
    </Paper>
  );
}
