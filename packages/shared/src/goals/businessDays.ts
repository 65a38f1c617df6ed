/**
 * Whole business days of the workspace calendar (the SLA settings' opening hours and holidays), for a
 * goal's linear pace. A day counts when the calendar opens on that weekday and it is no holiday; how
 * long it is open does not matter, so a goal's pace moves one step per business day.
 */
import { type BusinessCalendar, weekdays, zonedParts } from '../sla/businessTime.js';
import { addDays, type DateRange } from './period.js';

export type DayCalendar = Pick<BusinessCalendar, 'hours' | 'holidays'>;

/** Whether the local date (YYYY-MM-DD) is a business day. */
export const isBusinessDay = (date: string, cal: DayCalendar): boolean => {
  if (cal.holidays.has(date)) return false;
  const [y, m, d] = date.split('-').map(Number);
  const weekday = weekdays[new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)).getUTCDay()] ?? 'sun';
  const hours = cal.hours[weekday];
  // "HH:MM" strings compare in time order; a window that closes before it opens is closed, as in the SLA.
  return hours !== null && hours[1] > hours[0];
};

/** Counts already made per calendar (a list of goals asks the same periods again and again); a calendar is not changed once built. */
const counted = new WeakMap<DayCalendar, Map<string, number>>();

/** Business days from `from` to `to`, both inclusive (0 when `to` is before `from`). */
export const countBusinessDays = ({ from, to }: DateRange, cal: DayCalendar): number => {
  let known = counted.get(cal);
  if (!known) {
    known = new Map();
    counted.set(cal, known);
  }
  const key = `${from}|${to}`;
  const hit = known.get(key);
  if (hit !== undefined) return hit;
  let n = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) if (isBusinessDay(day, cal)) n++;
  known.set(key, n);
  return n;
};

/**
 * Business days of the period elapsed by the end of `today`: today counts as a whole day once it has
 * begun, so on the first business day a goal already expects 1/total of its target. 0 before the period.
 */
export const businessDaysElapsed = (period: DateRange, today: string, cal: DayCalendar): number =>
  today < period.from ? 0 : countBusinessDays({ from: period.from, to: today < period.to ? today : period.to }, cal);

/** The local date (YYYY-MM-DD) of an instant in a time zone: a workspace's "today". */
export const localDateIn = (epochMs: number, timeZone: string): string => {
  const p = zonedParts(epochMs, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
};
