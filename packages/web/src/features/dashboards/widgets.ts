import type {
  AttributionModelResult,
  ContributionResult,
  DashboardWidget,
  FunnelResult,
  LeadFlowResult,
  PipelineBySourceResult,
} from '@nenner/shared';
import { toQueryString } from '../../api/client';
import type { DateRange } from './period';

/** How many campaigns the "top campaigns" widget shows. */
export const TOP_CAMPAIGNS = 10;
/** The model a widget uses when none is chosen (the workspace default's default). */
export const DEFAULT_MODEL = 'w';

/** The measure a widget shows when none is chosen. */
export const defaultMeasure: Partial<Record<DashboardWidget['type'], 'pipeline' | 'revenue'>> = {
  pipelineBySource: 'pipeline',
  topCampaigns: 'revenue',
  attribution: 'pipeline',
};

/** What each widget type loads. */
export type WidgetData =
  | { type: 'funnel'; result: FunnelResult }
  | { type: 'leadFlow'; result: LeadFlowResult }
  | { type: 'pipelineBySource'; result: PipelineBySourceResult }
  | { type: 'topCampaigns'; result: AttributionModelResult }
  | { type: 'attribution'; result: AttributionModelResult }
  | { type: 'contribution'; result: ContributionResult };

/** The report request behind a widget for a date range. */
export const widgetPath = (w: DashboardWidget, range: DateRange): string => {
  const o = w.options ?? {};
  switch (w.type) {
    case 'funnel':
      return `/reports/funnel${toQueryString({ ...range, by: o.by ?? 'none' })}`;
    case 'leadFlow':
      return `/reports/lead-flow${toQueryString({ ...range, by: o.by ?? 'source' })}`;
    case 'pipelineBySource':
      return `/reports/pipeline-by-source${toQueryString({ ...range })}`;
    case 'topCampaigns':
      return `/reports/attribution${toQueryString({
        ...range,
        model: o.model ?? DEFAULT_MODEL,
        by: 'campaign',
        measure: o.measure ?? defaultMeasure.topCampaigns,
      })}`;
    case 'attribution':
      return `/reports/attribution${toQueryString({
        ...range,
        model: o.model ?? DEFAULT_MODEL,
        by: o.by ?? 'campaign',
        measure: o.measure ?? defaultMeasure.attribution,
      })}`;
    case 'contribution':
      return `/reports/contribution${toQueryString({ ...range })}`;
  }
};
