/**
 * Business-time arithmetic in a workspace's time zone: when is an SLA due, and how many business
 * hours lie between two instants. Correct across weekends, holidays and daylight-saving changes,
 * using only Intl (no time-zone library).
 */

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

export interface BusinessCalendar {
  timeZone: string;
  /** Opening hours per weekday as local "HH:MM"; null = closed. */
  hours: Record<Weekday, readonly [string, string] | null>;
  /** Closed local dates (YYYY-MM-DD): public holidays and extra days off. */
  holidays: ReadonlySet<string>;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/** The wall-clock fields of an instant in a time zone. */
export const zonedParts = (epochMs: number, timeZone: string) => {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
};

/** Offset of the zone from UTC at an instant, in ms (Berlin in winter: +3,600,000). */
const offsetAt = (epochMs: number, timeZone: string): number => {
  const p = zonedParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
};

/**
 * The instant at which the zone's clocks show the given local time. A time skipped by a spring-forward
 * change maps to the same distance after the gap (02:30 → 03:30); a repeated autumn hour maps to its
 * first occurrence.
 */
export const zonedTimeToEpoch = (d: LocalDate, hour: number, minute: number, timeZone: string): number => {
  const wall = Date.UTC(d.year, d.month - 1, d.day, hour, minute);
  const shows = (t: number) => {
    const p = zonedParts(t, timeZone);
    return p.day === d.day && p.hour === hour && p.minute === minute;
  };
  // Candidates: the offsets in force a day before, at, and a day after the wall time.
  const candidates = [
    ...new Set([-86_400_000, 0, 86_400_000].map((shift) => wall - offsetAt(wall + shift, timeZone))),
  ].sort((a, b) => a - b);
  const exact = candidates.find(shows);
  if (exact !== undefined) return exact;
  // In a gap: keep the wall distance from the change by using the offset from before it.
  return wall - offsetAt(wall - 86_400_000, timeZone);
};

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: LocalDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;
const nextDate = (d: LocalDate): LocalDate => {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};
const weekdayOf = (d: LocalDate): Weekday =>
  weekdays[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()] ?? 'sun';
const hm = (s: string): [number, number] => {
  const [h, m] = s.split(':').map(Number);
  return [h ?? 0, m ?? 0];
};

/** The open interval [start, end) of a local date in epoch ms, or null when closed. */
const windowOf = (d: LocalDate, cal: BusinessCalendar): [number, number] | null => {
  if (cal.holidays.has(isoDate(d))) return null;
  const hours = cal.hours[weekdayOf(d)];
  if (!hours) return null;
  const [oh, om] = hm(hours[0]);
  const [ch, cm] = hm(hours[1]);
  const start = zonedTimeToEpoch(d, oh, om, cal.timeZone);
  const end = zonedTimeToEpoch(d, ch, cm, cal.timeZone);
  return end > start ? [start, end] : null;
};

const MAX_DAYS = 3 * 366;

const assertOpenSometimes = (cal: BusinessCalendar) => {
  if (!Object.values(cal.hours).some((h) => h !== null)) throw new Error('The calendar has no business hours');
};

/** The instant `ms` business milliseconds after `fromMs` (a due time). */
export const addBusinessTime = (fromMs: number, ms: number, cal: BusinessCalendar): number => {
  assertOpenSometimes(cal);
  let remaining = ms;
  const p = zonedParts(fromMs, cal.timeZone);
  let day: LocalDate = { year: p.year, month: p.month, day: p.day };
  const cursor = fromMs;
  for (let i = 0; i < MAX_DAYS; i++) {
    const w = windowOf(day, cal);
    if (w) {
      const start = Math.max(cursor, w[0]);
      if (start < w[1]) {
        const available = w[1] - start;
        if (remaining <= available) return start + remaining;
        remaining -= available;
      }
    }
    day = nextDate(day);
  }
  throw new Error('Business time does not fit within three years');
};

/** Business milliseconds between two instants (0 when `toMs` is not after `fromMs`). */
export const businessTimeBetween = (fromMs: number, toMs: number, cal: BusinessCalendar): number => {
  if (toMs <= fromMs) return 0;
  assertOpenSometimes(cal);
  const p = zonedParts(fromMs, cal.timeZone);
  let day: LocalDate = { year: p.year, month: p.month, day: p.day };
  let total = 0;
  for (let i = 0; i < MAX_DAYS * 10; i++) {
    const w = windowOf(day, cal);
    if (w) {
      if (w[0] >= toMs) break;
      const start = Math.max(fromMs, w[0]);
      const end = Math.min(toMs, w[1]);
      if (end > start) total += end - start;
    } else {
      // closed day: stop once it lies wholly after toMs
      const dayStart = zonedTimeToEpoch(day, 0, 0, cal.timeZone);
      if (dayStart >= toMs) break;
    }
    day = nextDate(day);
  }
  return total;
};

export const HOUR_MS = 3_600_000;
