import { type FunnelGroup, type FunnelStage, funnelStages } from '@nenner/shared';
import { ratio } from './ratios';

export interface FunnelRow {
  stage: FunnelStage;
  count: number;
  /** Share of the stage before (the server's rate); null for `lead` and after an empty stage. */
  fromPrevious: number | null;
  /** Share of the cohort (all leads) that reached this stage; null for an empty cohort. */
  fromStart: number | null;
  /** Median days since the stage before; null for `lead` and without data. */
  medianDays: number | null;
}

/** One group's funnel as table rows, lead → customer. */
export const funnelRows = (group: FunnelGroup): FunnelRow[] =>
  funnelStages.map((stage) => ({
    stage,
    count: group.counts[stage],
    fromPrevious: stage === 'lead' ? null : group.rates[stage],
    fromStart: ratio(group.counts[stage], group.counts.lead),
    medianDays: stage === 'lead' ? null : group.medianDays[stage],
  }));
