import { Alert, Anchor, Box, Button, Group, Modal, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { can, type Event } from '@nenner/shared';
import { IconArrowLeft, IconBan, IconDoorEnter, IconFlagCheck, IconPencil } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import DOMPurify from 'dompurify';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteButton } from '../../components/DeleteButton';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { EventEditModal } from './EventEditModal';
import { EventStatusBadge, SeatBar } from './EventParts';
import { EventReportPanel } from './EventReport';
import { EventShare } from './EventShare';
import { eventErrorMessage } from './eventErrors';
import { canBeClosed, eventWhen, foreignZone } from './eventFormat';
import { type EventTab, eventTabs } from './eventTabs';
import { InvitationList } from './InvitationList';
import { InvitePanel } from './InvitePanel';
import { RegistrationTable } from './RegistrationTable';
import { useCloseEvent, useDeleteEvent, useEvent, useUpdateEvent } from './useEvents';

const safeHtml = (html: string): string => DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });

export function EventDetail({ id, tab }: { id: string; tab?: EventTab }) {
  const event = useEvent(id);
  if (event.isPending) return <DetailSkeleton />;
  if (event.isError) return <DetailError error={event.error} />;
  return <EventView event={event.data} tab={tab ?? 'registrations'} onReload={() => void event.refetch()} />;
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

/** Closing after the event: no-shows are marked and account owners get their follow-up tasks. */
function CloseEventButton({ event }: { event: Event }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const closeEvent = useCloseEvent(event.id);
  return (
    <>
      <Button
        variant="light"
        color="indigo"
        leftSection={<IconFlagCheck size={16} aria-hidden />}
        onClick={open}
        data-testid="event-close"
      >
        {t('events.close.action')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('events.close.title')} centered>
        <Stack>
          <Text size="sm">{t('events.close.explain', { count: event.counts.confirmed })}</Text>
          {closeEvent.isError && (
            <Text c="red" size="sm" role="alert">
              {eventErrorMessage(t, closeEvent.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="indigo"
              loading={closeEvent.isPending}
              data-testid="event-close-confirm"
              onClick={() =>
                closeEvent.mutate(undefined, {
                  onSuccess: (r) => {
                    notifySuccess(t('events.close.done', { noShows: r.noShows, tasks: r.tasks, routed: r.routed }));
                    close();
                  },
                })
              }
            >
              {t('events.close.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Calling the event off: everyone registered gets a cancellation for their calendar. */
function CancelEventButton({ event }: { event: Event }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const update = useUpdateEvent(event.id);
  const registered = event.counts.confirmed + event.counts.waitlisted;
  return (
    <>
      <Button
        variant="subtle"
        color="red"
        leftSection={<IconBan size={16} aria-hidden />}
        onClick={open}
        data-testid="event-cancel"
      >
        {t('events.cancelEvent.action')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('events.cancelEvent.title')} centered>
        <Stack>
          <Text size="sm">{t('events.cancelEvent.explain', { count: registered })}</Text>
          {update.isError && (
            <Text c="red" size="sm" role="alert">
              {eventErrorMessage(t, update.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.back')}
            </Button>
            <Button
              color="red"
              loading={update.isPending}
              data-testid="event-cancel-confirm"
              onClick={() =>
                update.mutate(
                  { input: { status: 'cancelled' }, version: event.version },
                  {
                    onSuccess: () => {
                      notifySuccess(t('events.cancelEvent.done'));
                      close();
                    },
                  },
                )
              }
            >
              {t('events.cancelEvent.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Eine Veranstaltung: facts and seats, then registrations, invitations, report and the public link. */
function EventView({ event, tab, onReload }: { event: Event; tab: EventTab; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const navigate = useNavigate();
  const remove = useDeleteEvent(event.id);
  const [editing, setEditing] = useState(false);
  const manage = can(me, 'events.manage');
  const staff = can(me, 'events.checkin');
  const zone = foreignZone(event, me.timeZone);
  const anyone = Object.values(event.counts).some((n) => n > 0);
  const live = event.status !== 'done' && event.status !== 'cancelled';
  const setTab = (next: string | null) =>
    void navigate({
      to: '/events/$eventId',
      params: { eventId: event.id },
      search: next && next !== 'registrations' ? { tab: next as EventTab } : {},
      replace: true,
    });
  return (
    <>
      <Stack gap={6} mb="lg">
        <Anchor component={Link} to="/events" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden />
            {t('events.title')}
          </Group>
        </Anchor>
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={1} size="h2">
                {event.title}
              </Title>
              <EventStatusBadge status={event.status} />
            </Group>
            <Text size="sm" c="dimmed" data-testid="event-when">
              {t(`events.type.${event.type}`)} · {eventWhen(event, lng)}
              {zone && ` · ${t('events.zoneNote', { zone })}`}
            </Text>
          </Stack>
          <Group gap="xs">
            {staff && live && event.status !== 'draft' && (
              <Button
                renderRoot={(props) => <Link to="/events/$eventId/checkin" params={{ eventId: event.id }} {...props} />}
                leftSection={<IconDoorEnter size={16} aria-hidden />}
                data-testid="event-checkin"
              >
                {t('events.checkin.open')}
              </Button>
            )}
            {manage && live && (
              <Button
                variant="light"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => setEditing(true)}
                data-testid="event-edit"
              >
                {t('common.edit')}
              </Button>
            )}
            {manage && canBeClosed(event) && <CloseEventButton event={event} />}
            {manage && live && event.status !== 'draft' && <CancelEventButton event={event} />}
            {manage && !anyone && (
              <DeleteButton
                texts={{ title: 'events.deleteTitle', confirm: 'events.deleteConfirm', action: 'events.deleteAction' }}
                testId="event-delete"
                name={event.title}
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => {
                      notifySuccess(t('events.deleted'));
                      void navigate({ to: '/events' });
                    },
                    onError: (e) => notifyError(t, e),
                  })
                }
              />
            )}
          </Group>
        </Group>
      </Stack>
      <Stack gap="lg">
        {event.status === 'cancelled' && <Alert color="red">{t('events.cancelledNote')}</Alert>}
        {event.status === 'draft' && <Alert color="gray">{t('events.draftNote')}</Alert>}
        <Paper withBorder p="md" component="section" aria-label={t('events.details')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <Fact label={t('events.seatsHeader')}>
              <SeatBar event={event} />
            </Fact>
            <Fact label={t('events.fields.where')}>
              {event.venue || event.onlineUrl ? (
                <Stack gap={2}>
                  {event.venue && <span>{event.venue}</span>}
                  {event.onlineUrl && (
                    <Anchor href={event.onlineUrl} target="_blank" rel="noopener noreferrer" size="sm">
                      {event.onlineUrl}
                    </Anchor>
                  )}
                </Stack>
              ) : (
                <Text span c="dimmed" size="sm">
                  {t('events.noPlace')}
                </Text>
              )}
            </Fact>
            <Fact label={t('events.fields.deadline')}>
              {formatDateTime(event.registrationDeadline, lng, event.timeZone)}
              <Text size="xs" c="dimmed">
                {event.registrationOpen ? t('events.registrationOpen') : t('events.registrationClosed')}
              </Text>
            </Fact>
            <Fact label={t('events.fields.campaign')}>
              <Anchor
                size="sm"
                renderRoot={(props) => (
                  <Link to="/campaigns/$campaignId" params={{ campaignId: event.campaign.id }} {...props} />
                )}
              >
                {event.campaign.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[event.owner?.name, event.team?.name].filter(Boolean).join(' · ') || '–'}
              </Text>
            </Fact>
          </SimpleGrid>
          {event.descriptionHtml && (
            <Box
              mt="md"
              className="nenner-html"
              fz="sm"
              data-testid="event-description-html"
              dangerouslySetInnerHTML={{ __html: safeHtml(event.descriptionHtml) }}
            />
          )}
        </Paper>
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            {eventTabs.map((x) => (
              <Tabs.Tab key={x} value={x} data-testid={`event-tab-${x}`}>
                {t(`events.tabs.${x}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="registrations">
            <RegistrationTable event={event} />
          </Tabs.Panel>
          <Tabs.Panel value="invitations">
            <Stack gap="lg">
              {can(me, 'events.invite') && <InvitePanel event={event} />}
              <InvitationList event={event} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="report">
            <EventReportPanel event={event} />
          </Tabs.Panel>
          <Tabs.Panel value="share">
            <EventShare event={event} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
      {editing && (
        <EventEditModal key={event.version} event={event} onClose={() => setEditing(false)} onReload={onReload} />
      )}
    </>
  );
}
