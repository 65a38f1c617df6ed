import { Stack, Text } from '@mantine/core';
import type { TimelineEntry } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatNumber } from '../../i18n/format';
import { activityIcon } from '../activities/ActivityPanel';
import { useCompetitorOptions } from '../competitors/useCompetitors';
import { closeReasonLabel, stageName, useCloseReasons, usePipelines } from '../deals/useDeals';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A logged call, email, meeting or note: type, subject, duration and the summary as plain text. */
export function ActivityEntry({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  const d = entry.data ?? {};
  const type = str(d.type) ?? entry.action ?? 'note';
  const Icon = activityIcon[type as keyof typeof activityIcon] ?? activityIcon.note;
  const actor = entry.actor?.name ?? t('timeline.system');
  const duration = typeof d.duration === 'number' ? d.duration : null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        <Icon size={14} aria-hidden style={{ verticalAlign: -2, marginRight: 4 }} />
        {t(`timeline.activity.${type}`, { actor, defaultValue: actor })}
        {str(d.subject) && `: ${str(d.subject)}`}
        {duration !== null && ` · ${t('activities.minutesValue', { n: formatNumber(duration, i18n.language) })}`}
      </Text>
      {entry.body && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {entry.body}
        </Text>
      )}
    </Stack>
  );
}

/** A deal step: created, moved between stages, won or lost (with reason and competitor), reopened. */
export function DealEntry({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const pipelines = usePipelines();
  const reasons = useCloseReasons();
  const competitors = useCompetitorOptions();
  const d = entry.data ?? {};
  const stages = (pipelines.data?.items ?? []).flatMap((p) => p.stages);
  const stage = (id: unknown) => {
    const s = stages.find((x) => x.id === id);
    return s ? stageName(s, lng) : t('common.unknown');
  };
  const action = entry.action ?? 'moved';
  const outcome = action === 'won' || action === 'lost' ? action : null;
  const competitor = competitors.data?.find((c) => c.value === d.competitorId)?.label;
  const vars = {
    actor: entry.actor?.name ?? t('timeline.system'),
    from: stage(d.fromStageId),
    to: stage(d.toStageId),
    amount:
      typeof d.amount === 'number' && str(d.currency) ? formatMoney(d.amount, String(d.currency), lng, true) : '–',
    reason: closeReasonLabel(reasons.data?.value, str(d.reason), outcome, lng),
  };
  return (
    <Stack gap={4}>
      <Text size="sm">{t(`timeline.deal.${action}`, { ...vars, defaultValue: action })}</Text>
      {competitor && (
        <Text size="sm" c="dimmed">
          {t('timeline.deal.lostTo', { competitor })}
        </Text>
      )}
      {str(d.comment) && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          „{str(d.comment)}“
        </Text>
      )}
    </Stack>
  );
}
