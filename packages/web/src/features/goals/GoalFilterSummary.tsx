import { Text } from '@mantine/core';
import type { GoalMetric } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { useCampaignOptions } from '../campaigns/useCampaigns';
import { usePipelines, useTeams } from '../deals/useDeals';
import { useForms } from '../leadSettings/useSettings';

/** „Quelle: webinar, Aktion: Herbstaktion“: a goal's filters by name, records by their names. */
export function GoalFilterSummary({
  filters,
  metric,
}: {
  filters: Record<string, string>;
  metric: GoalMetric | undefined;
}) {
  const { t } = useTranslation();
  const campaigns = useCampaignOptions();
  const forms = useForms();
  const pipelines = usePipelines();
  const teams = useTeams();
  const named: Record<string, { id: string; name: string }[] | undefined> = {
    campaign: campaigns.data?.items,
    form: forms.data?.items,
    pipeline: pipelines.data?.items,
    team: teams.data?.items,
  };
  const shown = (key: string, value: string): string => {
    const kind = metric?.filters.find((f) => f.key === key)?.kind;
    if (kind === 'department') return t(`department.${value}`, { defaultValue: value });
    if (kind === 'channel') return t(`campaigns.channelName.${value}`, { defaultValue: value });
    if (kind && kind !== 'text') return named[kind]?.find((r) => r.id === value)?.name ?? t('common.unknown');
    return value;
  };
  return (
    <Text span size="sm" c="dimmed" fw={400} data-testid="goal-filters">
      {Object.entries(filters)
        .map(([k, v]) => `${t(`goals.filter.${k}`, { defaultValue: k })}: ${shown(k, v)}`)
        .join(', ')}
    </Text>
  );
}
