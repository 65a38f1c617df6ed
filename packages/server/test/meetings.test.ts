import type { Meeting, Occurrence, OccurrenceDetail } from '@nenner/shared';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackgroundOnce } from '../src/worker.js';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from './smtp.js';

/*
 * Meeting series through HTTP on both engines: CRUD, occurrences moved and cancelled, rights, bad input
 * that changes nothing, the calendar file read back by a real iCalendar parser (ical.js) whose expansion
 * must equal Nenner's own across the March 2026 daylight-saving change, and invitations at a real SMTP
 * server. The app clock stands at Mon 2 Mar 2026 11:00 Berlin (CET, UTC+1); CEST from Sun 29 Mar.
 */

let smtp: TestSmtp;
let t: TestApp;
let marketer: Session; // German (no locale)
let seller: Session; // English
let viewer: Session;
let outsider: Session; // a sales member who takes part in nothing
let admin: Session;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ SMTP_URL: smtp.url, NENNER_PUBLIC_URL: 'https://crm.example.de' });
  t.clock.travelTo('2026-03-02T10:00:00.000Z');
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  viewer = await t.session('marketing', 'viewer', 'Vera Viewer');
  outsider = await t.session('sales', 'member', 'Otto Outside');
  admin = await t.session('management', 'admin', 'Ada Admin');
  const me = await t.request('PATCH', '/api/auth/me', { cookie: seller.cookie, body: { locale: 'en' } });
  expect(me.status, me.text).toBe(200);
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const weekly = (over: Record<string, unknown> = {}) => ({
  title: 'Abstimmung Marketing & Vertrieb',
  cadence: 'weekly',
  startsAt: '2026-03-16T09:00:00+01:00',
  durationMinutes: 60,
  participantIds: [seller.user.id],
  location: 'Raum Elbe / https://meet.example.de/abstimmung',
  ...over,
});

const create = (as: Session, body: Record<string, unknown>) =>
  t.request<Meeting>('POST', '/api/meetings', { cookie: as.cookie, body });
const createOk = async (as: Session, body: Record<string, unknown>) => {
  const res = await create(as, body);
  expect(res.status, res.text).toBe(201);
  return res.body;
};
const patch = (as: Session, id: string, version: number, body: Record<string, unknown>) =>
  t.request<Meeting>('PATCH', `/api/meetings/${id}`, { cookie: as.cookie, ifMatch: version, body });
