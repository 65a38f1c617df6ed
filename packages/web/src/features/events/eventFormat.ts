import type { Event, EventStatus, RegistrationStatus } from '@nenner/shared';
import { toIntlLocale } from '../../i18n/format';

/** How full an event is: confirmed places (attended ones count) against capacity, and the waiting list. */
export interface SeatSummary {
  taken: number;
  capacity: number;
  left: number;
  waitlisted: number;
  /** 0–1, capped at 1 (a lowered capacity never un-confirms anyone). */
  share: number;
  full: boolean;
  /** Full, and further registrations are queued (true) or refused (false). */
  queueing: boolean;
}

export const seatSummary = (e: Pick<Event, 'seatsTaken' | 'capacity' | 'waitlist' | 'counts'>): SeatSummary => {
  const left = Math.max(0, e.capacity - e.seatsTaken);
  return {
    taken: e.seatsTaken,
    capacity: e.capacity,
    left,
    waitlisted: e.counts.waitlisted,
    share: e.capacity > 0 ? Math.min(1, e.seatsTaken / e.capacity) : 0,
    full: left === 0,
    queueing: left === 0 && e.waitlist,
  };
};

/** The colour of a seat bar: green with room, orange from 80 %, red when full. */
export const seatColor = (s: SeatSummary): string => (s.full ? 'red' : s.share >= 0.8 ? 'orange' : 'teal');

export const eventStatusColor: Record<EventStatus, string> = {
  draft: 'gray',
  open: 'teal',
  closed: 'orange',
  done: 'indigo',
  cancelled: 'red',
};

export const registrationStatusColor: Record<RegistrationStatus, string> = {
  confirmed: 'teal',
  waitlisted: 'yellow',
  cancelled: 'gray',
  attended: 'indigo',
  no_show: 'red',
};

/** The order the registration tabs and the report list statuses in. */
export const registrationStatusOrder: readonly RegistrationStatus[] = [
  'confirmed',
  'attended',
  'waitlisted',
  'cancelled',
  'no_show',
];

const dayFormat = (lng: string, timeZone: string) =>
  new Intl.DateTimeFormat(toIntlLocale(lng), { dateStyle: 'medium', timeZone });
const timeFormat = (lng: string, timeZone: string) =>
  new Intl.DateTimeFormat(toIntlLocale(lng), { timeStyle: 'short', timeZone });

/**
 * When an event takes place, in the user's language and the event's own zone: one day as
 * „15.04.2026, 09:00–17:00“, several as „15.04.2026, 09:00 – 16.04.2026, 17:00“.
 */
export const eventWhen = (e: Pick<Event, 'startsAt' | 'endsAt' | 'timeZone'>, lng: string): string => {
  const day = dayFormat(lng, e.timeZone);
  const time = timeFormat(lng, e.timeZone);
  const start = new Date(e.startsAt);
  const end = new Date(e.endsAt);
  return day.format(start) === day.format(end)
    ? `${day.format(start)}, ${time.format(start)}–${time.format(end)}`
    : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
};

/** The event's zone when it is not the user's own (then the times would be misread), else null. */
export const foreignZone = (e: Pick<Event, 'timeZone'>, userTimeZone: string): string | null =>
  e.timeZone === userTimeZone ? null : e.timeZone;

/** Whether the event has begun (check-in and closing make sense from then on). */
export const hasStarted = (e: Pick<Event, 'startsAt'>, now = Date.now()): boolean => Date.parse(e.startsAt) <= now;

/** Whether the organiser may still close the event: it began, and it is neither done nor cancelled. */
export const canBeClosed = (e: Pick<Event, 'startsAt' | 'status'>, now = Date.now()): boolean =>
  hasStarted(e, now) && e.status !== 'done' && e.status !== 'cancelled' && e.status !== 'draft';

/** Cost per attendee: the campaign's cost shared by those who came; null without attendees. */
export const costPerAttendee = (actualCost: number, attended: number): number | null =>
  attended > 0 ? Math.round(actualCost / attended) : null;

/** A person's name as a registration gives it, falling back to the email. */
export const registrantName = (r: { firstName: string; lastName: string; email: string }): string =>
  `${r.firstName} ${r.lastName}`.trim() || r.email;
