import { Group, Progress, Stack, Text } from '@mantine/core';
import type { GoalProgressSummary, MetricUnit } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { GoalStatusBadge } from './GoalStatusBadge';
import { formatActualOfTarget, goalStatusColor, progressBarValue } from './goalFormat';

interface Props {
  progress: GoalProgressSummary;
  unit: MetricUnit;
  currency: string | null;
  /** Show the status badge beside "actual / target" (lists); the detail page shows it on its own. */
  withStatus?: boolean;
  miw?: number;
}

/** "3 / 5" with a bar in the status's colour: how far the goal is, at a glance. */
export function GoalProgressBar({ progress, unit, currency, withStatus = true, miw = 180 }: Props) {
  const { t, i18n } = useTranslation();
  const figures = formatActualOfTarget(progress.actual, progress.target, unit, currency, i18n.language);
  return (
    <Stack gap={4} miw={miw}>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} data-testid="goal-actual-of-target" style={{ whiteSpace: 'nowrap' }}>
          {figures}
        </Text>
        {withStatus && <GoalStatusBadge status={progress.status} />}
      </Group>
      <Progress
        value={progressBarValue(progress)}
        color={goalStatusColor[progress.status]}
        size="sm"
        aria-label={t('goals.progressLabel', { figures })}
      />
    </Stack>
  );
}
