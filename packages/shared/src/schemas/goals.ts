import { z } from 'zod';
import type { FieldError } from '../errors.js';
import { alignmentPartKeys } from '../goals/alignment.js';
import { periodTypes } from '../goals/period.js';
import { goalDirections, goalStatuses } from '../goals/progress.js';
import { Id, IsoDateTime, Limit, QueryBool, UserRef } from './common.js';
import { Currency } from './deals.js';

// A goal as clients send it (issue 10's API contract). Which metric keys and filters exist, and the
// metric's unit, live in the metric catalogue on the server: it checks the key, the filters and
// goalTargetIssues after this schema has checked the shape.

export const metricUnits = ['count', 'money', 'percent', 'business_hours'] as const;
export type MetricUnit = (typeof metricUnits)[number];

export const MetricKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'A metric key from the catalogue');

/** Filter name → value (a source, a channel, a campaign or pipeline id, a department…). */
export const GoalFilters = z
  .record(z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'A filter name'), z.string().trim().min(1).max(200))
  .refine((f) => Object.keys(f).length <= 10, 'At most 10 filters');
export type GoalFilters = z.infer<typeof GoalFilters>;

/**
 * month/quarter/year take an optional `start` (any date inside the wanted period, default today);
 * custom takes `from` and `to`, both inclusive, and `to` may not come before `from`.
 */
export const GoalPeriodInput = z
  .strictObject({
    type: z.enum(periodTypes),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    start: z.iso.date().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.type === 'custom') {
      if (p.from === undefined)
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'A custom period needs `from`' });
      if (p.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'A custom period needs `to`' });
      if (p.from !== undefined && p.to !== undefined && p.to < p.from) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end comes before the start' });
      }
      if (p.start !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['start'], message: 'A custom period takes `from` and `to`' });
      }
    } else {
      for (const key of ['from', 'to'] as const) {
        if (p[key] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'Only a custom period takes `from` and `to`' });
        }
      }
    }
  });
export type GoalPeriodInput = z.infer<typeof GoalPeriodInput>;

/** ≥ 0; in minor units (cents) for money metrics, as a percentage 0–100 for rates. */
export const GoalTarget = z.number().min(0).max(10_000_000_000_000);

const OwnerIds = z
  .array(Id)
  .min(1)
  .max(20)
  .transform((ids) => [...new Set(ids)]);

const goalFields = {
  name: z.string().trim().min(1).max(150),
  description: z.string().trim().max(2000).nullable().optional(),
  metric: MetricKey,
  filters: GoalFilters.optional(),
  period: GoalPeriodInput,
  target: GoalTarget,
  /** Required for money metrics (with the target in its minor units); not allowed otherwise. */
  currency: Currency.optional(),
  ownerIds: OwnerIds,
  parentId: Id.nullable().optional(),
  teamId: Id.nullable().optional(),
  /** Renew the goal every period, keeping one history per period (not for custom periods). */
  repeat: z.boolean().optional(),
};

const repeatNeedsRegularPeriod = (g: { repeat?: boolean; period?: GoalPeriodInput }) =>
  !(g.repeat === true && g.period?.type === 'custom');
const repeatMessage = { message: 'A custom period does not repeat', path: ['repeat'] };

export const CreateGoalInput = z.strictObject(goalFields).refine(repeatNeedsRegularPeriod, repeatMessage);
export type CreateGoalInput = z.infer<typeof CreateGoalInput>;

export const UpdateGoalInput = z
  .strictObject({
    name: goalFields.name.optional(),
    description: goalFields.description,
    metric: MetricKey.optional(),
    filters: GoalFilters.optional(),
    period: GoalPeriodInput.optional(),
    target: GoalTarget.optional(),
    currency: Currency.nullable().optional(),
    ownerIds: OwnerIds.optional(),
    parentId: goalFields.parentId,
    teamId: goalFields.teamId,
    repeat: z.boolean().optional(),
  })
  .refine(repeatNeedsRegularPeriod, repeatMessage);
export type UpdateGoalInput = z.infer<typeof UpdateGoalInput>;

/** What the schema cannot know without the metric's unit: whole minor units and a currency for money,
 * whole counts, percentages up to 100. */
export const goalTargetIssues = (
  unit: MetricUnit,
  goal: { target: number; currency?: string | null },
  /** Rates stop at 100 %; a return on investment does not. */
  percentCapped = true,
): FieldError[] => {
  const issues: FieldError[] = [];
  if ((unit === 'money' || unit === 'count') && !Number.isInteger(goal.target)) {
    issues.push({ path: 'target', message: unit === 'money' ? 'A whole number of minor units' : 'A whole number' });
  }
  if (unit === 'percent' && percentCapped && goal.target > 100) {
    issues.push({ path: 'target', message: 'At most 100 %' });
  }
  if (unit === 'money' && !goal.currency) issues.push({ path: 'currency', message: 'A money target needs a currency' });
  if (unit !== 'money' && goal.currency)
    issues.push({ path: 'currency', message: 'Only money targets have a currency' });
  return issues;
};

// ——— What the server answers ——————————————————————————————————————————————————————————————————

const Localized = z.object({ de: z.string(), en: z.string() });

/** The kinds of value a metric filter takes: free text, a record id of a kind, or one of a list. */
export const metricFilterKinds = ['text', 'campaign', 'form', 'pipeline', 'team', 'channel', 'department'] as const;
export type MetricFilterKind = (typeof metricFilterKinds)[number];

