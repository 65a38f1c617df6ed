import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import type { Event, EventStatus, RegistrationStatus } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { eventStatusColor, registrationStatusColor, seatColor, seatSummary } from './eventFormat';

export function EventStatusBadge({ status }: { status: EventStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={eventStatusColor[status]} variant="light" data-testid="event-status-badge">
      {t(`events.status.${status}`)}
    </Badge>
  );
}

/** A registration's status as a chip; waitlisted ones show their place in the queue. */
export function RegistrationStatusBadge({
  status,
  position,
  size = 'sm',
}: {
  status: RegistrationStatus;
  position?: number | null;
  size?: 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation();
  return (
    <Badge
      color={registrationStatusColor[status]}
      variant={status === 'attended' ? 'filled' : 'light'}
      size={size}
      style={{ flexShrink: 0 }}
      data-testid="registration-status"
      data-status={status}
    >
      {status === 'waitlisted' && position
        ? t('events.registrationStatusPlace', { place: position })
        : t(`events.registrationStatus.${status}`)}
    </Badge>
  );
}

/** Seats taken of capacity as a bar, with the waiting list beside it. */
export function SeatBar({ event, compact = false }: { event: Event; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const s = seatSummary(event);
  const lng = i18n.language;
  return (
    <Stack gap={4} miw={compact ? 140 : 200} data-testid="event-seats">
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {t('events.seats', { taken: formatNumber(s.taken, lng), capacity: formatNumber(s.capacity, lng) })}
        </Text>
        {s.waitlisted > 0 && (
          <Text size="xs" c="yellow" style={{ whiteSpace: 'nowrap' }} data-testid="event-waitlisted">
            {t('events.waitlistedCount', { count: s.waitlisted, n: formatNumber(s.waitlisted, lng) })}
          </Text>
        )}
      </Group>
      <Progress
        value={s.share * 100}
        color={seatColor(s)}
        size={compact ? 'sm' : 'md'}
        aria-label={t('events.seatsLabel', { taken: s.taken, capacity: s.capacity })}
      />
      {!compact && (
        <Text size="xs" c="dimmed">
          {s.full
            ? s.queueing
              ? t('events.fullWaitlist')
              : t('events.fullNoWaitlist')
            : t('events.seatsLeft', { count: s.left, n: formatNumber(s.left, lng) })}
        </Text>
      )}
    </Stack>
  );
}
