import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type Campaign, contract, type Deal, type Handoff } from '@nenner/shared';
import { Link, type LinkProps } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePagedList } from '../../api/endpoints';
import { FigureHelp } from '../../components/FigureHelp';
import { RecordList, type TableList } from '../../components/RecordTable';
import { formatMoney, formatNumber } from '../../i18n/format';
import { TaskList } from '../activities/TaskList';
import { useTasks } from '../activities/useActivities';
import { presetPeriod } from '../analytics/period';
import { useContribution } from '../analytics/useReports';
import { useMe } from '../auth/useAuth';
import { HandoffCard } from '../leads/HandoffCard';
import { useHandoffs } from '../leads/useLeads';
import { dueFirst, SHOWN, staleFirst } from './myDay';

/** One block of the day: a title with its count, the first few items, and the way to all of them. */
function DaySection<T>({
  id,
  title,
  list,
  empty,
  more,
  children,
}: {
  id: string;
  title: string;
  list: TableList<T>;
  empty: string;
  more: { label: string; link: LinkProps };
  children: (items: T[]) => ReactNode;
}) {
  const count = list.rows.length;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-title`} data-testid={id}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap="xs" wrap="nowrap">
          <Title order={2} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          {!list.isPending && count > 0 && (
            <Badge variant="light" color="gray" aria-hidden>
              {count}
            </Badge>
          )}
        </Group>
        <Anchor size="sm" renderRoot={(props) => <Link {...more.link} {...props} />}>
          {more.label}
        </Anchor>
      </Group>
      <RecordList list={{ ...list, rows: list.rows.slice(0, SHOWN) }} paging="none" skeletonRows={2} empty={empty}>
        {children}
      </RecordList>
    </Paper>
  );
}

/** A block's leads as the lead inbox shows them: one card each, with its countdown. */
const leadCards = (items: Handoff[]) => (
  <Stack component="ul" gap="xs" p={0} m={0}>
    {items.map((h) => (
      <HandoffCard key={h.id} handoff={h} />
    ))}
  </Stack>
);

/** Sales: my open and accepted leads, overdue first, each with its SLA countdown in business hours. */
function MyLeads() {
  const { t } = useTranslation();
  const open = useHandoffs({ status: 'open', assignee: 'me' });
  const accepted = useHandoffs({ status: 'accepted', assignee: 'me' });
  const list: TableList<Handoff> = {
    rows: dueFirst([...open.rows, ...accepted.rows]),
    isPending: open.isPending || accepted.isPending,
    isError: open.isError || accepted.isError,
    error: open.error ?? accepted.error,
  };
  return (
    <DaySection
      id="myday-leads"
      title={t('myDay.leads')}
      list={list}
      empty={t('myDay.leadsEmpty')}
      more={{ label: t('myDay.toInbox'), link: { to: '/leads' } }}
    >
      {leadCards}
    </DaySection>
  );
}

/** My open tasks, overdue first (the server's order). */
function MyOpenTasks() {
  const { t } = useTranslation();
  const list = useTasks({ ownerId: 'me', status: 'open' });
  return (
    <DaySection
      id="myday-tasks"
      title={t('myDay.tasks')}
      list={list}
      empty={t('tasks.emptyOpen')}
      more={{ label: t('myDay.allTasks'), link: { to: '/tasks' } }}
    >
      {(items) => <TaskList tasks={items} />}
    </DaySection>
  );
}

/** Sales: my open deals that sat in their stage longer than the stage allows, the longest first. */
function MyStaleDeals() {
  const { t, i18n } = useTranslation();
  const deals = usePagedList(
    contract.listDeals,
    { query: { ownerId: 'me', status: 'open', sort: 'updatedAt' } },
    { pageSize: 100 },
  );
  const list: TableList<Deal> = { ...deals, rows: staleFirst(deals.rows) };
  return (
    <DaySection
      id="myday-stale"
      title={t('myDay.staleDeals')}
      list={list}
      empty={t('myDay.staleEmpty')}
      more={{ label: t('myDay.allDeals'), link: { to: '/deals' } }}
    >
      {(items) => (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((d) => (
            <Group key={d.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Link to="/deals/$dealId" params={{ dealId: d.id }} className="nenner-link">
                  <Text fw={600} truncate>
                    {d.name}
                  </Text>
                </Link>
                <Text size="xs" c="dimmed" truncate>
                  {d.account.name} · {i18n.language === 'en' ? d.stage.nameEn : d.stage.nameDe}
                </Text>
              </Stack>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(d.amount, d.currency, i18n.language, true)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </DaySection>
  );
}

/** Marketing: the leads sales handed back, waiting for marketing's answer (recycle or close). */
function ReturnedToMe() {
  const { t } = useTranslation();
  const list = useHandoffs({ status: 'rejected' });
  return (
    <DaySection
      id="myday-returned"
      title={t('myDay.returned')}
      list={list}
      empty={t('leads.returnedEmpty')}
      more={{ label: t('myDay.toReturned'), link: { to: '/leads', search: { tab: 'returned' } } }}
    >
      {leadCards}
    </DaySection>
  );
}

/** Marketing: my active campaigns. */
function MyCampaigns() {
  const { t } = useTranslation();
  const me = useMe();
  const list = usePagedList(contract.listCampaigns, { query: { ownerId: me.id, status: 'active' } }, { pageSize: 50 });
  return (
    <DaySection<Campaign>
      id="myday-campaigns"
      title={t('myDay.campaigns')}
      list={list}
      empty={t('myDay.campaignsEmpty')}
      more={{ label: t('myDay.allCampaigns'), link: { to: '/campaigns' } }}
    >
      {(items) => (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((c) => (
            <li key={c.id}>
              <Link to="/campaigns/$campaignId" params={{ campaignId: c.id }} className="nenner-link">
                <Text fw={600} truncate>
                  {c.name}
                </Text>
              </Link>
            </li>
          ))}
        </Stack>
      )}
    </DaySection>
  );
}

/** Marketing: leads handed to sales this quarter against the SLA's commitment — the contribution view's figure. */
function HandoffsAgainstCommitment() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const period = presetPeriod('thisQuarter');
  const report = useContribution(period, true);
  const mqls = report.data?.sla.mqls;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="myday-commitment-title"
      data-testid="myday-commitment"
    >
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Title order={2} size="h4" id="myday-commitment-title">
          {t('myDay.commitment')}
        </Title>
        <Anchor size="sm" renderRoot={(props) => <Link to="/reports" {...props} />}>
          {t('myDay.toContribution')}
        </Anchor>
      </Group>
      <Stack gap={0} mb="sm">
        <FigureHelp figure="handoffsDelivered" line />
      </Stack>
      {mqls ? (
        <Text fz={28} fw={700} data-testid="myday-commitment-figure">
          {mqls.committed > 0
            ? t('myDay.commitmentOf', {
                count: mqls.count,
                value: formatNumber(mqls.count, lng),
                committed: formatNumber(mqls.committed, lng),
              })
            : formatNumber(mqls.count, lng)}
        </Text>
      ) : (
        <Text c="dimmed">{report.isError ? t('common.loadFailed') : '…'}</Text>
      )}
    </Paper>
  );
}

/**
 * „Mein Tag“: what is waiting for me today, by department — sales sees its leads (overdue first), tasks
 * and stale deals; marketing its returned leads, campaigns and the handoffs against the commitment.
 */
export function MyDay() {
  const me = useMe();
  if (me.department === 'sales') {
    return (
      <Stack gap="lg">
        <MyLeads />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <MyOpenTasks />
          <MyStaleDeals />
        </SimpleGrid>
      </Stack>
    );
  }
  if (me.department === 'marketing') {
    return (
      <Stack gap="lg">
        <ReturnedToMe />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <HandoffsAgainstCommitment />
          <MyCampaigns />
        </SimpleGrid>
        <MyOpenTasks />
      </Stack>
    );
  }
  return <MyOpenTasks />;
}
