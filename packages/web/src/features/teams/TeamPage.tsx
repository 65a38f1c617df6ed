import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { contract, type TeamDetail } from '@nenner/shared';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePagedList } from '../../api/endpoints';
import { DepartmentBadge, OwnerName } from '../../components/DepartmentBadge';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { RecordTable } from '../../components/RecordTable';
import { GoalKindBadge } from '../goals/GoalParts';
import { GoalProgressBar } from '../goals/GoalProgressBar';
import { formatGoalPeriod } from '../goals/goalFormat';
import { CoverageFigure } from './CoverageFigure';
import { memberSections } from './teamPage';
import { useTeamPage } from './useTeamPage';

/** How many rows each of the team's lists shows before "load more". */
const PAGE = 10;

/** A mixed team's page: its members by department, its coverage figure, and what it owns. */
export function TeamPage({ id }: { id: string }) {
  const team = useTeamPage(id);
  if (team.isPending) return <DetailSkeleton />;
  if (team.isError) return <DetailError error={team.error} />;
  return <TeamView team={team.data} />;
}

function Section({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

function TeamView({ team }: { team: TeamDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <Stack gap={6} mb="lg">
        <Anchor size="sm" renderRoot={(props) => <Link to="/settings" search={{ section: 'leads' }} {...props} />}>
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden />
            {t('teams.settingsLink')}
          </Group>
        </Anchor>
        <Group gap="sm" align="center">
          <Title order={1} size="h2">
            {team.name}
          </Title>
          {team.mixed && (
            <Tooltip label={t('teams.mixedHint')} withArrow>
              <Badge variant="light" color="grape" data-testid="team-mixed">
                {t('teams.mixed')}
              </Badge>
            </Tooltip>
          )}
        </Group>
        <Group gap="sm">
          <Text size="sm" c="dimmed" data-testid="team-balance">
            {t('teams.balance', team.balance)}
          </Text>
          <Text size="sm" c="dimmed">
            {t('teams.owned', team.owned)}
          </Text>
        </Group>
        {!team.mixed && (
          <Text size="sm" c="dimmed">
            {t('teams.notMixedHint')}
          </Text>
        )}
      </Stack>
      <Stack gap="lg">
        <TeamMembers team={team} />
        <CoverageFigure teamId={team.id} />
        <TeamGoals teamId={team.id} />
        <TeamAccounts teamId={team.id} />
        <TeamProjects teamId={team.id} />
        <TeamCampaigns teamId={team.id} />
      </Stack>
    </>
  );
}

function TeamMembers({ team }: { team: TeamDetail }) {
  const { t } = useTranslation();
  return (
    <Section id="team-members" title={t('teams.members')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {memberSections(team).map(({ department, members }) => (
          <Stack key={department} gap={6} data-testid={`team-members-${department}`}>
            <Group gap={6}>
              <DepartmentBadge department={department} />
              <Text size="sm" c="dimmed">
                {members.length}
              </Text>
            </Group>
            {members.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('teams.noMembers')}
              </Text>
            ) : (
              members.map((m) => (
                <Text key={m.id} size="sm">
                  {m.name}
                </Text>
              ))
            )}
          </Stack>
        ))}
      </SimpleGrid>
    </Section>
  );
}

function TeamGoals({ teamId }: { teamId: string }) {
  const { t, i18n } = useTranslation();
  const list = usePagedList(contract.listGoals, { query: { teamId, withProgress: 'true' } }, { pageSize: PAGE });
  return (
    <Section id="team-goals" title={t('teams.goals')}>
      <RecordTable
        list={list}
        rowKey={(g) => g.id}
        paging="whenMore"
        skeletonRows={3}
        minWidth={640}
        empty={t('teams.noGoals')}
        columns={[
          {
            key: 'name',
            header: t('goals.name'),
            cell: (g) => (
              <Link to="/goals/$goalId" params={{ goalId: g.id }} className="nenner-link">
                {g.name}
              </Link>
            ),
          },
          { key: 'kind', header: t('goals.kind'), cell: (g) => <GoalKindBadge goal={g} size="xs" /> },
          { key: 'period', header: t('goals.period'), cell: (g) => formatGoalPeriod(g.period, i18n.language) },
          {
            key: 'progress',
            header: t('goals.progress'),
            cell: (g) =>
              g.progress ? <GoalProgressBar progress={g.progress} unit={g.unit} currency={g.currency} /> : '–',
          },
        ]}
      />
    </Section>
  );
}

function TeamAccounts({ teamId }: { teamId: string }) {
  const { t } = useTranslation();
  const list = usePagedList(contract.listAccounts, { query: { teamId, sort: 'name' } }, { pageSize: PAGE });
  return (
    <Section
      id="team-accounts"
      title={t('teams.accounts')}
      action={
        <Anchor size="sm" renderRoot={(props) => <Link to="/accounts" search={{ teamId }} {...props} />}>
          {t('teams.showAll')}
        </Anchor>
      }
    >
      <RecordTable
        list={list}
        rowKey={(a) => a.id}
        paging="whenMore"
        skeletonRows={3}
        minWidth={560}
        empty={t('teams.noAccounts')}
        columns={[
          {
            key: 'name',
            header: t('account.name'),
            cell: (a) => (
              <Link to="/accounts/$accountId" params={{ accountId: a.id }} className="nenner-link">
                {a.name}
              </Link>
            ),
          },
          { key: 'owner', header: t('common.owner'), cell: (a) => <OwnerName owner={a.owner} /> },
          {
            key: 'partner',
            header: t('account.marketingPartner'),
            cell: (a) => <OwnerName owner={a.marketingPartner} />,
          },
        ]}
      />
    </Section>
  );
}

function TeamProjects({ teamId }: { teamId: string }) {
  const { t } = useTranslation();
  const list = usePagedList(contract.listProjects, { query: { teamId } }, { pageSize: PAGE });
  return (
    <Section id="team-projects" title={t('teams.projects')}>
      <RecordTable
        list={list}
        rowKey={(p) => p.id}
        paging="whenMore"
        skeletonRows={3}
        minWidth={560}
        empty={t('teams.noProjects')}
        columns={[
          {
            key: 'name',
            header: t('teams.project'),
            cell: (p) => (
              <Link to="/projects/$projectId" params={{ projectId: p.id }} className="nenner-link">
                {p.name}
              </Link>
            ),
          },
          { key: 'stage', header: t('projects.stageLabel'), cell: (p) => t(`projects.stage.${p.stage}`) },
          {
            key: 'marketingLead',
            header: t('teams.marketingLead'),
            cell: (p) => <OwnerName owner={p.marketingLead} />,
          },
          { key: 'salesLead', header: t('teams.salesLead'), cell: (p) => <OwnerName owner={p.salesLead} /> },
        ]}
      />
    </Section>
  );
}

function TeamCampaigns({ teamId }: { teamId: string }) {
  const { t } = useTranslation();
  const list = usePagedList(contract.listCampaigns, { query: { teamId } }, { pageSize: PAGE });
  return (
    <Section id="team-campaigns" title={t('teams.campaigns')}>
      <RecordTable
        list={list}
        rowKey={(c) => c.id}
        paging="whenMore"
        skeletonRows={3}
        minWidth={560}
        empty={t('teams.noCampaigns')}
        columns={[
          {
            key: 'name',
            header: t('campaigns.name'),
            cell: (c) => (
              <Link to="/campaigns/$campaignId" params={{ campaignId: c.id }} className="nenner-link">
                {c.name}
              </Link>
            ),
          },
          { key: 'channel', header: t('campaigns.channel'), cell: (c) => t(`campaigns.channelName.${c.channel}`) },
          { key: 'status', header: t('campaigns.status'), cell: (c) => t(`campaigns.statusName.${c.status}`) },
          { key: 'owner', header: t('common.owner'), cell: (c) => <OwnerName owner={c.owner} /> },
        ]}
      />
    </Section>
  );
}
