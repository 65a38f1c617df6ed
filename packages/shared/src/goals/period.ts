/**
 * A goal's period as local calendar dates (YYYY-MM-DD, both inclusive) in the workspace's time zone.
 * Quarters and years are fiscal: they start at the workspace's fiscal-year month (1 = January).
 */

export const periodTypes = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodType = (typeof periodTypes)[number];

/**
 * A period as a goal stores it. For month, quarter and year, `start` is any date inside the wanted
 * period (default: today); for custom, `from` and `to` are required and `start` is ignored.
 */
export interface PeriodSpec {
  type: PeriodType;
  from?: string;
  to?: string;
  start?: string;
}

/** Local dates, both inclusive. */
export interface DateRange {
  from: string;
  to: string;
}

export interface PeriodContext {
  /** The workspace's local date today. */
  today: string;
  /** 1–12; 4 = the fiscal year runs April to March. */
  fiscalYearStartMonth: number;
}

/**
 * Resolution never throws on bad input: a failure names the field so the caller can report it as
 * `period.<field>` in a 400.
 */
export type PeriodResult =
  | { ok: true; period: DateRange }
  | { ok: false; field: 'from' | 'to' | 'start'; reason: 'required' | 'invalid_date' | 'end_before_start' };

const pad = (n: number) => String(n).padStart(2, '0');

/** Parses YYYY-MM-DD, or null when it is not a real calendar date (2026-02-30). */
export const parseLocalDate = (s: string): { year: number; month: number; day: number } | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(year, month - 1, day));
  if (t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) return null;
  return { year, month, day };
};

/** The local date `days` after (or before, when negative) a date; months and years roll over. */
export const addDays = (date: string, days: number): string => {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
};

/** The first day of the month `months` after year/month (month 1–12, may overflow either way). */
const firstOfMonth = (year: number, month: number, months: number): string => {
  const t = new Date(Date.UTC(year, month - 1 + months, 1));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-01`;
};

/** The dates of a month, fiscal quarter, fiscal year or custom range. */
export const resolvePeriod = (spec: PeriodSpec, ctx: PeriodContext): PeriodResult => {
  if (!Number.isInteger(ctx.fiscalYearStartMonth) || ctx.fiscalYearStartMonth < 1 || ctx.fiscalYearStartMonth > 12) {
    throw new RangeError(`fiscalYearStartMonth must be 1–12, got ${ctx.fiscalYearStartMonth}`);
  }
  if (spec.type === 'custom') {
    if (spec.from === undefined) return { ok: false, field: 'from', reason: 'required' };
    if (spec.to === undefined) return { ok: false, field: 'to', reason: 'required' };
    if (!parseLocalDate(spec.from)) return { ok: false, field: 'from', reason: 'invalid_date' };
    if (!parseLocalDate(spec.to)) return { ok: false, field: 'to', reason: 'invalid_date' };
    if (spec.to < spec.from) return { ok: false, field: 'to', reason: 'end_before_start' };
    return { ok: true, period: { from: spec.from, to: spec.to } };
  }
  const anchor = parseLocalDate(spec.start ?? ctx.today);
  if (!anchor) return { ok: false, field: 'start', reason: 'invalid_date' };
  const length = spec.type === 'month' ? 1 : spec.type === 'quarter' ? 3 : 12;
  let fromMonth: number; // months since the anchor's January, may be negative
  if (spec.type === 'month') fromMonth = anchor.month - 1;
  else {
    // Months since the fiscal year began (0–11), rounded down to the period's length.
    const intoYear = (anchor.month - ctx.fiscalYearStartMonth + 12) % 12;
    fromMonth = anchor.month - 1 - intoYear + Math.floor(intoYear / length) * length;
  }
  const from = firstOfMonth(anchor.year, 1, fromMonth);
  const to = addDays(firstOfMonth(anchor.year, 1, fromMonth + length), -1);
  return { ok: true, period: { from, to } };
};
