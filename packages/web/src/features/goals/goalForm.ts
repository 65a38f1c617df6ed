import type { Goal, GoalMetric, MetricUnit, PeriodType } from '@nenner/shared';
import { majorToMinor, minorToMajor } from '../campaigns/campaignMath';

/** What the goal form edits: the period's parts side by side, the target as the amount the input shows. */
export type GoalDraft = {
  name: string;
  description: string;
  metric: string | null;
  /** Filter name → value; empty values are not sent. */
  filters: Record<string, string>;
  periodType: PeriodType;
  /** Any date inside a month, quarter or year (yyyy-mm-dd). */
  start: string;
  /** A custom period's first and last day. */
  from: string;
  to: string;
  /** Major units for money, 0–100 for percent, whole for counts; '' while empty. */
  target: number | string;
  currency: string;
  ownerIds: string[];
  parentId: string | null;
  teamId: string | null;
  repeat: boolean;
};

/** The metric's unit by its key, from the catalogue. */
export type UnitOf = (metric: string | null) => MetricUnit | undefined;

/** The highest target of a metric (null: none, or an unknown metric). */
export const maxTargetLookup =
  (metrics: readonly GoalMetric[] | undefined) =>
  (key: string | null): number | null =>
    metrics?.find((m) => m.key === key)?.maxTarget ?? null;

export const unitLookup =
  (metrics: readonly GoalMetric[] | undefined): UnitOf =>
  (key) =>
    metrics?.find((m) => m.key === key)?.unit;

const pad = (n: number) => String(n).padStart(2, '0');

/** The browser's calendar date (yyyy-mm-dd). */
export const localDay = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** From the first of this month to today, in the browser's calendar: the alignment index's default window. */
export const monthToDate = (now = new Date()): { from: string; to: string } => ({
  from: localDay(new Date(now.getFullYear(), now.getMonth(), 1)),
  to: localDay(now),
});

/** A new goal: this month, the current user as its first owner. */
export const emptyGoalDraft = (meId: string, now = new Date()): GoalDraft => ({
  name: '',
  description: '',
  metric: null,
  filters: {},
  periodType: 'month',
  start: localDay(now),
  from: localDay(new Date(now.getFullYear(), now.getMonth(), 1)),
  to: localDay(new Date(now.getFullYear(), now.getMonth() + 1, 0)),
  target: '',
  currency: 'EUR',
  ownerIds: [meId],
  parentId: null,
  teamId: null,
  repeat: false,
});

/** The amount an input shows for a stored target: major units for money, the number otherwise. */
export const targetToDraft = (target: number, unit: MetricUnit, currency: string | null): number | string =>
  unit === 'money' ? minorToMajor(target, currency ?? 'EUR') : target;

/**
 * The target as the API takes it: money in exact minor units of the currency, everything else as typed.
 * Empty or not a number → null (the form says so on the field).
 */
export const targetFromDraft = (
  value: number | string,
  unit: MetricUnit | undefined,
  currency: string,
): number | null => {
  if (String(value).trim() === '') return null;
  if (unit === 'money') return majorToMinor(value, currency);
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
};

export const goalToDraft = (g: Goal): GoalDraft => ({
  name: g.name,
  description: g.description ?? '',
  metric: g.metric,
  filters: { ...g.filters },
  periodType: g.period.type,
  start: g.period.from,
  from: g.period.from,
  to: g.period.to,
  target: targetToDraft(g.target, g.unit, g.currency),
  currency: g.currency ?? 'EUR',
  ownerIds: g.owners.map((o) => o.id),
  parentId: g.parent?.id ?? null,
  teamId: g.team?.id ?? null,
  repeat: g.repeat,
});

const periodOf = (d: GoalDraft) =>
  d.periodType === 'custom'
    ? { type: d.periodType, from: d.from, to: d.to }
    : { type: d.periodType, ...(d.start && { start: d.start }) };

const filtersOf = (d: GoalDraft): Record<string, string> =>
  Object.fromEntries(
    Object.entries(d.filters)
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([, v]) => v !== ''),
  );

