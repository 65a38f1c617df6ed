import { Alert, Anchor, Button, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { can, type Goal, type GoalProgressResult } from '@nenner/shared';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteButton } from '../../components/DeleteButton';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { TeamLink } from '../teams/TeamLink';
import { GoalChainList } from './GoalChainList';
import { GoalEditModal } from './GoalEditModal';
import { GoalFilterSummary } from './GoalFilterSummary';
import { GoalKindBadge, GoalOwners, localized } from './GoalParts';
import { GoalProgressBar } from './GoalProgressBar';
import { GoalStatusBadge } from './GoalStatusBadge';
import { formatActualOfTarget, formatGoalPeriod, formatGoalValue } from './goalFormat';
import { useDeleteGoal, useGoal, useGoalMetrics, useGoalProgress } from './useGoals';

// The chart library loads with the chart, after the figures.
const GoalBurnUpChart = lazy(() => import('./GoalBurnUpChart').then((m) => ({ default: m.GoalBurnUpChart })));

export function GoalDetail({ id }: { id: string }) {
  const goal = useGoal(id);
  if (goal.isPending) return <DetailSkeleton />;
  if (goal.isError) return <DetailError error={goal.error} />;
  return <GoalView goal={goal.data} onReload={() => void goal.refetch()} />;
}

function Kpi({ label, value, testId }: { label: string; value: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" fz={22} fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** Actual against target, the pace expected by today, the forecast for the period's end, the status. */
function GoalKpis({ goal, progress }: { goal: Goal; progress: GoalProgressResult }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  // the pace and the forecast are estimates: whole money, no cents
  const estimate = (v: number) => formatGoalValue(v, goal.unit, goal.currency, lng, true);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Kpi
          label={t('goals.actualOfTarget')}
          value={formatActualOfTarget(progress.actual, progress.target, goal.unit, goal.currency, lng)}
          testId="goal-kpi-actual"
        />
        <Kpi label={t('goals.expectedToDate')} value={estimate(progress.expectedToDate)} testId="goal-kpi-expected" />
        <Kpi label={t('goals.forecast')} value={estimate(progress.forecast)} testId="goal-kpi-forecast" />
        <Kpi
          label={t('goals.statusLabel')}
          value={<GoalStatusBadge status={progress.status} size="lg" data-testid="goal-status" />}
          testId="goal-kpi-status"
        />
      </SimpleGrid>
      <GoalProgressBar progress={progress} unit={goal.unit} currency={goal.currency} withStatus={false} />
      <Text size="xs" c="dimmed">
        {t('goals.businessDays', {
          elapsed: formatNumber(progress.elapsedBusinessDays, lng),
          total: formatNumber(progress.totalBusinessDays, lng),
        })}
      </Text>
    </Stack>
  );
}

/** Das Ziel: what is measured and by whom, how far it is, its course so far, and the chain it belongs to. */
function GoalView({ goal, onReload }: { goal: Goal; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const navigate = useNavigate();
  const metrics = useGoalMetrics();
  const progress = useGoalProgress(goal.id);
  const remove = useDeleteGoal(goal.id);
  const [editing, setEditing] = useState(false);
  const editable = can(me, 'goals.edit', { ownerIds: goal.owners.map((o) => o.id) });
  const metric = metrics.data?.find((m) => m.key === goal.metric);
  return (
    <>
      <Stack gap={6} mb="lg">
        <Anchor component={Link} to="/goals" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden />
            {t('goals.title')}
          </Group>
        </Anchor>
        <Group justify="space-between" align="flex-start">
          <Title order={1} size="h2">
            {goal.name}
          </Title>
          {editable && (
            <Group gap="xs">
              <Button
                variant="light"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => setEditing(true)}
                data-testid="goal-edit"
              >
                {t('common.edit')}
              </Button>
              <DeleteButton
                texts={{ title: 'goals.deleteTitle', confirm: 'goals.deleteConfirm' }}
                testId="goal-delete"
                name={goal.name}
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => {
                      notifySuccess(t('goals.deleted'));
                      void navigate({ to: '/goals' });
                    },
                    onError: (e) => notifyError(t, e),
                  })
                }
              />
            </Group>
          )}
        </Group>
        <Group gap="sm" c="dimmed">
          <GoalKindBadge goal={goal} />
          <Text size="sm" c="dimmed" component="span" data-testid="goal-period">
            {t(`goals.periodTypeName.${goal.period.type}`)}: {formatGoalPeriod(goal.period, lng)}
          </Text>
          {goal.team && (
            <Text size="sm" c="dimmed" component="span">
              {t('goals.team')}: <TeamLink team={goal.team} />
            </Text>
          )}
          {goal.parent && (
            <Text size="sm" c="dimmed" component="span">
              {t('goals.parent')}:{' '}
              <Link to="/goals/$goalId" params={{ goalId: goal.parent.id }} className="nenner-link">
                {goal.parent.name}
              </Link>
            </Text>
          )}
          {goal.repeat && (
            <Text size="sm" c="dimmed" component="span">
              {t('goals.repeats')}
            </Text>
          )}
        </Group>
        <GoalOwners owners={goal.owners} />
      </Stack>
      <Paper withBorder p="md" mb="lg" component="section" aria-label={t('goals.metric')}>
        <Text size="sm" fw={600}>
          {metric ? localized(metric.name, lng) : goal.metric}
          {Object.keys(goal.filters).length > 0 && (
            <>
              {' · '}
              <GoalFilterSummary filters={goal.filters} metric={metric} />
            </>
          )}
        </Text>
        {metric && (
          <Text size="sm" c="dimmed" data-testid="goal-definition">
            {localized(metric.definition, lng)}
          </Text>
        )}
        {goal.description && (
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {goal.description}
          </Text>
        )}
      </Paper>
      {progress.isError ? (
        <Alert color="red" role="alert" mb="lg">
          {errorMessage(t, progress.error)}
        </Alert>
      ) : progress.isPending ? (
        <Skeleton h={120} mb="lg" />
      ) : (
        <Stack gap="lg">
          <GoalKpis goal={goal} progress={progress.data} />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Paper withBorder p="md" component="section" aria-labelledby="goal-chart-title">
                <Title order={2} size="h4" id="goal-chart-title" mb="sm">
                  {t('goals.chart.title')}
                </Title>
                <Suspense fallback={<Skeleton h={320} />}>
                  <GoalBurnUpChart
                    series={progress.data.series}
                    target={progress.data.target}
                    unit={goal.unit}
                    currency={goal.currency}
                  />
                </Suspense>
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <GoalChainList goalId={goal.id} />
            </Grid.Col>
          </Grid>
        </Stack>
      )}
      {editing && (
        <GoalEditModal
          key={goal.version}
          goal={goal}
          metrics={metrics.data}
          onClose={() => setEditing(false)}
          onReload={onReload}
        />
      )}
    </>
  );
}
