import { z } from 'zod';
import type { FieldError } from '../errors.js';
import { periodTypes } from '../goals/period.js';
import { Id } from './common.js';
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
): FieldError[] => {
  const issues: FieldError[] = [];
  if ((unit === 'money' || unit === 'count') && !Number.isInteger(goal.target)) {
    issues.push({ path: 'target', message: unit === 'money' ? 'A whole number of minor units' : 'A whole number' });
  }
  if (unit === 'percent' && goal.target > 100) issues.push({ path: 'target', message: 'At most 100 %' });
  if (unit === 'money' && !goal.currency) issues.push({ path: 'currency', message: 'A money target needs a currency' });
  if (unit !== 'money' && goal.currency)
    issues.push({ path: 'currency', message: 'Only money targets have a currency' });
  return issues;
};
