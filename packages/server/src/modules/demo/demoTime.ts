import { addDays, localDateIn, parseLocalDate, zonedTimeToEpoch } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { currentClock, now, setClock } from '../../lib/clock.js';
import { nowIso } from '../../lib/ids.js';
import { readSetting } from '../settings/settings.service.js';
import { restampSince, type StampedTable } from './demo.repository.js';

/*
 * The demo's calendar. Projects, rotations and events are told as stories that began weeks or months
 * ago: each step goes through the real service (so it is checked and audited), and the stamps the
 * service wrote "now" are then moved back to the step's day. A story's stamps only ever move forward.
 */

/** 0 Sunday … 6 Saturday, for a local date. */
export const dayOfWeek = (date: string): number => {
  const p = parseLocalDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
};

/** The Monday of the week a local date falls in. */
export const mondayOf = (date: string): string => addDays(date, -((dayOfWeek(date) + 6) % 7));

/** The first day on or after `date` that is one of `weekdays` (0 Sunday … 6 Saturday). */
export const nextWeekday = (date: string, weekdays: number[]): string => {
  let d = date;
  while (!weekdays.includes(dayOfWeek(d))) d = addDays(d, 1);
  return d;
};

/** When the demo users joined: before the oldest demo account (2025-01-06), and at least 400 days ago. */
export const joinedAt = (): string =>
  new Date(Math.min(Date.parse('2025-01-02T08:00:00Z'), now() - 400 * 86_400_000)).toISOString();

export interface DemoCalendar {
  timeZone: string;
  /** Today in the workspace's time zone. */
  today: string;
  /** `days` from today (negative: in the past). */
  day(days: number): string;
  /** The instant of a local time (HH:MM) on a local date, in the workspace's time zone. */
  at(date: string, time: string): string;
  /** Like `at`, for a moment that has passed: never later than a minute ago. */
  past(date: string, time: string): string;
  /**
   * Moves the stamps the services wrote since this calendar was made, in the rows of `table` matching
   * `where`, back to `at`.
   */
  restamp(table: StampedTable, where: Record<string, string>, columns: string[], at: string): Promise<void>;
}

/** The workspace's calendar, starting the clock for `restamp` now. */
export const demoCalendar = async (ctx: AppContext): Promise<DemoCalendar> => {
  const since = nowIso();
  const { timeZone } = (await readSetting(ctx.db, 'sla')).value;
  const today = localDateIn(now(), timeZone);
  const at = (date: string, time: string): string => {
    const d = parseLocalDate(date);
    const [hour, minute] = time.split(':').map(Number);
    if (!d || hour === undefined || minute === undefined) throw new RangeError(`not a date and time: ${date} ${time}`);
    return new Date(zonedTimeToEpoch(d, hour, minute, timeZone)).toISOString();
  };
  return {
    timeZone,
    today,
    day: (days) => addDays(today, days),
    at,
    past: (date, time) => {
      const instant = Date.parse(at(date, time));
      return new Date(Math.min(instant, Date.parse(since) - 60_000)).toISOString();
    },
    restamp: (table, where, columns, stamp) => restampSince(ctx.db, table, where, columns, since, stamp),
  };
};

/**
 * Runs `act` with the app's clock at `at` (and running on from there), so every stamp the services write
 * (the record, its timeline, its SLA due time) tells the story's time rather than the seeding's.
 */
export const atTime = async <T>(at: number, act: () => Promise<T>): Promise<T> => {
  const previous = currentClock();
  const started = Date.now();
  setClock({ now: () => at + (Date.now() - started) });
  try {
    return await act();
  } finally {
    setClock(previous);
  }
};
