import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { wallTimeOf } from '../meetings/ics.js';

/*
 * The calendar of an event, written by ical-generator with a VTIMEZONE from @touch4it/ical-timezones,
 * as the meetings write theirs: times go in as wall-clock values of the event's zone
 * (DTSTART;TZID=Europe/Berlin:20260415T090000).
 *
 * A guest's calendar has the UID of their registration (`<registration id>@nenner`), stable through
 * every change, and a SEQUENCE that rises with each calendar they are sent (an updated time, the
 * cancellation). The public file (`/e/{slug}/event.ics`) is METHOD:PUBLISH with the event's own UID.
 */

export interface CalendarEvent {
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** The venue, or the online link. */
  location: string | null;
  url: string;
  organizer: { name: string; email: string };
  /** When this version was written (DTSTAMP). */
  stamp: string;
}

const calendar = (method: ICalCalendarMethod) =>
  ical({
    prodId: { company: 'Nenner', product: 'Veranstaltungen', language: 'DE' },
    method,
    timezone: { name: null, generator: getVtimezoneComponent },
  });

const common = (e: CalendarEvent, uid: string, sequence: number) => ({
  id: uid,
  sequence,
  stamp: new Date(e.stamp),
  timezone: e.timeZone,
  start: wallTimeOf(e.startsAt, e.timeZone),
  end: wallTimeOf(e.endsAt, e.timeZone),
  summary: e.title,
  location: e.location,
  description: e.description,
  url: e.url,
  organizer: { name: e.organizer.name, email: e.organizer.email },
});

/** One guest's invitation (METHOD:REQUEST, their place accepted) or its cancellation (METHOD:CANCEL). */
export const guestCalendar = (
  e: CalendarEvent,
  guest: { uid: string; sequence: number; name: string; email: string },
  method: 'REQUEST' | 'CANCEL',
): string => {
  const cal = calendar(method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST);
  cal.createEvent({
    ...common(e, guest.uid, guest.sequence),
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    attendees: [
      {
        name: guest.name || guest.email,
        email: guest.email,
        role: ICalAttendeeRole.REQ,
        status: method === 'CANCEL' ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
      },
    ],
  });
  return cal.toString();
};

/** The public calendar file of the event (METHOD:PUBLISH), to add it without registering. */
export const publicCalendar = (e: CalendarEvent, uid: string, sequence: number, cancelled: boolean): string => {
  const cal = calendar(ICalCalendarMethod.PUBLISH);
  cal.createEvent({
    ...common(e, uid, sequence),
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
};
