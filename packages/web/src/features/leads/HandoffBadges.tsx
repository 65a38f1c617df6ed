import { Badge, Text } from '@mantine/core';
import type { Handoff } from '@nenner/shared';
import { useTranslation } from 'react-i18next';

const statusColor: Record<Handoff['status'], string> = {
  open: 'blue',
  accepted: 'teal',
  rejected: 'orange',
  converted: 'green',
  recycled: 'grape',
};

export function HandoffStatusBadge({ handoff }: { handoff: Pick<Handoff, 'status' | 'breached'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge color={statusColor[handoff.status]} variant="light" tt="none">
        {t(`leads.status.${handoff.status}`)}
      </Badge>
      {handoff.breached && (
        <Badge color="red" variant="filled" tt="none" ml={4}>
          {t('leads.breached')}
        </Badge>
      )}
    </>
  );
}

/** "Territory DACH", "Account owner", "Fallback queue": which rule made the assignment. */
export const routingRuleLabel = (t: (key: string, o?: Record<string, unknown>) => string, rule: string): string => {
  if (rule.startsWith('territory:')) return t('leads.rule.territory', { name: rule.slice('territory:'.length) });
  if (rule === 'account_owner' || rule === 'fallback') return t(`leads.rule.${rule}`);
  return rule;
};

export function RoutingRule({ rule }: { rule: string }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed" component="span">
      {routingRuleLabel(t, rule)}
    </Text>
  );
}

export function ScoreBadge({ score }: { score: number }) {
  const { t, i18n } = useTranslation();
  return (
    <Badge variant="outline" color="indigo" tt="none" aria-label={t('leads.scoreLabel', { score })}>
      {t('leads.score', { score: new Intl.NumberFormat(i18n.language).format(score) })}
    </Badge>
  );
}