const occurrences = async (id: string, query = '') => {
  const res = await t.get<Occurrence[]>(`/api/meetings/${id}/occurrences${query}`, marketer);
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const patchOccurrence = (as: Session, id: string, version: number, body: Record<string, unknown>) =>
  t.request<OccurrenceDetail>('PATCH', `/api/occurrences/${id}`, { cookie: as.cookie, ifMatch: version, body });
const meeting = async (id: string) => (await t.get<Meeting>(`/api/meetings/${id}`, viewer)).body;
const occ = (seriesId: string, compact: string) => `${seriesId}:${compact}`;

describe('series', () => {
  it('creates a weekly series: rule, first start in the zone, host and participants, two-sided', async () => {
    const m = await createOk(marketer, weekly());
    expect(m).toMatchObject({
      title: 'Abstimmung Marketing & Vertrieb',
      cadence: 'weekly',
      weekday: 'MO',
      nth: null,
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      startsAt: '2026-03-16T08:00:00.000Z',
      localStart: '2026-03-16T09:00',
      timeZone: 'Europe/Berlin', // the workspace's (SLA) zone
      durationMinutes: 60,
      location: 'Raum Elbe / https://meet.example.de/abstimmung',
      host: { id: marketer.user.id, name: 'Mia Marketing', department: 'marketing' },
      twoSided: true,
      warnings: [],
      nextStartsAt: '2026-03-16T08:00:00.000Z',
      icalUid: `${m.id}@nenner`,
      sequence: 0,
      createdBy: { id: marketer.user.id },
      version: 1,
    });
    expect(m.participants.map((p) => p.name)).toEqual(['Mia Marketing', 'Sam Sales']);
    expect(m.agendaTemplate.map((s) => s.section)).toEqual([
      'goals',
      'handoffs',
      'pipeline',
      'campaigns',
      'action_items',
      'alignment',
    ]);
    expect(await meeting(m.id)).toEqual(m);
    const list = await t.get<{ items: Meeting[] }>('/api/meetings', viewer);
    expect(list.body.items.map((x) => x.id)).toContain(m.id);
  });

  it('warns when marketing or sales is missing', async () => {
    const m = await createOk(marketer, weekly({ participantIds: [viewer.user.id] }));
    expect({ twoSided: m.twoSided, warnings: m.warnings }).toEqual({ twoSided: false, warnings: ['not_two_sided'] });
  });

  it('monthly: weekday and nth from the first start, or given; the first start moves onto the rule', async () => {
    const second = await createOk(seller, {
      ...weekly({ cadence: 'monthly', startsAt: '2026-11-10T10:00', timeZone: 'Europe/Berlin' }),
      participantIds: [marketer.user.id],
    });
    expect(second).toMatchObject({
      weekday: 'TU',
      nth: 2,
      rrule: 'FREQ=MONTHLY;BYDAY=2TU',
      localStart: '2026-11-10T10:00',
    });
    const last = await createOk(seller, {
      ...weekly({ cadence: 'monthly', startsAt: '2026-11-02T16:00', weekday: 'FR', nth: -1 }),
      participantIds: [marketer.user.id],
    });
    expect(last).toMatchObject({
      rrule: 'FREQ=MONTHLY;BYDAY=-1FR',
      localStart: '2026-11-27T16:00',
      startsAt: '2026-11-27T15:00:00.000Z',
    });
    const list = await occurrences(last.id, '?from=2026-11-01T00:00:00Z&to=2027-05-01T00:00:00Z');
    expect(list.map((o) => o.startsAt)).toEqual([
      '2026-11-27T15:00:00.000Z',
      '2026-12-25T15:00:00.000Z',
      '2027-01-29T15:00:00.000Z',
      '2027-02-26T15:00:00.000Z',
      '2027-03-26T15:00:00.000Z',
      '2027-04-30T14:00:00.000Z',
    ]);
  });

  it('edits a series: the rule, the participants; version and SEQUENCE go up; audited', async () => {
    const m = await createOk(marketer, weekly());
    const res = await patch(seller, m.id, m.version, { cadence: 'biweekly', startsAt: '2026-03-17T14:30' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
      startsAt: '2026-03-17T13:30:00.000Z',
      version: 2,
      sequence: 1,
    });
    const unchanged = await patch(seller, m.id, 2, { title: m.title });
    expect(unchanged.body).toMatchObject({ version: 2, sequence: 1 });
    // series have no timeline screen yet: the audit entries are read from the database
    const audits = await t.ctx.db
      .selectFrom('timeline_entries')
      .select(['action'])
      .where('entity_type', '=', 'meeting')
      .where('entity_id', '=', m.id)
      .orderBy('created_at')
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['created', 'updated']);
  });

  it('deletes a series: gone from reads, its occurrences too', async () => {
    const m = await createOk(marketer, weekly());
    const res = await t.request('DELETE', `/api/meetings/${m.id}`, { cookie: seller.cookie });
    expect(res.status, res.text).toBe(204);
    expectProblem(await t.get(`/api/meetings/${m.id}`, viewer), 404, 'meeting_not_found');
    expectProblem(
      await t.get(`/api/occurrences/${occ(m.id, '20260316T080000Z')}`, viewer),
      404,
      'occurrence_not_found',
    );
    const list = await t.get<{ items: Meeting[] }>('/api/meetings?limit=100', viewer);
    expect(list.body.items.map((x) => x.id)).not.toContain(m.id);
  });
});

