import { Badge, Tooltip } from '@mantine/core';
import type { Handoff } from '@nenner/shared';
import { IconAlarm, IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatSpan } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { useNow } from './useNow';

const HOUR = 3_600_000;

/** What the countdown says at `now`: time left, overdue since, or answered (in time or late). */
export const slaState = (
  h: Pick<Handoff, 'slaDueAt' | 'respondedAt' | 'breached'>,
  now: number,
): { kind: 'left' | 'soon' | 'overdue' | 'answered' | 'answeredLate'; ms: number } => {
  const due = Date.parse(h.slaDueAt);
  if (h.respondedAt) {
    const at = Date.parse(h.respondedAt);
    return { kind: at <= due ? 'answered' : 'answeredLate', ms: at - due };
  }
  if (h.breached || now > due) return { kind: 'overdue', ms: now - due };
  return { kind: due - now < HOUR ? 'soon' : 'left', ms: due - now };
};

/** A live countdown to the SLA due time; ticks every 30 s, red once overdue. */
export function SlaCountdown({ handoff, size = 'md' }: { handoff: Handoff; size?: 'sm' | 'md' | 'lg' }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const now = useNow(30_000);
  const state = slaState(handoff, now);
  const span = formatSpan(state.ms, i18n.language);
  const due = formatDateTime(handoff.slaDueAt, i18n.language, me.timeZone);
  const view = {
    left: { color: 'blue', icon: IconAlarm, text: t('leads.sla.left', { span }) },
    soon: { color: 'orange', icon: IconAlarm, text: t('leads.sla.left', { span }) },
    overdue: { color: 'red', icon: IconAlertTriangle, text: t('leads.sla.overdue', { span }) },
    answered: { color: 'teal', icon: IconCheck, text: t('leads.sla.answered') },
    answeredLate: { color: 'gray', icon: IconCheck, text: t('leads.sla.answeredLate', { span }) },
  }[state.kind];
  const Icon = view.icon;
  return (
    <Tooltip label={t('leads.sla.due', { due })} withArrow>
      <Badge
        color={view.color}
        variant={state.kind === 'overdue' ? 'filled' : 'light'}
        size={size}
        leftSection={<Icon size={14} aria-hidden />}
        data-testid="sla-countdown"
        tt="none"
        role="timer"
        aria-label={`${view.text} (${t('leads.sla.due', { due })})`}
      >
        {view.text}
      </Badge>
    </Tooltip>
  );
}
