import { Alert, Button, Grid, Group, Modal, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { can, type OccurrenceDetail as Detail, type UserRef } from '@nenner/shared';
import { IconArrowLeft, IconLock, IconPlayerPlay, IconRefresh, IconSend } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { FormProblem } from '../../components/form/FormProblem';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime, toIntlLocale } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { MeetingParticipants, OccurrenceStatusBadge } from './MeetingParts';
import { zonedTime } from './meetingFormat';
import { OccurrenceAgenda } from './OccurrenceAgenda';
import { ActionItemsPanel, DecisionsPanel } from './OccurrenceMinutes';
import { useMeeting, useOccurrence } from './useMeetings';
import { type OccurrenceWrites, useOccurrenceWrites } from './useOccurrence';

export function OccurrenceDetail({ id }: { id: string }) {
  const occurrence = useOccurrence(id);
  if (occurrence.isPending) return <DetailSkeleton />;
  if (occurrence.isError) return <DetailError error={occurrence.error} />;
  return <OccurrenceView occurrence={occurrence.data} />;
}

/** „Abschließen“ after a confirmation: the minutes go to every participant. */
function CloseButton({ writes }: { writes: OccurrenceWrites }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const close = writes.close;
  return (
    <>
      <Button
        color="teal"
        leftSection={<IconSend size={16} aria-hidden />}
        onClick={() => setOpen(true)}
        data-testid="occurrence-close"
      >
        {t('meetings.close')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('meetings.closeTitle')}>
        <Text mb="lg">{t('meetings.closeConfirm')}</Text>
        <FormProblem problem={close.error} alert />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            color="teal"
            loading={close.isPending}
            data-autofocus
            data-testid="occurrence-close-confirm"
            onClick={() =>
              close.mutate(undefined, {
                onSuccess: () => {
                  notifySuccess(t('meetings.closedDone'));
                  setOpen(false);
                },
              })
            }
          >
            {t('meetings.closeAction')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

/** What participants do with the meeting itself: refresh the agenda and start (before), close (during). */
function CourseActions({ occurrence, writes }: { occurrence: Detail; writes: OccurrenceWrites }) {
  const { t } = useTranslation();
  if (occurrence.status === 'planned') {
    return (
      <Group gap="xs">
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          loading={writes.refreshAgenda.isPending}
          onClick={() =>
            writes.refreshAgenda.mutate(undefined, {
              onSuccess: () => notifySuccess(t('meetings.refreshed')),
              onError: (e) => notifyError(t, e),
            })
          }
          data-testid="occurrence-refresh"
        >
          {t('meetings.refresh')}
        </Button>
        <Button
          leftSection={<IconPlayerPlay size={16} aria-hidden />}
          loading={writes.start.isPending}
          onClick={() =>
            writes.start.mutate(undefined, {
              onSuccess: () => notifySuccess(t('meetings.startedDone')),
              onError: (e) => notifyError(t, e),
            })
          }
          data-testid="occurrence-start"
        >
          {t('meetings.start')}
        </Button>
      </Group>
    );
  }
  if (occurrence.status === 'running') return <CloseButton writes={writes} />;
  return null;
}

/** A participant's rating of the meeting (1–10) while it runs, and the mean of everyone's. */
function Rating({
  occurrence,
  meId,
  canRate,
  writes,
}: {
  occurrence: Detail;
  meId: string;
  canRate: boolean;
  writes: OccurrenceWrites;
}) {
  const { t, i18n } = useTranslation();
  const mine = occurrence.ratings.find((r) => r.userId === meId)?.rating;
  if (!canRate && occurrence.averageRating === null) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="occurrence-rating-title">
      <Title order={2} size="h4" id="occurrence-rating-title" mb={4}>
        {t('meetings.rating')}
      </Title>
      {canRate && (
        <Stack gap={4} mb="xs">
          <Text size="sm" c="dimmed" id="occurrence-rating-hint">
            {t('meetings.ratingHint')}
          </Text>
          <SegmentedControl
            aria-labelledby="occurrence-rating-hint"
            data={Array.from({ length: 10 }, (_, i) => String(i + 1))}
            value={mine ? String(mine) : ''}
            onChange={(v) => writes.rate.mutate(Number(v), { onError: (e) => notifyError(t, e) })}
            disabled={writes.rate.isPending}
            data-testid="occurrence-rating"
          />
        </Stack>
      )}
      {occurrence.averageRating !== null && (
        <Text size="sm" data-testid="occurrence-average-rating">
          {t('meetings.averageRating', {
            value: new Intl.NumberFormat(toIntlLocale(i18n.language), { maximumFractionDigits: 1 }).format(
              occurrence.averageRating,
            ),
            count: occurrence.ratings.length,
          })}
        </Text>
      )}
    </Paper>
  );
}

/** Where the meeting is: agenda live until the start, frozen from it, read-only once closed. */
function CourseNote({ occurrence }: { occurrence: Detail }) {
  const { t, i18n } = useTranslation();
  const at = (iso: string) => formatDateTime(iso, i18n.language, occurrence.timeZone);
  if (occurrence.status === 'closed') {
    return (
      <Alert color="gray" icon={<IconLock size={18} aria-hidden />} data-testid="occurrence-closed-note">
        {t('meetings.closedNote', { date: occurrence.closedAt ? at(occurrence.closedAt) : '–' })}
      </Alert>
    );
  }
  if (occurrence.status === 'cancelled') {
    return <Alert color="red">{t('meetings.cancelledNote')}</Alert>;
  }
  if (occurrence.frozen) {
    return (
      <Alert color="teal" icon={<IconLock size={18} aria-hidden />} data-testid="occurrence-frozen-note">
        {t('meetings.frozenNote', { date: occurrence.startedAt ? at(occurrence.startedAt) : '–' })}
      </Alert>
    );
  }
  return (
    <Text size="sm" c="dimmed" data-testid="occurrence-live-note">
      {occurrence.generatedAt
        ? t('meetings.liveNote', { date: at(occurrence.generatedAt) })
        : t('meetings.liveNoteNew')}
    </Text>
  );
}

/** Ein Termin: the agenda with its time boxes, the decisions and action items, the meeting's course. */
function OccurrenceView({ occurrence }: { occurrence: Detail }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const series = useMeeting(occurrence.seriesId);
  const writes = useOccurrenceWrites(occurrence.id);
  const participants: readonly UserRef[] = series.data?.participants ?? [];
  const participant =
    series.data !== undefined && can(me, 'meetings.edit', { ownerIds: participants.map((p) => p.id) });
  const open = occurrence.status === 'planned' || occurrence.status === 'running';
  const editable = participant && open;
  const running = occurrence.status === 'running';
  const at = (iso: string) => formatDateTime(iso, i18n.language, occurrence.timeZone);
  return (
    <>
      <Stack gap={6} mb="lg">
        <Text size="sm">
          <Link to="/meetings/$seriesId" params={{ seriesId: occurrence.seriesId }} className="nenner-link">
            <Group gap={4} component="span">
              <IconArrowLeft size={14} aria-hidden />
              {occurrence.title}
            </Group>
          </Link>
        </Text>
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={1} size="h2">
              {t('meetings.occurrenceTitle', { title: occurrence.title, date: at(occurrence.startsAt) })}
            </Title>
            <Group gap="sm">
              <OccurrenceStatusBadge status={occurrence.status} />
              <Text size="sm" c="dimmed">
                {zonedTime(occurrence.startsAt, occurrence.timeZone)}–
                {zonedTime(occurrence.endsAt, occurrence.timeZone)} · {occurrence.timeZone}
                {occurrence.location && ` · ${occurrence.location}`}
              </Text>
              {occurrence.windowFrom && (
                <Text size="sm" c="dimmed" data-testid="occurrence-window">
                  {t('meetings.windowSince', { date: at(occurrence.windowFrom) })}
                </Text>
              )}
            </Group>
          </Stack>
          {editable && <CourseActions occurrence={occurrence} writes={writes} />}
        </Group>
        <MeetingParticipants people={participants} hostId={series.data?.host.id} />
      </Stack>
      <Stack gap="lg">
        <CourseNote occurrence={occurrence} />
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <OccurrenceAgenda occurrence={occurrence} editable={editable} participants={participants} writes={writes} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="lg">
              <DecisionsPanel occurrence={occurrence} canWrite={editable && running} writes={writes} />
              <ActionItemsPanel occurrence={occurrence} canWrite={editable && running} writes={writes} />
              <Rating
                occurrence={occurrence}
                meId={me.id}
                canRate={running && can(me, 'meetings.rate', { ownerIds: participants.map((p) => p.id) })}
                writes={writes}
              />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
