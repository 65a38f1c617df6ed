import { Alert, Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { errorMessage } from '../../components/notify';
import { wholeBadge } from './GoalParts';
import { GoalStatusBadge } from './GoalStatusBadge';
import { formatActualOfTarget } from './goalFormat';
import { useGoalChain } from './useGoals';

/** Die Zielkette: the goals above and below this one (revenue ← pipeline ← SQLs ← MQLs), each with its status. */
export function GoalChainList({ goalId }: { goalId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const chain = useGoalChain(goalId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="goal-chain-title">
      <Title order={2} size="h4" id="goal-chain-title" mb="xs">
        {t('goals.chain')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('goals.chainHint')}
      </Text>
      {chain.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, chain.error)}
        </Alert>
      ) : chain.isPending ? (
        <Skeleton h={80} />
      ) : chain.data.links.length <= 1 ? (
        <Text size="sm" c="dimmed">
          {t('goals.chainEmpty')}
        </Text>
      ) : (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="goal-chain">
          {chain.data.links.map((link) => {
            const self = link.id === goalId;
            return (
              <Stack
                key={link.id}
                component="li"
                gap={2}
                pl={link.depth * 20}
                py={4}
                data-testid={`goal-chain-link-${link.id}`}
                aria-current={self ? 'true' : undefined}
              >
                <Group gap={6} wrap="nowrap" align="flex-start">
                  {link.depth > 0 && (
                    <Text c="dimmed" size="sm" aria-hidden>
                      ↳
                    </Text>
                  )}
                  {self ? (
                    <Text size="sm" fw={700}>
                      {link.name}
                    </Text>
                  ) : (
                    <Link to="/goals/$goalId" params={{ goalId: link.id }} className="nenner-link">
                      {link.name}
                    </Link>
                  )}
                  {link.shared ? (
                    <Badge color="indigo" variant="light" size="xs" style={wholeBadge}>
                      {t('goals.shared')}
                    </Badge>
                  ) : (
                    link.departments.map((d) => <DepartmentBadge key={d} department={d} size="xs" style={wholeBadge} />)
                  )}
                </Group>
                <Group gap="xs" pl={link.depth > 0 ? 18 : 0}>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatActualOfTarget(link.progress.actual, link.progress.target, link.unit, link.currency, lng)}
                  </Text>
                  <GoalStatusBadge status={link.progress.status} />
                </Group>
              </Stack>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}
