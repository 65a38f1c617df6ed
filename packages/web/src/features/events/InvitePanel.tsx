import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type Contact, contract, type Event, type InvitationsResult } from '@nenner/shared';
import { IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePagedList } from '../../api/endpoints';
import { AccountSelect } from '../../components/AccountSelect';
import { SearchBox } from '../../components/ListControls';
import { RecordList } from '../../components/RecordTable';
import { useMe } from '../auth/useAuth';
import { contactName } from '../contacts/contactForm';
import { eventErrorMessage } from './eventErrors';
import { type InviteSource, invitableIds, toggleAll } from './invitations';
import { useInvitations, useInvite } from './useEvents';

/** The answer to a send: who got an invitation, and who was skipped and why. */
export function InviteResult({ result }: { result: InvitationsResult }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="invite-result">
      <Alert color={result.sent.length > 0 ? 'teal' : 'gray'} data-testid="invite-sent">
        {t('events.invite.sent', { count: result.sent.length })}
        {result.sent.length > 0 && (
          <List size="sm" mt={4}>
            {result.sent.map((s) => (
              <List.Item key={s.contactId}>
                {s.name || s.email} · {s.email}
              </List.Item>
            ))}
          </List>
        )}
      </Alert>
      {result.skipped.length > 0 && (
        <Alert
          color="orange"
          title={t('events.invite.skipped', { count: result.skipped.length })}
          data-testid="invite-skipped"
        >
          <List size="sm">
            {result.skipped.map((s) => (
              <List.Item key={s.contactId} data-testid="invite-skipped-item">
                {s.name || s.email || t('common.unknown')}: {t(`events.invite.reason.${s.reason}`)}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}

/**
 * Einladen (sales): pick contacts (your own customers first, or one account's, or anyone by search), add
 * a personal line, send. Each gets an email in your name with a personal registration link.
 */
export function InvitePanel({ event }: { event: Event }) {
  const { t } = useTranslation();
  const me = useMe();
  const [source, setSource] = useState<InviteSource>('mine');
  const [accountId, setAccountId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [result, setResult] = useState<InvitationsResult | null>(null);
  const invite = useInvite(event.id);
  const mine = useInvitations(event.id, me.id);
  const query =
    source === 'mine'
      ? { accountOwnerId: me.id }
      : source === 'account'
        ? { accountId: accountId ?? undefined }
        : { q: q || undefined };
  const enabled = source === 'mine' || (source === 'account' ? Boolean(accountId) : q.length >= 2);
  const contacts = usePagedList(contract.listContacts, { query }, { enabled, pageSize: 100, keepPrevious: true });
  const invited = new Set(mine.rows.map((i) => i.contact.id));
  const shown = enabled ? contacts.rows : [];
  const selectable = invitableIds(shown, invited);
  const open = event.status === 'open' && event.registrationOpen;

  const send = () =>
    invite.mutate(
      { contactIds: picked, ...(message.trim() && { message: message.trim() }) },
      {
        onSuccess: (r) => {
          setResult(r);
          setPicked([]);
        },
      },
    );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="event-invite-title">
      <Title order={2} size="h4" id="event-invite-title">
        {t('events.invite.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('events.invite.intro')}
      </Text>
      {!open ? (
        <Alert color="gray">{t('events.invite.closed')}</Alert>
      ) : (
        <Stack>
          <Group align="flex-end" wrap="wrap">
            <SegmentedControl
              data={[
                { value: 'mine', label: t('events.invite.sourceMine') },
                { value: 'account', label: t('events.invite.sourceAccount') },
                { value: 'search', label: t('events.invite.sourceSearch') },
              ]}
              value={source}
              onChange={(v) => setSource(v as InviteSource)}
              data-testid="invite-source"
            />
            {source === 'account' && <AccountSelect value={accountId} onChange={(id) => setAccountId(id)} />}
            {source === 'search' && (
              <SearchBox value={search} onChange={setSearch} placeholder={t('contact.searchPlaceholder')} />
            )}
          </Group>
          {enabled ? (
            <RecordList
              list={contacts}
              empty={source === 'mine' ? t('events.invite.noOwnContacts') : t('common.noResults')}
              skeletonRows={3}
            >
              {(rows) => (
                <Table.ScrollContainer minWidth={640}>
                  <Table verticalSpacing="xs" data-testid="invite-contacts" highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={40}>
                          <Checkbox
                            aria-label={t('events.invite.pickAll')}
                            checked={selectable.length > 0 && selectable.every((id) => picked.includes(id))}
                            indeterminate={picked.length > 0 && !selectable.every((id) => picked.includes(id))}
                            onChange={() => setPicked(toggleAll(picked, selectable))}
                          />
                        </Table.Th>
                        <Table.Th>{t('events.person')}</Table.Th>
                        <Table.Th>{t('events.company')}</Table.Th>
                        <Table.Th>{t('events.invite.note')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rows.map((c: Contact) => {
                        const already = invited.has(c.id);
                        const name = contactName(c, t('contact.noName'));
                        return (
                          <Table.Tr key={c.id} data-testid="invite-contact">
                            <Table.Td>
                              <Checkbox
                                aria-label={t('events.invite.pick', { name })}
                                checked={picked.includes(c.id)}
                                disabled={already}
                                onChange={(e) =>
                                  setPicked(
                                    e.currentTarget.checked ? [...picked, c.id] : picked.filter((id) => id !== c.id),
                                  )
                                }
                              />
                            </Table.Td>
                            <Table.Td>
                              <Text size="sm">{name}</Text>
                              <Text size="xs" c="dimmed">
                                {c.emails[0] ?? t('events.invite.reason.no_email')}
                              </Text>
                            </Table.Td>
                            <Table.Td>
                              <Text size="sm">{c.account?.name ?? '–'}</Text>
                            </Table.Td>
                            <Table.Td>
                              {already ? (
                                <Badge color="teal" variant="light">
                                  {t('events.invite.alreadyInvited')}
                                </Badge>
                              ) : c.consentStatus !== 'confirmed' ? (
                                <Badge color="gray" variant="light">
                                  {t('events.invite.noConsent')}
                                </Badge>
                              ) : null}
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </RecordList>
          ) : (
            <Text size="sm" c="dimmed">
              {source === 'account' ? t('events.invite.pickAccount') : t('events.invite.typeToSearch')}
            </Text>
          )}
          <Textarea
            label={t('events.invite.message')}
            description={t('events.invite.messageHint')}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            data-testid="invite-message"
          />
          {invite.isError && (
            <Text c="red" size="sm" role="alert">
              {eventErrorMessage(t, invite.error)}
            </Text>
          )}
          <Group justify="space-between">
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('events.invite.picked', { count: picked.length })}
            </Text>
            <Button
              leftSection={<IconMailForward size={16} aria-hidden />}
              disabled={picked.length === 0}
              loading={invite.isPending}
              onClick={send}
              data-testid="invite-send"
            >
              {t('events.invite.send', { count: picked.length })}
            </Button>
          </Group>
          {result && <InviteResult result={result} />}
        </Stack>
      )}
    </Paper>
  );
}
