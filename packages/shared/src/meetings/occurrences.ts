/**
 * Meeting series (Abstimmungen): the recurrence rule, its RFC 5545 RRULE, and the expansion of a series
 * into occurrences as UTC instants. Occurrences keep their local wall time across daylight-saving
 * changes (09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer). One occurrence can be moved
 * (RECURRENCE-ID → a new start) or cancelled (EXDATE) alone; it keeps the id of its original start.
 * Only Intl, no time-zone library (see sla/businessTime.ts).
 */
import { zonedParts, zonedTimeToEpoch } from '../sla/businessTime.js';

export const meetingCadences = ['weekly', 'biweekly', 'monthly'] as const;
type Cadence = (typeof meetingCadences)[number];

/** RFC 5545 weekday codes, indexed like Date#getUTCDay (0 = Sunday). */
export const rruleWeekdays = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
export type RruleWeekday = (typeof rruleWeekdays)[number];

/** Which weekday of the month a monthly series meets on: 1st–4th, or -1 for the last. */
export const meetingNths = [1, 2, 3, 4, -1] as const;

export interface Recurrence {
  cadence: Cadence;
  /** The first occurrence's local date (YYYY-MM-DD) and time (HH:MM) in `timeZone`. */
  startDate: string;
  startTime: string;
  timeZone: string;
  durationMinutes: number;
  /** Monthly only: the weekday and which one of the month (the first start lies on it). */
  weekday?: RruleWeekday;
  nth?: number;
}

/** One occurrence moved or cancelled alone, keyed by the start the rule gave it. */
export interface OccurrenceOverride {
  /** The rule's start for it, ISO UTC. */
  originalStartsAt: string;
  /** The new start when moved, ISO UTC. */
  startsAt?: string | null;
  cancelled?: boolean;
}

