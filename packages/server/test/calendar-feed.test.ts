import type { CalendarFeedStatus, CreatedCalendarFeed, Event, Meeting, Task } from '@nenner/shared';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Personal calendar feeds (issue 19), through HTTP and read back by a real iCalendar parser (ical.js):
 * a user's open tasks with a due date, the meetings they take part in and the events they own or hold a
 * place at, all in UTC; rotating and revoking the secret URL.
 *
 * The clock stands at Wed 1 Apr 2026 10:00 Berlin (CEST, UTC+2).
 */

const PUBLIC = 'https://crm.example.de';
let t: TestApp;
let marketer: Session;
let seller: Session;
let outsider: Session;
let task: Task;
let meeting: Meeting;
let event: Event;

beforeAll(async () => {
  t = await startTestApp({ NENNER_PUBLIC_URL: PUBLIC, NENNER_FORM_POSTS_PER_MINUTE: '100000' });
  t.clock.travelTo('2026-04-01T08:00:00.000Z');
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  outsider = await t.session('sales', 'member', 'Otto Outside');
  const ok = async <T>(res: Promise<{ status: number; body: T; text: string }>) => {
    const r = await res;
    expect(r.status, r.text).toBe(201);
    return r.body;
  };
  task = await ok(
    t.request<Task>('POST', '/api/tasks', {
      cookie: marketer.cookie,
      body: { title: 'Angebot nachfassen', dueAt: '2026-04-10T13:30:00+02:00' },
    }),
  );
  // an undated task stays out
  await ok(t.request('POST', '/api/tasks', { cookie: marketer.cookie, body: { title: 'Irgendwann' } }));
  meeting = await ok(
    t.request<Meeting>('POST', '/api/meetings', {
      cookie: marketer.cookie,
      body: {
        title: 'Abstimmung Marketing & Vertrieb',
        cadence: 'weekly',
        startsAt: '2026-04-14T09:00:00+02:00',
        durationMinutes: 60,
        participantIds: [seller.user.id],
        location: 'Raum Elbe',
      },
    }),
  );
  event = await ok(
    t.request<Event>('POST', '/api/events', {
      cookie: marketer.cookie,
      body: {
        title: 'Kundentag Hamburg',
        type: 'customer_day',
        startsAt: '2026-04-15T09:00',
        endsAt: '2026-04-15T17:00',
        timeZone: 'Europe/Berlin',
        venue: 'Speicherstadt, Hamburg',
        capacity: 50,
        waitlist: false,
        slug: 'kundentag-feed',
        status: 'open',
      },
    }),
  );
});
afterAll(async () => {
  await t?.close();
});

const createFeed = async (as: Session): Promise<CreatedCalendarFeed> => {
  const res = await t.request<CreatedCalendarFeed>('POST', '/api/calendar-feed', { cookie: as.cookie });
  expect(res.status, res.text).toBe(201);
  return res.body;
};
/** The feed behind a URL, fetched without any login. */
const fetchFeed = (url: string) => t.request<string>('GET', url.slice(PUBLIC.length));

interface Entry {
  uid: string;
  summary: string;
  start: string;
  end: string | null;
  utc: boolean;
}
/** The VEVENTs of a feed as ical.js reads them. */
const entriesOf = (text: string): Entry[] => {
  const cal = new ICAL.Component(ICAL.parse(text));
  expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
  return cal.getAllSubcomponents('vevent').map((v) => {
    const ev = new ICAL.Event(v);
    const end = v.getFirstProperty('dtend') ? ev.endDate : null;
    return {
      uid: ev.uid,
      summary: ev.summary,
      start: ev.startDate.toJSDate().toISOString(),
      end: end ? end.toJSDate().toISOString() : null,
      utc: ev.startDate.zone?.tzid === 'UTC' && (!end || end.zone?.tzid === 'UTC'),
    };
  });
};