/** The target that is sent: an invalid amount as -1, so the schema and the server name the field. */
const sentTarget = (d: GoalDraft, unit: MetricUnit | undefined): number =>
  targetFromDraft(d.target, unit, d.currency) ?? -1;

/** A new goal's body: every field; a currency only for money metrics; no repeat for a custom period. */
export const draftToCreateInput = (d: GoalDraft, unitOf: UnitOf): Record<string, unknown> => {
  const unit = unitOf(d.metric);
  const filters = filtersOf(d);
  return {
    name: d.name.trim(),
    description: d.description.trim() || null,
    metric: d.metric ?? '',
    ...(Object.keys(filters).length > 0 && { filters }),
    period: periodOf(d),
    target: sentTarget(d, unit),
    ...(unit === 'money' && { currency: d.currency }),
    ownerIds: d.ownerIds,
    parentId: d.parentId,
    teamId: d.teamId,
    repeat: d.periodType === 'custom' ? false : d.repeat,
  };
};

/**
 * An edit's body: only what changed, with what belongs together sent together — the whole period when
 * any part of it changed; the target with its currency (or none) when the metric, amount or currency did.
 */
export const draftToUpdateInput = (
  changes: Partial<GoalDraft>,
  base: GoalDraft,
  unitOf: UnitOf,
): Record<string, unknown> => {
  const d = { ...base, ...changes };
  const unit = unitOf(d.metric);
  const out: Record<string, unknown> = {};
  if (changes.name !== undefined) out.name = d.name.trim();
  if (changes.description !== undefined) out.description = d.description.trim() || null;
  if (changes.metric !== undefined) out.metric = d.metric ?? '';
  if (changes.metric !== undefined || changes.filters !== undefined) out.filters = filtersOf(d);
  const periodChanged = (['periodType', 'start', 'from', 'to'] as const).some((k) => changes[k] !== undefined);
  if (periodChanged) out.period = periodOf(d);
  if (changes.metric !== undefined || changes.target !== undefined || changes.currency !== undefined) {
    out.target = sentTarget(d, unit);
    out.currency = unit === 'money' ? d.currency : null;
  }
  if (changes.ownerIds !== undefined) out.ownerIds = d.ownerIds;
  if (changes.parentId !== undefined) out.parentId = d.parentId;
  if (changes.teamId !== undefined) out.teamId = d.teamId;
  if (changes.repeat !== undefined || (periodChanged && d.periodType === 'custom' && base.repeat)) {
    out.repeat = d.periodType === 'custom' ? false : d.repeat;
  }
  return out;
};

/** What the form checks itself, with its own translated words (keys of `goals.errors`), by the API's paths. */
export type GoalIssue =
  | 'nameRequired'
  | 'metricRequired'
  | 'targetRequired'
  | 'targetInvalid'
  | 'wholeNumber'
  | 'ownersRequired'
  | 'dateRequired'
  | 'endBeforeStart'
  | 'atMost100';

/** The form's own checks, in the user's words; `maxTarget` is the metric's (100 for rates, none for an ROI). */
export const goalDraftIssues = (
  d: GoalDraft,
  unit: MetricUnit | undefined,
  maxTarget: number | null = null,
): Record<string, GoalIssue> => {
  const out: Record<string, GoalIssue> = {};
  if (!d.name.trim()) out.name = 'nameRequired';
  if (!d.metric) out.metric = 'metricRequired';
  if (String(d.target).trim() === '') out.target = 'targetRequired';
  else {
    const target = targetFromDraft(d.target, unit, d.currency);
    if (target === null || target < 0) out.target = 'targetInvalid';
    else if (unit === 'count' && !Number.isInteger(target)) out.target = 'wholeNumber';
    else if (maxTarget !== null && target > maxTarget) out.target = 'atMost100';
  }
  if (d.ownerIds.length === 0) out.ownerIds = 'ownersRequired';
  if (d.periodType === 'custom') {
    if (!d.from) out['period.from'] = 'dateRequired';
    if (!d.to) out['period.to'] = 'dateRequired';
    else if (d.from && d.to < d.from) out['period.to'] = 'endBeforeStart';
  }
  return out;
};
