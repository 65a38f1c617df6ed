import { Badge, Group, Text } from '@mantine/core';
import type { Goal, GoalMetric, UserRef } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';

/** Badges keep their whole word in narrow table cells instead of being cut to „GEMEINS…“. */
export const wholeBadge = { flexShrink: 0, minWidth: 'max-content' } as const;

/** A text of the metric catalogue in the user's language. */
export const localized = (text: { de: string; en: string }, lng: string): string =>
  lng.startsWith('de') ? text.de : text.en;

/** The metric's name in the user's language, or its key while the catalogue loads. */
export const metricName = (metrics: readonly GoalMetric[] | undefined, key: string, lng: string): string => {
  const m = metrics?.find((x) => x.key === key);
  return m ? localized(m.name, lng) : key;
};

/** The departments among the owners, each once, in the order they first appear. */
export const ownerDepartments = (owners: readonly UserRef[]): string[] => [...new Set(owners.map((o) => o.department))];

/** „Gemeinsam“ for a goal of both departments; otherwise the department(s) that own it. */
export function GoalKindBadge({ goal, size = 'sm' }: { goal: Pick<Goal, 'shared' | 'owners'>; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  if (goal.shared) {
    return (
      <Badge color="indigo" variant="filled" size={size} style={wholeBadge} data-testid="goal-shared-badge">
        {t('goals.shared')}
      </Badge>
    );
  }
  return (
    <Group gap={4}>
      {ownerDepartments(goal.owners).map((d) => (
        <DepartmentBadge key={d} department={d} size={size} style={wholeBadge} />
      ))}
    </Group>
  );
}

/** The owners by name, each with their department. */
export function GoalOwners({ owners }: { owners: readonly UserRef[] }) {
  return (
    <Group gap="xs" wrap="wrap">
      {owners.map((o) => (
        <Group key={o.id} gap={4} wrap="nowrap">
          <Text size="sm">{o.name}</Text>
          <DepartmentBadge department={o.department} size="xs" style={wholeBadge} />
        </Group>
      ))}
    </Group>
  );
}
