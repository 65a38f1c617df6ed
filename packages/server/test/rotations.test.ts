import type { Me, Page, Rotation, RotationActivityEntry, RotationQuarterReport, TimelineEntry } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';
import { setScoring, timelineOf } from './lead-helpers.js';

/*
 * Job rotation (Perspektivwechsel): planning with its rules, who writes check-ins and reports, the host
 * department's rights while a rotation runs (and not a minute longer, in the workspace's time zone,
 * Europe/Berlin), the audit marker, the rotation's own activity list and the quarterly report.
 *
 * The tests run in order along one calendar:
 *   Wed 3 Mar 2027   planning; Mia's rotation (8–19 March, to sales) has not begun
 *   Mon 8 Mar        Mia works with sales' rights: she accepts a lead
 *   Fri 19 Mar 23:30 Berlin (22:30 UTC), the last day: she logs a first contact
 *   Sat 20 Mar 00:30 Berlin: the rights have ended
 *   Mon 5 Apr        a second rotation runs, then is cancelled: the rights end at once
 */

let t: TestApp;
let mia: Session; // marketing member: the person
let lena: Session; // marketing member
let max: Session; // marketing member, Bernd's mentor
let sam: Session; // sales member: Mia's mentor
let bernd: Session; // sales member
let salesViewer: Session;
let admin: Session; // management admin
let mgmt: Session; // management member

let r1: Rotation; // Mia → sales, 8–19 March
let r2: Rotation; // Bernd → marketing, 22 March – 9 April (planned by the admin)
let r3: Rotation; // Lena → sales, 15 February – 5 March
let r4: Rotation; // Mia → sales, 1–30 April, cancelled on 5 April

const create = (as: Session, body: Record<string, unknown>) =>
  t.request<Rotation>('POST', '/api/rotations', { cookie: as.cookie, body });
const patch = (as: Session, id: string, version: number, body: Record<string, unknown>) =>
  t.request<Rotation>('PATCH', `/api/rotations/${id}`, { cookie: as.cookie, ifMatch: version, body });
const checkin = (as: Session, id: string, body: Record<string, unknown>) =>
  t.request<Rotation>('POST', `/api/rotations/${id}/checkins`, { cookie: as.cookie, body });
const report = (as: Session, id: string, body: Record<string, unknown>) =>
  t.request<Rotation>('POST', `/api/rotations/${id}/report`, { cookie: as.cookie, body });
