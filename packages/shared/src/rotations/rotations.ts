/*
 * Job rotation (Perspektivwechsel): the pure rules the server and the web app share. A rotation's period
 * is two local dates, both inclusive, in the workspace's time zone (the SLA calendar's); its status
 * follows from the period, today and whether it was cancelled, and is never stored.
 */
import { addDays, parseLocalDate } from '../goals/period.js';
import type { PolicyRecord } from '../policies/policies.js';

export const rotationStatuses = ['planned', 'active', 'completed', 'cancelled'] as const;

/** The departments a rotation goes between: a marketer visits sales and the other way round. */
export const rotationDepartments = ['marketing', 'sales'] as const;
export type RotationDepartment = (typeof rotationDepartments)[number];

/** The department a person of `home` visits, or null when `home` takes no part (management). */
export const hostDepartmentFor = (home: string): RotationDepartment | null =>
  home === 'marketing' ? 'sales' : home === 'sales' ? 'marketing' : null;

/** Planned before the first day, active from the first to the last day, completed after it; cancelled wins. */
export const rotationStatus = (
  r: { startsOn: string; endsOn: string; cancelled: boolean },
  today: string,
): (typeof rotationStatuses)[number] => {
  if (r.cancelled) return 'cancelled';
  if (today < r.startsOn) return 'planned';
  if (today > r.endsOn) return 'completed';
  return 'active';
};

const dayNumber = (date: string): number => {
  const p = parseLocalDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(p.year, p.month - 1, p.day) / 86_400_000;
};

/** Calendar days from `from` to `to`, both inclusive (0 when `to` is before `from`). */
export const inclusiveDays = (from: string, to: string): number =>
  to < from ? 0 : dayNumber(to) - dayNumber(from) + 1;

/** The part of [startsOn, endsOn] inside [from, to] (dates compare as text); `start` after `end` when none is. */
export const clipPeriod = (startsOn: string, endsOn: string, from: string, to: string) => ({
  start: startsOn > from ? startsOn : from,
  end: endsOn < to ? endsOn : to,
});

/** Days of [startsOn, endsOn] that fall in [from, to], both inclusive on both sides. */
export const daysWithin = (startsOn: string, endsOn: string, from: string, to: string): number => {
  const { start, end } = clipPeriod(startsOn, endsOn, from, to);
  return inclusiveDays(start, end);
};

export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

/** A calendar quarter `2027-Q1` as its first and last date, both inclusive (January 1 to March 31). */
export const quarterDates = (quarter: string): { from: string; to: string } => {
  const m = QUARTER_PATTERN.exec(quarter);
  if (!m) throw new RangeError(`not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const first = (Number(m[2]) - 1) * 3 + 1;
  const from = `${m[1]}-${String(first).padStart(2, '0')}-01`;
  const next = first + 3 > 12 ? `${year + 1}-01-01` : `${m[1]}-${String(first + 3).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
};

/** The calendar quarter a date lies in: `2027-02-14` → `2027-Q1`. */
export const calendarQuarterOf = (date: string): string =>
  `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/** The quarter before or after (`delta` quarters away). */
export const shiftCalendarQuarter = (quarter: string, delta: number): string => {
  const m = QUARTER_PATTERN.exec(quarter);
  if (!m) throw new RangeError(`not a quarter: ${quarter}`);
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + delta;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
};

/** Who a rotation belongs to: the person and the mentor (rotations.edit, .checkin, .report). */
export const rotationRecord = (r: { person: { id: string }; mentor: { id: string } }): PolicyRecord => ({
  ownerIds: [r.person.id, r.mentor.id],
});

/** The closing report is the person's alone (asked with rotations.report). */
export const rotationReportRecord = (r: { person: { id: string } }): PolicyRecord => ({ ownerIds: [r.person.id] });

/** The rating and its comment are the mentor's alone (asked with rotations.rate). */
export const rotationRatingRecord = (r: { mentor: { id: string } }): PolicyRecord => ({ ownerId: r.mentor.id });
