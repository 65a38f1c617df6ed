import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { can } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/ListControls';
import { errorMessage } from '../../components/notify';
import { useMe } from '../auth/useAuth';
import { metricName } from '../goals/GoalParts';
import { GoalProgressBar } from '../goals/GoalProgressBar';
import { formatGoalPeriod } from '../goals/goalFormat';
import { useCurrentSharedGoals, useGoalMetrics } from '../goals/useGoals';

// The gauge brings the chart library; the goals show before it has loaded.
// „Mein Tag“ brings the lead cards and task lists: its own chunk, so the login page does not carry it.
const MyDay = lazy(() => import('./MyDay').then((m) => ({ default: m.MyDay })));
const AlignmentGauge = lazy(() => import('../goals/AlignmentGauge').then((m) => ({ default: m.AlignmentGauge })));

/** „Unsere Ziele“: the shared goals of the current period, each with how far it is. */
function OurGoals() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const goals = useCurrentSharedGoals();
  const metrics = useGoalMetrics();
  const items = goals.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="our-goals-title" data-testid="our-goals">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="our-goals-title">
          {t('startPage.ourGoals')}
        </Title>
        <Anchor component={Link} to="/goals" size="sm">
          {t('startPage.allGoals')}
        </Anchor>
      </Group>
      {goals.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, goals.error)}
        </Alert>
      ) : goals.isPending ? (
        <Skeleton h={120} />
      ) : items.length === 0 ? (
        <EmptyState
          action={
            can(me, 'goals.create') ? (
              <Button
                renderRoot={(props) => <Link to="/goals" search={{ new: true }} {...props} />}
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                data-testid="our-goals-create"
              >
                {t('startPage.createGoal')}
              </Button>
            ) : undefined
          }
        >
          {t('startPage.noGoals')}
        </EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {items.map((g) => (
            <Paper key={g.id} withBorder p="sm" radius="md" data-testid={`our-goal-${g.id}`}>
              <Stack gap={6}>
                <Link to="/goals/$goalId" params={{ goalId: g.id }} className="nenner-link">
                  <Text fw={600}>{g.name}</Text>
                </Link>
                <Text size="xs" c="dimmed">
                  {metricName(metrics.data, g.metric, lng)} · {formatGoalPeriod(g.period, lng)} ·{' '}
                  {g.owners.map((o) => o.name).join(', ')}
                </Text>
                {g.progress && <GoalProgressBar progress={g.progress} unit={g.unit} currency={g.currency} />}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}

/**
 * The start page, „Mein Tag“: first what waits for me (by department: a rep's leads, overdue first), then
 * the shared customers' common goals and how well both sides work together.
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeader title={t('home.greeting', { name: me.name.split(' ')[0] ?? me.name })} />
      <Text c="dimmed" mt={-8} mb="lg">
        {t('startPage.subtitle')}
      </Text>
      <Stack gap="lg">
        <Suspense fallback={<Skeleton h={240} />}>
          <MyDay />
        </Suspense>
        <OurGoals />
        <Suspense fallback={<Skeleton h={300} />}>
          <AlignmentGauge />
        </Suspense>
      </Stack>
    </>
  );
}