describe('occurrences', () => {
  let m: Meeting;
  beforeAll(async () => {
    m = await createOk(marketer, weekly());
  });

  it('lists the next eight weeks by default, keeping 09:00 Berlin across 29 March', async () => {
    const list = await occurrences(m.id);
    expect(list.map((o) => [o.startsAt, o.status])).toEqual([
      ['2026-03-16T08:00:00.000Z', 'planned'],
      ['2026-03-23T08:00:00.000Z', 'planned'],
      ['2026-03-30T07:00:00.000Z', 'planned'],
      ['2026-04-06T07:00:00.000Z', 'planned'],
      ['2026-04-13T07:00:00.000Z', 'planned'],
      ['2026-04-20T07:00:00.000Z', 'planned'],
      ['2026-04-27T07:00:00.000Z', 'planned'], // now (2 Mar 10:00Z) + 56 days = 27 Apr 10:00Z
    ]);
    expect(list[0]).toEqual({
      id: occ(m.id, '20260316T080000Z'),
      seriesId: m.id,
      startsAt: '2026-03-16T08:00:00.000Z',
      endsAt: '2026-03-16T09:00:00.000Z',
      originalStartsAt: '2026-03-16T08:00:00.000Z',
      moved: false,
      status: 'planned',
      seriesVersion: 1,
    });
    const one = await t.get<OccurrenceDetail>(`/api/occurrences/${occ(m.id, '20260330T070000Z')}`, viewer);
    expect(one.status, one.text).toBe(200);
    expect(one.body).toMatchObject({ startsAt: '2026-03-30T07:00:00.000Z', title: m.title });
    // nothing has happened in its window yet (it lies ahead): only the scorecard items that are always there
    expect(one.body.agenda.map((i) => i.kind)).toEqual(['acceptance_rate', 'alignment_index']);
  });

  it('cancels one and moves another; the list shows both; version and SEQUENCE go up', async () => {
    const cancel = await patchOccurrence(marketer, occ(m.id, '20260323T080000Z'), 1, { status: 'cancelled' });
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body).toMatchObject({ status: 'cancelled', seriesVersion: 2 });
    // Mon 30 Mar 09:00 → Wed 1 Apr 11:00 CEST
    const move = await patchOccurrence(seller, occ(m.id, '20260330T070000Z'), 2, {
      startsAt: '2026-04-01T11:00:00+02:00',
    });
    expect(move.status, move.text).toBe(200);
    expect(move.body).toMatchObject({
      id: occ(m.id, '20260330T070000Z'),
      startsAt: '2026-04-01T09:00:00.000Z',
      endsAt: '2026-04-01T10:00:00.000Z',
      originalStartsAt: '2026-03-30T07:00:00.000Z',
      moved: true,
      status: 'planned',
      seriesVersion: 3,
    });
    const list = await occurrences(m.id, '?from=2026-03-16T00:00:00Z&to=2026-04-07T00:00:00Z');
    expect(list.map((o) => [o.id.slice(-16), o.startsAt, o.status])).toEqual([
      ['20260316T080000Z', '2026-03-16T08:00:00.000Z', 'planned'],
      ['20260323T080000Z', '2026-03-23T08:00:00.000Z', 'cancelled'],
      ['20260330T070000Z', '2026-04-01T09:00:00.000Z', 'planned'],
      ['20260406T070000Z', '2026-04-06T07:00:00.000Z', 'planned'],
    ]);
    expect(await meeting(m.id)).toMatchObject({ version: 3, sequence: 2 });
  });

  it('refuses a move onto another occurrence, into the past, a stale version and unknown occurrences', async () => {
    const before = await meeting(m.id);
    const id = occ(m.id, '20260413T070000Z');
    const clash = await t.unchanged(() =>
      patchOccurrence(marketer, id, before.version, { startsAt: '2026-04-06T07:30:00Z' }),
    );
    expectProblem(clash, 409, 'occurrence_slot_taken');
    // onto the moved one's new slot, too
    expectProblem(
      await t.unchanged(() => patchOccurrence(marketer, id, before.version, { startsAt: '2026-04-01T09:00:00Z' })),
      409,
      'occurrence_slot_taken',
    );
    expectInvalid(
      await t.unchanged(() => patchOccurrence(marketer, id, before.version, { startsAt: '2026-03-01T09:00:00Z' })),
      'startsAt',
    );
    expectInvalid(
      await t.unchanged(() =>
        patchOccurrence(marketer, id, before.version, { startsAt: '2026-04-14T09:00:00Z', status: 'cancelled' }),
      ),
      'status',
    );
    expectInvalid(await t.unchanged(() => patchOccurrence(marketer, id, before.version, {})), 'startsAt');
    expectProblem(
      await t.unchanged(() => patchOccurrence(marketer, id, before.version - 1, { status: 'cancelled' })),
      412,
      'version_conflict',
    );
    // not a start of the rule (a Tuesday), an unknown series, not an occurrence id at all
    for (const bad of [occ(m.id, '20260414T070000Z'), occ(MISSING_ID, '20260413T070000Z')]) {
      expectProblem(
        await t.unchanged(() => patchOccurrence(marketer, bad, before.version, { status: 'cancelled' })),
        404,
        'occurrence_not_found',
      );
    }
    expectInvalid(await t.get('/api/occurrences/nope', viewer), 'params.id');
    expectInvalid(
      await t.get(`/api/meetings/${m.id}/occurrences?from=2026-04-01T00:00:00Z&to=2026-03-01T00:00:00Z`, viewer),
      'to',
    );
    expectInvalid(
      await t.get(`/api/meetings/${m.id}/occurrences?from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z`, viewer),
      'to',
    );
  });

  it('refuses to move or cancel an occurrence that has begun (409), and nothing changes', async () => {
    const s = await createOk(marketer, weekly({ startsAt: '2026-03-02T10:30:00+01:00' })); // 09:30Z, begun at 10:00Z
    expectProblem(
      await t.unchanged(() =>
        patchOccurrence(marketer, occ(s.id, '20260302T093000Z'), s.version, { status: 'cancelled' }),
      ),
      409,
      'occurrence_past',
    );
    expectProblem(
      await t.unchanged(() =>
        patchOccurrence(marketer, occ(s.id, '20260302T093000Z'), s.version, { startsAt: '2026-03-04T09:30:00Z' }),
      ),
      409,
      'occurrence_past',
    );
  });
});

