import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { Meeting, OccurrenceStatus, UserRef } from '@nenner/shared';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { wholeBadge } from '../goals/GoalParts';
import { cadenceInWords, timeOfLocal } from './meetingFormat';

/** The series' rule in words, e.g. „wöchentlich, montags 09:00“. */
export function CadenceText({ meeting }: { meeting: Pick<Meeting, 'cadence' | 'weekday' | 'nth' | 'localStart'> }) {
  const { t } = useTranslation();
  return (
    <>
      {cadenceInWords(t, {
        cadence: meeting.cadence,
        weekday: meeting.weekday,
        nth: meeting.nth,
        time: timeOfLocal(meeting.localStart),
      })}
    </>
  );
}

/** The participants by name, each with their department; the host marked. */
export function MeetingParticipants({ people, hostId }: { people: readonly UserRef[]; hostId?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      {people.map((p) => (
        <Group key={p.id} gap={4} wrap="nowrap">
          <Text size="sm">
            {p.name}
            {p.id === hostId && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({t('meetings.host')})
              </Text>
            )}
          </Text>
          <DepartmentBadge department={p.department} size="xs" style={wholeBadge} />
        </Group>
      ))}
    </Group>
  );
}

/** A warning badge per problem of the series (e.g. marketing or sales missing), with its explanation. */
export function MeetingWarnings({ warnings }: { warnings: Meeting['warnings'] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <Group gap={4}>
      {warnings.map((w) => (
        <Tooltip key={w} label={t(`meetings.warning.${w}Hint`)} multiline w={280} withArrow>
          <Badge
            color="orange"
            variant="light"
            size="sm"
            leftSection={<IconAlertTriangle size={12} aria-hidden />}
            style={wholeBadge}
            data-testid={`meeting-warning-${w}`}
          >
            {t(`meetings.warning.${w}`)}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

const statusColor: Record<OccurrenceStatus, string> = {
  planned: 'blue',
  running: 'teal',
  closed: 'gray',
  cancelled: 'red',
};

export function OccurrenceStatusBadge({ status, size = 'sm' }: { status: OccurrenceStatus; size?: 'sm' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" size={size} style={wholeBadge} data-testid="occurrence-status">
      {t(`meetings.statusName.${status}`)}
    </Badge>
  );
}
