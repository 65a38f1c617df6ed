import { Group, Paper, Stack, Text } from '@mantine/core';
import type { Handoff } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { HandoffStatusBadge, RoutingRule, ScoreBadge } from './HandoffBadges';
import { SlaCountdown } from './SlaCountdown';

/** One lead in a queue: who, where from, how hot, how much time is left, and who has it. */
export function HandoffCard({
  handoff: h,
  children,
  details,
}: {
  handoff: Handoff;
  children?: ReactNode;
  details?: ReactNode;
}) {
  const { t } = useTranslation();
  const live = h.status === 'open' || h.status === 'accepted';
  return (
    <Paper
      component="li"
      withBorder
      p="md"
      style={{
        listStyle: 'none',
        borderLeft: `4px solid var(--mantine-color-${h.breached && !h.respondedAt ? 'red' : live ? 'indigo' : 'gray'}-5)`,
      }}
      data-testid="handoff-card"
      aria-label={h.contact.name}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 220px', minWidth: 0, overflowWrap: 'anywhere' }}>
          <Group gap="xs">
            <Link
              to="/leads/$handoffId"
              params={{ handoffId: h.id }}
              className="nenner-link nenner-touch"
              style={{ fontWeight: 600 }}
            >
              {h.contact.name || h.contact.email || t('contact.noName')}
            </Link>
            <ScoreBadge score={h.contact.score} />
            <HandoffStatusBadge handoff={h} />
          </Group>
          <Text size="sm" c="dimmed">
            {[h.contact.jobTitle, h.contact.accountName].filter(Boolean).join(' · ') || h.contact.email}
          </Text>
          <Group gap="xs">
            <RoutingRule rule={h.routingRule} />
            <Text size="xs" c="dimmed" component="span">
              ·
            </Text>
            {h.assignee ? (
              <Group gap={4}>
                <Text size="xs">{h.assignee.name}</Text>
                <DepartmentBadge department={h.assignee.department} size="xs" />
              </Group>
            ) : (
              <Text size="xs" c="orange">
                {t('leads.unassigned')}
              </Text>
            )}
          </Group>
          {details}
        </Stack>
        <Stack gap={6} align="flex-end">
          {(live || h.respondedAt) && <SlaCountdown handoff={h} />}
          {children}
        </Stack>
      </Group>
    </Paper>
  );
}
