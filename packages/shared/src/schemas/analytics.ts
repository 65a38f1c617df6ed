import { z } from 'zod';
import { Id, IsoDateTime, UserRef } from './common.js';
import { Currency } from './deals.js';

// Funnel, velocity, the contribution scorecard and the dashboard's lead flow and pipeline series.
// Periods are local dates (both inclusive) in the workspace's time zone (the SLA setting's).

const Period = {
  from: z.iso.date(),
  to: z.iso.date(),
};
const periodInOrder = (q: { from: string; to: string }) => q.from <= q.to;
const periodMessage = { message: '`to` is before `from`', path: ['to'] };

// ——— Funnel and velocity ——————————————————————————————————————————————————————————————————

/** The funnel's stages in order; each later stage implies the earlier ones. */
export const funnelStages = ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer'] as const;
export type FunnelStage = (typeof funnelStages)[number];
/** The stages after `lead`: each has a conversion rate and a velocity from the stage before it. */
export const funnelSteps = ['mql', 'sal', 'sql', 'opportunity', 'customer'] as const;
export type FunnelStep = (typeof funnelSteps)[number];

export const funnelDimensions = ['none', 'source', 'channel', 'campaign', 'owner'] as const;
export type FunnelDimension = (typeof funnelDimensions)[number];

/** Cohort: the live contacts that became leads in the period. */
export const FunnelQuery = z
  .strictObject({ ...Period, by: z.enum(funnelDimensions).default('none') })
  .refine(periodInOrder, periodMessage);
export type FunnelQuery = z.infer<typeof FunnelQuery>;

const Rate = z.number().min(0).max(1).nullable();
const Days = z.number().nullable();

export const FunnelGroup = z.object({
  /** Source text, channel, campaign id or owner id; null for "none" (not set) and for the total. */
  key: z.string().nullable(),
  /** Campaign or owner name, channel or source key; null when there is none. */
  name: z.string().nullable(),
  /** Contacts of the cohort that reached the stage or any later one. */
  counts: z.object({
    lead: z.number().int(),
    mql: z.number().int(),
    sal: z.number().int(),
    sql: z.number().int(),
    opportunity: z.number().int(),
    customer: z.number().int(),
  }),
  /** count(stage) ÷ count(previous stage), 0..1; null when the previous stage is empty. */
  rates: z.object({ mql: Rate, sal: Rate, sql: Rate, opportunity: Rate, customer: Rate }),
  /** Median days from the previous stage's stamp to this one's, over contacts with both; null without data. */
  medianDays: z.object({ mql: Days, sal: Days, sql: Days, opportunity: Days, customer: Days }),
});
export type FunnelGroup = z.infer<typeof FunnelGroup>;

export const FunnelResult = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  by: z.enum(funnelDimensions),
  stages: z.array(z.enum(funnelStages)),
  /** One group per key, largest cohort first; a single group equal to the total for `by=none`. */
  groups: z.array(FunnelGroup),
  total: FunnelGroup,
});
export type FunnelResult = z.infer<typeof FunnelResult>;

// ——— Contribution scorecard —————————————————————————————————————————————————————————————————

/** The two departments the scorecard puts side by side (deals.source). */
export const sourceDepartments = ['marketing', 'sales'] as const;
export type SourceDepartment = (typeof sourceDepartments)[number];

/**
 * What a figure's drill-down lists. Deal figures: `sourced_pipeline` (created in the period),
 * `sourced_revenue` (won in the period), `influenced_pipeline` / `influenced_revenue` (the same with a
 * campaign touch of a deal contact before the deal was created), `won` and `closed` (won or lost in the
 * period: the win rate). Handoff figures: `mqls` (qualified in the period), `within_sla` / `outside_sla`
 * (answered in time / judged but not in time), `accepted`, `rejected`.
 */
export const contributionFigures = [
  'sourced_pipeline',
  'sourced_revenue',
  'influenced_pipeline',
  'influenced_revenue',
  'won',
  'closed',
  'mqls',
  'within_sla',
  'outside_sla',
  'accepted',
  'rejected',
] as const;
export type ContributionFigure = (typeof contributionFigures)[number];

