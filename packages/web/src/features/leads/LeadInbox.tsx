import { Alert, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { can, type Handoff } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { useMe } from '../auth/useAuth';
import { HandoffCard } from './HandoffCard';
import { useHandoffs } from './useLeads';

const byDue = (a: Handoff, b: Handoff) => (a.slaDueAt < b.slaDueAt ? -1 : a.slaDueAt > b.slaDueAt ? 1 : 0);

function Queue({
  title,
  items,
  pending,
  error,
  empty,
}: {
  title?: string;
  items: Handoff[];
  pending: boolean;
  error: unknown;
  empty: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      {title && (
        <Title order={2} size="h4">
          {title}
        </Title>
      )}
      {error ? (
        <Alert color="red" role="alert">
          {errorMessage(t, error)}
        </Alert>
      ) : pending ? (
        <TableSkeleton rows={3} />
      ) : items.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0}>
          {items.map((h) => (
            <HandoffCard key={h.id} handoff={h} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** Sales' working list: open and accepted leads, the most urgent first; admins also see the fallback queue. */
export function LeadInbox() {
  const { t } = useTranslation();
  const me = useMe();
  const [scope, setScope] = useState(me.department === 'sales' ? 'me' : 'all');
  const assignee = scope === 'me' ? 'me' : undefined;
  const open = useHandoffs({ status: 'open', assignee });
  const accepted = useHandoffs({ status: 'accepted', assignee });
  // the fallback queue (leads no rule routed) is the admins' to hand out; no policy of its own yet
  const seesFallback = can(me, 'settings.admin');
  const fallback = useHandoffs({ status: 'open', assignee: 'none' }, seesFallback);
  const items = [...(open.data?.pages ?? []), ...(accepted.data?.pages ?? [])].flatMap((p) => p.items).sort(byDue);
  const breached = items.filter((h) => h.breached && !h.respondedAt).length;
  const unassigned = fallback.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('leads.inboxIntro')}
        </Text>
        <SegmentedControl
          size="xs"
          value={scope}
          onChange={setScope}
          aria-label={t('leads.scope')}
          data={[
            { value: 'me', label: t('leads.mine') },
            { value: 'all', label: t('leads.allTeams') },
          ]}
        />
      </Group>
      {breached > 0 && (
        <Alert color="red" variant="light" role="status">
          {t('leads.breachedCount', { count: breached })}
        </Alert>
      )}
      <Queue
        items={items}
        pending={open.isPending || accepted.isPending}
        error={open.error ?? accepted.error}
        empty={scope === 'me' ? t('leads.inboxEmpty') : t('leads.inboxEmptyAll')}
      />
      {seesFallback && (
        <Queue
          title={t('leads.fallbackQueue')}
          items={[...unassigned].sort(byDue)}
          pending={fallback.isPending}
          error={fallback.error}
          empty={t('leads.fallbackEmpty')}
        />
      )}
    </Stack>
  );
}