describe('rights', () => {
  it('viewers read but cannot create; a non-participant member cannot edit; admins can', async () => {
    const m = await createOk(marketer, weekly());
    expectProblem(await t.unchanged(() => create(viewer, weekly())), 403, 'forbidden');
    expectProblem(await t.unchanged(() => patch(outsider, m.id, m.version, { title: 'Meins' })), 403, 'forbidden');
    expectProblem(
      await t.unchanged(() => t.request('DELETE', `/api/meetings/${m.id}`, { cookie: outsider.cookie })),
      403,
      'forbidden',
    );
    expectProblem(
      await t.unchanged(() =>
        patchOccurrence(outsider, occ(m.id, '20260316T080000Z'), m.version, { status: 'cancelled' }),
      ),
      403,
      'forbidden',
    );
    expectProblem(
      await t.unchanged(() =>
        patchOccurrence(viewer, occ(m.id, '20260316T080000Z'), m.version, { status: 'cancelled' }),
      ),
      403,
      'forbidden',
    );
    expect((await t.get(`/api/meetings/${m.id}`, viewer)).status).toBe(200);
    expect((await t.get(`/api/meetings/${m.id}/invite.ics`, viewer)).status).toBe(200);
    const res = await patch(admin, m.id, m.version, { title: 'Abstimmung (Admin)' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.title).toBe('Abstimmung (Admin)');
  });
});

describe('bad input: 400 with the field, nothing changed', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown participant', { participantIds: [MISSING_ID] }, 'participantIds'],
    ['an unknown host', { hostId: MISSING_ID }, 'hostId'],
    ['a meeting of 1000 minutes', { durationMinutes: 1000 }, 'durationMinutes'],
    ['a meeting of 2 minutes', { durationMinutes: 2 }, 'durationMinutes'],
    ['a start that is no date', { startsAt: 'Montag früh' }, 'startsAt'],
    ['30 February', { startsAt: '2026-02-30T09:00' }, 'startsAt'],
    ['a monthly nth of 5', { cadence: 'monthly', nth: 5 }, 'nth'],
    ['a weekday for a weekly series', { weekday: 'TU' }, 'weekday'],
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'timeZone'],
    ['an unknown field', { colour: 'blue' }, ''],
  ])('creating with %s', async (_what, change, path) => {
    const res = await t.unchanged(() => create(marketer, weekly(change)));
    if (path) expectInvalid(res, path);
    else expectProblem(res, 400, 'validation_failed');
  });

  it('an inactive participant', async () => {
    const gone = await t.createUser({ department: 'sales' });
    const off = await t.request('PATCH', `/api/users/${gone.id}`, {
      cookie: admin.cookie,
      ifMatch: gone.version,
      body: { active: false },
    });
    expect(off.status, off.text).toBe(200);
    expectInvalid(await t.unchanged(() => create(marketer, weekly({ participantIds: [gone.id] }))), 'participantIds');
  });

  it('editing: a weekday for a weekly series, a monthly nth out of range', async () => {
    const m = await createOk(marketer, weekly());
    expectInvalid(await t.unchanged(() => patch(marketer, m.id, m.version, { weekday: 'TU' })), 'weekday');
    expectInvalid(await t.unchanged(() => patch(marketer, m.id, m.version, { cadence: 'monthly', nth: 0 })), 'nth');
    expectInvalid(
      await t.unchanged(() => patch(marketer, m.id, m.version, { participantIds: [MISSING_ID] })),
      'participantIds',
    );
  });
});