export interface ExpandedOccurrence {
  id: string;
  seriesId: string;
  startsAt: string;
  endsAt: string;
  originalStartsAt: string;
  moved: boolean;
  cancelled: boolean;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** How far the expansion goes at most, as a guard against a runaway window. */
export const MAX_OCCURRENCE_WINDOW_DAYS = 366;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const parseDate = (s: string): LocalDate => {
  const [year, month, day] = s.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 0, day: day ?? 0 };
};
const parseTime = (s: string): [number, number] => {
  const [h, m] = s.split(':').map(Number);
  return [h ?? 0, m ?? 0];
};
const dayNumber = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
const dateOfDayNumber = (n: number): LocalDate => {
  const t = new Date(n * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};
export const formatLocalDate = (d: LocalDate): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
const weekdayIndex = (d: LocalDate) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();

/** The weekday of a local date as an RRULE code. */
export const weekdayOf = (date: string): RruleWeekday => rruleWeekdays[weekdayIndex(parseDate(date))] ?? 'MO';

/** Which one of its weekday in the month a date is: 1–5, and whether it is the month's last. */
export const nthOfMonth = (date: string): { nth: number; last: boolean } => {
  const d = parseDate(date);
  const daysInMonth = new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
  return { nth: Math.ceil(d.day / 7), last: d.day + 7 > daysInMonth };
};

/**
 * The default nth for a monthly series starting on `date`: which one of its weekday it is; a 5th
 * weekday (which not every month has) becomes the last.
 */
export const defaultNth = (date: string): number => {
  const { nth } = nthOfMonth(date);
  return nth === 5 ? -1 : nth;
};

/** The nth (1–4, or -1 = last) given weekday of a month; undefined for a 5th that does not exist. */
const nthWeekdayOfMonth = (year: number, month: number, weekday: number, nth: number): LocalDate | undefined => {
  if (nth > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    const day = 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7;
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return day <= daysInMonth ? { year, month, day } : undefined;
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lastWeekday = new Date(Date.UTC(year, month - 1, daysInMonth)).getUTCDay();
  return { year, month, day: daysInMonth - ((lastWeekday - weekday + 7) % 7) };
};

/** The rule's weekday index and nth of a monthly series (defaults from the first start). */
const monthlyRule = (r: Recurrence): { weekday: number; nth: number } => ({
  weekday: rruleWeekdays.indexOf(r.weekday ?? weekdayOf(r.startDate)),
  nth: r.nth ?? defaultNth(r.startDate),
});

/**
 * The first date on or after `date` that a monthly rule meets on: a series created from a date that
 * is not the rule's weekday starts on the next one that is (as calendars expect DTSTART to match).
 */
export const firstMonthlyDate = (date: string, weekday: RruleWeekday, nth: number): string => {
  const from = parseDate(date);
  const wd = rruleWeekdays.indexOf(weekday);
  for (let i = 0; i < 3; i++) {
    const m = from.month - 1 + i;
    const candidate = nthWeekdayOfMonth(from.year + Math.floor(m / 12), (m % 12) + 1, wd, nth);
    if (candidate && dayNumber(candidate) >= dayNumber(from)) return formatLocalDate(candidate);
  }
  throw new Error('unreachable: every month has a 1st–4th and a last weekday');
};

/** The RFC 5545 RRULE (without the `RRULE:` prefix): FREQ=WEEKLY;INTERVAL=2;BYDAY=TU, FREQ=MONTHLY;BYDAY=-1FR. */
export const rruleOf = (r: Recurrence): string => {
  if (r.cadence === 'monthly') {
    const { weekday, nth } = monthlyRule(r);
    return `FREQ=MONTHLY;BYDAY=${nth}${rruleWeekdays[weekday]}`;
  }
  const day = weekdayOf(r.startDate);
  return r.cadence === 'biweekly' ? `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}` : `FREQ=WEEKLY;BYDAY=${day}`;
};

/** The instant of a local date at the series' local time. */
const instantOn = (r: Recurrence, d: LocalDate): number => {
  const [h, m] = parseTime(r.startTime);
  return zonedTimeToEpoch(d, h, m, r.timeZone);
};

/**
 * The rule's local dates whose start may fall in [fromMs, toMs), in order (a day of slack on either
 * side: the caller filters by instant).
 */
const ruleDates = (r: Recurrence, fromMs: number, toMs: number): LocalDate[] => {
  const start = parseDate(r.startDate);
  const startDay = dayNumber(start);
  const fromDay = Math.floor(fromMs / DAY_MS) - 1;
  const toDay = Math.ceil(toMs / DAY_MS) + 1;
  const out: LocalDate[] = [];
  if (r.cadence !== 'monthly') {
    const step = r.cadence === 'biweekly' ? 14 : 7;
    const k0 = Math.max(0, Math.floor((fromDay - startDay) / step));
    for (let day = startDay + k0 * step; day <= toDay; day += step) out.push(dateOfDayNumber(day));
    return out;
  }
  const { weekday, nth } = monthlyRule(r);
  const from = dateOfDayNumber(Math.max(fromDay, startDay));
  for (let m = from.year * 12 + from.month - 2; ; m++) {
    const year = Math.floor(m / 12);
    const month = (m % 12) + 1;
    if (dayNumber({ year, month, day: 1 }) > toDay) break;
    const d = nthWeekdayOfMonth(year, month, weekday, nth);
    if (d && dayNumber(d) >= startDay) out.push(d);
  }
  return out;
};

/** `2026-03-02T08:00:00.000Z` → `20260302T080000Z` (the occurrence id's second half). */
const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** A stable, URL-safe occurrence id: the series id and the occurrence's original start in UTC. */
export const occurrenceId = (seriesId: string, originalStartsAt: string): string =>
  `${seriesId}:${compact(new Date(originalStartsAt).toISOString())}`;

const OCCURRENCE_ID = /^([0-9a-f-]{36}):(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/i;

/** The series id and original start of an occurrence id, or undefined for anything else. */
export const parseOccurrenceId = (id: string): { seriesId: string; originalStartsAt: string } | undefined => {
  const m = OCCURRENCE_ID.exec(id);
  if (!m) return undefined;
  const [, seriesId, y, mo, d, h, mi, s] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`;
  const t = Date.parse(iso);
  if (Number.isNaN(t) || new Date(t).toISOString() !== iso) return undefined;
  return { seriesId: (seriesId as string).toLowerCase(), originalStartsAt: iso };
};

/** Whether the rule itself yields an occurrence at this instant (a valid original start). */
export const isRuleStart = (r: Recurrence, iso: string): boolean => {
  const t = Date.parse(iso);
  return ruleDates(r, t, t + 1).some((d) => instantOn(r, d) === t);
};

/** The first start of the series as an instant. */
export const firstStartOf = (r: Recurrence): string => new Date(instantOn(r, parseDate(r.startDate))).toISOString();

/** The local date and time (HH:MM) of an instant in a time zone. */
export const localDateTimeOf = (iso: string, timeZone: string): { date: string; time: string } => {
  const p = zonedParts(Date.parse(iso), timeZone);
  return { date: formatLocalDate(p), time: `${pad(p.hour)}:${pad(p.minute)}` };
};

/**
 * The occurrences starting in [from, to), in order of start: the rule's, less nothing — cancelled ones
 * are kept with `cancelled: true` — with moved ones at their new start (a moved occurrence is in the
 * window when its new start is, wherever the rule had it).
 */
export const expandOccurrences = (
  seriesId: string,
  r: Recurrence,
  overrides: readonly OccurrenceOverride[],
  window: { from: string; to: string },
): ExpandedOccurrence[] => {
  const fromMs = Date.parse(window.from);
  const toMs = Date.parse(window.to);
  if (!(toMs > fromMs)) return [];
  if (toMs - fromMs > MAX_OCCURRENCE_WINDOW_DAYS * DAY_MS) throw new RangeError('The window is too long');
  const duration = r.durationMinutes * MINUTE_MS;
  const byOriginal = new Map(overrides.map((o) => [Date.parse(o.originalStartsAt), o]));
  const make = (original: number): ExpandedOccurrence => {
    const o = byOriginal.get(original);
    const moved = o?.startsAt != null && Date.parse(o.startsAt) !== original;
    const start = moved ? Date.parse(o?.startsAt as string) : original;
    const originalIso = new Date(original).toISOString();
    return {
      id: occurrenceId(seriesId, originalIso),
      seriesId,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + duration).toISOString(),
      originalStartsAt: originalIso,
      moved,
      cancelled: o?.cancelled === true,
    };
  };
  const originals = new Set(ruleDates(r, fromMs, toMs).map((d) => instantOn(r, d)));
  // moved into the window from outside it
  for (const o of overrides) {
    if (o.startsAt == null) continue;
    const at = Date.parse(o.startsAt);
    const original = Date.parse(o.originalStartsAt);
    if (at >= fromMs && at < toMs && isRuleStart(r, o.originalStartsAt)) originals.add(original);
  }
  return [...originals]
    .map(make)
    .filter((x) => {
      const at = Date.parse(x.startsAt);
      return at >= fromMs && at < toMs;
    })
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
};
