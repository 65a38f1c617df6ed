import { Alert, Anchor, Button, Card, Group, Loader, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { can, type Event, type Registration } from '@nenner/shared';
import { IconArrowLeft, IconCircleCheck, IconSearch, IconUserCheck } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { formatNumber, toIntlLocale } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { checkinList, checkinProgress, findRegistration } from './checkin';
import { RegistrationStatusBadge } from './EventParts';
import { eventErrorMessage } from './eventErrors';
import { registrantName } from './eventFormat';
import { useCheckin, useEvent, useRegistration, useRegistrations } from './useEvents';

/** The door list loads in pages of 200 up to this many people; beyond that the search asks the server. */
const LOAD_ALL_UP_TO = 5000;

/** One person at the door: a big card, a big button, one tap. */
function PersonCard({
  r,
  event,
  highlighted,
  onCheckin,
  pending,
}: {
  r: Registration;
  event: Event;
  highlighted: boolean;
  /** Absent for someone who may only look (a viewer). */
  onCheckin?: (r: Registration) => void;
  pending: boolean;
}) {
  const { t, i18n } = useTranslation();
  const name = registrantName(r);
  const company = r.account?.name ?? r.company;
  const at = r.checkedInAt
    ? new Intl.DateTimeFormat(toIntlLocale(i18n.language), { timeStyle: 'short', timeZone: event.timeZone }).format(
        new Date(r.checkedInAt),
      )
    : null;
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      data-testid="checkin-person"
      data-status={r.status}
      style={highlighted ? { borderColor: 'var(--mantine-color-indigo-6)', borderWidth: 2 } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fz="lg" fw={700} style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Text>
            {company && (
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {company}
              </Text>
            )}
          </Stack>
          {/* a checked-in person says so below, in words */}
          {r.status !== 'attended' && (
            <RegistrationStatusBadge status={r.status} position={r.waitlistPosition} size="md" />
          )}
        </Group>
        {r.status === 'confirmed' && !onCheckin ? (
          <Text c="dimmed">{t('events.checkin.expected')}</Text>
        ) : r.status === 'confirmed' ? (
          <Button
            size="xl"
            fullWidth
            h={60}
            color="teal"
            leftSection={<IconUserCheck size={24} aria-hidden />}
            loading={pending}
            onClick={() => onCheckin?.(r)}
            aria-label={t('events.checkin.markName', { name })}
            data-testid="checkin-mark"
          >
            {t('events.checkin.mark')}
          </Button>
        ) : r.status === 'attended' ? (
          <Group gap={6} c="indigo.7" data-testid="checkin-done">
            <IconCircleCheck size={22} aria-hidden />
            <Text fw={600}>
              {at ? t('events.checkin.doneAt', { time: at }) : t('events.registrationStatus.attended')}
            </Text>
          </Group>
        ) : (
          <Alert color="orange" p="xs">
            {t('events.checkin.noPlace')}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/**
 * Check-in at the door, made for a phone: search by name or company, one tap marks a person attended.
 * Opened from a registration's QR code (`?registration=<id>`) it shows that person first.
 */
export function CheckinPage({ id, registrationId }: { id: string; registrationId?: string }) {
  const event = useEvent(id);
  if (event.isPending) return <DetailSkeleton />;
  if (event.isError) return <DetailError error={event.error} />;
  return <CheckinView event={event.data} registrationId={registrationId} />;
}

function CheckinView({ event, registrationId }: { event: Event; registrationId?: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const [search, setSearch] = useState('');
  const q = search.trim();
  const all = useRegistrations(event.id, {}, { pageSize: 200, refetchInterval: 30_000 });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = all;
  const complete = !hasNextPage;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && all.rows.length < LOAD_ALL_UP_TO) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, all.rows.length]);
  // a very large event: the search asks the server for what is not loaded
  const remote = useRegistrations(event.id, { q }, { pageSize: 50, enabled: !complete && q.length >= 2 });
  const rows =
    complete || q.length < 2
      ? all.rows
      : [...all.rows, ...remote.rows.filter((r) => !all.rows.some((x) => x.id === r.id))];
  // what was just tapped shows as attended at once, before the list is read again
  const [tapped, setTapped] = useState<Map<string, string>>(new Map());
  const seen = rows.map((r) =>
    r.status === 'confirmed' && tapped.has(r.id)
      ? { ...r, status: 'attended' as const, checkedInAt: tapped.get(r.id) ?? null }
      : r,
  );
  const checkin = useCheckin(event.id);
  const onCheckin = (r: Registration) =>
    checkin.mutate(r.id, {
      onSuccess: (done) => {
        setTapped((m) => new Map(m).set(r.id, done.checkedInAt ?? new Date().toISOString()));
        notifications.show({
          color: 'teal',
          message: t('events.checkin.done', { name: registrantName(r) }),
          autoClose: 2000,
        });
      },
      onError: (e) => notifications.show({ color: 'red', message: eventErrorMessage(t, e) }),
    });
  // a code whose person is not among the loaded (a very large event) is read on its own
  const loaded = complete || all.rows.length >= LOAD_ALL_UP_TO;
  const inList = findRegistration(seen, registrationId);
  const direct = useRegistration(event.id, registrationId ?? '', !!registrationId && !inList && loaded);
  const directRow =
    direct.data && direct.data.status === 'confirmed' && tapped.has(direct.data.id)
      ? { ...direct.data, status: 'attended' as const, checkedInAt: tapped.get(direct.data.id) ?? null }
      : direct.data;
  const opened = inList ?? directRow;
  const list = checkinList(seen, q).filter((r) => r.id !== opened?.id);
  const progress = checkinProgress(seen);
  const mayCheckin = can(me, 'events.checkin');
  const pendingId = checkin.isPending ? checkin.variables : undefined;
  return (
    <Stack gap="md" maw={560} mx="auto" data-testid="checkin-page">
      <Anchor
        size="sm"
        renderRoot={(props) => <Link to="/events/$eventId" params={{ eventId: event.id }} {...props} />}
      >
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {event.title}
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Title order={1} size="h3">
          {t('events.checkin.title')}
        </Title>
        <Text size="sm" fw={600} data-testid="checkin-progress">
          {t('events.checkin.progress', {
            attended: formatNumber(progress.attended, lng),
            expected: formatNumber(progress.expected, lng),
          })}
        </Text>
        <Progress
          value={progress.expected > 0 ? (progress.attended / progress.expected) * 100 : 0}
          color="indigo"
          size="lg"
          aria-hidden
        />
      </Stack>
      {!mayCheckin && <Alert color="gray">{t('events.checkin.readOnly')}</Alert>}
      {registrationId && !opened && loaded && !all.isPending && direct.isError && (
        <Alert color="orange" data-testid="checkin-not-found">
          {t('events.checkin.notFound')}
        </Alert>
      )}
      {opened && (
        <Stack gap={4} data-testid="checkin-opened">
          <Text size="xs" tt="uppercase" fw={700} c="indigo.7">
            {t('events.checkin.fromCode')}
          </Text>
          <PersonCard
            r={opened}
            event={event}
            highlighted
            onCheckin={mayCheckin ? onCheckin : undefined}
            pending={pendingId === opened.id}
          />
        </Stack>
      )}
      <TextInput
        type="search"
        size="lg"
        aria-label={t('events.checkin.search')}
        placeholder={t('events.checkin.searchPlaceholder')}
        leftSection={<IconSearch size={20} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        autoComplete="off"
        data-testid="checkin-search"
      />
      {all.isError ? (
        <Alert color="red" role="alert">
          {eventErrorMessage(t, all.error)}
        </Alert>
      ) : all.isPending ? (
        <Group justify="center" p="lg">
          <Loader />
        </Group>
      ) : list.length === 0 ? (
        <Text c="dimmed" ta="center" p="lg">
          {q ? t('events.checkin.nobodyFound') : t('events.checkin.nobody')}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="checkin-list">
          {list.slice(0, 100).map((r) => (
            <PersonCard
              key={r.id}
              r={r}
              event={event}
              highlighted={false}
              onCheckin={mayCheckin ? onCheckin : undefined}
              pending={pendingId === r.id}
            />
          ))}
          {list.length > 100 && (
            <Text size="sm" c="dimmed" ta="center">
              {t('events.checkin.more', { count: list.length - 100 })}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
