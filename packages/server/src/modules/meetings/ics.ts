import { firstStartOf, localDateTimeOf, type Recurrence, type RruleWeekday } from '@nenner/shared';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalAttendeeRole,
  ICalCalendarMethod,
  ICalEventRepeatingFreq,
  ICalEventStatus,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
  ICalWeekday,
} from 'ical-generator';

/*
 * The iCalendar file of a series, written by ical-generator (folding, escaping, the RRULE and EXDATE
 * syntax) with a VTIMEZONE from @touch4it/ical-timezones (bundled zone data: no network).
 *
 * Times go in as wall-clock values of the series' zone (DTSTART;TZID=Europe/Berlin:20260302T090000), so
 * calendars keep 09:00 across daylight-saving changes as the RRULE means. ical-generator formats a plain
 * Date in the server process's own zone; the Temporal-shaped wall time below is what it formats as given.
 * A monthly rule is written BYDAY=TU;BYSETPOS=2 — the library's spelling of BYDAY=2TU, the same dates.
 */

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarSeries {
  uid: string;
  sequence: number;
  title: string;
  location: string | null;
  description: string | null;
  url: string | null;
  recurrence: Recurrence;
  weekday: RruleWeekday;
  nth: number | null;
  organizer: CalendarPerson;
  attendees: CalendarPerson[];
  /** Occurrences changed alone: cancelled (EXDATE) or moved (a VEVENT with RECURRENCE-ID). */
  overrides: { originalStartsAt: string; startsAt: string; cancelled: boolean }[];
  /** When this version of the series was written (DTSTAMP). */
  stamp: string;
}

/** A wall-clock time in a zone, shaped like Temporal.PlainDateTime as ical-generator reads it. */
const wallTime = (date: string, time: string): ICalTemporalPlainDateTimeStub => {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const text = `${date}T${time}:00`;
  const plain: ICalTemporalPlainDateTimeStub = {
    year,
    month,
    day,
    hour,
    minute,
    second: 0,
    toJSON: () => text,
    toString: () => text,
    toPlainDate: () => ({ year, month, day, toJSON: () => date, toString: () => date }),
    toZonedDateTime: (timeZoneId: string) => zoned(timeZoneId),
  };
  const zoned = (timeZoneId: string): ICalTemporalZonedDateTimeStub => ({
    year,
    month,
    day,
    hour,
    minute,
    second: 0,
    timeZoneId,
    toJSON: () => text,
    toString: () => text,
    toPlainDateTime: () => plain,
    withTimeZone: () => zoned(timeZoneId),
    // only used by the library to order start and end, which are in one zone
    toInstant: () => ({
      epochMilliseconds: Date.UTC(year, month - 1, day, hour, minute),
      toJSON: () => text,
      toString: () => text,
      toZonedDateTimeISO: (tz: string) => zoned(tz),
    }),
  });
  return plain;
};

/** An instant as its wall-clock time in a zone, for ical-generator (DTSTART;TZID=…:…). */
export const wallTimeOf = (iso: string, timeZone: string) => {
  const local = localDateTimeOf(iso, timeZone);
  return wallTime(local.date, local.time);
};

const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/**
 * The calendar of a series: METHOD:REQUEST with the rule, its EXDATEs and one VEVENT per moved
 * occurrence, or METHOD:CANCEL for the whole series (STATUS:CANCELLED, the same UID, a higher SEQUENCE).
 */
export const seriesCalendar = (s: CalendarSeries, method: 'REQUEST' | 'CANCEL'): string => {
  const tz = s.recurrence.timeZone;
  const cal = ical({
    prodId: { company: 'Nenner', product: 'Abstimmungen', language: 'DE' },
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // no calendar-wide zone: each event names its own, and the generator adds the VTIMEZONE for it
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  const common = {
    id: s.uid,
    sequence: s.sequence,
    stamp: new Date(s.stamp),
    timezone: tz,
    summary: s.title,
    location: s.location,
    description: s.description,
    url: s.url,
    organizer: { name: s.organizer.name, email: s.organizer.email },
    attendees: s.attendees.map((a) => ({
      name: a.name,
      email: a.email,
      rsvp: true,
      role: ICalAttendeeRole.REQ,
    })),
  };
  const firstStart = firstStartOf(s.recurrence);
  const master = cal.createEvent({
    ...common,
    start: wallTime(s.recurrence.startDate, s.recurrence.startTime),
    end: wallTimeOf(plusMinutes(firstStart, s.recurrence.durationMinutes), tz),
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  const byDay = ICalWeekday[s.weekday];
  const cancelled = s.overrides.filter((o) => o.cancelled);
  master.repeating({
    freq: s.recurrence.cadence === 'monthly' ? ICalEventRepeatingFreq.MONTHLY : ICalEventRepeatingFreq.WEEKLY,
    ...(s.recurrence.cadence === 'biweekly' ? { interval: 2 } : {}),
    byDay: [byDay],
    ...(s.recurrence.cadence === 'monthly' && s.nth !== null ? { bySetPos: s.nth } : {}),
    ...(cancelled.length > 0 ? { exclude: cancelled.map((o) => wallTimeOf(o.originalStartsAt, tz)) } : {}),
  });
  if (method === 'REQUEST') {
    for (const o of s.overrides) {
      if (o.cancelled || o.startsAt === o.originalStartsAt) continue;
      cal.createEvent({
        ...common,
        start: wallTimeOf(o.startsAt, tz),
        end: wallTimeOf(plusMinutes(o.startsAt, s.recurrence.durationMinutes), tz),
        recurrenceId: wallTimeOf(o.originalStartsAt, tz),
        status: ICalEventStatus.CONFIRMED,
      });
    }
  }
  return cal.toString();
};
