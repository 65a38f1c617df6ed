import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { can, type Meeting } from '@nenner/shared';
import { IconArrowLeft, IconCalendarDown, IconPencil } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteButton } from '../../components/DeleteButton';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordTable } from '../../components/RecordTable';
import { formatDateTime, formatPercent } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { MeetingEditModal } from './MeetingEditModal';
import { CadenceText, MeetingParticipants, MeetingWarnings, OccurrenceStatusBadge } from './MeetingParts';
import { agendaMinutes } from './meetingFormat';
import { OccurrenceActions } from './OccurrenceActions';
import { useDeleteMeeting, useFollowThrough, useMeeting, useOccurrences } from './useMeetings';

export function MeetingDetail({ id }: { id: string }) {
  const meeting = useMeeting(id);
  if (meeting.isPending) return <DetailSkeleton />;
  if (meeting.isError) return <DetailError error={meeting.error} />;
  return <MeetingView meeting={meeting.data} onReload={() => void meeting.refetch()} />;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** The next occurrences with their status; participants move or cancel one, everyone opens one. */
function Occurrences({ meeting, editable }: { meeting: Meeting; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const occurrences = useOccurrences(meeting.id);
  const at = (iso: string) => formatDateTime(iso, i18n.language, meeting.timeZone);
  const now = Date.now();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="meeting-occurrences-title">
      <Title order={2} size="h4" id="meeting-occurrences-title">
        {t('meetings.occurrences')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('meetings.occurrencesHint')}
      </Text>
      <RecordTable
        list={{
          rows: occurrences.data ?? [],
          isPending: occurrences.isPending,
          isError: occurrences.isError,
          error: occurrences.error,
        }}
        rowKey={(o) => o.id}
        testId="occurrence-table"
        minWidth={640}
        empty={t('meetings.noOccurrences')}
        columns={[
          {
            key: 'when',
            header: t('meetings.when'),
            cell: (o) => (
              <Stack gap={0}>
                {o.status === 'cancelled' ? (
                  <Text size="sm" td="line-through" c="dimmed">
                    {at(o.startsAt)}
                  </Text>
                ) : (
                  <Link
                    to="/occurrences/$occurrenceId"
                    params={{ occurrenceId: o.id }}
                    className="nenner-link"
                    aria-label={t('meetings.openOccurrence', { date: at(o.startsAt) })}
                  >
                    {at(o.startsAt)}
                  </Link>
                )}
                {o.moved && (
                  <Text size="xs" c="dimmed">
                    {t('meetings.movedFrom', { date: at(o.originalStartsAt) })}
                  </Text>
                )}
              </Stack>
            ),
          },
          { key: 'status', header: t('meetings.status'), cell: (o) => <OccurrenceStatusBadge status={o.status} /> },
          {
            key: 'actions',
            header: '',
            align: 'right',
            cell: (o) =>
              editable &&
              (o.status === 'cancelled' || o.status === 'planned') &&
              Date.parse(o.startsAt) > now && (
                <OccurrenceActions
                  occurrence={o}
                  timeZone={meeting.timeZone}
                  onReload={() => void occurrences.refetch()}
                />
              ),
          },
        ]}
      />
    </Paper>
  );
}

/** Follow-through: how the action items agreed in the series went. */
function FollowThroughFact({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const f = useFollowThrough(id).data;
  if (!f) return <Text c="dimmed">–</Text>;
  if (f.total === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('meetings.noFollowThrough')}
      </Text>
    );
  return (
    <Stack gap={0} data-testid="meeting-follow-through">
      <Text size="sm" fw={600}>
        {f.onTimeRate === null
          ? t('meetings.followThroughNoneDue')
          : t('meetings.followThroughRate', { rate: formatPercent(f.onTimeRate / 100, i18n.language) })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('meetings.followThroughCounts', {
          onTime: f.doneOnTime,
          late: f.doneLate,
          open: f.open,
          overdue: f.overdue,
        })}
      </Text>
    </Stack>
  );
}

/** Eine Abstimmung: its rule, people and agenda, the calendar file, and the next occurrences. */
function MeetingView({ meeting, onReload }: { meeting: Meeting; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const remove = useDeleteMeeting(meeting.id);
  const [editing, setEditing] = useState(false);
  const editable = can(me, 'meetings.edit', { ownerIds: meeting.participants.map((p) => p.id) });
  return (
    <>
      <Stack gap={6} mb="lg">
        <Anchor component={Link} to="/meetings" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden />
            {t('meetings.title')}
          </Group>
        </Anchor>
        <Group justify="space-between" align="flex-start">
          <Title order={1} size="h2">
            {meeting.title}
          </Title>
          <Group gap="xs">
            <Button
              component="a"
              href={`/api/meetings/${meeting.id}/invite.ics`}
              download={`${meeting.title}.ics`}
              variant="default"
              leftSection={<IconCalendarDown size={16} aria-hidden />}
              data-testid="meeting-invite"
            >
              {t('meetings.invite')}
            </Button>
            {editable && (
              <>
                <Button
                  variant="light"
                  leftSection={<IconPencil size={16} aria-hidden />}
                  onClick={() => setEditing(true)}
                  data-testid="meeting-edit"
                >
                  {t('common.edit')}
                </Button>
                <DeleteButton
                  texts={{
                    title: 'meetings.deleteTitle',
                    confirm: 'meetings.deleteConfirm',
                    action: 'meetings.deleteAction',
                  }}
                  testId="meeting-delete"
                  name={meeting.title}
                  loading={remove.isPending}
                  onConfirm={() =>
                    remove.mutate(undefined, {
                      onSuccess: () => {
                        notifySuccess(t('meetings.deleted'));
                        void navigate({ to: '/meetings' });
                      },
                      onError: (e) => notifyError(t, e),
                    })
                  }
                />
              </>
            )}
          </Group>
        </Group>
        <Group gap="sm">
          <Text size="sm" c="dimmed" data-testid="meeting-cadence-words">
            <CadenceText meeting={meeting} />
          </Text>
          <MeetingWarnings warnings={meeting.warnings} />
        </Group>
      </Stack>
      <Stack gap="lg">
        <Paper withBorder p="md" component="section" aria-label={t('meetings.details')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
            <Fact label={t('meetings.next')}>
              {meeting.nextStartsAt
                ? formatDateTime(meeting.nextStartsAt, i18n.language, meeting.timeZone)
                : t('meetings.noNext')}
            </Fact>
            <Fact label={t('meetings.duration')}>
              {t('meetings.durationValue', { minutes: meeting.durationMinutes })} ·{' '}
              {t('meetings.timeZone', { zone: meeting.timeZone })}
            </Fact>
            <Fact label={t('meetings.location')}>
              {meeting.location ? (
                /^https?:\/\//.test(meeting.location) ? (
                  <Anchor href={meeting.location} target="_blank" rel="noopener noreferrer" size="sm">
                    {meeting.location}
                  </Anchor>
                ) : (
                  meeting.location
                )
              ) : (
                <Text span c="dimmed" size="sm">
                  {t('meetings.noLocation')}
                </Text>
              )}
            </Fact>
            <Fact label={t('meetings.followThrough')}>
              <FollowThroughFact id={meeting.id} />
            </Fact>
            <Fact label={t('meetings.agendaTemplate')}>
              {meeting.agendaTemplate.map((s) => t(`meetings.section.${s.section}`)).join(' · ')} (
              {t('meetings.durationValue', { minutes: agendaMinutes(meeting.agendaTemplate) })})
            </Fact>
          </SimpleGrid>
          <Stack gap={4} mt="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('meetings.participants')}
            </Text>
            <MeetingParticipants people={meeting.participants} hostId={meeting.host.id} />
          </Stack>
        </Paper>
        <Occurrences meeting={meeting} editable={editable} />
      </Stack>
      {editing && (
        <MeetingEditModal
          key={meeting.version}
          meeting={meeting}
          onClose={() => setEditing(false)}
          onReload={onReload}
        />
      )}
    </>
  );
}