// ——— iCalendar ———————————————————————————————————————————————————————————————————————————————————

const parseCalendar = (text: string) => {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevents = comp.getAllSubcomponents('vevent');
  const masterComp = vevents.find((v) => !v.hasProperty('recurrence-id'));
  if (!masterComp) throw new Error('no master VEVENT');
  const master = new ICAL.Event(masterComp);
  for (const v of vevents) if (v.hasProperty('recurrence-id')) master.relateException(new ICAL.Event(v));
  return { comp, master, vevents };
};

/** The starts ical.js expands in [from, to), moved occurrences at their new time, EXDATEs left out. */
const parserStarts = (master: ICAL.Event, from: string, to: string): string[] => {
  const out: string[] = [];
  const it = master.iterator();
  for (let next = it.next(); next; next = it.next()) {
    const start = master.getOccurrenceDetails(next).startDate.toJSDate().toISOString();
    if (next.toJSDate().toISOString() >= to && start >= to) break;
    if (start >= from && start < to) out.push(start);
  }
  return out.sort();
};

const download = async (id: string) => {
  const res = await t.get(`/api/meetings/${id}/invite.ics`, viewer);
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
  return res.text;
};

describe('the calendar file', () => {
  it('parses, and ical.js expands the same dates as Nenner across the March switch, moved and cancelled ones included', async () => {
    const m = await createOk(marketer, weekly());
    await patchOccurrence(marketer, occ(m.id, '20260323T080000Z'), 1, { status: 'cancelled' });
    await patchOccurrence(marketer, occ(m.id, '20260406T070000Z'), 2, { startsAt: '2026-04-07T15:00:00+02:00' });
    const series = await meeting(m.id);
    const { comp, master, vevents } = parseCalendar(await download(m.id));

    expect(comp.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(comp.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    expect(vevents).toHaveLength(2);
    for (const v of vevents) {
      expect(v.getFirstPropertyValue('uid')).toBe(`${m.id}@nenner`);
      expect(v.getFirstPropertyValue('sequence')).toBe(series.sequence);
    }
    expect(series.sequence).toBe(2);
    expect(master.summary).toBe(m.title);
    expect(master.location).toBe(m.location);
    expect(String(masterRule(master))).toBe('FREQ=WEEKLY;BYDAY=MO');
    expect(master.startDate.zone?.tzid).toBe('Europe/Berlin');
    expect(master.startDate.toString()).toBe('2026-03-16T09:00:00');
    expect(String(master.component.getFirstPropertyValue('organizer')).toLowerCase()).toBe(
      `mailto:${marketer.email}`.toLowerCase(),
    );
    const attendees = master.attendees.map((a) => String(a.getFirstValue()).toLowerCase()).sort();
    expect(attendees).toEqual(
      [`mailto:${marketer.email}`, `mailto:${seller.email}`].map((x) => x.toLowerCase()).sort(),
    );
    const exdate = master.component.getFirstProperty('exdate');
    expect(exdate?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(String(exdate?.getFirstValue())).toBe('2026-03-23T09:00:00');
    const moved = vevents.find((v) => v.hasProperty('recurrence-id'));
    expect(String(moved?.getFirstPropertyValue('recurrence-id'))).toBe('2026-04-06T09:00:00');

    const from = '2026-03-09T00:00:00.000Z';
    const to = '2026-05-04T00:00:00.000Z';
    const ours = (await occurrences(m.id, `?from=${from}&to=${to}`)).filter((o) => o.status !== 'cancelled');
    expect(parserStarts(master, from, to)).toEqual(ours.map((o) => o.startsAt).sort());
    expect(ours.map((o) => o.startsAt)).toEqual([
      '2026-03-16T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-04-07T13:00:00.000Z',
      '2026-04-13T07:00:00.000Z',
      '2026-04-20T07:00:00.000Z',
      '2026-04-27T07:00:00.000Z',
    ]);
  });

  it('monthly on the last Friday and on the 2nd Tuesday: the parser agrees over the year boundary and the 2027 switch', async () => {
    for (const body of [
      weekly({ cadence: 'monthly', startsAt: '2026-11-27T16:00', nth: -1, weekday: 'FR' }),
      weekly({ cadence: 'monthly', startsAt: '2026-11-10T10:00:00+01:00' }),
      weekly({ cadence: 'biweekly', startsAt: '2026-10-13T08:15:00+02:00', timeZone: 'America/New_York' }),
    ]) {
      const m = await createOk(marketer, body);
      const { master } = parseCalendar(await download(m.id));
      const from = '2026-09-01T00:00:00.000Z';
      const to = '2027-06-01T00:00:00.000Z';
      const ours = (await occurrences(m.id, `?from=${from}&to=${to}`)).map((o) => o.startsAt);
      expect(ours.length).toBeGreaterThan(6);
      expect(parserStarts(master, from, to)).toEqual(ours);
    }
  });

  it('SEQUENCE goes up with every change the calendar shows, the UID stays', async () => {
    const m = await createOk(marketer, weekly());
    const seq = async () => {
      const { master } = parseCalendar(await download(m.id));
      return [master.uid, master.sequence];
    };
    expect(await seq()).toEqual([`${m.id}@nenner`, 0]);
    const a = await patch(marketer, m.id, 1, { durationMinutes: 45 });
    expect(await seq()).toEqual([`${m.id}@nenner`, 1]);
    await patch(marketer, m.id, a.body.version, { title: 'Neu' });
    expect(await seq()).toEqual([`${m.id}@nenner`, 2]);
  });
});

const masterRule = (master: ICAL.Event) => master.component.getFirstPropertyValue('rrule');

// ——— Invitations by email ——————————————————————————————————————————————————————————————————————

/** The decoded part of a multipart mail of a type (text/plain, text/calendar) and its Content-Type line. */
const partOf = (mail: ReceivedMail, wanted: string): { contentType: string; body: string } | undefined => {
  for (const part of mail.raw.split(/\r?\n--[^\r\n]+/)) {
    const split = part.search(/\r?\n\r?\n/);
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
const calendarPart = (mail: ReceivedMail) => partOf(mail, 'text/calendar');

describe('invitations', () => {
  it('each participant gets a REQUEST in their language; a change another; the cancelled series a CANCEL', async () => {
    await runBackgroundOnce(t.ctx); // earlier tests' mails out of the way
    smtp.mails.length = 0;
    const m = await createOk(marketer, weekly({ title: 'Pipeline-Runde' }));
    await runBackgroundOnce(t.ctx);
    const [toSeller] = smtp.to(seller.email);
    const [toMarketer] = smtp.to(marketer.email);
    expect(toSeller?.subject).toBe('Invitation: Pipeline-Runde');
    expect(toMarketer?.subject).toBe('Einladung: Pipeline-Runde');
    expect(partOf(toMarketer as ReceivedMail, 'text/plain')?.body).toContain(
      'Der erste Termin: Montag, 16. März 2026 um 09:00 (Europe/Berlin).',
    );
    expect(partOf(toSeller as ReceivedMail, 'text/plain')?.body).toContain(
      'The first one: Monday, 16 March 2026 at 09:00 (Europe/Berlin).',
    );
    const invite = calendarPart(toSeller as ReceivedMail);
    expect(invite?.contentType).toMatch(/text\/calendar;.*method=REQUEST/i);
    const parsed = parseCalendar(invite?.body ?? '');
    expect(parsed.comp.getFirstPropertyValue('method')).toBe('REQUEST');
    expect([parsed.master.uid, parsed.master.sequence]).toEqual([`${m.id}@nenner`, 0]);
    expect(smtp.to(outsider.email)).toEqual([]);

    // moving one occurrence: everyone gets the calendar again, SEQUENCE 1, with the RECURRENCE-ID
    smtp.mails.length = 0;
    const moved = await patchOccurrence(seller, occ(m.id, '20260330T070000Z'), 1, { startsAt: '2026-03-31T07:00:00Z' });
    expect(moved.status, moved.text).toBe(200);
    await runBackgroundOnce(t.ctx);
    const [movedMail] = smtp.to(seller.email);
    expect(movedMail?.subject).toBe('Meeting moved: Pipeline-Runde');
    const again = parseCalendar(calendarPart(movedMail as ReceivedMail)?.body ?? '');
    expect(again.master.sequence).toBe(1);
    expect(again.vevents.some((v) => v.hasProperty('recurrence-id'))).toBe(true);

    // taking the seller off: a CANCEL for them, a REQUEST for who stays
    smtp.mails.length = 0;
    const off = await patch(marketer, m.id, 2, { participantIds: [viewer.user.id] });
    expect(off.status, off.text).toBe(200);
    await runBackgroundOnce(t.ctx);
    expect(calendarPart(smtp.to(seller.email)[0] as ReceivedMail)?.contentType).toMatch(/method=CANCEL/i);
    expect(calendarPart(smtp.to(viewer.email)[0] as ReceivedMail)?.contentType).toMatch(/method=REQUEST/i);

    // cancelling the series
    smtp.mails.length = 0;
    const del = await t.request('DELETE', `/api/meetings/${m.id}`, { cookie: marketer.cookie });
    expect(del.status, del.text).toBe(204);
    await runBackgroundOnce(t.ctx);
    const cancel = smtp.to(viewer.email)[0] as ReceivedMail;
    expect(cancel.subject).toBe('Abgesagt: Pipeline-Runde');
    const part = calendarPart(cancel);
    expect(part?.contentType).toMatch(/method=CANCEL/i);
    const cancelled = parseCalendar(part?.body ?? '');
    expect(cancelled.comp.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelled.master.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect([cancelled.master.uid, cancelled.master.sequence]).toEqual([`${m.id}@nenner`, 3]);
    expect(smtp.to(marketer.email)).toHaveLength(1);
  });
});
