import type { ContributionLink, ContributionResult, DepartmentContribution } from '@nenner/shared';
import { attainment } from './ratios';

export type ScoreKind = 'money' | 'rate' | 'count';

/** A part of a figure that opens its own records, e.g. the won deals behind a win rate. */
export interface ScorePart {
  /** i18n key under analytics.contribution.part */
  label: 'deals' | 'won' | 'closed' | 'withinSla' | 'outsideSla' | 'accepted' | 'rejected' | 'committed';
  count: number;
  link: ContributionLink | null;
}

/** One figure of the scorecard: its value, the records behind it, and the parts it is made of. */
export interface ScoreFigure {
  /** i18n key under analytics.contribution */
  key:
    | 'sourcedPipeline'
    | 'sourcedRevenue'
    | 'influencedPipeline'
    | 'influencedRevenue'
    | 'winRate'
    | 'avgDealSize'
    | 'mqls'
    | 'responseWithinSla'
    | 'acceptanceRate';
  kind: ScoreKind;
  value: number | null;
  /** The records the value is computed over. */
  link: ContributionLink;
  parts: ScorePart[];
}

/** The figures each department gets, in the same order for both. */
export const departmentFigures = (d: DepartmentContribution): ScoreFigure[] => [
  {
    key: 'sourcedPipeline',
    kind: 'money',
    value: d.sourcedPipeline.amount,
    link: d.sourcedPipeline.link,
    parts: [{ label: 'deals', count: d.sourcedPipeline.deals, link: d.sourcedPipeline.link }],
  },
  {
    key: 'sourcedRevenue',
    kind: 'money',
    value: d.sourcedRevenue.amount,
    link: d.sourcedRevenue.link,
    parts: [{ label: 'deals', count: d.sourcedRevenue.deals, link: d.sourcedRevenue.link }],
  },
  {
    key: 'influencedPipeline',
    kind: 'money',
    value: d.influencedPipeline.amount,
    link: d.influencedPipeline.link,
    parts: [{ label: 'deals', count: d.influencedPipeline.deals, link: d.influencedPipeline.link }],
  },
  {
    key: 'influencedRevenue',
    kind: 'money',
    value: d.influencedRevenue.amount,
    link: d.influencedRevenue.link,
    parts: [{ label: 'deals', count: d.influencedRevenue.deals, link: d.influencedRevenue.link }],
  },
  {
    key: 'winRate',
    kind: 'rate',
    value: d.winRate,
    link: d.closed.link,
    parts: [
      { label: 'won', count: d.won.count, link: d.won.link },
      { label: 'closed', count: d.closed.count, link: d.closed.link },
    ],
  },
  {
    key: 'avgDealSize',
    kind: 'money',
    value: d.averageDealSize,
    // Over the won deals in the report's currency, the same as the sourced revenue.
    link: d.sourcedRevenue.link,
    parts: [{ label: 'deals', count: d.sourcedRevenue.deals, link: d.sourcedRevenue.link }],
  },
];

/** The two-way SLA's figures: what marketing delivered against its commitment and how leads were answered. */
export const slaFigures = (sla: ContributionResult['sla']): (ScoreFigure & { attainment?: number | null })[] => [
  {
    key: 'mqls',
    kind: 'count',
    value: sla.mqls.count,
    attainment: attainment(sla.mqls.count, sla.mqls.committed),
    link: sla.mqls.link,
    parts: [{ label: 'committed', count: sla.mqls.committed, link: null }],
  },
  {
    key: 'responseWithinSla',
    kind: 'rate',
    value: sla.withinSlaRate,
    link: sla.withinSla.link,
    parts: [
      { label: 'withinSla', count: sla.withinSla.count, link: sla.withinSla.link },
      { label: 'outsideSla', count: sla.outsideSla.count, link: sla.outsideSla.link },
    ],
  },
  {
    key: 'acceptanceRate',
    kind: 'rate',
    value: sla.acceptanceRate,
    link: sla.accepted.link,
    parts: [
      { label: 'accepted', count: sla.accepted.count, link: sla.accepted.link },
      { label: 'rejected', count: sla.rejected.count, link: sla.rejected.link },
    ],
  },
];

/** A stable test id / query key for a link: figure and department. */
export const linkKey = (link: ContributionLink): string => `${link.department ?? 'all'}-${link.figure}`;
