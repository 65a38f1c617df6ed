import { Badge, Tooltip } from '@mantine/core';
import { type BusinessCalendar, businessTimeBetween, type Handoff, HOUR_MS } from '@nenner/shared';
import { IconAlarm, IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatBusinessSpan, formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { useSlaCalendar } from './useLeads';
import { useNow } from './useNow';

/**
 * What the countdown says at `now`: business time left, overdue since, or answered (in time or late) —
 * always in the SLA's business time, the unit its due time was computed in.
 */
export const slaState = (
  h: Pick<Handoff, 'slaDueAt' | 'respondedAt' | 'breached'>,
  now: number,
  cal: BusinessCalendar,
): { kind: 'left' | 'soon' | 'overdue' | 'answered' | 'answeredLate'; ms: number } => {
  const due = Date.parse(h.slaDueAt);
  if (h.respondedAt) {
    const at = Date.parse(h.respondedAt);
    return at <= due ? { kind: 'answered', ms: 0 } : { kind: 'answeredLate', ms: businessTimeBetween(due, at, cal) };
  }
  if (h.breached || now > due) return { kind: 'overdue', ms: businessTimeBetween(due, now, cal) };
  const left = businessTimeBetween(now, due, cal);
  return { kind: left < HOUR_MS ? 'soon' : 'left', ms: left };
};

/** A live countdown to the SLA due time; ticks every 30 s, red once overdue. */
export function SlaCountdown({ handoff, size = 'md' }: { handoff: Handoff; size?: 'sm' | 'md' | 'lg' }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const now = useNow(30_000);
  const cal = useSlaCalendar();
  if (!cal) return null;
  const state = slaState(handoff, now, cal);
  const span = formatBusinessSpan(state.ms, i18n.language);
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
        // on a phone the sentence wraps inside the badge instead of pushing the card off the screen
        h="auto"
        maw="100%"
        py={2}
        styles={{ label: { whiteSpace: 'normal', lineHeight: 1.35 } }}
        role="timer"
        aria-label={`${view.text} (${t('leads.sla.due', { due })})`}
      >
        {view.text}
      </Badge>
    </Tooltip>
  );
}
