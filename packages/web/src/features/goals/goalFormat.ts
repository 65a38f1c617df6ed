import type { Goal, GoalProgressSummary, GoalStatus, MetricUnit } from '@nenner/shared';
import { currencyDigits, formatDay, formatMoney, toIntlLocale } from '../../i18n/format';

/*
 * How a goal's figures read in the user's language: counts whole, money from minor units in the goal's
 * currency, percentages and business hours with at most one decimal.
 */

const number = (n: number, lng: string, maximumFractionDigits: number): string =>
  new Intl.NumberFormat(toIntlLocale(lng), { maximumFractionDigits }).format(n);

/** The unit after a number of business hours: German „Std.“, English „h“. */
const hoursUnit = (lng: string): string => (lng.startsWith('de') ? 'Std.' : 'h');

/**
 * One figure of a goal (actual, target, pace, forecast) in its unit, e.g. de: 3 · 50.000 € · 1.234,56 € ·
 * 66,7 % · 4,5 Std.; money without cents when the amount is whole, or always with `wholeMoney` (for
 * estimates such as the pace and the forecast, whose cents mean nothing).
 */
export const formatGoalValue = (
  value: number,
  unit: MetricUnit,
  currency: string | null,
  lng: string,
  wholeMoney = false,
): string => {
  switch (unit) {
    case 'count':
      return number(Math.round(value), lng, 0);
    case 'money': {
      const code = currency ?? 'EUR';
      const minor = Math.round(value);
      return formatMoney(minor, code, lng, wholeMoney || minor % 10 ** currencyDigits(code) === 0);
    }
    case 'percent':
      return new Intl.NumberFormat(toIntlLocale(lng), { style: 'percent', maximumFractionDigits: 1 }).format(
        value / 100,
      );
    case 'business_hours':
      return `${number(value, lng, 1)} ${hoursUnit(lng)}`;
  }
};

/** "3 / 5": the actual against the target, both in the goal's unit. */
export const formatActualOfTarget = (
  actual: number,
  target: number,
  unit: MetricUnit,
  currency: string | null,
  lng: string,
): string => `${formatGoalValue(actual, unit, currency, lng)} / ${formatGoalValue(target, unit, currency, lng)}`;

/** The colour of a status, the same on every screen. */
export const goalStatusColor: Record<GoalStatus, string> = {
  on_track: 'green',
  at_risk: 'yellow',
  off_track: 'red',
  not_started: 'gray',
};

/**
 * How full a goal's bar is (0–100): its attainment, capped; a zero target reads full once it is on track.
 */
export const progressBarValue = (p: Pick<GoalProgressSummary, 'attainment' | 'status'>): number => {
  if (p.attainment === null) return p.status === 'on_track' ? 100 : 0;
  return Math.min(100, Math.max(0, p.attainment));
};

const monthName = (y: number, m: number, lng: string, withYear: boolean): string =>
  new Intl.DateTimeFormat(toIntlLocale(lng), {
    month: 'long',
    ...(withYear && { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));

const lastDayOfMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A goal's period in words: a month as "Dezember 2026", a calendar year as "2026", whole months as
 * "Oktober – Dezember 2026" (or across years "April 2026 – März 2027"), anything else as two dates.
 */
export const formatGoalPeriod = (period: Goal['period'], lng: string): string => {
  const [fy, fm, fd] = period.from.split('-').map(Number);
  const [ty, tm, td] = period.to.split('-').map(Number);
  if (!fy || !fm || !fd || !ty || !tm || !td) return `${period.from} – ${period.to}`;
  const wholeMonths = period.type !== 'custom' && fd === 1 && td === lastDayOfMonth(ty, tm);
  if (!wholeMonths) return `${formatDay(period.from, lng)} – ${formatDay(period.to, lng)}`;
  if (fy === ty && fm === tm) return monthName(fy, fm, lng, true);
  if (fy === ty && fm === 1 && tm === 12) return String(fy);
  if (fy === ty) return `${monthName(fy, fm, lng, false)} – ${monthName(ty, tm, lng, true)}`;
  return `${monthName(fy, fm, lng, true)} – ${monthName(ty, tm, lng, true)}`;
};

/** A day on the burn-up chart's axis, e.g. de: 01.12. / en: 1 Dec. */
export const formatChartDay = (day: string, lng: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  const de = lng.startsWith('de');
  return new Intl.DateTimeFormat(toIntlLocale(lng), {
    day: de ? '2-digit' : 'numeric',
    month: de ? '2-digit' : 'short',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
};

/** A month of the alignment trend ("2026-12") as de: Dez. 26 / en: Dec 26. */
export const formatTrendMonth = (month: string, lng: string): string => {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(toIntlLocale(lng), { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
};

/** A score or weight of the alignment index (0–100) with at most one decimal, e.g. de: 72,5. */
export const formatScore = (value: number, lng: string): string => number(value, lng, 1);
