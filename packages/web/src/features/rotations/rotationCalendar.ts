import {
  addDays,
  calendarQuarterOf,
  clipPeriod,
  inclusiveDays,
  quarterDates,
  shiftCalendarQuarter,
} from '@nenner/shared';

/*
 * The rotation calendar's layout, kept apart from React so it can be tested: a window of local dates,
 * one lane per person, and each rotation as a bar placed by its share of the window.
 */

export type CalendarSpan = 'month' | 'quarter';

/** A window of local dates, both ends included. */
export interface CalendarWindow {
  from: string;
  to: string;
}

/** What the calendar needs of a rotation. */
export interface CalendarRotation {
  id: string;
  person: { id: string; name: string; department: string };
  hostDepartment: string;
  status: string;
  startsOn: string;
  endsOn: string;
}

export interface LaneBar {
  rotation: CalendarRotation;
  /** Where the bar starts and how wide it is, as shares (0–1) of the window. */
  offset: number;
  width: number;
  /** The rotation goes on before or after the window. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

export interface Lane {
  person: CalendarRotation['person'];
  bars: LaneBar[];
}

const lastOfMonth = (month: string): string => addDays(`${nextMonth(month)}-01`, -1);
const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
const shiftMonth = (month: string, delta: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + m - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** The month or calendar quarter around a date. */
export const calendarWindow = (span: CalendarSpan, day: string): CalendarWindow =>
  span === 'quarter'
    ? quarterDates(calendarQuarterOf(day))
    : { from: `${day.slice(0, 7)}-01`, to: lastOfMonth(day.slice(0, 7)) };

/** The window `delta` months or quarters away from the one that starts on `window.from`. */
export const shiftWindow = (span: CalendarSpan, window: CalendarWindow, delta: number): CalendarWindow =>
  span === 'quarter'
    ? quarterDates(shiftCalendarQuarter(calendarQuarterOf(window.from), delta))
    : calendarWindow('month', `${shiftMonth(window.from.slice(0, 7), delta)}-01`);

/** Where a day begins in the window (0–1), or null outside it. */
export const dayOffset = (window: CalendarWindow, day: string): number | null =>
  day < window.from || day > window.to
    ? null
    : (inclusiveDays(window.from, day) - 1) / inclusiveDays(window.from, window.to);

/** The months that begin inside the window (the first one too, at 0), for the scale above the lanes. */
export const monthTicks = (window: CalendarWindow): { month: string; offset: number }[] => {
  const ticks: { month: string; offset: number }[] = [];
  for (let month = window.from.slice(0, 7); `${month}-01` <= window.to; month = nextMonth(month)) {
    const first = `${month}-01` < window.from ? window.from : `${month}-01`;
    ticks.push({ month, offset: dayOffset(window, first) ?? 0 });
  }
  return ticks;
};

/**
 * One lane per person with a rotation in the window, by name; each rotation a bar from its first to its
 * last day (both included), cut at the window's edges. Cancelled rotations are left out unless asked for.
 */
export const calendarLanes = (
  rotations: readonly CalendarRotation[],
  window: CalendarWindow,
  { includeCancelled = false, locale = 'de' }: { includeCancelled?: boolean; locale?: string } = {},
): Lane[] => {
  const total = inclusiveDays(window.from, window.to);
  const lanes = new Map<string, Lane>();
  const sorted = [...rotations].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id));
  for (const r of sorted) {
    if (r.endsOn < window.from || r.startsOn > window.to) continue;
    if (r.status === 'cancelled' && !includeCancelled) continue;
    const { start, end } = clipPeriod(r.startsOn, r.endsOn, window.from, window.to);
    const lane = lanes.get(r.person.id) ?? { person: r.person, bars: [] };
    lane.bars.push({
      rotation: r,
      offset: (inclusiveDays(window.from, start) - 1) / total,
      width: inclusiveDays(start, end) / total,
      clippedStart: r.startsOn < window.from,
      clippedEnd: r.endsOn > window.to,
    });
    lanes.set(r.person.id, lane);
  }
  return [...lanes.values()].sort(
    (a, b) => a.person.name.localeCompare(b.person.name, locale) || a.person.id.localeCompare(b.person.id),
  );
};