export const ContributionQuery = z
  .strictObject({
    ...Period,
    /** Money figures count deals in this currency only; default the workspace's main currency (EUR). */
    currency: Currency.optional(),
  })
  .refine(periodInOrder, periodMessage);
export type ContributionQuery = z.infer<typeof ContributionQuery>;

/** The drill-down behind one figure; `department` narrows deal figures to deals of that source. */
export const ContributionRecordsQuery = z
  .strictObject({
    ...Period,
    figure: z.enum(contributionFigures),
    department: z.enum(sourceDepartments).optional(),
    currency: Currency.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine(periodInOrder, periodMessage);
export type ContributionRecordsQuery = z.infer<typeof ContributionRecordsQuery>;

/** The records behind a figure (pass it as the query of `/api/reports/contribution/records`). */
export const ContributionLink = z.object({
  figure: z.enum(contributionFigures),
  from: z.iso.date(),
  to: z.iso.date(),
  department: z.enum(sourceDepartments).optional(),
  currency: z.string().optional(),
});
export type ContributionLink = z.infer<typeof ContributionLink>;

/** A sum of deal amounts in minor units of the result's currency, with the number of deals. */
export const MoneyFigure = z.object({ amount: z.number().int(), deals: z.number().int(), link: ContributionLink });
export type MoneyFigure = z.infer<typeof MoneyFigure>;
/** A count with its drill-down. */
export const CountFigure = z.object({ count: z.number().int(), link: ContributionLink });
export type CountFigure = z.infer<typeof CountFigure>;

/** The same figures for each source department. */
export const DepartmentContribution = z.object({
  department: z.enum(sourceDepartments),
  /** Deals of this source created in the period. */
  sourcedPipeline: MoneyFigure,
  /** Deals of this source won in the period. */
  sourcedRevenue: MoneyFigure,
  /** Of the sourced pipeline / revenue: deals with a campaign touch of a deal contact before creation. */
  influencedPipeline: MoneyFigure,
  influencedRevenue: MoneyFigure,
  won: CountFigure,
  /** Won or lost in the period. */
  closed: CountFigure,
  /** won ÷ closed, 0..1; null when nothing closed. */
  winRate: z.number().min(0).max(1).nullable(),
  /** sourcedRevenue.amount ÷ sourcedRevenue.deals (the result's currency), rounded; null without won deals. */
  averageDealSize: z.number().int().nullable(),
});
export type DepartmentContribution = z.infer<typeof DepartmentContribution>;

/** A department's money figures in one currency. */
export const DepartmentMoney = DepartmentContribution.pick({
  sourcedPipeline: true,
  sourcedRevenue: true,
  influencedPipeline: true,
  influencedRevenue: true,
  averageDealSize: true,
});
export type DepartmentMoney = z.infer<typeof DepartmentMoney>;

/** The money figures of one currency: every currency gets its own total, none is converted or left out. */
export const ContributionMoney = z.object({
  currency: z.string(),
  departments: z.object({ marketing: DepartmentMoney, sales: DepartmentMoney }),
  influenced: z.object({ pipeline: MoneyFigure, revenue: MoneyFigure }),
});
export type ContributionMoney = z.infer<typeof ContributionMoney>;

export const ContributionResult = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  /** The currency of `departments` and `influenced` (the query's, else the workspace's). */
  currency: z.string(),
  /** Currencies of deals created or won in the period, the workspace's first. */
  currencies: z.array(z.string()),
  departments: z.object({ marketing: DepartmentContribution, sales: DepartmentContribution }),
  /** All deals, either source, with a campaign touch before creation. */
  influenced: z.object({ pipeline: MoneyFigure, revenue: MoneyFigure }),
  /** The money figures per currency, side by side, for every currency in `currencies` (at least `currency`). */
  byCurrency: z.array(ContributionMoney),
  /** The two-way SLA, the same figures as the SLA report. */
  sla: z.object({
    /** Handoffs qualified in the period vs mqlCommitmentPerMonth × months of the period (rounded). */
    mqls: CountFigure.extend({ committed: z.number().int(), months: z.number() }),
    withinSla: CountFigure,
    outsideSla: CountFigure,
    /** withinSla ÷ judged (answered, or due time passed), 0..1. */
    withinSlaRate: z.number().min(0).max(1).nullable(),
    accepted: CountFigure,
    rejected: CountFigure,
    /** accepted ÷ (accepted + rejected), 0..1. */
    acceptanceRate: z.number().min(0).max(1).nullable(),
    medianResponseHours: z.number().nullable(),
  }),
});
export type ContributionResult = z.infer<typeof ContributionResult>;

