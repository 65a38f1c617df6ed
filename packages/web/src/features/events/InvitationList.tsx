import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import type { Event } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '../../components/ListControls';
import { RecordTable } from '../../components/RecordTable';
import { UserSelect } from '../../components/UserSelect';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { RegistrationStatusBadge } from './EventParts';
import { useInvitations } from './useEvents';

/** Einladungsliste: who was invited by which rep, and who registered; newest first. */
export function InvitationList({ event }: { event: Event }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [repId, setRepId] = useState<string | null>(null);
  const list = useInvitations(event.id, repId ?? undefined);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="event-invitations-title">
      <Title order={2} size="h4" id="event-invitations-title">
        {t('events.invitations.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('events.invitations.intro', { count: event.invitations })}
      </Text>
      <FilterBar active={repId !== null} count={repId === null ? 0 : 1} onClear={() => setRepId(null)}>
        <div style={{ minWidth: 240 }}>
          <UserSelect
            label={t('events.invitedBy')}
            value={repId}
            onChange={setRepId}
            placeholder={t('events.invitations.allReps')}
          />
        </div>
      </FilterBar>
      <RecordTable
        list={list}
        rowKey={(i) => i.id}
        testId="invitation-table"
        minWidth={760}
        empty={repId ? t('common.noResults') : t('events.invitations.empty')}
        columns={[
          {
            key: 'contact',
            header: t('events.person'),
            cell: (i) => (
              <Stack gap={0}>
                <Anchor
                  size="sm"
                  renderRoot={(props) => (
                    <Link to="/contacts/$contactId" params={{ contactId: i.contact.id }} {...props} />
                  )}
                >
                  {i.contact.name || i.contact.email}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {i.contact.email}
                </Text>
              </Stack>
            ),
          },
          {
            key: 'account',
            header: t('events.company'),
            cell: (i) =>
              i.contact.account ? (
                <Anchor
                  size="sm"
                  renderRoot={(props) => (
                    <Link to="/accounts/$accountId" params={{ accountId: i.contact.account?.id ?? '' }} {...props} />
                  )}
                >
                  {i.contact.account.name}
                </Anchor>
              ) : (
                <Text size="sm">–</Text>
              ),
          },
          { key: 'rep', header: t('events.invitedBy'), cell: (i) => <Text size="sm">{i.invitedBy.name}</Text> },
          {
            key: 'sentAt',
            header: t('events.invitations.sentAt'),
            cell: (i) => (
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(i.sentAt, i18n.language, me.timeZone)}
              </Text>
            ),
          },
          {
            key: 'registration',
            header: t('events.invitations.registration'),
            cell: (i) =>
              i.registration ? (
                <RegistrationStatusBadge status={i.registration.status} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('events.invitations.notYet')}
                </Text>
              ),
          },
        ]}
      />
    </Paper>
  );
}