const get = async (id: string) => {
  const res = await t.get<Rotation>(`/api/rotations/${id}`, mia);
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const me = async (as: Session) => (await t.get<Me>('/api/auth/me', as)).body;

const created = async (as: Session, body: Record<string, unknown>): Promise<Rotation> => {
  const res = await create(as, body);
  expect(res.status, res.text).toBe(201);
  return res.body;
};

const plan = (person: Session, mentor: Session, startsOn: string, endsOn: string, extra = {}) => ({
  userId: person.user.id,
  hostDepartment: person.user.department === 'marketing' ? 'sales' : 'marketing',
  startsOn,
  endsOn,
  mentorId: mentor.user.id,
  ...extra,
});

/** A contact set to MQL by hand: its handoff is open for sales to answer. */
const openLead = async (name: string) => {
  const contact = await t.createContact(lena, { firstName: name, lastName: 'Kunde', lifecycleStage: 'mql' });
  const handoff = await t.ctx.db
    .selectFrom('handoffs')
    .select(['id', 'status'])
    .where('contact_id', '=', contact.id)
    .executeTakeFirstOrThrow();
  expect(handoff.status).toBe('open');
  return { contact, handoffId: handoff.id };
};

const accept = (as: Session, handoffId: string) =>
  t.request('POST', `/api/handoffs/${handoffId}/accept`, { cookie: as.cookie });

const auditsOf = (entityType: string, id: string) =>
  t.ctx.db
    .selectFrom('timeline_entries')
    .select(['action', 'actor_id', 'data'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', id)
    .where('kind', '=', 'audit')
    .orderBy('created_at')
    .execute();

const dataOf = (row: { data: string | null } | undefined) =>
  row?.data ? (JSON.parse(row.data) as Record<string, unknown>) : {};

beforeAll(async () => {
  t = await startTestApp();
  t.clock.travelTo('2027-03-03T09:00:00Z');
  mia = await t.session('marketing', 'member', 'Mia Marketing');
  lena = await t.session('marketing', 'member', 'Lena Marketing');
  max = await t.session('marketing', 'member', 'Max Marketing');
  sam = await t.session('sales', 'member', 'Sam Vertrieb');
  bernd = await t.session('sales', 'member', 'Bernd Vertrieb');
  salesViewer = await t.session('sales', 'viewer', 'Vera Viewer');
  admin = await t.session('management', 'admin', 'Ada Admin');
  mgmt = await t.session('management', 'member', 'Moritz Management');
});
afterAll(async () => {
  await t?.close();
});

describe('planning a rotation (Wednesday 3 March)', () => {
  it('a marketer plans her own visit to sales with a sales mentor, goals and activities', async () => {
    r1 = await created(
      mia,
      plan(mia, sam, '2027-03-08', '2027-03-19', {
        goals: ['Ein Erstgespräch führen', 'Die Preisliste erklären'],
        activities: ['5 Kundentermine begleiten'],
      }),
    );
    expect(r1).toMatchObject({
      person: { id: mia.user.id, name: 'Mia Marketing', department: 'marketing' },
      homeDepartment: 'marketing',
      hostDepartment: 'sales',
      startsOn: '2027-03-08',
      endsOn: '2027-03-19',
      days: 12,
      mentor: { id: sam.user.id, department: 'sales' },
      status: 'planned',
      cancelledAt: null,
      checkins: [],
      report: null,
      rating: null,
      createdBy: { id: mia.user.id },
      version: 1,
    });
    expect(r1.goals.map((g) => [g.text, g.met])).toEqual([
      ['Ein Erstgespräch führen', false],
      ['Die Preisliste erklären', false],
    ]);
    expect(r1.activities.map((a) => [a.text, a.done])).toEqual([['5 Kundentermine begleiten', false]]);
    expect((await auditsOf('rotation', r1.id)).map((a) => [a.action, a.actor_id])).toEqual([['created', mia.user.id]]);
  });

  it('an admin plans anyone’s rotation; one that began already is active today', async () => {
    r2 = await created(admin, plan(bernd, max, '2027-03-22', '2027-04-09', { goals: ['A', 'B', 'C'] }));
    expect(r2).toMatchObject({
      hostDepartment: 'marketing',
      status: 'planned',
      days: 19,
      createdBy: { id: admin.user.id },
    });
    r3 = await created(lena, plan(lena, sam, '2027-02-15', '2027-03-05', { goals: ['Ein Angebot schreiben'] }));
    expect(r3).toMatchObject({ status: 'active', days: 19 });
  });

  it('the host must be the other department: 422 naming hostDepartment, nothing written', async () => {
    const res = await t.unchanged(() =>
      create(lena, { ...plan(lena, sam, '2027-06-01', '2027-06-10'), hostDepartment: 'marketing' }),
    );
    const problem = expectProblem(res, 422, 'rotation_invalid');
    expect(problem.errors?.map((e) => e.path)).toEqual(['hostDepartment', 'mentorId']);
  });

  it('refuses a mentor outside the host department, an end before the start, an overlap and management', async () => {
    const paths = async (as: Session, body: Record<string, unknown>) => {
      const problem = expectProblem(await t.unchanged(() => create(as, body)), 422, 'rotation_invalid');
      return problem.errors?.map((e) => e.path);
    };
    expect(await paths(lena, plan(lena, max, '2027-06-01', '2027-06-10'))).toEqual(['mentorId']);
    expect(await paths(lena, plan(lena, salesViewer, '2027-06-01', '2027-06-10'))).toEqual(['mentorId']);
    expect(await paths(lena, plan(lena, sam, '2027-06-10', '2027-06-01'))).toEqual(['endsOn']);
    expect(await paths(lena, plan(lena, sam, '2027-06-01', '2028-06-10'))).toEqual(['endsOn']);
    expect(await paths(mia, plan(mia, sam, '2027-03-19', '2027-03-25'))).toEqual(['startsOn']);
    expect(await paths(admin, { ...plan(mgmt, sam, '2027-06-01', '2027-06-10'), hostDepartment: 'sales' })).toEqual([
      'userId',
    ]);
    expect(await paths(admin, { ...plan(lena, sam, '2027-06-01', '2027-06-10'), mentorId: MISSING_ID })).toEqual([
      'mentorId',
    ]);
  });

  it('the shape is checked first: 400 with the field path', async () => {
    expectInvalid(await t.unchanged(() => create(lena, plan(lena, sam, '2027-02-30', '2027-03-10'))), 'startsOn');
    expectInvalid(await t.unchanged(() => create(lena, { ...plan(lena, sam, '2027-06-01', '2027-06-10'), x: 1 })), 'x');
    expectInvalid(
      await t.unchanged(() => create(lena, plan(lena, sam, '2027-06-01', '2027-06-10', { goals: [''] }))),
      'goals.0',
    );
  });

  it('members plan only their own rotation, viewers none: 403, nothing written', async () => {
    expectProblem(await t.unchanged(() => create(lena, plan(max, sam, '2027-06-01', '2027-06-10'))), 403, 'forbidden');
    expectProblem(await t.unchanged(() => create(sam, plan(lena, sam, '2027-06-01', '2027-06-10'))), 403, 'forbidden');
    expectProblem(
      await t.unchanged(() => create(salesViewer, plan(salesViewer, max, '2027-06-01', '2027-06-10'))),
      403,
      'forbidden',
    );
  });

  it('before the rotation begins Mia has no sales rights: accepting a lead is refused and changes nothing', async () => {
    const { handoffId } = await openLead('Früh');
    expectProblem(await t.unchanged(() => accept(mia, handoffId)), 403, 'forbidden');
    expect(await me(mia)).toMatchObject({ hostDepartment: null, rotation: null });
  });

  it('no report before the rotation has begun', async () => {
    expectProblem(await t.unchanged(() => report(mia, r1.id, { report: 'Zu früh' })), 409, 'rotation_not_started');
  });

  it('lists by person, status and a calendar window; an unknown id is 404', async () => {
    const list = async (query: string) => {
      const res = await t.get<Page<Rotation>>(`/api/rotations?${query}`, salesViewer);
      expect(res.status, res.text).toBe(200);
      return res.body.items.map((r) => r.id);
    };
    expect(await list('')).toEqual([r3.id, r1.id, r2.id]);
    expect(await list(`userId=${mia.user.id}`)).toEqual([r1.id]);
    expect(await list('status=active')).toEqual([r3.id]);
    expect(await list('status=planned')).toEqual([r1.id, r2.id]);
    expect(await list('from=2027-03-20&to=2027-03-31')).toEqual([r2.id]);
    expect(await list('hostDepartment=sales&limit=1')).toEqual([r3.id]);
    expectProblem(await t.get(`/api/rotations/${MISSING_ID}`, mia), 404, 'rotation_not_found');
  });
});

describe('host rights while the rotation runs (Monday 8 March, 09:00 in Berlin)', () => {
  let lead2: { contact: { id: string }; handoffId: string };
  let lead3: { contact: { id: string }; handoffId: string };

  beforeAll(async () => {
    t.clock.travelTo('2027-03-08T08:00:00Z');
  });

  it('me carries the rotation, so the web app shows sales actions', async () => {
    expect(await me(mia)).toMatchObject({
      department: 'marketing',
      hostDepartment: 'sales',
      rotation: { id: r1.id, hostDepartment: 'sales', startsOn: '2027-03-08', endsOn: '2027-03-19' },
    });
    expect((await get(r1.id)).status).toBe('active');
  });

  it('Mia accepts a lead; the audit and the contact’s timeline say it was in her rotation', async () => {
    const lead = await openLead('Anna');
    lead2 = await openLead('Bert');
    lead3 = await openLead('Carla');
    const res = await accept(mia, lead.handoffId);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted' });
    const audits = await auditsOf('handoff', lead.handoffId);
    expect(audits.map((a) => [a.action, a.actor_id, dataOf(a).rotationId])).toEqual([['accepted', mia.user.id, r1.id]]);
    const timeline = await timelineOf(t, sam, lead.contact.id);
    const handoffEntry = timeline.find((e: TimelineEntry) => e.kind === 'handoff' && e.action === 'accepted');
    expect(handoffEntry?.data).toMatchObject({ rotationId: r1.id });
    const lifecycle = timeline.find((e) => e.kind === 'audit' && e.changes?.some((c) => c.field === 'lifecycleStage'));
    expect(lifecycle?.data).toEqual({ rotationId: r1.id });
    t.clock.advance(1000);
    const note = await t.request('POST', `/api/contacts/${lead.contact.id}/notes`, {
      cookie: mia.cookie,
      body: { body: 'Erstgespräch mit Sam vorbereitet' },
    });
    expect(note.status).toBe(201);
  });

  it('a sales member’s own answer carries no rotation marker', async () => {
    const lead = await openLead('Dora');
    expect((await accept(sam, lead.handoffId)).status).toBe(200);
    expect((await auditsOf('handoff', lead.handoffId)).map((a) => dataOf(a).rotationId)).toEqual([undefined]);
  });

  it('her own marketing rights stay, and using them is not marked as the rotation', async () => {
    await setScoring(t, mia);
    const rows = await t.ctx.db
      .selectFrom('timeline_entries')
      .select(['data'])
      .where('kind', '=', 'audit')
      .where('actor_id', '=', mia.user.id)
      .where('entity_type', '=', 'setting')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(dataOf(row).rotationId).toBeUndefined();
  });

  it('check-ins are written by the person and the mentor only', async () => {
    const first = await checkin(mia, r1.id, { date: '2027-03-08', note: 'Erster Tag im Vertrieb' });
    expect(first.status, first.text).toBe(201);
    const second = await checkin(sam, r1.id, { date: '2027-03-08', note: 'Gute Fragen gestellt' });
    expect(second.status).toBe(201);
    expect(second.body.checkins.map((c) => [c.date, c.note, c.author?.id])).toEqual([
      ['2027-03-08', 'Erster Tag im Vertrieb', mia.user.id],
      ['2027-03-08', 'Gute Fragen gestellt', sam.user.id],
    ]);
    for (const other of [admin, bernd, salesViewer]) {
      expectProblem(
        await t.unchanged(() => checkin(other, r1.id, { date: '2027-03-09', note: 'Hallo' })),
        403,
        'forbidden',
      );
    }
    const outside = await t.unchanged(() => checkin(mia, r1.id, { date: '2027-03-20', note: 'Danach' }));
    expect(expectProblem(outside, 422, 'rotation_invalid').errors?.map((e) => e.path)).toEqual(['date']);
    expectInvalid(await t.unchanged(() => checkin(mia, r1.id, { date: '2027-03-09', note: ' ' })), 'note');
  });

  it('on the last day, 23:30 in Berlin, she may still log a first contact', async () => {
    t.clock.travelTo('2027-03-19T22:30:00Z');
    const res = await t.request('POST', `/api/handoffs/${lead2.handoffId}/first-touch`, { cookie: mia.cookie });
    expect(res.status, res.text).toBe(200);
    const audits = await auditsOf('handoff', lead2.handoffId);
    expect(audits.map((a) => [a.action, dataOf(a).rotationId])).toEqual([['first_touch', r1.id]]);
  });

  it('half an hour later, Saturday in Berlin, the rights have ended: 403 and nothing changes', async () => {
    t.clock.travelTo('2027-03-19T23:30:00Z');
    expectProblem(await t.unchanged(() => accept(mia, lead3.handoffId)), 403, 'forbidden');
    expect(await me(mia)).toMatchObject({ hostDepartment: null, rotation: null });
    expect((await get(r1.id)).status).toBe('completed');
    // her marketing rights are untouched
    await setScoring(t, mia);
    // logged after the period: not on the rotation's record
    const note = await t.request('POST', `/api/contacts/${lead3.contact.id}/notes`, {
      cookie: mia.cookie,
      body: { body: 'Nachgefasst' },
    });
    expect(note.status).toBe(201);
  });

  it('the rotation lists the interactions she logged in the period only, marking the host-rights ones', async () => {
    const res = await t.get<Page<RotationActivityEntry>>(`/api/rotations/${r1.id}/activity`, salesViewer);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((e) => [e.kind, e.action, e.entityName, e.hostRights])).toEqual([
      ['handoff', 'first_touch', 'Bert Kunde', true],
      ['note', null, 'Anna Kunde', false],
      ['handoff', 'accepted', 'Anna Kunde', true],
    ]);
    const paged = await t.get<Page<RotationActivityEntry>>(`/api/rotations/${r1.id}/activity?limit=2`, mia);
    expect(paged.body.items).toHaveLength(2);
    const rest = await t.get<Page<RotationActivityEntry>>(
      `/api/rotations/${r1.id}/activity?limit=2&cursor=${paged.body.nextCursor}`,
      mia,
    );
    expect(rest.body.items.map((e) => e.action)).toEqual(['accepted']);
    expect(rest.body.nextCursor).toBeNull();
  });
});

describe('reports, ratings and checkboxes after the rotation', () => {
  it('the person writes the closing report, the mentor rates: each part only by its author', async () => {
    const written = await report(mia, r1.id, { report: 'Ich verstehe jetzt, wie ein Erstgespräch läuft.' });
    expect(written.status, written.text).toBe(200);
    expect(written.body).toMatchObject({ report: 'Ich verstehe jetzt, wie ein Erstgespräch läuft.', rating: null });
    expectProblem(await t.unchanged(() => report(mia, r1.id, { rating: 5 })), 403, 'forbidden');
    expectProblem(await t.unchanged(() => report(sam, r1.id, { report: 'Für Mia geschrieben' })), 403, 'forbidden');
    expectProblem(await t.unchanged(() => report(admin, r1.id, { report: 'Vom Admin' })), 403, 'forbidden');
    expectProblem(await t.unchanged(() => report(admin, r1.id, { rating: 1 })), 403, 'forbidden');
    expectProblem(await t.unchanged(() => report(bernd, r1.id, { rating: 1 })), 403, 'forbidden');
    expectInvalid(await t.unchanged(() => report(sam, r1.id, { rating: 6 })), 'rating');
    expectInvalid(await t.unchanged(() => report(sam, r1.id, { comment: 'ohne Note' })), 'rating');
    const rated = await report(sam, r1.id, { rating: 4, comment: 'Sehr engagiert' });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({
      report: 'Ich verstehe jetzt, wie ein Erstgespräch läuft.',
      rating: 4,
      ratingComment: 'Sehr engagiert',
      version: 3,
    });
    expect((await auditsOf('rotation', r1.id)).map((a) => [a.action, a.actor_id])).toEqual([
      ['created', mia.user.id],
      ['checkin_added', mia.user.id],
      ['checkin_added', sam.user.id],
      ['reported', mia.user.id],
      ['rated', sam.user.id],
    ]);
  });

  it('the mentor ticks a learning goal and an activity; a stale version and outsiders change nothing', async () => {
    const current = await get(r1.id);
    const [g1, g2] = current.goals;
    const body = {
      goals: [
        { id: g1?.id, text: g1?.text, met: true },
        { id: g2?.id, text: g2?.text },
      ],
      activities: [{ id: current.activities[0]?.id, text: '5 Kundentermine begleiten', done: true }],
    };
    expectProblem(await t.unchanged(() => patch(bernd, r1.id, current.version, body)), 403, 'forbidden');
    expectProblem(await t.unchanged(() => patch(salesViewer, r1.id, current.version, body)), 403, 'forbidden');
    expectProblem(await t.unchanged(() => patch(sam, r1.id, current.version - 1, body)), 412, 'version_conflict');
    const foreign = { goals: [{ id: MISSING_ID, text: 'Fremd' }] };
    const refused = expectProblem(
      await t.unchanged(() => patch(sam, r1.id, current.version, foreign)),
      422,
      'rotation_invalid',
    );
    expect(refused.errors?.map((e) => e.path)).toEqual(['goals.0.id']);
    const res = await patch(sam, r1.id, current.version, body);
    expect(res.status, res.text).toBe(200);
    expect(res.body.goals.map((g) => [g.id, g.met])).toEqual([
      [g1?.id, true],
      [g2?.id, false],
    ]);
    expect(res.body.activities.map((a) => a.done)).toEqual([true]);
    expect(res.body.version).toBe(current.version + 1);
    const audit = (await auditsOf('rotation', r1.id)).at(-1);
    expect(audit?.action).toBe('updated');
    expect((dataOf(audit).changes as { field: string }[]).map((c) => c.field)).toEqual(['goals', 'activities']);
  });

  it('Lena’s rotation is rated 5, with one goal met; an admin edits any rotation', async () => {
    expect((await report(sam, r3.id, { rating: 5 })).status).toBe(200);
    const res = await patch(admin, r3.id, (await get(r3.id)).version, {
      goals: [{ id: r3.goals[0]?.id, text: 'Ein Angebot schreiben', met: true }],
    });
    expect(res.status, res.text).toBe(200);
  });
});

describe('a cancelled rotation ends the rights at once (Monday 5 April)', () => {
  let lead: { handoffId: string };
  let token: string;

  it('Mia’s April rotation runs: she accepts a lead', async () => {
    r4 = await created(mia, plan(mia, bernd, '2027-04-01', '2027-04-30'));
    t.clock.travelTo('2027-04-05T08:00:00Z');
    const first = await openLead('Emil');
    lead = await openLead('Frieda');
    expect((await accept(mia, first.handoffId)).status).toBe(200);
    expect((await auditsOf('handoff', first.handoffId)).map((a) => dataOf(a).rotationId)).toEqual([r4.id]);
  });

  it('with her API token she has the host rights too, and the audit names the rotation', async () => {
    const created = await t.request<{ token: string }>('POST', '/api/tokens', {
      cookie: mia.cookie,
      body: { name: 'Rotation' },
    });
    expect(created.status, created.text).toBe(201);
    token = created.body.token;
    const viaToken = await openLead('Token');
    const res = await t.request('POST', `/api/handoffs/${viaToken.handoffId}/accept`, { token });
    expect(res.status, res.text).toBe(200);
    const audits = await auditsOf('handoff', viaToken.handoffId);
    expect(audits.map((a) => [a.action, a.actor_id, dataOf(a).rotationId])).toEqual([['accepted', mia.user.id, r4.id]]);
  });

  it('once cancelled, the next accept is refused and changes nothing; the rotation takes no more check-ins', async () => {
    const current = await get(r4.id);
    const cancelled = await patch(mia, r4.id, current.version, { status: 'cancelled' });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.cancelledAt?.slice(0, 16)).toBe('2027-04-05T08:00');
    expectProblem(await t.unchanged(() => accept(mia, lead.handoffId)), 403, 'forbidden');
    expect(await me(mia)).toMatchObject({ hostDepartment: null, rotation: null });
    expectProblem(
      await t.unchanged(() => checkin(mia, r4.id, { date: '2027-04-05', note: 'Abgebrochen' })),
      409,
      'rotation_cancelled',
    );
    expectProblem(
      await t.unchanged(() => patch(mia, r4.id, cancelled.body.version, { endsOn: '2027-04-20' })),
      409,
      'rotation_cancelled',
    );
  });

  it('her API token loses the host rights with the cancellation too: refused, nothing changes', async () => {
    const other = await openLead('Nach Abbruch');
    expectProblem(
      await t.unchanged(() => t.request('POST', `/api/handoffs/${other.handoffId}/accept`, { token })),
      403,
      'forbidden',
    );
  });

  it('Bernd’s rotation to marketing: two of three goals met, rated 3 by Max', async () => {
    // a month has passed: their sessions ran out
    bernd = { ...bernd, cookie: await t.login(bernd.email) };
    max = { ...max, cookie: await t.login(max.email) };
    const current = await get(r2.id);
    const res = await patch(bernd, r2.id, current.version, {
      goals: current.goals.map((g, i) => ({ id: g.id, text: g.text, met: i < 2 })),
    });
    expect(res.status, res.text).toBe(200);
    expect((await report(max, r2.id, { rating: 3 })).status).toBe(200);
  });
});

describe('the quarterly report', () => {
  const quarter = async (q: string) => {
    const res = await t.get<RotationQuarterReport>(`/api/rotations/report?quarter=${q}`, salesViewer);
    expect(res.status, res.text).toBe(200);
    return res.body;
  };

  it('Q1: rotations per host department, days inside the quarter, goals met, mean ratings', async () => {
    // sales hosts Mia (8–19 Mar: 12 days, 1 of 2 goals, rated 4) and Lena (15 Feb – 5 Mar: 14 + 5 = 19
    // days, 1 of 1, rated 5); marketing hosts Bernd (22–31 Mar of 22 Mar – 9 Apr: 10 days, 2 of 3, rated 3).
    // Mia's cancelled April rotation counts nowhere.
    expect(await quarter('2027-Q1')).toEqual({
      quarter: '2027-Q1',
      from: '2027-01-01',
      to: '2027-03-31',
      departments: [
        {
          department: 'marketing',
          rotations: 1,
          people: 1,
          days: 10,
          goalsMet: 2,
          goalsTotal: 3,
          meanRating: 3,
          ratings: 1,
        },
        {
          department: 'sales',
          rotations: 2,
          people: 2,
          days: 31,
          goalsMet: 2,
          goalsTotal: 3,
          meanRating: 4.5,
          ratings: 2,
        },
      ],
      total: {
        department: null,
        rotations: 3,
        people: 3,
        days: 41,
        goalsMet: 4,
        goalsTotal: 6,
        meanRating: 4,
        ratings: 3,
      },
    });
  });

  it('Q2: Bernd’s 1–9 April only', async () => {
    const q2 = await quarter('2027-Q2');
    expect(q2.departments).toEqual([
      {
        department: 'marketing',
        rotations: 1,
        people: 1,
        days: 9,
        goalsMet: 2,
        goalsTotal: 3,
        meanRating: 3,
        ratings: 1,
      },
      {
        department: 'sales',
        rotations: 0,
        people: 0,
        days: 0,
        goalsMet: 0,
        goalsTotal: 0,
        meanRating: null,
        ratings: 0,
      },
    ]);
    expect(q2.to).toBe('2027-06-30');
  });

  it('a malformed quarter is 400', async () => {
    expectInvalid(await t.get('/api/rotations/report?quarter=2027-Q5', mia), 'query.quarter');
  });
});
