import { Alert, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { can, type Handoff } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordList, type TableList } from '../../components/RecordTable';
import { useMe } from '../auth/useAuth';
import { HandoffCard } from './HandoffCard';
import { useHandoffs } from './useLeads';

const byDue = (a: Handoff, b: Handoff) => (a.slaDueAt < b.slaDueAt ? -1 : a.slaDueAt > b.slaDueAt ? 1 : 0);

/** One queue of lead cards, the most urgent first: the first page of its lists, without "load more". */
function Queue({ title, list, empty }: { title?: string; list: TableList<Handoff>; empty: string }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      {title && (
        <Title order={2} size="h4">
          {title}
        </Title>
      )}
      <RecordList list={{ ...list, rows: [...list.rows].sort(byDue) }} paging="none" skeletonRows={3} empty={empty}>
        {(items) => (
          <Stack component="ul" gap="xs" p={0} m={0}>
            {items.map((h) => (
              <HandoffCard key={h.id} handoff={h} />
            ))}
          </Stack>
        )}
      </RecordList>
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
  // the fallback queue (leads no rule routed) is the admins' to hand out
  const seesFallback = can(me, 'handoffs.distribute');
  const fallback = useHandoffs({ status: 'open', assignee: 'none' }, seesFallback);
  const mine: TableList<Handoff> = {
    rows: [...open.rows, ...accepted.rows],
    isPending: open.isPending || accepted.isPending,
    isError: open.isError || accepted.isError,
    error: open.error ?? accepted.error,
  };
  const breached = mine.rows.filter((h) => h.breached && !h.respondedAt).length;
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
      <Queue list={mine} empty={scope === 'me' ? t('leads.inboxEmpty') : t('leads.inboxEmptyAll')} />
      {seesFallback && <Queue title={t('leads.fallbackQueue')} list={fallback} empty={t('leads.fallbackEmpty')} />}
    </Stack>
  );
}
