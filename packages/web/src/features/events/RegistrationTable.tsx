import { Anchor, Button, Group, Modal, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { can, type Event, type Registration, type RegistrationStatus } from '@nenner/shared';
import { IconUserCheck, IconUserX } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar, SearchBox } from '../../components/ListControls';
import { notifySuccess } from '../../components/notify';
import { RecordTable } from '../../components/RecordTable';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { RegistrationStatusBadge } from './EventParts';
import { eventErrorMessage } from './eventErrors';
import { registrantName, registrationStatusOrder } from './eventFormat';
import { useCancelRegistration, useCheckin, useRegistrations } from './useEvents';

/** Asks before cancelling for a guest: their seat goes to the first on the waiting list at once. */
function CancelGuestModal({
  event,
  registration,
  onClose,
}: {
  event: Event;
  registration: Registration;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const cancel = useCancelRegistration(event.id);
  const name = registrantName(registration);
  return (
    <Modal opened onClose={onClose} title={t('events.cancelGuestTitle')} centered>
      <Stack>
        <Text size="sm">
          {registration.status === 'waitlisted'
            ? t('events.cancelGuestWaitlisted', { name })
            : t('events.cancelGuestConfirm', { name })}
        </Text>
        {cancel.isError && (
          <Text c="red" size="sm" role="alert">
            {eventErrorMessage(t, cancel.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.back')}
          </Button>
          <Button
            color="red"
            loading={cancel.isPending}
            data-testid="registration-cancel-confirm"
            onClick={() =>
              cancel.mutate(registration.id, {
                onSuccess: () => {
                  notifySuccess(t('events.cancelledGuest', { name }));
                  onClose();
                },
              })
            }
          >
            {t('events.cancelGuestAction')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Anmeldungen: everyone who registered, in order of arrival, with status chips; staff cancel for a guest or check someone in. */
export function RegistrationTable({ event }: { event: Event }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [status, setStatus] = useState('');
  const list = useRegistrations(event.id, {
    q: q || undefined,
    status: (status || undefined) as RegistrationStatus | undefined,
  });
  const checkin = useCheckin(event.id);
  const [cancelling, setCancelling] = useState<Registration | null>(null);
  const staff = can(me, 'events.checkin');
  const live = event.status !== 'done' && event.status !== 'cancelled';
  const countOf: Record<RegistrationStatus, number> = {
    confirmed: event.counts.confirmed,
    waitlisted: event.counts.waitlisted,
    cancelled: event.counts.cancelled,
    attended: event.counts.attended,
    no_show: event.counts.noShow,
  };
  const markAttended = (r: Registration) =>
    checkin.mutate(r.id, {
      onSuccess: () => notifySuccess(t('events.checkin.done', { name: registrantName(r) })),
      onError: (e) => notifications.show({ color: 'red', message: eventErrorMessage(t, e) }),
    });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="event-registrations-title">
      <Title order={2} size="h4" id="event-registrations-title" mb="sm">
        {t('events.registrations')}
      </Title>
      <FilterBar
        active={Boolean(search || status)}
        count={status ? 1 : 0}
        onClear={() => {
          setSearch('');
          setStatus('');
        }}
      >
        <SearchBox value={search} onChange={setSearch} placeholder={t('events.checkin.searchPlaceholder')} />
        <Select
          label={t('events.fields.status')}
          data={[
            { value: '', label: t('common.all') },
            ...registrationStatusOrder.map((s) => ({
              value: s,
              label: `${t(`events.registrationStatus.${s}`)} (${countOf[s]})`,
            })),
          ]}
          value={status}
          onChange={(v) => setStatus(v ?? '')}
          allowDeselect={false}
          w={{ base: '100%', sm: 220 }}
          data-testid="registration-filter-status"
        />
      </FilterBar>
      <RecordTable
        list={list}
        rowKey={(r) => r.id}
        testId="registration-table"
        minWidth={900}
        empty={search || status ? t('common.noResults') : t('events.noRegistrations')}
        rowProps={(r) => ({ 'data-testid': `registration-${r.email}` })}
        columns={[
          {
            key: 'name',
            header: t('events.person'),
            cell: (r) => (
              <Stack gap={0}>
                <Anchor
                  size="sm"
                  renderRoot={(props) => (
                    <Link to="/contacts/$contactId" params={{ contactId: r.contactId }} {...props} />
                  )}
                >
                  {registrantName(r)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {r.email}
                </Text>
              </Stack>
            ),
          },
          {
            key: 'company',
            header: t('events.company'),
            cell: (r) =>
              r.account ? (
                <Stack gap={0}>
                  <Anchor
                    size="sm"
                    renderRoot={(props) => (
                      <Link to="/accounts/$accountId" params={{ accountId: r.account?.id ?? '' }} {...props} />
                    )}
                  >
                    {r.account.name}
                  </Anchor>
                  {r.account.owner && (
                    <Text size="xs" c="dimmed">
                      {t('events.accountOwner', { name: r.account.owner.name })}
                    </Text>
                  )}
                </Stack>
              ) : (
                <Text size="sm">{r.company ?? '–'}</Text>
              ),
          },
          {
            key: 'status',
            header: t('events.fields.status'),
            cell: (r) => <RegistrationStatusBadge status={r.status} position={r.waitlistPosition} />,
          },
          {
            key: 'invitedBy',
            header: t('events.invitedBy'),
            cell: (r) => <Text size="sm">{r.invitedBy?.name ?? '–'}</Text>,
          },
          {
            key: 'registeredAt',
            header: t('events.registeredAt'),
            cell: (r) => (
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(r.registeredAt, i18n.language, me.timeZone)}
              </Text>
            ),
          },
          staff && {
            key: 'actions',
            header: '',
            align: 'right',
            cell: (r) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                {r.status === 'confirmed' && event.status !== 'cancelled' && (
                  <Button
                    size="compact-sm"
                    variant="light"
                    leftSection={<IconUserCheck size={14} aria-hidden />}
                    loading={checkin.isPending && checkin.variables === r.id}
                    onClick={() => markAttended(r)}
                    data-testid="registration-checkin"
                  >
                    {t('events.checkin.mark')}
                  </Button>
                )}
                {live && (r.status === 'confirmed' || r.status === 'waitlisted') && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    leftSection={<IconUserX size={14} aria-hidden />}
                    onClick={() => setCancelling(r)}
                    data-testid="registration-cancel"
                  >
                    {t('events.cancelGuest')}
                  </Button>
                )}
              </Group>
            ),
          },
        ]}
      />
      {cancelling && <CancelGuestModal event={event} registration={cancelling} onClose={() => setCancelling(null)} />}
    </Paper>
  );
}
