import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/*
 * A user's calendar feed (issue 19), written by ical-generator as the meetings' and events' invitations
 * are: METHOD:PUBLISH, one VEVENT per item, every time in UTC (DTSTART:20260415T070000Z). UTC needs no
 * VTIMEZONE and reads the same in Outlook, Google Calendar and Thunderbird; each client shows it in its
 * own zone. A task is a VEVENT at its due time (subscribed calendars in Google and Outlook do not show
 * VTODO). UIDs are the records' ids, so a client updates an entry in place when the record changes.
 */

export interface FeedItem {
  uid: string;
  title: string;
  description: string | null;
  startsAt: string;
  /** Null: a moment (a task's due time). */
  endsAt: string | null;
  location: string | null;
  url: string | null;
  /** When the record last changed (DTSTAMP, LAST-MODIFIED). */
  changedAt: string;
}

/** The feed as iCalendar text. */
export const feedCalendar = (name: string, items: readonly FeedItem[]): string => {
  const cal = ical({
    prodId: { company: 'Nenner', product: 'Kalender', language: 'DE' },
    method: ICalCalendarMethod.PUBLISH,
    name,
    ttl: 60 * 60,
  });
  for (const item of items) {
    cal.createEvent({
      id: item.uid,
      start: new Date(item.startsAt),
      ...(item.endsAt ? { end: new Date(item.endsAt) } : {}),
      stamp: new Date(item.changedAt),
      lastModified: new Date(item.changedAt),
      summary: item.title,
      description: item.description,
      location: item.location,
      url: item.url,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
};
