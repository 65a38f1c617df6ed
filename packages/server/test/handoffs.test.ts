import type { Contact, Handoff, Page, Team } from '@nenner/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';
import { contactByEmail, createForm, postForm, postJson, rowsOf, setScoring, timelineOf } from './lead-helpers.js';

/*
 * The whole lead flow through HTTP: a form post with UTM → contact and touchpoint → score crosses the
 * threshold → MQL → a routed handoff with a business-time SLA → sales rejects with a reason → marketing
 * sees it and recycles it; another lead is accepted and converted. Plus who may do what, and the
 * transitions that are refused without changing anything.
 */

let t: TestApp;
let admin: Session;
let marketer: Session;
let anna: Session; // sales, team DACH
let bernd: Session; // sales, team DACH
let salesManager: Session;
let salesViewer: Session;
let team: Team;

const FIELDS = [
  { key: 'email', required: true },
  { key: 'firstName' },
  { key: 'lastName' },
  { key: 'company' },
  { key: 'jobTitle' },
  { key: 'country' },
  { key: 'postcode' },
];

beforeAll(async () => {
  t = await startTestApp({ NENNER_FORM_POSTS_PER_MINUTE: '10000' });
  admin = await t.session('management', 'admin', 'Ada Admin');
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  anna = await t.session('sales', 'member', 'Anna Vertrieb');
  bernd = await t.session('sales', 'member', 'Bernd Vertrieb');
  salesManager = await t.session('sales', 'admin', 'Sven Salesleitung');
  salesViewer = await t.session('sales', 'viewer', 'Vera Viewer');
  await setScoring(t, marketer);
  const created = await t.request<Team>('POST', '/api/teams', {
    cookie: salesManager.cookie,
    body: { name: 'DACH Süd', memberIds: [bernd.user.id, anna.user.id] },
  });
  expect(created.status).toBe(201);
  team = created.body;
  const routing = await t.request('PUT', '/api/settings/routing', {
    cookie: salesManager.cookie,
    body: { rules: [{ id: 'at', name: 'Österreich', countries: ['AT'], teamId: team.id }] },
  });
  expect(routing.status, routing.text).toBe(200);
  await createForm(t, marketer, { name: 'Demo anfragen', slug: 'demo', fields: FIELDS });
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const handoffsOf = async (contactId: string) =>
  (await rowsOf(t, 'handoffs')).filter((h) => h.contact_id === contactId) as { id: string; status: string }[];

const getHandoff = async (id: string, as: Session = salesManager) => {
  const res = await t.get<Handoff>(`/api/handoffs/${id}`, as);
  expect(res.status).toBe(200);
  return res.body;
};

const list = async (query: string, as: Session) => {
  const res = await t.get<Page<Handoff>>(`/api/handoffs?${query}`, as);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
};

const act = <T = Handoff>(as: Session, id: string, action: string, body?: unknown) =>
  t.request<T>('POST', `/api/handoffs/${id}/${action}`, { cookie: as.cookie, ...(body !== undefined && { body }) });

/** Posts a lead that crosses the threshold; returns its contact and handoff. */
const qualifiedLead = async (email: string, extra: Record<string, string> = {}) => {
  const res = await postForm(t, 'demo', {
    email,
    firstName: 'Lea',
    lastName: 'Lead',
    jobTitle: 'Vertriebsleiterin',
    ...extra,
  });
  expect(res.status).toBe(200);
  const contact = await contactByEmail(t, marketer, email);
  if (!contact) throw new Error('no contact');
  const [handoff] = await handoffsOf(contact.id);
  if (!handoff) throw new Error('no handoff');
  return { contact, handoff: await getHandoff(handoff.id) };
};

describe('form post → score → MQL → routed handoff', () => {
  it('below the threshold the lead stays a lead and no handoff opens', async () => {
    await postForm(t, 'demo', {
      email: 'cold@kalt-gmbh.de',
      firstName: 'Kai',
      jobTitle: 'Assistent',
      utm_source: 'google',
    });
    const contact = await contactByEmail(t, marketer, 'cold@kalt-gmbh.de');
    expect(contact).toMatchObject({ lifecycleStage: 'lead', score: 20, firstUtmSource: 'google' });
    expect(await handoffsOf(contact?.id ?? '')).toEqual([]);
    const score = await t.get<{ score: number; threshold: number; lines: unknown[] }>(
      `/api/contacts/${contact?.id}/score`,
      anna,
    );
    expect(score.body).toMatchObject({ score: 20, threshold: 30 });
    expect(score.body.lines).toHaveLength(1);
  });

  it('crossing the threshold: the contact becomes mql and a territory rule routes it to the team round-robin', async () => {
    const first = await qualifiedLead('lea@alpen-ag.at', {
      company: 'Alpen AG',
      country: 'AT',
      utm_source: 'linkedin',
      utm_campaign: 'q4',
    });
    expect(first.contact).toMatchObject({ lifecycleStage: 'mql', score: 40 });
    expect(first.handoff).toMatchObject({
      status: 'open',
      breached: false,
      qualifiedReason: 'score',
      qualifiedBy: null,
      routingRule: 'territory:Österreich',
      teamId: team.id,
      assigneeId: anna.user.id, // first in the team's order (by name)
      utmCampaign: 'q4',
      source: 'website',
      contact: { id: first.contact.id, email: 'lea@alpen-ag.at', accountName: 'Alpen AG', score: 40 },
    });
    const second = await qualifiedLead('luis@berg-gmbh.at', { company: 'Berg GmbH', country: 'AT' });
    expect(second.handoff).toMatchObject({ routingRule: 'territory:Österreich', assigneeId: bernd.user.id });
    const third = await qualifiedLead('lara@tal-kg.at', { company: 'Tal KG', country: 'AT' });
    expect(third.handoff.assigneeId).toBe(anna.user.id);

    // the handoff shows on the contact's timeline; the assignee is told in the app
    const entries = await timelineOf(t, anna, first.contact.id, 'handoff');
    expect(entries.map((e) => e.action)).toEqual(['opened']);
    expect(entries[0]?.data).toMatchObject({ handoffId: first.handoff.id, routingRule: 'territory:Österreich' });
    const notes = await t.get<{ items: { kind: string; entityId: string }[] }>('/api/notifications', anna);
    expect(notes.body.items).toContainEqual(
      expect.objectContaining({ kind: 'handoff_assigned', entityId: first.handoff.id }),
    );
  });

  it("the account's owner comes first, before any territory rule", async () => {
    await t.createAccount(salesManager, {
      name: 'Eigentum AG',
      domain: 'eigentum.at',
      ownerId: bernd.user.id,
      country: 'AT',
    });
    const { handoff } = await qualifiedLead('olga@eigentum.at', { company: 'Eigentum', country: 'AT' });
    expect(handoff).toMatchObject({ routingRule: 'account_owner', assigneeId: bernd.user.id, teamId: null });
  });

  it('no rule matches: the fallback queue, no assignee, the sales managers are told', async () => {
    const { handoff } = await qualifiedLead('frei@gmail.com');
    expect(handoff).toMatchObject({ routingRule: 'fallback', assigneeId: null, assignee: null, teamId: null });
    expect((await list('assignee=none', salesManager)).map((h) => h.id)).toContain(handoff.id);
    const notes = await t.get<{ items: { kind: string; entityId: string }[] }>('/api/notifications', salesManager);
    expect(notes.body.items).toContainEqual(
      expect.objectContaining({ kind: 'handoff_unassigned', entityId: handoff.id }),
    );
  });

  it('the SLA due time is counted in business hours: Friday 15:00 + 4 h → Monday 11:00 (Europe/Berlin)', async () => {
    vi.setSystemTime(new Date('2026-12-04T14:00:00.000Z')); // Fri 15:00 CET
    const { handoff } = await qualifiedLead('freitag@gmail.com');
    vi.useRealTimers();
    expect(Date.parse(handoff.qualifiedAt)).toBe(Date.parse('2026-12-04T14:00:00.000Z'));
    // 2 h on Friday until 17:00, the weekend does not count, 2 h on Monday from 09:00
    expect(Date.parse(handoff.slaDueAt)).toBe(Date.parse('2026-12-07T10:00:00.000Z'));
  });

  it('a submission outside business hours starts the clock at the next opening, skipping a holiday', async () => {
    vi.setSystemTime(new Date('2026-12-24T20:00:00.000Z')); // Thu 21:00 CET; 25 and 26 Dec are holidays
    const { handoff } = await qualifiedLead('weihnacht@gmail.com');
    vi.useRealTimers();
    // Fri 25 (holiday), Sat 26 (holiday), Sun 27 → Mon 28 09:00 + 4 h = 13:00 CET
    expect(Date.parse(handoff.slaDueAt)).toBe(Date.parse('2026-12-28T12:00:00.000Z'));
  });

  it('marking a contact MQL by hand (as marketing) opens a manual handoff', async () => {
    const contact = await t.createContact(marketer, { emails: ['hand@firma-hand.de'], lifecycleStage: 'lead' });
    const res = await t.request<Contact>('PATCH', `/api/contacts/${contact.id}`, {
      cookie: marketer.cookie,
      ifMatch: contact.version,
      body: { lifecycleStage: 'mql' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.lifecycleStage).toBe('mql');
    const [row] = await handoffsOf(contact.id);
    const handoff = await getHandoff(row?.id ?? '');
    expect(handoff).toMatchObject({
      status: 'open',
      qualifiedReason: 'manual',
      qualifiedBy: { id: marketer.user.id, department: 'marketing' },
      routingRule: 'fallback',
    });
    expect(Date.parse(handoff.slaDueAt)).toBeGreaterThan(Date.parse(handoff.qualifiedAt));
  });
});

describe('reject → marketing queue → recycle; accept → convert', () => {
  it('sales rejects with a reason: rejected, contact back to lead, visible to marketing, then recycled', async () => {
    const { contact, handoff } = await qualifiedLead('nobudget@gmail.com');
    const res = await act(salesManager, handoff.id, 'reject', { reason: 'no_budget', comment: 'Budget erst 2028' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      status: 'rejected',
      rejectReason: 'no_budget',
      rejectComment: 'Budget erst 2028',
      version: handoff.version + 1,
    });
    expect(res.body.rejectedAt).toBeTruthy();
    expect(res.body.respondedAt).toBe(res.body.rejectedAt);
    expect((await t.get<Contact>(`/api/contacts/${contact.id}`, marketer)).body.lifecycleStage).toBe('lead');

    const queue = await list('status=rejected', marketer);
    expect(queue.map((h) => h.id)).toContain(handoff.id);
    expect(queue.find((h) => h.id === handoff.id)).toMatchObject({ rejectReason: 'no_budget' });

    // a new touch while it waits in marketing's queue does not hand it over again
    await postJson(t, 'demo', { email: 'nobudget@gmail.com' });
    expect(await handoffsOf(contact.id)).toHaveLength(1);

    // sales cannot recycle; marketing can
    await t.unchanged(async () => {
      expectProblem(await act(anna, handoff.id, 'recycle', { note: 'x' }), 403, 'forbidden');
    });
    const recycled = await act(marketer, handoff.id, 'recycle', { note: 'Zurück in den Nurture-Track' });
    expect(recycled.status, recycled.text).toBe(200);
    expect(recycled.body).toMatchObject({ status: 'recycled', recycleNote: 'Zurück in den Nurture-Track' });
    expect((await list('status=recycled', marketer)).map((h) => h.id)).toContain(handoff.id);
    const actions = (await timelineOf(t, marketer, contact.id, 'handoff')).map((e) => e.action);
    expect(actions).toEqual(['recycled', 'rejected', 'opened']);
  });

  it('accept → contact sal; first touch; convert → sql', async () => {
    const { contact, handoff } = await qualifiedLead('kaufen@gmail.com');
    const accepted = await act(anna, handoff.id, 'accept');
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted' });
    expect(accepted.body.acceptedAt).toBeTruthy();
    expect(accepted.body.respondedAt).toBe(accepted.body.acceptedAt);
    expect((await t.get<Contact>(`/api/contacts/${contact.id}`, anna)).body.lifecycleStage).toBe('sal');

    const touched = await act(anna, handoff.id, 'first-touch');
    expect(touched.status).toBe(200);
    expect(touched.body.firstTouchAt).toBeTruthy();
    expect(touched.body.respondedAt).toBe(accepted.body.respondedAt); // the first answer stopped the clock

    const converted = await act(anna, handoff.id, 'convert'); // no body: sql
    expect(converted.status, converted.text).toBe(200);
    expect(converted.body).toMatchObject({ status: 'converted', convertedStage: 'sql' });
    expect((await t.get<Contact>(`/api/contacts/${contact.id}`, anna)).body.lifecycleStage).toBe('sql');
    expect((await list('status=converted', marketer)).map((h) => h.id)).toContain(handoff.id);
  });

  it('a sales manager reassigns; the new assignee sees it under assignee=me', async () => {
    const { handoff } = await qualifiedLead('umhaengen@gmail.com');
    expect(handoff.assigneeId).toBeNull();
    const res = await act(salesManager, handoff.id, 'reassign', { userId: bernd.user.id });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ assigneeId: bernd.user.id, slaDueAt: handoff.slaDueAt, status: 'open' });
    expect((await list('assignee=me', bernd)).map((h) => h.id)).toContain(handoff.id);
    expect((await list('assignee=me', anna)).map((h) => h.id)).not.toContain(handoff.id);
    expect((await list(`assignee=${bernd.user.id}&status=open`, salesManager)).map((h) => h.id)).toContain(handoff.id);
  });
});

describe('listing', () => {
  it('pages through every handoff once, newest qualification first', async () => {
    const all = await list('limit=100', salesManager);
    expect(all.length).toBeGreaterThan(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: Page<Handoff> } = await t.get<Page<Handoff>>(
        `/api/handoffs?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        salesManager,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((h) => h.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((h) => h.id));
    const times = all.map((h) => Date.parse(h.qualifiedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by qualifiedBy=me (what happened to my leads) and by contact', async () => {
    const mine = await list('qualifiedBy=me', marketer);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((h) => h.qualifiedBy?.id === marketer.user.id)).toBe(true);
    const one = mine[0];
    expect((await list(`contactId=${one?.contact.id}`, anna)).map((h) => h.id)).toContain(one?.id);
  });
});

describe('refusals change nothing', () => {
  let handoff: Handoff;
  beforeAll(async () => {
    handoff = (await qualifiedLead('refusals@gmail.com')).handoff;
  });

  it.each([
    ['a marketing member', () => marketer],
    ['a sales viewer', () => salesViewer],
  ])('%s cannot accept, reject, convert, reassign or log a first touch (403)', async (_, who) => {
    await t.unchanged(async () => {
      expectProblem(await act(who(), handoff.id, 'accept'), 403, 'forbidden');
      expectProblem(await act(who(), handoff.id, 'reject', { reason: 'no_budget' }), 403, 'forbidden');
      expectProblem(await act(who(), handoff.id, 'convert', { stage: 'sql' }), 403, 'forbidden');
      expectProblem(await act(who(), handoff.id, 'reassign', { userId: anna.user.id }), 403, 'forbidden');
      expectProblem(await act(who(), handoff.id, 'first-touch'), 403, 'forbidden');
    });
  });

  it('an unknown reason → 400 naming reason; an unknown user → 400 naming userId; unknown handoff → 404', async () => {
    await t.unchanged(async () => {
      expectInvalid(await act(anna, handoff.id, 'reject', { reason: 'zu_teuer' }), 'reason');
      expectInvalid(await act(anna, handoff.id, 'reject', { reason: 'No Budget!' }), 'reason');
      expectInvalid(await act(anna, handoff.id, 'reject', {}), 'reason');
      expectInvalid(await act(anna, handoff.id, 'reassign', { userId: MISSING_ID }), 'userId');
      // only someone who can answer the lead can take it
      expectInvalid(await act(anna, handoff.id, 'reassign', { userId: marketer.user.id }), 'userId');
      expectInvalid(await act(anna, handoff.id, 'reassign', { userId: salesViewer.user.id }), 'userId');
      expectInvalid(await act(anna, handoff.id, 'convert', { stage: 'customer' }), 'stage');
      expectProblem(await act(anna, MISSING_ID, 'accept'), 404, 'handoff_not_found');
      expectProblem(await t.get(`/api/handoffs/${MISSING_ID}`, anna), 404, 'handoff_not_found');
      expectInvalid(await t.get('/api/handoffs?status=lost', anna), 'query.status');
    });
  });

  it('invalid transitions → 409 invalid_transition: accept a rejected lead, recycle an open one, convert twice', async () => {
    await t.unchanged(async () => {
      expectProblem(await act(marketer, handoff.id, 'recycle', { note: '' }), 409, 'invalid_transition');
    });
    expect((await act(anna, handoff.id, 'reject', { reason: 'duplicate' })).status).toBe(200);
    await t.unchanged(async () => {
      expectProblem(await act(anna, handoff.id, 'accept'), 409, 'invalid_transition');
      expectProblem(await act(anna, handoff.id, 'reject', { reason: 'duplicate' }), 409, 'invalid_transition');
      expectProblem(await act(anna, handoff.id, 'convert'), 409, 'invalid_transition');
      expectProblem(await act(anna, handoff.id, 'first-touch'), 409, 'invalid_transition');
    });
    const other = (await qualifiedLead('zweimal@gmail.com')).handoff;
    expect((await act(anna, other.id, 'convert', { stage: 'opportunity' })).status).toBe(200);
    await t.unchanged(async () => {
      expectProblem(await act(anna, other.id, 'convert'), 409, 'invalid_transition');
      expectProblem(await act(anna, other.id, 'accept'), 409, 'invalid_transition');
    });
  });

  it('an admin from management may act on a handoff like sales', async () => {
    const { handoff: h } = await qualifiedLead('admin-accept@gmail.com');
    expect((await act(admin, h.id, 'accept')).body).toMatchObject({ status: 'accepted' });
  });

  it('without a login: 401', async () => {
    await t.unchanged(async () => {
      expectProblem(await t.request('POST', `/api/handoffs/${handoff.id}/accept`), 401, 'unauthenticated');
      expectProblem(await t.get('/api/handoffs'), 401, 'unauthenticated');
    });
  });
});

describe('breaches', () => {
  it('status=breached lists open handoffs past their due time; the sweep flags them once', async () => {
    const { handoff } = await qualifiedLead('spaet@gmail.com');
    const { runBackgroundOnce } = await import('../src/worker.js');
    vi.setSystemTime(new Date(Date.parse(handoff.slaDueAt) + 60_000));
    await runBackgroundOnce(t.ctx);
    const flagged = (await rowsOf(t, 'handoffs')).find((h) => h.id === handoff.id);
    expect(flagged?.breached_at).toBeTruthy();
    const before = await t.snapshot();
    await runBackgroundOnce(t.ctx); // idempotent: nothing new to flag, no second notification
    const after = await t.snapshot();
    expect(after.notifications).toEqual(before.notifications);
    expect(after.handoffs).toEqual(before.handoffs);
    const got = await getHandoff(handoff.id);
    expect(got.breached).toBe(true);
    expect((await list('status=breached', salesManager)).map((h) => h.id)).toContain(handoff.id);
    vi.useRealTimers();
    const notes = await t.get<{ items: { kind: string; entityId: string }[] }>('/api/notifications', salesManager);
    expect(notes.body.items).toContainEqual(
      expect.objectContaining({ kind: 'handoff_breached', entityId: handoff.id }),
    );
  });
});
