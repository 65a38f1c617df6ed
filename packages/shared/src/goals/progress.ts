/**
 * A goal's pace, forecast and status, computed from its actual to date. Rules (issue 10):
 *
 * - Pace is linear over the period's business days: expectedToDate = target × elapsed ÷ total, where
 *   elapsed counts business days through today (see businessDaysElapsed).
 * - Forecast = actual × total ÷ elapsed (the same as actual ÷ elapsed × total, multiplied first so whole
 *   numbers stay exact). Once the period has ended, forecast = actual.
 * - A period that has not begun is `not_started` (expectedToDate 0, forecast = actual).
 * - Higher is better: on_track when forecast ≥ target, at_risk when forecast ≥ atRisk × target,
 *   off_track below.
 * - Lower is better (e.g. median response hours), the mirror image: on_track when forecast ≤ target,
 *   at_risk when forecast × atRisk ≤ target (i.e. forecast ≤ target ÷ atRisk: 10 % over the target with
 *   atRisk 0.9 is about as bad as 10 % under it), off_track above.
 * - Zero target falls out of those rules: higher-is-better is always on_track (an actual is never
 *   negative); lower-is-better is on_track only at 0 and off_track at anything above (target ÷ atRisk is
 *   still 0, so there is no at-risk band).
 * - `kind: 'level'` is for rates and medians (percent, business hours): the figure is already a level, not a
 *   sum that grows day by day, so forecast = actual and expectedToDate = target (the level is expected all
 *   along). `cumulative` (counts, money) is the default; kindOfUnit derives it from a metric's unit.
 * - No business day elapsed yet in a running period (a month that began on a Saturday, seen that Saturday):
 *   nothing can be extrapolated, so forecast = actual; a higher-is-better goal is on_track (nothing was due
 *   yet), a lower-is-better one is judged on its actual, which can only grow.
 *
 * Figures are not rounded here: the caller presents them (money to minor units, hours to two decimals).
 */

import type { MetricUnit } from '../schemas/goals.js';
import { businessDaysElapsed, countBusinessDays, type DayCalendar, isBusinessDay } from './businessDays.js';
import { addDays, type DateRange } from './period.js';

export const goalStatuses = ['not_started', 'on_track', 'at_risk', 'off_track'] as const;
export type GoalStatus = (typeof goalStatuses)[number];
export const goalDirections = ['higher', 'lower'] as const;
export type GoalDirection = (typeof goalDirections)[number];
export const progressKinds = ['cumulative', 'level'] as const;
export type ProgressKind = (typeof progressKinds)[number];

export interface GoalThresholds {
  /** 0–1: the share of the target a forecast must reach to count as at risk rather than off track. */
  atRisk: number;
}
export const defaultGoalThresholds: GoalThresholds = { atRisk: 0.9 };

export interface GoalProgressInput {
  actual: number;
  target: number;
  direction: GoalDirection;
  kind?: ProgressKind;
  period: DateRange;
  /** The workspace's local date (localDateIn). */
  today: string;
  calendar: DayCalendar;
  thresholds: GoalThresholds;
}

export interface GoalProgress {
  expectedToDate: number;
  forecast: number;
  status: GoalStatus;
  elapsedBusinessDays: number;
  totalBusinessDays: number;
}

/** Sums grow with the period; rates and medians are levels. */
export const kindOfUnit = (unit: MetricUnit): ProgressKind =>
  unit === 'count' || unit === 'money' ? 'cumulative' : 'level';

/** The status of a figure expected at the period's end, against the target. */
export const judgeForecast = (
  forecast: number,
  target: number,
  direction: GoalDirection,
  thresholds: GoalThresholds,
): Exclude<GoalStatus, 'not_started'> => {
  const { atRisk } = thresholds;
  if (direction === 'higher') {
    if (forecast >= target) return 'on_track';
    return forecast >= atRisk * target ? 'at_risk' : 'off_track';
  }
  if (forecast <= target) return 'on_track';
  return forecast * atRisk <= target ? 'at_risk' : 'off_track';
};

/** Expected to date, forecast and status of a goal on `today`. */
export const goalProgress = (input: GoalProgressInput): GoalProgress => {
  const { actual, target, direction, period, today, calendar, thresholds } = input;
  const kind = input.kind ?? 'cumulative';
  if (!(target >= 0) || !Number.isFinite(target)) throw new RangeError(`target must be ≥ 0, got ${target}`);
  if (!(thresholds.atRisk >= 0 && thresholds.atRisk <= 1)) {
    throw new RangeError(`thresholds.atRisk must be 0–1, got ${thresholds.atRisk}`);
  }
  const totalBusinessDays = countBusinessDays(period, calendar);
  if (today < period.from) {
    return {
      expectedToDate: kind === 'level' ? target : 0,
      forecast: actual,
      status: 'not_started',
      elapsedBusinessDays: 0,
      totalBusinessDays,
    };
  }
  const elapsedBusinessDays = businessDaysElapsed(period, today, calendar);
  const result = (expectedToDate: number, forecast: number, status: GoalStatus): GoalProgress => ({
    expectedToDate,
    forecast,
    status,
    elapsedBusinessDays,
    totalBusinessDays,
  });
  const judge = (figure: number) => judgeForecast(figure, target, direction, thresholds);
  if (kind === 'level') return result(target, actual, judge(actual));
  if (today > period.to) return result(target, actual, judge(actual));
  if (elapsedBusinessDays === 0) return result(0, actual, direction === 'higher' ? 'on_track' : judge(actual));
  const expectedToDate = (target * elapsedBusinessDays) / totalBusinessDays;
  const forecast = (actual * totalBusinessDays) / elapsedBusinessDays;
  return result(expectedToDate, forecast, judge(forecast));
};

/**
 * The pace line of a burn-up chart: for every date of the period, what a linear pace expects by the end
 * of that day (target × business days elapsed ÷ all business days); a level metric expects its target
 * all along. A period without business days expects the target from its first day.
 */
export const paceLine = (
  target: number,
  kind: ProgressKind,
  period: DateRange,
  calendar: DayCalendar,
): { date: string; expected: number }[] => {
  const total = countBusinessDays(period, calendar);
  const line: { date: string; expected: number }[] = [];
  let elapsed = 0;
  for (let date = period.from; date <= period.to; date = addDays(date, 1)) {
    if (isBusinessDay(date, calendar)) elapsed += 1;
    line.push({ date, expected: kind === 'level' || total === 0 ? target : (target * elapsed) / total });
  }
  return line;
};