describe('the calendar feed', () => {
  it('has the user’s due tasks, their meetings and their events, in UTC, read by ical.js', async () => {
    const feed = await createFeed(marketer);
    expect(feed.url).toMatch(new RegExp(`^${PUBLIC}/cal/[\\w-]{43}\\.ics$`));
    expect(feed).toMatchObject({ lastUsedAt: null });
    const res = await fetchFeed(feed.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const entries = entriesOf(res.text);
    expect(entries.every((e) => e.utc)).toBe(true);

    expect(entries.find((e) => e.uid === `task-${task.id}@nenner`)).toEqual({
      uid: `task-${task.id}@nenner`,
      summary: 'Aufgabe: Angebot nachfassen',
      start: '2026-04-10T11:30:00.000Z',
      end: null,
      utc: true,
    });
    expect(entries.filter((e) => e.summary === 'Irgendwann')).toEqual([]);

    const meetings = entries.filter((e) => e.uid.startsWith(`meeting-${meeting.id}:`));
    // weekly from 14 April 09:00 Berlin to the end of the window (335 days ahead)
    expect(meetings[0]).toMatchObject({
      summary: 'Abstimmung Marketing & Vertrieb',
      start: '2026-04-14T07:00:00.000Z',
      end: '2026-04-14T08:00:00.000Z',
    });
    expect(meetings[1]?.start).toBe('2026-04-21T07:00:00.000Z');
    // after the change to winter time the wall time stays 09:00: 08:00 UTC
    expect(meetings.find((e) => e.start.startsWith('2026-11-03'))?.start).toBe('2026-11-03T08:00:00.000Z');

    expect(entries.find((e) => e.uid === `event-${event.id}@nenner`)).toMatchObject({
      summary: 'Kundentag Hamburg',
      start: '2026-04-15T07:00:00.000Z',
      end: '2026-04-15T15:00:00.000Z',
    });

    const status = await t.get<CalendarFeedStatus>('/api/calendar-feed', marketer);
    expect(status.body.feed?.lastUsedAt).toMatch(/^2026-04-01T/);
    expect(status.text).not.toContain('/cal/');
  });

  it('a participant sees the meeting, and an event they registered for under their email; not others’ tasks', async () => {
    const reg = await t.request('POST', `/e/${event.slug}`, {
      body: { email: seller.email, firstName: 'Sam', lastName: 'Sales' },
      headers: { 'accept-language': 'de-DE' },
    });
    expect(reg.status, reg.text).toBe(201);
    const entries = entriesOf((await fetchFeed((await createFeed(seller)).url)).text);
    const uids = entries.map((e) => e.uid);
    expect(uids.some((u) => u.startsWith(`meeting-${meeting.id}:`))).toBe(true);
    expect(uids).toContain(`event-${event.id}@nenner`);
    expect(uids).not.toContain(`task-${task.id}@nenner`);

    const theirs = entriesOf((await fetchFeed((await createFeed(outsider)).url)).text);
    expect(theirs).toEqual([]);
  });

  it('rotating makes a new URL and the old one answers 404; revoking makes it answer 404', async () => {
    const first = await createFeed(outsider);
    const second = await createFeed(outsider);
    expect(second.url).not.toBe(first.url);
    expectProblem(await fetchFeed(first.url), 404, 'calendar_feed_not_found');
    expect((await fetchFeed(second.url)).status).toBe(200);

    const res = await t.request('DELETE', '/api/calendar-feed', { cookie: outsider.cookie });
    expect(res.status).toBe(204);
    expectProblem(await fetchFeed(second.url), 404, 'calendar_feed_not_found');
    expect((await t.get<CalendarFeedStatus>('/api/calendar-feed', outsider)).body).toEqual({ feed: null });
    expectProblem(
      await t.unchanged(() => t.request('DELETE', '/api/calendar-feed', { cookie: outsider.cookie })),
      404,
      'calendar_feed_not_found',
    );
  });

  it('unknown and malformed feed URLs answer 404 and change nothing', async () => {
    for (const path of ['/cal/x.ics', `/cal/${'A'.repeat(43)}.ics`, `/cal/${'A'.repeat(43)}`, '/cal/..%2F.ics']) {
      expectProblem(await t.unchanged(() => t.request('GET', path)), 404, 'calendar_feed_not_found');
    }
  });

  it('managing the feed needs a login; a token with area scopes may not', async () => {
    expectProblem(await t.unchanged(() => t.request('POST', '/api/calendar-feed')), 401, 'unauthenticated');
    const created = await t.request<{ token: string }>('POST', '/api/tokens', {
      cookie: outsider.cookie,
      body: { name: 'nur Kontakte', scopes: ['write', 'contacts'] },
    });
    expectProblem(
      await t.unchanged(() => t.request('POST', '/api/calendar-feed', { token: created.body.token })),
      403,
      'insufficient_scope',
    );
  });
});
