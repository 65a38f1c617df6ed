import type {
  Account,
  CampaignResults,
  CloseEventResult,
  Contact,
  Event,
  EventReport,
  Invitation,
  InvitationsResult,
  Page,
  PublicEvent,
  PublicRegistrationResult,
  Registration,
  TimelineEntry,
} from '@nenner/shared';
import ICAL from 'ical.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock } from '../src/lib/clock.js';
import { admissionCode } from '../src/modules/events/events.mail.js';
import { runBackgroundOnce } from '../src/worker.js';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from './smtp.js';

/*
 * Customer events through HTTP on both engines: the organiser's CRUD with its campaign, exact capacity
 * and the waiting list under concurrent requests, cancellations that move the list up in order, refusals
 * that change nothing, reps' invitations and their skips, check-in as a campaign touchpoint that moves the
 * score, closing with follow-up tasks for the right owners, the report, and the guests' mails at a real
 * SMTP server with calendars read back by a real iCalendar parser (ical.js).
 * The clock stands at Wed 1 Apr 2026 10:00 Berlin (CEST, UTC+2); the events are mid-April.
 */

let smtp: TestSmtp;
let t: TestApp;
let marketer: Session;
let seller: Session; // English
let seller2: Session;
let viewer: Session;
let admin: Session;
let seq = 0;

const NOW = '2026-04-01T08:00:00.000Z';

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({
    SMTP_URL: smtp.url,
    NENNER_PUBLIC_URL: 'https://crm.example.de',
    NENNER_FORM_POSTS_PER_MINUTE: '100000',
  });
  t.clock.travelTo(NOW);
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  seller2 = await t.session('sales', 'member', 'Susi Vertrieb');
  viewer = await t.session('sales', 'viewer', 'Vera Viewer');
  admin = await t.session('management', 'admin', 'Ada Admin');
  const me = await t.request('PATCH', '/api/auth/me', { cookie: seller.cookie, body: { locale: 'en' } });
  expect(me.status, me.text).toBe(200);
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

// ——— Helpers ————————————————————————————————————————————————————————————————————————————————————

const eventBody = (over: Record<string, unknown> = {}) => {
  seq += 1;
  return {
    title: `Kundentag ${seq}`,
    type: 'customer_day',
    startsAt: '2026-04-15T09:00',
    endsAt: '2026-04-15T17:00',
    timeZone: 'Europe/Berlin',
    venue: 'Speicherstadt, Hamburg',
    capacity: 5,
    waitlist: true,
    slug: `kundentag-${seq}`,
    ...over,
  };
};

const createEvent = async (over: Record<string, unknown> = {}, as: Session = marketer): Promise<Event> => {
  const res = await t.request<Event>('POST', '/api/events', { cookie: as.cookie, body: eventBody(over) });
  expect(res.status, res.text).toBe(201);
  return res.body;
};
const getEvent = async (id: string) => (await t.get<Event>(`/api/events/${id}`, viewer)).body;