/** One entry of the metric catalogue (GET /api/goals/metrics). */
export const GoalMetric = z.object({
  key: MetricKey,
  name: Localized,
  definition: Localized,
  unit: z.enum(metricUnits),
  direction: z.enum(goalDirections),
  /** The highest target the metric allows: 100 for rates; none for counts, money, hours and an ROI. */
  maxTarget: z.number().nullable(),
  filters: z.array(
    z.object({ key: z.string(), kind: z.enum(metricFilterKinds), options: z.array(z.string()).optional() }),
  ),
});
export type GoalMetric = z.infer<typeof GoalMetric>;

const GoalStatus = z.enum(goalStatuses);

/** Progress without its daily series: what lists and chains carry. */
export const GoalProgressSummary = z.object({
  actual: z.number(),
  target: z.number(),
  expectedToDate: z.number(),
  forecast: z.number(),
  status: GoalStatus,
  /** actual ÷ target as 0–100+ (null for a zero target); for lower-is-better metrics target ÷ actual. */
  attainment: z.number().nullable(),
  elapsedBusinessDays: z.number().int(),
  totalBusinessDays: z.number().int(),
});
export type GoalProgressSummary = z.infer<typeof GoalProgressSummary>;

/** GET /api/goals/{id}/progress: the summary plus one point per day of the period. */
export const GoalProgressResult = GoalProgressSummary.extend({
  /** Every local date of the period: the actual through that day (null after today) and the pace line. */
  series: z.array(z.object({ date: z.iso.date(), actual: z.number().nullable(), expected: z.number() })),
});
export type GoalProgressResult = z.infer<typeof GoalProgressResult>;

const GoalRef = z.object({ id: Id, name: z.string() });

export const Goal = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  metric: MetricKey,
  unit: z.enum(metricUnits),
  direction: z.enum(goalDirections),
  filters: z.record(z.string(), z.string()),
  period: z.object({ type: z.enum(periodTypes), from: z.iso.date(), to: z.iso.date() }),
  target: z.number(),
  currency: z.string().nullable(),
  owners: z.array(UserRef),
  /** Owners from marketing and from sales. */
  shared: z.boolean(),
  parent: GoalRef.nullable(),
  team: GoalRef.nullable(),
  repeat: z.boolean(),
  /** The first goal of a repeating series; each period is its own goal with its own history. */
  seriesId: Id,
  createdBy: UserRef.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** Present when the list was asked `withProgress=true`. */
  progress: GoalProgressSummary.optional(),
});
export type Goal = z.infer<typeof Goal>;

export const GoalListQuery = z.strictObject({
  /** Only shared (true) or only department goals (false). */
  shared: QueryBool.optional(),
  ownerId: Id.optional(),
  metric: MetricKey.optional(),
  teamId: Id.optional(),
  parentId: Id.optional(),
  /** Goals whose period contains this local date; `today` is the workspace's today. */
  on: z.union([z.literal('today'), z.iso.date()]).optional(),
  withProgress: QueryBool.optional(),
  limit: Limit,
  cursor: z.string().max(200).optional(),
});
export type GoalListQuery = z.infer<typeof GoalListQuery>;

/** A chain link: a goal above or below this one, with its own status. `depth` 0 is the chain's root. */
export const GoalChainLink = z.object({
  id: Id,
  name: z.string(),
  metric: MetricKey,
  unit: z.enum(metricUnits),
  currency: z.string().nullable(),
  shared: z.boolean(),
  departments: z.array(z.string()),
  parentId: Id.nullable(),
  depth: z.number().int(),
  progress: GoalProgressSummary,
});
export const GoalChain = z.object({ links: z.array(GoalChainLink) });
export type GoalChain = z.infer<typeof GoalChain>;

// ——— Settings and the alignment index ——————————————————————————————————————————————————————————————

export const AlignmentWeights = z.strictObject(
  Object.fromEntries(alignmentPartKeys.map((k) => [k, z.number().min(0).max(100)])) as Record<
    (typeof alignmentPartKeys)[number],
    z.ZodNumber
  >,
);
export type AlignmentWeights = z.infer<typeof AlignmentWeights>;

/** Admins edit these: the fiscal year, the at-risk band and the alignment index's weights. */
export const GoalSettings = z.strictObject({
  /** 1–12: the month the fiscal year (and its quarters) starts. */
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  /** 50–99: a forecast at this share of the target or more is at risk rather than off track. */
  atRiskPercent: z.number().int().min(50).max(99),
  alignmentWeights: AlignmentWeights,
});
export type GoalSettings = z.infer<typeof GoalSettings>;

export const AlignmentQuery = z.strictObject({ from: z.iso.date(), to: z.iso.date() });
export type AlignmentQuery = z.infer<typeof AlignmentQuery>;

export const AlignmentPartResult = z.object({
  key: z.enum(alignmentPartKeys),
  /** 0–100, or null when nothing in the window can be measured (its weight is spread over the others). */
  value: z.number().nullable(),
  weight: z.number(),
  effectiveWeight: z.number(),
  /** The figures behind the value, e.g. { withinSla: 41, judged: 50 }. */
  raw: z.record(z.string(), z.number().nullable()),
  explanation: Localized,
  /** Where the records behind the part are listed in the app. */
  link: z.string().nullable(),
});

export const AlignmentReport = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  index: z.number().nullable(),
  parts: z.array(AlignmentPartResult),
  trend: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), index: z.number().nullable() })),
});
export type AlignmentReport = z.infer<typeof AlignmentReport>;
