import {
  addDays,
  type DayCalendar,
  type GoalProgressResult,
  type GoalProgressSummary,
  goalProgress,
  kindOfUnit,
  localDateIn,
  paceLine,
  percentile,
} from '@nenner/shared';
import { type RawBuilder, sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { now } from '../../lib/clock.js';
import { Lru } from '../../lib/lru.js';
import { startOfLocalDay } from '../reports/period.js';
import { calendarOf, readSetting } from '../settings/settings.service.js';
import { findFactsVersion } from './goals.repository.js';
import {
  type Aggregate,
  catalogue,
  type HourFact,
  type MetricDefinition,
  type MetricScope,
} from './metrics.catalogue.js';

/*
 * A goal's progress, computed from the records every time: the metric's facts for the period so far,
 * summed per local day, give the actual to date and the daily series; the shared pure functions give the
 * pace, the forecast and the status. Nothing here is stored.
 */

/** What every evaluation needs from the workspace: its calendar, time zone, today, the at-risk band. */
export interface GoalEnv {
  calendar: DayCalendar;
  timeZone: string;
  today: string;
  now: string;
  atRisk: number;
  /** The facts data version the figures are read at. */
  factsVersion: number;
}

export const goalEnv = async (ctx: AppContext, db: Db = ctx.db): Promise<GoalEnv> => {
  const [sla, goals, factsVersion] = await Promise.all([
    readSetting(db, 'sla'),
    readSetting(db, 'goals'),
    findFactsVersion(db),
  ]);
  const at = now();
  return {
    calendar: calendarOf(sla.value),
    timeZone: sla.value.timeZone,
    today: localDateIn(at, sla.value.timeZone),
    now: new Date(at).toISOString(),
    atRisk: goals.value.atRiskPercent / 100,
    factsVersion,
  };
};

/** What a goal is, as far as its progress goes. */
export interface GoalSpec {
  metric: string;
  filters: Record<string, string>;
  from: string;
  to: string;
  target: number;
  currency: string | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** How a pace or a forecast is presented: money in whole minor units, every other unit to two decimals. */
const presentOf = (metric: MetricDefinition): ((n: number) => number) =>
  metric.unit === 'money' ? Math.round : round2;

interface Totals {
  n: number;
  d: number;
  values: number[];
}

/** A figure from summed facts; rates and hours to two decimals, counts and money exact. */
const figureOf = (aggregate: Aggregate, t: Totals): number => {
  if (aggregate === 'sum') return t.n;
  if (aggregate === 'ratio') return t.d === 0 ? 0 : round2((100 * t.n) / t.d);
  const median = percentile(
    [...t.values].sort((a, b) => a - b),
    0.5,
  );
  return median === null ? 0 : round2(median / 3600);
};

const dates = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

const whereOf = (metric: MetricDefinition, filters: Record<string, string>): RawBuilder<unknown> => {
  const parts = Object.entries(filters).flatMap(([key, value]) => {
    const spec = metric.filters[key];
    return spec ? [spec.where(value)] : [];
  });
  return parts.length === 0 ? sql`1 = 1` : sql.join(parts, sql` and `);
};

/*
 * The first instant of a local date, as ISO: asked for every day of every goal on every read, and each
 * answer costs several time-zone conversions, so answers are kept (a few years of days per zone).
 */
const dayStarts = new Map<string, string>();
const dayStart = (date: string, timeZone: string): string => {
  const key = `${timeZone}|${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    if (dayStarts.size >= 10_000) dayStarts.clear();
    start = new Date(startOfLocalDay(date, timeZone)).toISOString();
    dayStarts.set(key, start);
  }
  return start;
};

/**
 * The actual through each local date of [from, last], from facts per UTC hour; with `everyDay` false only
 * through the last (a median then sorts its values once, not once per day).
 */
const dailyFromFacts = (
  facts: HourFact[],
  days: string[],
  timeZone: string,
  aggregate: Aggregate,
  everyDay: boolean,
): number[] => {
  if (!everyDay) {
    const all: Totals = { n: 0, d: 0, values: [] };
    for (const f of facts) {
      all.n += f.n;
      all.d += f.d;
      for (const v of f.values) all.values.push(v);
    }
    return [figureOf(aggregate, all)];
  }
  // the first instant of each day (ISO, so it compares with `${hour}:00:00.000Z`), in day order
  const starts = days.map((d) => dayStart(d, timeZone));
  const perDay: Totals[] = days.map(() => ({ n: 0, d: 0, values: [] }));
  for (const f of facts) {
    const at = `${f.hour}:00:00.000Z`;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as string) <= at) lo = mid;
      else hi = mid - 1;
    }
    const day = perDay[lo] as Totals;
    day.n += f.n;
    day.d += f.d;
    for (const v of f.values) day.values.push(v);
  }
  const running: Totals = { n: 0, d: 0, values: [] };
  return perDay.map((t) => {
    running.n += t.n;
    running.d += t.d;
    for (const v of t.values) running.values.push(v);
    return figureOf(aggregate, running);
  });
};

/** Days a level metric is computed for: the first, every seventh after it and the last; the chart steps between them. */
const SAMPLE_EVERY = 7;

const scopeFor = (env: GoalEnv, spec: GoalSpec, last: string): MetricScope => ({
  fromDate: spec.from,
  toDate: last,
  from: new Date(startOfLocalDay(spec.from, env.timeZone)).toISOString(),
  to: new Date(startOfLocalDay(last, env.timeZone, 1)).toISOString(),
  filters: spec.filters,
  currency: spec.currency,
  now: env.now,
});

/** Where a goal's hour facts come from: its own query, or a query shared with goals counting the same. */
type FactsSource = (metric: MetricDefinition, spec: GoalSpec, last: string) => Promise<HourFact[]>;

/*
 * Facts are kept per question until the data under them changes: the key holds the facts data version
 * (bumped by triggers on every write to a table a metric reads) and the minute, since a rate can move
 * with time alone (a handoff's due time passing makes it judged).
 */
const factsCache = new Lru<Promise<HourFact[]>>(512);

const ownFacts =
  (ctx: AppContext, env: GoalEnv): FactsSource =>
  (metric, spec, last) => {
    const scope = scopeFor(env, spec, last);
    const key = JSON.stringify([
      ctx.engine,
      env.factsVersion,
      env.now.slice(0, 16),
      metric.key,
      Object.entries(spec.filters).sort(([a], [b]) => (a < b ? -1 : 1)),
      spec.currency,
      scope.from,
      scope.to,
    ]);
    const cached = factsCache.get(key);
    if (cached) return cached;
    const facts = (metric.facts as NonNullable<MetricDefinition['facts']>)(ctx, scope, whereOf(metric, spec.filters));
    factsCache.set(key, facts);
    facts.catch(() => factsCache.delete(key));
    return facts;
  };

/** The actual through each day from the period's start to `last` (inclusive). */
const dailyActuals = async (
  ctx: AppContext,
  env: GoalEnv,
  metric: MetricDefinition,
  spec: GoalSpec,
  last: string,
  withSeries: boolean,
  source: FactsSource,
): Promise<number[]> => {
  const days = dates(spec.from, last);
  const where = whereOf(metric, spec.filters);
  if (metric.facts) {
    const facts = await source(metric, spec, last);
    return dailyFromFacts(facts, days, env.timeZone, metric.aggregate, withSeries);
  }
  const level = metric.level as NonNullable<MetricDefinition['level']>;
  const sampled = withSeries ? days.filter((_, i) => i % SAMPLE_EVERY === 0 || i === days.length - 1) : [last];
  const values = new Map<string, number>();
  for (const day of sampled) values.set(day, round2(await level(ctx, scopeFor(env, spec, day), where)));
  let carried = 0;
  return days.map((d) => {
    carried = values.get(d) ?? carried;
    return carried;
  });
};

const attainmentOf = (metric: MetricDefinition, actual: number, target: number): number | null => {
  if (metric.direction === 'lower') return actual <= target ? 100 : Math.round((1000 * target) / actual) / 10;
  return target === 0 ? null : Math.round((1000 * actual) / target) / 10;
};

/** A goal's progress on the env's today, with its daily series when asked. */
export const evaluateGoal = async (
  ctx: AppContext,
  env: GoalEnv,
  spec: GoalSpec,
  withSeries: boolean,
  source: FactsSource = ownFacts(ctx, env),
): Promise<GoalProgressResult> => {
  const metric = catalogue.get(spec.metric);
  if (!metric) throw new Error(`Unknown metric ${spec.metric}`);
  const period = { from: spec.from, to: spec.to };
  const started = env.today >= spec.from;
  const last = earlierDate(env.today, spec.to);
  const daily = started ? await dailyActuals(ctx, env, metric, spec, last, withSeries, source) : [];
  const actual = daily.at(-1) ?? 0;
  const kind = kindOfUnit(metric.unit);
  const present = presentOf(metric);
  const p = goalProgress({
    actual,
    target: spec.target,
    direction: metric.direction,
    kind,
    period,
    today: env.today,
    calendar: env.calendar,
    thresholds: { atRisk: env.atRisk },
  });
  const summary: GoalProgressSummary = {
    actual,
    target: spec.target,
    expectedToDate: present(p.expectedToDate),
    forecast: present(p.forecast),
    status: p.status,
    attainment: attainmentOf(metric, actual, spec.target),
    elapsedBusinessDays: p.elapsedBusinessDays,
    totalBusinessDays: p.totalBusinessDays,
  };
  if (!withSeries) return { ...summary, series: [] };
  const series = paceLine(spec.target, kind, period, env.calendar).map((point, i) => ({
    date: point.date,
    actual: i < daily.length ? (daily[i] as number) : null,
    expected: present(point.expected),
  }));
  return { ...summary, series };
};

/**
 * Many goals at once (a list, a chain): goals that count the same metric with the same filters and
 * currency share one query over the union of their periods so far, and each takes its own hours from it.
 */
export const evaluateGoals = async (
  ctx: AppContext,
  env: GoalEnv,
  specs: GoalSpec[],
): Promise<GoalProgressResult[]> => {
  const keyOf = (s: GoalSpec) =>
    JSON.stringify([s.metric, Object.entries(s.filters).sort(([a], [b]) => (a < b ? -1 : 1)), s.currency]);
  const union = new Map<string, GoalSpec & { last: string }>();
  for (const spec of specs) {
    if (!catalogue.get(spec.metric)?.facts || env.today < spec.from) continue;
    const last = earlierDate(env.today, spec.to);
    const u = union.get(keyOf(spec));
    if (!u) union.set(keyOf(spec), { ...spec, last });
    else {
      u.from = earlierDate(u.from, spec.from);
      u.last = u.last > last ? u.last : last;
    }
  }
  const shared = new Map<string, Promise<HourFact[]>>();
  const source: FactsSource = async (metric, spec, last) => {
    const key = keyOf(spec);
    const u = union.get(key) as GoalSpec & { last: string };
    let facts = shared.get(key);
    if (!facts) {
      facts = ownFacts(ctx, env)(metric, u, u.last);
      shared.set(key, facts);
    }
    const { from, to } = scopeFor(env, spec, last);
    const [first, end] = [from.slice(0, 13), to.slice(0, 13)];
    return (await facts).filter((f) => f.hour >= first && f.hour < end);
  };
  return Promise.all(specs.map((spec) => evaluateGoal(ctx, env, spec, false, source)));
};

/** The earlier of two local dates (YYYY-MM-DD compare as text). */
export const earlierDate = (a: string, b: string): string => (a < b ? a : b);