/** A visitor's JSON registration on the public page. */
const register = (slug: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request<PublicRegistrationResult>('POST', `/e/${slug}`, {
    body,
    headers: { 'accept-language': 'de-DE', ...headers },
  });
const registerOk = async (slug: string, email: string, over: Record<string, unknown> = {}) => {
  const res = await register(slug, { email, firstName: 'Gast', lastName: email.split('@')[0], ...over });
  expect(res.status, res.text).toBe(201);
  return res.body;
};

const registrations = async (eventId: string, query = '') => {
  const res = await t.get<Page<Registration>>(`/api/events/${eventId}/registrations?limit=200${query}`, viewer);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
};

const dbRows = async <T>(query: ReturnType<typeof sql<T>>): Promise<T[]> => (await query.execute(t.ctx.db)).rows;

/** The part of a mail with the given content type, decoded. */
const partOf = (mail: ReceivedMail, wanted: string): { contentType: string; body: string } | undefined => {
  for (const part of mail.raw.split(/\r?\n--/)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const head = part.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '';
    if (!type.toLowerCase().startsWith(wanted)) continue;
    const raw = part.slice(split).trim();
    const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
    const body =
      encoding === 'base64'
        ? Buffer.from(raw.replace(/\s/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? Buffer.from(
              raw
                .replace(/=\r?\n/g, '')
                .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
              'latin1',
            ).toString('utf8')
          : raw;
    return { contentType: type, body };
  }
  return undefined;
};
/** An attached image's bytes (the admission QR code), or undefined. */
const pngOf = (mail: ReceivedMail): Buffer | undefined => {
  const part = mail.raw.split(/\r?\n--/).find((p) => /content-type:\s*image\/png/i.test(p));
  if (!part) return undefined;
  return Buffer.from(part.slice(part.search(/\r?\n\r?\n/)).replace(/\s/g, ''), 'base64');
};
const textOf = (mail: ReceivedMail) => partOf(mail, 'text/plain')?.body ?? mail.text;

/** The calendar of a mail, read by ical.js: method, and the one VEVENT's UID, SEQUENCE, times and status. */
const calendarOf = (mail: ReceivedMail) => {
  const part = partOf(mail, 'text/calendar');
  if (!part) return undefined;
  const comp = new ICAL.Component(ICAL.parse(part.body));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevent = comp.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const ev = new ICAL.Event(vevent);
  return {
    contentType: part.contentType,
    method: comp.getFirstPropertyValue('method'),
    uid: ev.uid,
    sequence: ev.sequence,
    tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
    start: ev.startDate.toJSDate().toISOString(),
    end: ev.endDate.toJSDate().toISOString(),
    status: vevent.getFirstPropertyValue('status'),
    hasVtimezone: comp.getAllSubcomponents('vtimezone').length > 0,
  };
};

const drainMail = async () => {
  await runBackgroundOnce(t.ctx);
};
const linkIn = (text: string, pattern: RegExp) => pattern.exec(text)?.[0] ?? '';

// ——— Events ————————————————————————————————————————————————————————————————————————————————————————

describe('events', () => {
  it('marketing creates an event in its zone; a campaign is created with it', async () => {
    const e = await createEvent({ type: 'trade_fair', description: 'Wir zeigen **Neues**.' });
    expect(e).toMatchObject({
      type: 'trade_fair',
      startsAt: '2026-04-15T07:00:00.000Z',
      endsAt: '2026-04-15T15:00:00.000Z',
      localStart: '2026-04-15T09:00',
      localEnd: '2026-04-15T17:00',
      timeZone: 'Europe/Berlin',
      registrationDeadline: '2026-04-15T07:00:00.000Z',
      status: 'open',
      capacity: 5,
      waitlist: true,
      seatsTaken: 0,
      seatsLeft: 5,
      registrationOpen: true,
      counts: { confirmed: 0, waitlisted: 0, cancelled: 0, attended: 0, noShow: 0 },
      invitations: 0,
      owner: { id: marketer.user.id, name: 'Mia Marketing', department: 'marketing' },
      url: `https://crm.example.de/e/${e.slug}`,
      icsUrl: `https://crm.example.de/e/${e.slug}/event.ics`,
      sequence: 0,
      version: 1,
    });
    expect(e.descriptionHtml).toContain('<strong>Neues</strong>');
    const campaign = await t.get<{
      id: string;
      name: string;
      channel: string;
      startDate: string;
      owner: { id: string };
    }>(`/api/campaigns/${e.campaign.id}`, viewer);
    expect(campaign.body).toMatchObject({
      name: e.title,
      channel: 'trade_fair',
      startDate: '2026-04-15',
      owner: { id: marketer.user.id },
    });
    expect(e.campaign.name).toBe(e.title);
  });

  it('links an existing campaign instead when one is named', async () => {
    const campaign = await t.createCampaign(marketer, { channel: 'event' });
    const e = await createEvent({ campaignId: campaign.id });
    expect(e.campaign).toEqual({ id: campaign.id, name: campaign.name });
  });

  it('refusals change nothing: sales and viewers cannot create, bad times, a taken slug, a stale version', async () => {
    const e = await createEvent();
    for (const as of [seller, viewer]) {
      const res = await t.unchanged(() => t.request('POST', '/api/events', { cookie: as.cookie, body: eventBody() }));
      expectProblem(res, 403, 'forbidden');
    }
    expectInvalid(
      await t.unchanged(() =>
        t.request('POST', '/api/events', { cookie: marketer.cookie, body: eventBody({ endsAt: '2026-04-15T08:00' }) }),
      ),
      'endsAt',
    );
    expectInvalid(
      await t.unchanged(() =>
        t.request('POST', '/api/events', {
          cookie: marketer.cookie,
          body: eventBody({ registrationDeadline: '2026-04-16T00:00' }),
        }),
      ),
      'registrationDeadline',
    );
    expectProblem(
      await t.unchanged(() =>
        t.request('POST', '/api/events', { cookie: marketer.cookie, body: eventBody({ slug: e.slug }) }),
      ),
      409,
      'slug_taken',
    );
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/events/${e.id}`, { cookie: marketer.cookie, ifMatch: 9, body: { title: 'Neu' } }),
      ),
      412,
      'version_conflict',
    );
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/events/${e.id}`, { cookie: seller.cookie, ifMatch: 1, body: { title: 'Neu' } }),
      ),
      403,
      'forbidden',
    );
    expectProblem(await t.get(`/api/events/${MISSING_ID}`, viewer), 404, 'event_not_found');
  });

  it('lists events by start; edits; deletes one nobody registered for, refuses one with registrations', async () => {
    const later = await createEvent({ startsAt: '2026-05-20T10:00', endsAt: '2026-05-20T12:00', title: 'Später' });
    const list = await t.get<Page<Event>>('/api/events?q=sp%C3%A4ter', viewer);
    expect(list.body.items.map((e) => e.id)).toEqual([later.id]);
    const edited = await t.request<Event>('PATCH', `/api/events/${later.id}`, {
      cookie: marketer.cookie,
      ifMatch: later.version,
      body: { title: 'Später, größer', capacity: 50 },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Später, größer', capacity: 50, version: 2, sequence: 0 });

    await registerOk(later.slug, 'erste@kunde-x.de');
    expectProblem(
      await t.unchanged(() => t.request('DELETE', `/api/events/${later.id}`, { cookie: marketer.cookie })),
      409,
      'event_has_registrations',
    );
    const empty = await createEvent();
    const del = await t.request('DELETE', `/api/events/${empty.id}`, { cookie: marketer.cookie });
    expect(del.status, del.text).toBe(204);
    expectProblem(await t.get(`/api/events/${empty.id}`, viewer), 404, 'event_not_found');
    expect((await t.get(`/api/campaigns/${empty.campaign.id}`, viewer)).status).toBe(200);
  });
});

// ——— Capacity and the waiting list ——————————————————————————————————————————————————————————————————

describe('capacity', () => {
  let event: Event;
  const emails = Array.from({ length: 20 }, (_, i) => `gast${i + 1}@${i % 2 === 0 ? 'alpha-gmbh' : 'beta-ag'}.de`);

  it('capacity 5 with 20 concurrent registrations: exactly 5 confirmed, 15 waitlisted, no duplicate contacts', async () => {
    event = await createEvent({ capacity: 5 });
    const answers = await Promise.all(emails.map((email) => register(event.slug, { email, firstName: 'Gast' })));
    expect(answers.map((a) => a.status)).toEqual(emails.map(() => 201));
    const bodies = answers.map((a) => a.body);
    expect(bodies.filter((b) => b.status === 'confirmed')).toHaveLength(5);
    expect(bodies.filter((b) => b.status === 'waitlisted')).toHaveLength(15);
    expect(
      bodies
        .filter((b) => b.status === 'waitlisted')
        .map((b) => b.waitlistPosition)
        .sort((a, b) => (a ?? 0) - (b ?? 0)),
    ).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    for (const b of bodies) {
      expect(b.venue).toBe(b.status === 'confirmed' ? 'Speicherstadt, Hamburg' : null);
    }

    const rows = await dbRows(
      sql<{ status: string; n: number | string }>`select status, count(*) as n from event_registrations
        where event_id = ${event.id} group by status order by status`,
    );
    expect(rows.map((r) => [r.status, Number(r.n)])).toEqual([
      ['confirmed', 5],
      ['waitlisted', 15],
    ]);
    const arrivals = await dbRows(
      sql<{ arrival: number }>`select arrival from event_registrations where event_id = ${event.id} order by arrival`,
    );
    expect(arrivals.map((r) => Number(r.arrival))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // the first five arrivals hold the seats
    const confirmedArrivals = await dbRows(
      sql<{ arrival: number }>`select arrival from event_registrations where event_id = ${event.id}
        and status = 'confirmed' order by arrival`,
    );
    expect(confirmedArrivals.map((r) => Number(r.arrival))).toEqual([1, 2, 3, 4, 5]);

    const contacts = await dbRows(
      sql<{ email: string; n: number | string }>`select lower(email) as email, count(*) as n from contacts
        where lower(email) like 'gast%' group by lower(email)`,
    );
    expect(contacts).toHaveLength(20);
    expect(contacts.every((c) => Number(c.n) === 1)).toBe(true);
    const accounts = await dbRows(
      sql<{
        domain: string;
      }>`select domain from accounts where domain in ('alpha-gmbh.de', 'beta-ag.de') order by domain`,
    );
    expect(accounts.map((a) => a.domain)).toEqual(['alpha-gmbh.de', 'beta-ag.de']);
    expect(await getEvent(event.id)).toMatchObject({
      seatsTaken: 5,
      seatsLeft: 0,
      counts: { confirmed: 5, waitlisted: 15 },
      registrationOpen: true,
    });
  });

  it('the same email again (any case, even five at once) gets the same registration and writes nothing', async () => {
    const [first] = await registrations(event.id, '&status=confirmed');
    const again = await t.unchanged(() => register(event.slug, { email: first?.email.toUpperCase() }));
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ registrationId: first?.id, status: 'confirmed', duplicate: true });

    const other = await createEvent({ capacity: 3 });
    const five = await Promise.all(
      Array.from({ length: 5 }, () => register(other.slug, { email: 'doppelt@gamma.de', firstName: 'Doro' })),
    );
    expect(five.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(five.map((r) => r.body.registrationId)).size).toBe(1);
    const n = await dbRows(
      sql<{ n: number | string }>`select count(*) as n from contacts where lower(email) = 'doppelt@gamma.de'`,
    );
    expect(Number(n[0]?.n)).toBe(1);
    expect((await getEvent(other.id)).seatsTaken).toBe(1);
  });

  it('two concurrent cancellations promote the first two on the waiting list, in order', async () => {
    await drainMail();
    const waiting = await registrations(event.id, '&status=waitlisted');
    expect(waiting.map((r) => r.waitlistPosition)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const [w1, w2, w3] = waiting;
    const confirmed = await registrations(event.id, '&status=confirmed');
    const [c1, c2] = confirmed;
    // the guest's own link (from the confirmation mail) and the organiser's cancel, at the same moment
    const mail = smtp.to(c1?.email ?? '').find((m) => m.subject.startsWith('Anmeldung bestätigt'));
    const token = decodeURIComponent(linkIn(textOf(mail as ReceivedMail), /token=[^\s]+/).slice('token='.length));
    smtp.mails.length = 0;
    const [byLink, byOrganiser] = await Promise.all([
      t.request('POST', `/e/${event.slug}/cancel`, { body: { token } }),
      t.request<Registration>('POST', `/api/events/${event.id}/registrations/${c2?.id}/cancel`, {
        cookie: marketer.cookie,
      }),
    ]);
    expect(byLink.status, byLink.text).toBe(200);
    expect(byLink.body).toEqual({ status: 'cancelled', registrationId: c1?.id });
    expect(byOrganiser.status, byOrganiser.text).toBe(200);
    expect(byOrganiser.body.status).toBe('cancelled');

    const after = await registrations(event.id);
    const statusOf = (id: string | undefined) => after.find((r) => r.id === id)?.status;
    expect([statusOf(c1?.id), statusOf(c2?.id)]).toEqual(['cancelled', 'cancelled']);
    expect([statusOf(w1?.id), statusOf(w2?.id), statusOf(w3?.id)]).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect(after.filter((r) => r.status === 'confirmed')).toHaveLength(5);
    expect(after.find((r) => r.id === w3?.id)?.waitlistPosition).toBe(1);
    expect(await getEvent(event.id)).toMatchObject({
      seatsTaken: 5,
      counts: { confirmed: 5, waitlisted: 13, cancelled: 2 },
    });

    // the promoted get their seat by mail with the calendar; the cancelled a CANCEL of theirs
    await drainMail();
    for (const w of [w1, w2]) {
      const [promoted] = smtp.to(w?.email ?? '');
      expect(promoted?.subject).toMatch(/^Ein Platz für dich: /);
      expect(calendarOf(promoted as ReceivedMail)).toMatchObject({
        method: 'REQUEST',
        uid: `${w?.id}@nenner`,
        sequence: 0,
      });
    }
    const [cancelMail] = smtp.to(c1?.email ?? '');
    expect(cancelMail?.subject).toMatch(/^Abgemeldet: /);
    expect(calendarOf(cancelMail as ReceivedMail)).toMatchObject({
      method: 'CANCEL',
      uid: `${c1?.id}@nenner`,
      sequence: 1,
      status: 'CANCELLED',
    });

    // cancelling again changes nothing
    const twice = await t.unchanged(() => t.request('POST', `/e/${event.slug}/cancel`, { body: { token } }));
    expect(twice.status).toBe(200);
    // a cancelled email registering again arrives anew: at the end of the waiting list
    const back = await register(event.slug, { email: c1?.email });
    expect(back.status, back.text).toBe(201);
    expect(back.body).toMatchObject({ registrationId: c1?.id, status: 'waitlisted', waitlistPosition: 14 });
  });

  it('more capacity moves the waiting list up', async () => {
    const before = await getEvent(event.id);
    const res = await t.request<Event>('PATCH', `/api/events/${event.id}`, {
      cookie: marketer.cookie,
      ifMatch: before.version,
      body: { capacity: 7 },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ seatsTaken: 7, counts: { confirmed: 7, waitlisted: 12 } });
  });
});

// ——— Refusals ————————————————————————————————————————————————————————————————————————————————————

describe('refusals', () => {
  it('after the deadline, once closed, full without a waiting list, a draft: refused, nothing written', async () => {
    const deadline = await createEvent({ registrationDeadline: '2026-04-10T12:00' });
    t.clock.travelTo('2026-04-10T10:00:01.000Z'); // 12:00:01 in Berlin
    const late = await t.unchanged(() => register(deadline.slug, { email: 'spaet@kunde.de' }));
    expectProblem(late, 409, 'registration_deadline_passed');
    const latePage = await t.unchanged(() =>
      t.request('POST', `/e/${deadline.slug}`, {
        raw: 'email=spaet%40kunde.de',
        contentType: 'application/x-www-form-urlencoded',
        headers: { 'accept-language': 'de-DE' },
      }),
    );
    expect(latePage.status).toBe(409);
    expect(latePage.text).toContain('Die Anmeldefrist für diese Veranstaltung ist vorbei.');
    t.clock.travelTo(NOW);

    const closed = await createEvent();
    const patched = await t.request<Event>('PATCH', `/api/events/${closed.id}`, {
      cookie: marketer.cookie,
      ifMatch: 1,
      body: { status: 'closed' },
    });
    expect(patched.body.registrationOpen).toBe(false);
    expectProblem(await t.unchanged(() => register(closed.slug, { email: 'zu@kunde.de' })), 409, 'event_not_open');

    const small = await createEvent({ capacity: 1, waitlist: false });
    await registerOk(small.slug, 'eins@kunde.de');
    expectProblem(await t.unchanged(() => register(small.slug, { email: 'zwei@kunde.de' })), 409, 'event_full');

    const draft = await createEvent({ status: 'draft' });
    expectProblem(await t.unchanged(() => register(draft.slug, { email: 'x@kunde.de' })), 404, 'event_not_found');
    expect((await t.request('GET', `/e/${draft.slug}`)).status).toBe(404);

    expectInvalid(await t.unchanged(() => register(small.slug, { email: 'keine-mail' })), 'email');
  });

  it('the body limit of the public pages: a post past 16 KiB is refused and changes nothing', async () => {
    const e = await createEvent();
    const res = await t.unchanged(() =>
      t.request('POST', `/e/${e.slug}`, {
        raw: `email=gross%40kunde.de&company=${'x'.repeat(17 * 1024)}`,
        contentType: 'application/x-www-form-urlencoded',
      }),
    );
    expect(res.status).toBe(413);
  });

  it('the honeypot: a bot is answered like a guest and nothing is kept', async () => {
    const e = await createEvent();
    const res = await t.unchanged(() => register(e.slug, { email: 'bot@spam.example', website: 'http://spam' }));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('confirmed');
  });

  it('the public page: a form for people, JSON for programs, the calendar file', async () => {
    const e = await createEvent({ description: 'Mit *Keynote*' });
    const page = await t.request('GET', `/e/${e.slug}`, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post"');
    expect(page.text).toContain('name="website"');
    expect(page.text).toContain('5 seats left.');
    expect(page.text).not.toContain('Speicherstadt'); // the venue only after registering
    const json = await t.request<PublicEvent>('GET', `/e/${e.slug}`, { headers: { accept: 'application/json' } });
    expect(json.body).toMatchObject({
      slug: e.slug,
      title: e.title,
      startsAt: '2026-04-15T07:00:00.000Z',
      registrationOpen: true,
      seatsLeft: 5,
      waitlist: true,
    });
    const posted = await t.request('POST', `/e/${e.slug}`, {
      raw: 'email=form%40kunde.de&firstName=Fritz&consent=true',
      contentType: 'application/x-www-form-urlencoded',
      headers: { 'accept-language': 'de' },
    });
    expect(posted.status).toBe(201);
    expect(posted.text).toContain('Du bist angemeldet!');
    expect(posted.text).toContain('Speicherstadt, Hamburg');
    const ics = await t.request('GET', `/e/${e.slug}/event.ics`);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    const comp = new ICAL.Component(ICAL.parse(ics.text));
    expect(comp.getFirstPropertyValue('method')).toBe('PUBLISH');
    const vevent = new ICAL.Event(comp.getFirstSubcomponent('vevent') as ICAL.Component);
    expect(vevent.uid).toBe(`${e.id}@nenner`);
    // consent recorded as pending, with a double opt-in mail
    const consent = await dbRows(
      sql<{
        status: string;
        source: string;
      }>`select k.status, k.source from consents k join contacts c on c.id = k.contact_id
        where lower(c.email) = 'form@kunde.de'`,
    );
    expect(consent).toEqual([{ status: 'pending', source: `event:${e.slug}` }]);
  });
});

// ——— Invitations ——————————————————————————————————————————————————————————————————————————————————

describe('invitations', () => {
  let account: Account;
  const contact = async (email: string | null, consent: 'confirmed' | 'pending' | null, optedOut = false) => {
    const c = await t.createContact(seller, {
      emails: email ? [email] : [],
      accountId: account.id,
      lastName: email ?? 'Ohne',
    });
    if (consent) await sql`update contacts set consent_status = ${consent} where id = ${c.id}`.execute(t.ctx.db);
    if (optedOut) {
      await sql`insert into consents (id, contact_id, purpose, text, text_version, source, status, given_at)
        values (${`${c.id.slice(0, 30)}oo`}, ${c.id}, 'marketing', 'Widerruf', 1, 'manual', 'withdrawn', ${NOW})`.execute(
        t.ctx.db,
      );
    }
    return c;
  };

  it('sends from the rep with a personal link; skips no consent, opted out, no email, unknown; marketing sees the list', async () => {
    account = await t.createAccount(seller, { name: 'Delta Maschinenbau GmbH', ownerId: seller.user.id });
    const e = await createEvent();
    const yes = await contact('ja@delta.de', 'confirmed');
    const pending = await contact('vielleicht@delta.de', 'pending');
    const none = await contact('nein@delta.de', null);
    const out = await contact('weg@delta.de', 'confirmed', true);
    const noMail = await contact(null, 'confirmed');
    await drainMail();
    smtp.mails.length = 0;

    expectProblem(
      await t.unchanged(() =>
        t.request('POST', `/api/events/${e.id}/invitations`, {
          cookie: marketer.cookie,
          body: { contactIds: [yes.id] },
        }),
      ),
      403,
      'forbidden',
    );
    const res = await t.request<InvitationsResult>('POST', `/api/events/${e.id}/invitations`, {
      cookie: seller.cookie,
      body: {
        contactIds: [yes.id, pending.id, none.id, out.id, noMail.id, MISSING_ID],
        message: 'Wir würden uns freuen!',
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.sent).toEqual([
      { invitationId: expect.any(String), contactId: yes.id, email: 'ja@delta.de', name: `Erika ja@delta.de` },
    ]);
    expect(res.body.skipped.map((s) => [s.contactId, s.reason])).toEqual([
      [pending.id, 'no_consent'],
      [none.id, 'no_consent'],
      [out.id, 'opted_out'],
      [noMail.id, 'no_email'],
      [MISSING_ID, 'contact_not_found'],
    ]);
    // again: already invited, nothing new
    const again = await t.unchanged(() =>
      t.request<InvitationsResult>('POST', `/api/events/${e.id}/invitations`, {
        cookie: seller.cookie,
        body: { contactIds: [yes.id] },
      }),
    );
    expect(again.body).toEqual({
      sent: [],
      skipped: [{ contactId: yes.id, name: 'Erika ja@delta.de', email: 'ja@delta.de', reason: 'already_invited' }],
    });

    await drainMail();
    expect(smtp.mails.map((m) => m.to[0])).toEqual(['ja@delta.de']);
    const mail = smtp.mails[0] as ReceivedMail;
    expect(mail.subject).toBe(`Invitation: ${e.title}`);
    expect(mail.raw).toMatch(new RegExp(`^From: Sam Sales <${seller.email}>`, 'mi'));
    expect(mail.raw).toMatch(new RegExp(`^Reply-To: ${seller.email}`, 'mi'));
    const text = textOf(mail);
    expect(text).toContain('Wir würden uns freuen!');
    const link = linkIn(text, /https:\/\/crm\.example\.de\/e\/\S+/);
    expect(link).toMatch(new RegExp(`^https://crm.example.de/e/${e.slug}\\?invitation=`));

    // the link fills the form in; registering through it counts for the rep
    const path = link.replace('https://crm.example.de', '');
    const page = await t.request('GET', path);
    expect(page.text).toContain('value="ja@delta.de"');
    const token = decodeURIComponent(path.split('invitation=')[1] ?? '');
    const reg = await register(e.slug, { email: 'ja@delta.de', invitation: token });
    expect(reg.status, reg.text).toBe(201);
    const list = await t.get<Page<Invitation>>(`/api/events/${e.id}/invitations`, marketer);
    expect(list.body.items).toEqual([
      {
        id: res.body.sent[0]?.invitationId,
        eventId: e.id,
        contact: {
          id: yes.id,
          name: 'Erika ja@delta.de',
          email: 'ja@delta.de',
          account: { id: account.id, name: account.name },
        },
        invitedBy: { id: seller.user.id, name: 'Sam Sales', department: 'sales' },
        sentAt: expect.stringMatching(/^2026-04-01T08:0/),
        registration: { id: reg.body.registrationId, status: 'confirmed' },
      },
    ]);
    const [registration] = await registrations(e.id);
    expect(registration).toMatchObject({
      contactId: yes.id,
      invitedBy: { id: seller.user.id, name: 'Sam Sales' },
      account: { id: account.id, owner: { id: seller.user.id } },
    });
    // registered already: skipped
    const third = await t.request<InvitationsResult>('POST', `/api/events/${e.id}/invitations`, {
      cookie: seller2.cookie,
      body: { contactIds: [yes.id] },
    });
    expect(third.body.skipped[0]?.reason).toBe('already_invited');
  });
});

// ——— Check-in, close, report ——————————————————————————————————————————————————————————————————————

describe('attendance and follow-up', () => {
  let e: Event;
  let accountA: Account;
  let accountB: Account;
  const ids: Record<string, string> = {};
  const regOf = async (email: string) => (await registrations(e.id)).find((r) => r.email === email) as Registration;
  const checkin = (as: Session, registrationId: string) =>
    t.request<Registration>('POST', `/api/events/${e.id}/registrations/${registrationId}/checkin`, {
      cookie: as.cookie,
    });

  it('check-in: an event_attendance touchpoint of the campaign that moves the score; viewers and waitlisted refused', async () => {
    accountA = await t.createAccount(seller, { name: 'Anker AG', ownerId: seller.user.id });
    accountB = await t.createAccount(seller2, { name: 'Boje KG', ownerId: seller2.user.id });
    const a1 = await t.createContact(seller, {
      firstName: 'Anna',
      lastName: 'Anker',
      emails: ['anna@anker.de'],
      accountId: accountA.id,
    });
    const b1 = await t.createContact(seller2, {
      firstName: 'Bernd',
      lastName: 'Boje',
      emails: ['bernd@boje.de'],
      accountId: accountB.id,
    });
    ids.a1 = a1.id;
    ids.b1 = b1.id;
    await sql`update contacts set consent_status = 'confirmed' where id = ${a1.id}`.execute(t.ctx.db);
    e = await createEvent({ capacity: 3, startsAt: '2026-04-20T09:00', endsAt: '2026-04-20T12:00' });
    const inv = await t.request<InvitationsResult>('POST', `/api/events/${e.id}/invitations`, {
      cookie: seller.cookie,
      body: { contactIds: [a1.id] },
    });
    expect(inv.body.sent).toHaveLength(1);
    await registerOk(e.slug, 'anna@anker.de', { firstName: 'Anna', lastName: 'Anker' });
    await registerOk(e.slug, 'bernd@boje.de', { firstName: 'Bernd', lastName: 'Boje' });
    await registerOk(e.slug, 'clara@neukunde.de', { firstName: 'Clara', lastName: 'Neu', company: 'Neukunde GmbH' });
    await registerOk(e.slug, 'dora@warte.de');
    const clara = await regOf('clara@neukunde.de');
    ids.c1 = clara.contactId;

    const anna = await regOf('anna@anker.de');
    const scoreBefore = (await t.get<Contact>(`/api/contacts/${a1.id}`, viewer)).body.score;
    expectProblem(await t.unchanged(() => checkin(viewer, anna.id)), 403, 'forbidden');
    expectProblem(
      await t.unchanged(async () => checkin(seller, (await regOf('dora@warte.de')).id)),
      409,
      'registration_not_confirmed',
    );

    const done = await checkin(seller, anna.id);
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({
      status: 'attended',
      checkedInAt: expect.stringMatching(/^2026-04-01T08:00:/),
      checkedInBy: { id: seller.user.id, name: 'Sam Sales', department: 'sales' },
    });
    const touches = await dbRows(
      sql<{ type: string; campaign_id: string }>`select type, campaign_id from touchpoints where contact_id = ${a1.id}
        and type = 'event_attendance'`,
    );
    expect(touches).toEqual([{ type: 'event_attendance', campaign_id: e.campaign.id }]);
    const scoreAfter = (await t.get<Contact>(`/api/contacts/${a1.id}`, viewer)).body.score;
    expect(scoreAfter - scoreBefore).toBe(25); // the default engagement rule for event_attendance
    // again: the same answer, no second touch
    const again = await t.unchanged(() => checkin(seller, anna.id));
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('attended');
    // the contact's timeline names the event
    const timeline = await t.get<Page<TimelineEntry>>(`/api/contacts/${a1.id}/timeline`, viewer);
    expect(timeline.status, timeline.text).toBe(200);
    const attended = timeline.body.items.find((i) => i.kind === 'touchpoint' && i.action === 'event_attendance');
    expect(attended?.data).toMatchObject({ eventId: e.id, eventTitle: e.title, memberStatus: 'attended' });
    // the campaign's member list has the person as attended
    const member = await dbRows(
      sql<{
        status: string;
      }>`select status from campaign_members where campaign_id = ${e.campaign.id} and contact_id = ${a1.id}`,
    );
    expect(member).toEqual([{ status: 'attended' }]);
  });

  it('crossing the MQL threshold at check-in hands the contact to sales, as a form post does', async () => {
    const scoring = await t.get<{ value: Record<string, unknown>; version: number }>('/api/settings/scoring', admin);
    const put = (threshold: number) =>
      t.request('PUT', '/api/settings/scoring', {
        cookie: admin.cookie,
        body: { ...scoring.body.value, mqlThreshold: threshold },
      });
    expect((await put(20)).status).toBe(200);
    try {
      const clara = await regOf('clara@neukunde.de');
      const res = await checkin(marketer, clara.id);
      expect(res.status, res.text).toBe(200);
      const contact = (await t.get<Contact>(`/api/contacts/${clara.contactId}`, viewer)).body;
      expect(contact).toMatchObject({ lifecycleStage: 'mql', score: 25 });
      const handoffs = await dbRows(
        sql<{ status: string }>`select status from handoffs where contact_id = ${clara.contactId}`,
      );
      expect(handoffs).toEqual([{ status: 'open' }]);
    } finally {
      expect((await put(50)).status).toBe(200);
    }
  });

  it('closing: not before the start; then no-shows, follow-up tasks for the owners, routing for the unowned', async () => {
    expectProblem(
      await t.unchanged(() => t.request('POST', `/api/events/${e.id}/close`, { cookie: marketer.cookie })),
      409,
      'event_not_started',
    );
    t.clock.travelTo('2026-04-20T11:00:00.000Z');
    expectProblem(
      await t.unchanged(() => t.request('POST', `/api/events/${e.id}/close`, { cookie: seller.cookie })),
      403,
      'forbidden',
    );
    const res = await t.request<CloseEventResult>('POST', `/api/events/${e.id}/close`, { cookie: marketer.cookie });
    expect(res.status, res.text).toBe(200);
    // Anna (owned by Sam) attended, Bernd (owned by Susi) did not come, Clara (nobody's) attended and was
    // already handed to sales by her score: routing keeps that handoff
    expect({ noShows: res.body.noShows, tasks: res.body.tasks, routed: res.body.routed }).toEqual({
      noShows: 1,
      tasks: 2,
      routed: 1,
    });
    expect(res.body.event).toMatchObject({
      status: 'done',
      closedAt: expect.stringMatching(/^2026-04-20T11:00:/),
      counts: { attended: 2, noShow: 1, waitlisted: 1 },
    });
    expect((await regOf('bernd@boje.de')).status).toBe('no_show');

    const tasks = await dbRows(
      sql<{ owner_id: string; title: string; description: string; entity_id: string; due_at: string }>`
        select owner_id, title, description, entity_id, due_at from tasks where entity_id in (${ids.a1}, ${ids.b1}, ${ids.c1})
        order by title`,
    );
    expect(tasks.map((x) => [x.owner_id, x.entity_id, x.title])).toEqual([
      [seller.user.id, ids.a1, `Follow up: Anna Anker (Anker AG) attended “${e.title}”`],
      [seller2.user.id, ids.b1, `Nicht erschienen: Bernd Boje (Boje KG) bei „${e.title}“`],
    ]);
    expect(tasks[0]?.description).toContain('Met: checked in by Sam Sales, invited by Sam Sales.');
    expect(tasks[0]?.due_at).toMatch(/^2026-04-22T11:00:/);
    const handoffs = await dbRows(
      sql<{ n: number | string }>`select count(*) as n from handoffs where contact_id = ${ids.c1}`,
    );
    expect(Number(handoffs[0]?.n)).toBe(1);
    // closed once: again refused, nothing changes
    expectProblem(
      await t.unchanged(() => t.request('POST', `/api/events/${e.id}/close`, { cookie: marketer.cookie })),
      409,
      'event_not_open',
    );
  });

  it('an attendee nobody owns goes through lead routing when closing', async () => {
    t.clock.travelTo(NOW);
    const f = await createEvent({ capacity: 2, startsAt: '2026-04-21T09:00', endsAt: '2026-04-21T12:00' });
    await registerOk(f.slug, 'otto@offen.de', { firstName: 'Otto', lastName: 'Offen' });
    const [otto] = await registrations(f.id);
    await t.request('POST', `/api/events/${f.id}/registrations/${otto?.id}/checkin`, { cookie: seller.cookie });
    expect(await dbRows(sql`select id from handoffs where contact_id = ${otto?.contactId}`)).toEqual([]);
    t.clock.travelTo('2026-04-21T10:00:00.000Z');
    const res = await t.request<CloseEventResult>('POST', `/api/events/${f.id}/close`, { cookie: admin.cookie });
    expect({ tasks: res.body.tasks, routed: res.body.routed, noShows: res.body.noShows }).toEqual({
      tasks: 0,
      routed: 1,
      noShows: 0,
    });
    const handoffs = await dbRows(
      sql<{
        status: string;
        qualified_reason: string;
      }>`select status, qualified_reason from handoffs where contact_id = ${otto?.contactId}`,
    );
    expect(handoffs).toEqual([{ status: 'open', qualified_reason: 'manual' }]);
    t.clock.travelTo('2026-04-20T11:00:00.000Z');
  });

  it('the report: counts, by rep, the campaign as its page counts it, cost per attendee', async () => {
    const cost = await t.request('POST', `/api/campaigns/${e.campaign.id}/costs`, {
      cookie: marketer.cookie,
      body: { description: 'Catering', amount: 90_000, incurredOn: '2026-04-20' },
    });
    expect(cost.status, cost.text).toBe(201);
    const report = await t.get<EventReport>(`/api/events/${e.id}/report`, viewer);
    expect(report.status, report.text).toBe(200);
    const results = (await t.get<CampaignResults>(`/api/campaigns/${e.campaign.id}/results`, viewer)).body;
    expect(report.body).toEqual({
      eventId: e.id,
      counts: {
        invited: 1,
        registered: 4,
        confirmed: 0,
        waitlisted: 1,
        cancelled: 0,
        attended: 2,
        noShow: 1,
        noShowRate: 1 / 3,
      },
      byRep: [
        {
          rep: { id: seller.user.id, name: 'Sam Sales', department: 'sales' },
          invitations: 1,
          registrations: 1,
          attended: 1,
        },
      ],
      campaign: {
        id: e.campaign.id,
        name: e.campaign.name,
        currency: 'EUR',
        leads: results.leads,
        mqls: results.mqls,
        sqls: results.sqls,
        attributedPipeline: results.attributedPipeline,
        attributedRevenue: results.attributedRevenue,
        otherCurrencies: [],
        actualCost: 90_000,
        roi: results.roi,
        model: results.model,
      },
      costPerAttendee: 45_000,
    });
    expect(results.mqls).toBe(1); // Clara, sourced by the event's campaign, became an MQL
  });
});

// ——— The guests' mails ———————————————————————————————————————————————————————————————————————————————

describe('guest mails', () => {
  it('confirmation with a REQUEST in the event zone; a new time sends SEQUENCE 1; the reminder once; cancelling the event a CANCEL', async () => {
    t.clock.travelTo(NOW);
    await drainMail();
    smtp.mails.length = 0;
    const e = await createEvent({ capacity: 1, venue: 'Halle 3' });
    const first = await registerOk(e.slug, 'gustav@gast.de', { firstName: 'Gustav' });
    await registerOk(e.slug, 'wanda@warte.de', { firstName: 'Wanda' });
    await drainMail();

    const [confirmation] = smtp.to('gustav@gast.de');
    expect(confirmation?.subject).toBe(`Anmeldung bestätigt: ${e.title}`);
    const text = textOf(confirmation as ReceivedMail);
    expect(text).toContain('Hallo Gustav,');
    expect(text).toContain('Mittwoch, 15. April 2026, 09:00–17:00 (Europe/Berlin)');
    expect(text).toContain('Wo: Halle 3');
    expect(text).toMatch(new RegExp(`https://crm\\.example\\.de/e/${e.slug}/cancel\\?token=\\S+`));
    const cal = calendarOf(confirmation as ReceivedMail);
    expect(cal).toEqual({
      contentType: expect.stringMatching(/text\/calendar;.*method=REQUEST/i),
      method: 'REQUEST',
      uid: `${first.registrationId}@nenner`,
      sequence: 0,
      tzid: 'Europe/Berlin',
      start: '2026-04-15T07:00:00.000Z',
      end: '2026-04-15T15:00:00.000Z',
      status: 'CONFIRMED',
      hasVtimezone: true,
    });
    // the admission code: a QR image of the staff's check-in link for this person, shown inline in the HTML
    expect(text).toContain('Zum Einlass: Zeig einfach den QR-Code');
    const checkinLink = `https://crm.example.de/events/${e.id}/checkin?registration=${first.registrationId}`;
    expect(pngOf(confirmation as ReceivedMail)).toEqual(await admissionCode(checkinLink));
    expect(partOf(confirmation as ReceivedMail, 'text/html')?.body).toContain('src="cid:checkin-code@nenner"');
    // the link's person, as the check-in page opens it
    const opened = await t.get<Registration>(`/api/events/${e.id}/registrations/${first.registrationId}`, viewer);
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body).toMatchObject({ id: first.registrationId, email: 'gustav@gast.de', status: 'confirmed' });
    expectProblem(
      await t.get(`/api/events/${e.id}/registrations/${MISSING_ID}`, viewer),
      404,
      'registration_not_found',
    );
    const [waiting] = smtp.to('wanda@warte.de');
    expect(waiting?.subject).toBe(`Warteliste: ${e.title}`);
    expect(textOf(waiting as ReceivedMail)).toContain('Platz 1 der Warteliste');
    expect(calendarOf(waiting as ReceivedMail)).toBeUndefined();
    expect(pngOf(waiting as ReceivedMail)).toBeUndefined();
    expect(textOf(waiting as ReceivedMail)).not.toContain('Einlass');

    // a new time: the confirmed guest gets the same UID with SEQUENCE 1 at the new time
    smtp.mails.length = 0;
    const moved = await t.request<Event>('PATCH', `/api/events/${e.id}`, {
      cookie: marketer.cookie,
      ifMatch: 1,
      body: { startsAt: '2026-04-16T10:00', endsAt: '2026-04-16T12:00' },
    });
    expect(moved.status, moved.text).toBe(200);
    // the deadline was the start, and moves with it
    expect(moved.body).toMatchObject({
      sequence: 1,
      startsAt: '2026-04-16T08:00:00.000Z',
      registrationDeadline: '2026-04-16T08:00:00.000Z',
    });
    await drainMail();
    const [update] = smtp.to('gustav@gast.de');
    expect(update?.subject).toBe(`Geändert: ${e.title}`);
    expect(calendarOf(update as ReceivedMail)).toMatchObject({
      method: 'REQUEST',
      uid: `${first.registrationId}@nenner`,
      sequence: 1,
      start: '2026-04-16T08:00:00.000Z',
      end: '2026-04-16T10:00:00.000Z',
    });
    expect(smtp.to('wanda@warte.de')).toEqual([]);

    // the reminder the day before, once (the job for the old time does nothing)
    smtp.mails.length = 0;
    t.clock.travelTo('2026-04-15T08:00:00.000Z');
    await drainMail();
    await drainMail();
    const ours = smtp.mails.filter((m) => m.subject.endsWith(e.title));
    expect(ours.map((m) => [m.to[0], m.subject])).toEqual([['gustav@gast.de', `Morgen: ${e.title}`]]);

    // the event is called off: the guest gets METHOD:CANCEL with the next SEQUENCE, the waiting list a note
    smtp.mails.length = 0;
    const current = await getEvent(e.id);
    const off = await t.request<Event>('PATCH', `/api/events/${e.id}`, {
      cookie: marketer.cookie,
      ifMatch: current.version,
      body: { status: 'cancelled' },
    });
    expect(off.status, off.text).toBe(200);
    expect(off.body).toMatchObject({ status: 'cancelled', seatsTaken: 0, counts: { cancelled: 2 } });
    await drainMail();
    const [cancel] = smtp.to('gustav@gast.de');
    expect(cancel?.subject).toBe(`Abgesagt: ${e.title}`);
    expect(calendarOf(cancel as ReceivedMail)).toMatchObject({
      method: 'CANCEL',
      uid: `${first.registrationId}@nenner`,
      sequence: 2,
      status: 'CANCELLED',
    });
    expect(smtp.to('wanda@warte.de').map((m) => [m.subject, calendarOf(m)])).toEqual([
      [`Abgesagt: ${e.title}`, undefined],
    ]);
    // a cancelled event takes no more changes
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/events/${e.id}`, {
          cookie: marketer.cookie,
          ifMatch: off.body.version,
          body: { title: 'x' },
        }),
      ),
      409,
      'invalid_transition',
    );
    t.clock.travelTo(NOW);
  });
});

// ——— Goals ————————————————————————————————————————————————————————————————————————————————————————

describe('goals', () => {
  it('event_attendees counts the people checked in; a new check-in moves it (the facts version follows)', async () => {
    t.clock.travelTo('2026-04-02T08:00:00.000Z');
    const created = await t.request<{ id: string }>('POST', '/api/goals', {
      cookie: marketer.cookie,
      body: {
        name: 'Gäste im April',
        metric: 'event_attendees',
        period: { type: 'custom', from: '2026-04-01', to: '2026-04-30' },
        target: 10,
        ownerIds: [marketer.user.id, seller.user.id],
      },
    });
    expect(created.status, created.text).toBe(201);
    const actual = async () =>
      (await t.get<{ actual: number }>(`/api/goals/${created.body.id}/progress`, viewer)).body.actual;
    expect(await actual()).toBe(3); // Anna, Clara and Otto, checked in on 1 April
    const g = await createEvent({ startsAt: '2026-04-25T09:00', endsAt: '2026-04-25T12:00' });
    const guest = await registerOk(g.slug, 'goal@gast.de');
    const res = await t.request('POST', `/api/events/${g.id}/registrations/${guest.registrationId}/checkin`, {
      cookie: marketer.cookie,
    });
    expect(res.status, res.text).toBe(200);
    expect(await actual()).toBe(4);
  });
});

// ——— The rate limit of public posts ——————————————————————————————————————————————————————————————————

describe('rate limit', () => {
  it('registrations count against the per-IP budget the forms use: past it 429, nothing written', async () => {
    const limited = await startTestApp({ NENNER_FORM_POSTS_PER_MINUTE: '2' });
    limited.clock.travelTo(NOW);
    try {
      const organiser = await limited.session('marketing', 'member');
      const created = await limited.request<Event>('POST', '/api/events', {
        cookie: organiser.cookie,
        body: eventBody(),
      });
      expect(created.status, created.text).toBe(201);
      const post = (email: string) =>
        limited.request('POST', `/e/${created.body.slug}`, { body: { email }, headers: { 'accept-language': 'de' } });
      expect((await post('eins@limit.de')).status).toBe(201);
      expect((await post('zwei@limit.de')).status).toBe(201);
      const third = await limited.unchanged(() => post('drei@limit.de'));
      expectProblem(third, 429, 'rate_limited');
      expect(third.headers.get('retry-after')).toBe('60');
    } finally {
      await limited.close();
      setClock(t.clock); // the second app took over the process-wide clock
    }
  });
});