export const ContributionRecord = z.object({
  /** Deal id, or handoff id for handoff figures. */
  id: Id,
  kind: z.enum(['deal', 'handoff']),
  /** Deal name, or the handed-off contact's name. */
  name: z.string(),
  /** The contact of a handoff (for the link to its page). */
  contactId: Id.nullable(),
  amount: z.number().int().nullable(),
  currency: z.string().nullable(),
  /** The date the figure counts: created, closed or qualified. */
  date: IsoDateTime,
  /** Deal owner or handoff assignee. */
  owner: UserRef.nullable(),
  source: z.string().nullable(),
});
export type ContributionRecord = z.infer<typeof ContributionRecord>;

export const ContributionRecords = z.object({
  figure: z.enum(contributionFigures),
  /** All matching records; `records` holds at most `limit`, newest first. */
  total: z.number().int(),
  records: z.array(ContributionRecord),
});
export type ContributionRecords = z.infer<typeof ContributionRecords>;

// ——— Lead flow (sankey) ———————————————————————————————————————————————————————————————————

export const LeadFlowQuery = z
  .strictObject({ ...Period, by: z.enum(['source', 'channel']).default('source') })
  .refine(periodInOrder, periodMessage);
export type LeadFlowQuery = z.infer<typeof LeadFlowQuery>;

/**
 * Nodes of the flow, left to right: `origin` (the cohort's source or channel; key null → "none"),
 * `handoff` (`handed_off`, `not_handed_off`), `verdict` (`accepted`, `rejected`, `open`),
 * `result` (`converted`, `recycled`, `in_progress`). Node ids are `kind:key`.
 */
export const LeadFlowNode = z.object({
  id: z.string(),
  kind: z.enum(['origin', 'handoff', 'verdict', 'result']),
  key: z.string().nullable(),
  /** Channel/source key or the stage key; the web app translates it. */
  name: z.string().nullable(),
  count: z.number().int(),
});
export const LeadFlowLink = z.object({ source: z.string(), target: z.string(), value: z.number().int() });
export const LeadFlowResult = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  by: z.enum(['source', 'channel']),
  /** Contacts that became leads in the period; each follows its latest handoff. */
  leads: z.number().int(),
  nodes: z.array(LeadFlowNode),
  links: z.array(LeadFlowLink),
});
export type LeadFlowResult = z.infer<typeof LeadFlowResult>;

// ——— Pipeline by source over time ——————————————————————————————————————————————————————————

export const PipelineBySourceQuery = z
  .strictObject({ ...Period, currency: Currency.optional() })
  .refine(periodInOrder, periodMessage);
export type PipelineBySourceQuery = z.infer<typeof PipelineBySourceQuery>;

const BySource = z.object({ marketing: z.number().int(), sales: z.number().int() });
export const PipelineBySourceResult = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  currency: z.string(),
  /** One entry per calendar month touched by the period (local time), in order; empty months are zeros. */
  months: z.array(
    z.object({
      /** `YYYY-MM`. */
      month: z.string(),
      /** Amount of deals created in the month, by deals.source. */
      pipeline: BySource,
      /** Amount of deals won in the month, by deals.source. */
      revenue: BySource,
      created: BySource,
      won: BySource,
    }),
  ),
  /**
   * The period's deals in every other currency, one total each (never converted, never left out):
   * amounts created and won, and how many deals, by source.
   */
  otherCurrencies: z.array(
    z.object({ currency: z.string(), pipeline: BySource, revenue: BySource, created: BySource, won: BySource }),
  ),
});
export type PipelineBySourceResult = z.infer<typeof PipelineBySourceResult>;
