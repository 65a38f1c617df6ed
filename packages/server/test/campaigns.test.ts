import type {
  AddCampaignMembersResult,
  Campaign,
  CampaignCost,
  CampaignMember,
  CampaignResults,
  Contact,
  Deal,
  Handoff,
  Page,
  TimelineEntry,
} from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';
import { contactByEmail, createForm, postJson, rowsOf, setScoring, timelineOf } from './lead-helpers.js';

/*
 * Campaigns (Aktionen): CRUD with UTM keys and permissions, cost lines, members (by id, filter and CSV)
 * whose responses become touchpoints, and the campaign page's results for a hand-built dataset.
 */

let t: TestApp;
let marketer: Session;
let colleague: Session;
let seller: Session;
let admin: Session;
let viewer: Session;

beforeAll(async () => {
  t = await startTestApp({ NENNER_FORM_POSTS_PER_MINUTE: '10000' });
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  colleague = await t.session('marketing', 'member', 'Kim Kollegin');
  seller = await t.session('sales', 'member', 'Sam Sales');
  admin = await t.session('management', 'admin', 'Ada Admin');
  viewer = await t.session('marketing', 'viewer', 'Vera Viewer');
});
afterAll(async () => {
  await t?.close();
});

const create = (as: Session, body: Record<string, unknown>) =>
  t.request<Campaign>('POST', '/api/campaigns', { cookie: as.cookie, body });
const created = async (as: Session, body: Record<string, unknown>): Promise<Campaign> => {
  const res = await create(as, body);
  if (res.status !== 201) throw new Error(`create campaign → ${res.status} ${res.text}`);
  return res.body;
};
const patch = (as: Session, c: { id: string; version: number }, body: Record<string, unknown>) =>
  t.request<Campaign>('PATCH', `/api/campaigns/${c.id}`, { cookie: as.cookie, ifMatch: c.version, body });
const keysOf = async (campaignId: string) =>
  (await rowsOf(t, 'campaign_utm_keys'))
    .filter((r) => r.campaign_id === campaignId)
    .map((r) => r.key)
    .sort();

describe('campaigns: create, read, edit, delete', () => {
  let messe: Campaign;

  it('creates with defaults: the caller owns it, its department, EUR, planned; keys stored as entered and folded', async () => {
    const res = await create(marketer, {
      name: 'Hannover Messe 2026',
      channel: 'trade_fair',
      startDate: '2026-04-20',
      endDate: '2026-04-24',
      budget: 25_000_00,
      utmKeys: [' HM-2026 ', 'Messe.Hannover'],
    });
    expect(res.status, res.text).toBe(201);
    messe = res.body;
    expect(messe).toMatchObject({
      name: 'Hannover Messe 2026',
      channel: 'trade_fair',
      status: 'planned',
      startDate: '2026-04-20',
      endDate: '2026-04-24',
      owner: { id: marketer.user.id, name: 'Mia Marketing', department: 'marketing' },
      department: 'marketing',
      currency: 'EUR',
      budget: 2_500_000,
      actualCost: 0,
      memberCount: 0,
      utmKeys: ['HM-2026', 'Messe.Hannover'],
      expectedLeads: null,
      description: null,
      version: 1,
    });
    expect(await keysOf(messe.id)).toEqual(['hm-2026', 'messe.hannover']);
    expect((await t.get<Campaign>(`/api/campaigns/${messe.id}`, viewer)).body).toEqual(messe);
    const audit = await t.get<Page<TimelineEntry>>(`/api/campaigns/${messe.id}/timeline`, viewer);
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e) => [e.kind, e.action, e.entityName])).toEqual([
      ['audit', 'created', 'Hannover Messe 2026'],
    ]);
  });

  it("a sales member may create one; the department follows the owner's", async () => {
    const c = await created(seller, { name: 'Partnertag Süd', channel: 'partner', ownerId: marketer.user.id });
    expect(c).toMatchObject({ owner: { id: marketer.user.id }, department: 'marketing' });
    const own = await created(seller, { name: 'Kaltakquise Q3', channel: 'other', currency: 'CHF' });
    expect(own).toMatchObject({ owner: { id: seller.user.id }, department: 'sales', currency: 'CHF' });
  });

  it('invalid input → 400 with the field path, nothing written', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '', channel: 'email' }, 'name'],
      [{ name: 'X', channel: 'fax' }, 'channel'],
      [{ name: 'X', channel: 'email', startDate: '2026-05-02', endDate: '2026-05-01' }, 'endDate'],
      [{ name: 'X', channel: 'email', utmKeys: ['mit leerzeichen'] }, 'utmKeys.0'],
      [{ name: 'X', channel: 'email', budget: -1 }, 'budget'],
      [{ name: 'X', channel: 'email', currency: 'euro' }, 'currency'],
      [{ name: 'X', channel: 'email', colour: 'red' }, 'colour'],
      [{ name: 'X', channel: 'email', utmKeys: ['a', 'A'] }, 'utmKeys.1'],
      [{ name: 'X', channel: 'email', ownerId: MISSING_ID }, 'ownerId'],
      [{ name: 'X', channel: 'email', teamId: MISSING_ID }, 'teamId'],
    ];
    for (const [body, path] of cases) expectInvalid(await t.unchanged(() => create(marketer, body)), path);
  });

  it('a key of another live campaign (any case) → 409 utm_key_taken naming the field, nothing written', async () => {
    const res = await t.unchanged(() =>
      create(colleague, { name: 'Messe-Nachlese', channel: 'email', utmKeys: ['nachlese', 'hm-2026'] }),
    );
    const problem = expectProblem(res, 409, 'utm_key_taken');
    expect(problem.errors?.map((e) => e.path)).toEqual(['utmKeys.1']);
    const other = await created(colleague, { name: 'Newsletter April', channel: 'email', utmKeys: ['nl-april'] });
    const edit = await t.unchanged(() => patch(colleague, other, { utmKeys: ['nl-april', 'MESSE.HANNOVER'] }));
    expect(expectProblem(edit, 409, 'utm_key_taken').errors?.map((e) => e.path)).toEqual(['utmKeys.1']);
  });

  it('PATCH needs If-Match; a stale version → 412; an edit bumps the version, replaces the keys and is audited', async () => {
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/campaigns/${messe.id}`, { cookie: marketer.cookie, body: { status: 'active' } }),
      ),
      428,
      'precondition_required',
    );
    expectProblem(
      await t.unchanged(() => patch(marketer, { id: messe.id, version: 7 }, { status: 'active' })),
      412,
      'version_conflict',
    );
    expectInvalid(await t.unchanged(() => patch(marketer, messe, { endDate: '2026-04-01' })), 'endDate');
    // a colleague of the same department may edit
    const res = await patch(colleague, messe, { status: 'active', utmKeys: ['hm-2026'], expectedLeads: 120 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', utmKeys: ['hm-2026'], expectedLeads: 120, version: 2 });
    messe = res.body;
    expect(await keysOf(messe.id)).toEqual(['hm-2026']);
    // the dropped key is free for another campaign
    const taker = await created(colleague, {
      name: 'Messe-Rückblick',
      channel: 'content',
      utmKeys: ['messe.hannover'],
    });
    expect(await keysOf(taker.id)).toEqual(['messe.hannover']);
    const [entry] = (await t.get<Page<TimelineEntry>>(`/api/campaigns/${messe.id}/timeline?kind=audit`, marketer)).body
      .items;
    expect(entry).toMatchObject({ action: 'updated', actor: { id: colleague.user.id } });
    expect(entry?.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'planned', to: 'active' },
        { field: 'expectedLeads', from: null, to: 120 },
        { field: 'utmKeys', from: ['HM-2026', 'Messe.Hannover'], to: ['hm-2026'] },
      ]),
    );
  });

  it('viewers read only; sales outside the department may not edit; admins may; denied requests change nothing', async () => {
    expectProblem(await t.unchanged(() => create(viewer, { name: 'Nope', channel: 'email' })), 403, 'forbidden');
    expectProblem(await t.unchanged(() => patch(viewer, messe, { name: 'Nope' })), 403, 'forbidden');
    expectProblem(await t.unchanged(() => patch(seller, messe, { name: 'Nope' })), 403, 'forbidden');
    expectProblem(
      await t.unchanged(() => t.request('DELETE', `/api/campaigns/${messe.id}`, { cookie: seller.cookie })),
      403,
      'forbidden',
    );
    const res = await patch(admin, messe, { description: 'Halle 17, Stand B24' });
    expect(res.status).toBe(200);
    messe = res.body;
    // the owner may edit even after the campaign moved to another department
    const moved = await patch(admin, messe, { department: 'sales' });
    expect(moved.body.department).toBe('sales');
    const own = await patch(marketer, moved.body, { department: 'marketing' });
    expect(own.status, own.text).toBe(200);
    messe = own.body;
  });

  it('lists live campaigns by name with filters and a keyset cursor', async () => {
    const list = async (query: string) =>
      (await t.get<Page<Campaign>>(`/api/campaigns${query}`, viewer)).body.items.map((c) => c.name);
    expect(await list('')).toEqual([
      'Hannover Messe 2026',
      'Kaltakquise Q3',
      'Messe-Rückblick',
      'Newsletter April',
      'Partnertag Süd',
    ]);
    expect(await list('?q=messe')).toEqual(['Hannover Messe 2026', 'Messe-Rückblick']);
    expect(await list('?status=active')).toEqual(['Hannover Messe 2026']);
    expect(await list('?channel=email')).toEqual(['Newsletter April']);
    expect(await list(`?ownerId=${seller.user.id}`)).toEqual(['Kaltakquise Q3']);
    const first = await t.get<Page<Campaign>>('/api/campaigns?limit=2', viewer);
    expect(first.body.items.map((c) => c.name)).toEqual(['Hannover Messe 2026', 'Kaltakquise Q3']);
    const second = await t.get<Page<Campaign>>(`/api/campaigns?limit=2&cursor=${first.body.nextCursor}`, viewer);
    expect(second.body.items.map((c) => c.name)).toEqual(['Messe-Rückblick', 'Newsletter April']);
    expectInvalid(await t.get('/api/campaigns?status=paused', viewer), 'query.status');
    expectProblem(await t.get(`/api/campaigns/${MISSING_ID}`, viewer), 404, 'campaign_not_found');
  });

  it('DELETE is soft: gone from reads and lists, keys freed, the row stays; audited', async () => {
    const res = await t.request(
      'DELETE',
      `/api/campaigns/${(await created(marketer, { name: 'Weg damit', channel: 'other', utmKeys: ['weg'] })).id}`,
      {
        cookie: marketer.cookie,
      },
    );
    expect(res.status).toBe(204);
    const row = (await rowsOf(t, 'campaigns')).find((r) => r.name === 'Weg damit');
    expect(row?.deleted_at).toBeTruthy();
    expectProblem(await t.get(`/api/campaigns/${String(row?.id)}`, marketer), 404, 'campaign_not_found');
    expect(await keysOf(String(row?.id))).toEqual([]);
    expect((await created(colleague, { name: 'Neu mit weg', channel: 'other', utmKeys: ['WEG'] })).utmKeys).toEqual([
      'WEG',
    ]);
    const audit = (await rowsOf(t, 'timeline_entries')).filter((e) => e.entity_id === row?.id).map((e) => e.action);
    expect(audit.sort()).toEqual(['created', 'deleted']);
  });
});

describe('campaign costs', () => {
  let webinar: Campaign;

  it('cost lines add up to the actual cost; another currency → 409 currency_mismatch, nothing written', async () => {
    webinar = await created(marketer, { name: 'Webinarreihe KI', channel: 'webinar', budget: 2_000_00 });
    const add = (body: Record<string, unknown>, as: Session = marketer) =>
      t.request<CampaignCost>('POST', `/api/campaigns/${webinar.id}/costs`, { cookie: as.cookie, body });
    const a = await add({ description: 'Webinar-Software', amount: 600_00, incurredOn: '2026-03-01' });
    expect(a.status, a.text).toBe(201);
    expect(a.body).toMatchObject({
      description: 'Webinar-Software',
      amount: 60_000,
      currency: 'EUR',
      incurredOn: '2026-03-01',
      createdBy: { id: marketer.user.id },
    });
    const b = await add({
      description: 'LinkedIn-Anzeigen',
      amount: 400_00,
      currency: 'EUR',
      incurredOn: '2026-03-05',
    });
    expect(b.status).toBe(201);
    expect((await t.get<Campaign>(`/api/campaigns/${webinar.id}`, viewer)).body.actualCost).toBe(100_000);
    const costs = await t.get<CampaignCost[]>(`/api/campaigns/${webinar.id}/costs`, viewer);
    expect(costs.body.map((c) => c.description)).toEqual(['LinkedIn-Anzeigen', 'Webinar-Software']);

    const chf = await t.unchanged(() =>
      add({ description: 'Referent', amount: 500_00, currency: 'CHF', incurredOn: '2026-03-06' }),
    );
    expect(expectProblem(chf, 409, 'currency_mismatch').errors?.map((e) => e.path)).toEqual(['currency']);
    expectInvalid(await t.unchanged(() => add({ description: 'X', amount: 1.5, incurredOn: '2026-03-06' })), 'amount');
    expectProblem(
      await t.unchanged(() => add({ description: 'X', amount: 100, incurredOn: '2026-03-06' }, seller)),
      403,
      'forbidden',
    );
    expectProblem(
      await t.unchanged(() => add({ description: 'X', amount: 100, incurredOn: '2026-03-06' }, viewer)),
      403,
      'forbidden',
    );
    // the currency is fixed while cost lines exist
    const cur = await t.unchanged(() => patch(marketer, webinar, { currency: 'CHF' }));
    expectProblem(cur, 409, 'currency_mismatch');

    const del = await t.request('DELETE', `/api/campaigns/${webinar.id}/costs/${b.body.id}`, {
      cookie: colleague.cookie,
    });
    expect(del.status).toBe(204);
    expect((await t.get<Campaign>(`/api/campaigns/${webinar.id}`, viewer)).body.actualCost).toBe(60_000);
    expectProblem(
      await t.unchanged(() =>
        t.request('DELETE', `/api/campaigns/${webinar.id}/costs/${b.body.id}`, { cookie: colleague.cookie }),
      ),
      404,
      'cost_not_found',
    );
    const actions = (await t.get<Page<TimelineEntry>>(`/api/campaigns/${webinar.id}/timeline`, viewer)).body.items.map(
      (e) => e.action,
    );
    expect(actions).toEqual(['cost_deleted', 'cost_added', 'cost_added', 'created']);
  });
});

describe('campaign members', () => {
  let mailing: Campaign;
  let a: Contact;
  let b: Contact;
  let c: Contact;
  const members = async () =>
    (await t.get<Page<CampaignMember>>(`/api/campaigns/${mailing.id}/members`, viewer)).body.items.map((m) => [
      m.lastName,
      m.status,
      m.addedVia,
    ]);
  const add = (body: unknown, as: Session = marketer) =>
    t.request<AddCampaignMembersResult>('POST', `/api/campaigns/${mailing.id}/members`, { cookie: as.cookie, body });

  beforeAll(async () => {
    mailing = await created(marketer, { name: 'Mailing Frühjahr', channel: 'email' });
    a = await t.createContact(marketer, { lastName: 'Adler', emails: ['adler@firma-a.de'] });
    b = await t.createContact(marketer, { lastName: 'Bauer', emails: ['Bauer@Firma-B.de'], tags: ['fruehjahr'] });
    c = await t.createContact(marketer, { lastName: 'Conrad', emails: ['conrad@firma-c.de'], tags: ['fruehjahr'] });
    await t.createContact(marketer, { lastName: 'Dorn', emails: ['dorn@firma-d.de'], tags: ['fruehjahr'] });
  });

  it('by contact ids; again with a status: existing members get it, new ones join', async () => {
    const first = await add({ contactIds: [a.id, b.id] });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ added: 2, updated: 0, unmatched: [] });
    const second = await add({ contactIds: [b.id, c.id], status: 'sent' });
    expect(second.body).toEqual({ added: 1, updated: 1, unmatched: [] });
    expect(await members()).toEqual([
      ['Adler', 'targeted', 'manual'],
      ['Bauer', 'sent', 'manual'],
      ['Conrad', 'sent', 'manual'],
    ]);
    expect((await t.get<Campaign>(`/api/campaigns/${mailing.id}`, viewer)).body.memberCount).toBe(3);
  });

  it('an unknown contact id, a foreign department, a viewer → refused, nothing written', async () => {
    expectInvalid(await t.unchanged(() => add({ contactIds: [a.id, MISSING_ID] })), 'contactIds.1');
    expectProblem(await t.unchanged(() => add({ contactIds: [a.id] }, seller)), 403, 'forbidden');
    expectProblem(await t.unchanged(() => add({ contactIds: [a.id] }, viewer)), 403, 'forbidden');
    // ids and a filter at once: one of the three forms only
    expectProblem(await t.unchanged(() => add({ contactIds: [a.id], filter: { tag: 'x' } })), 400, 'validation_failed');
  });

  it('by a saved contact filter: every contact with the tag', async () => {
    const res = await add({ filter: { tag: 'fruehjahr' }, status: 'sent' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ added: 1, updated: 2, unmatched: [] });
    expect(await members()).toEqual([
      ['Adler', 'targeted', 'manual'],
      ['Bauer', 'sent', 'manual'],
      ['Conrad', 'sent', 'manual'],
      ['Dorn', 'sent', 'filter'],
    ]);
  });

  it('by CSV (";" or ",", header in any case, quotes): matches emails in any case, reports the rest with line numbers', async () => {
    const csv = [
      'Name;E-Mail-Typ;EMAIL',
      'Adler;work;ADLER@firma-a.de',
      '"Nobody; Jr.";x;nobody@firma-x.de',
      '',
      'Bauer;work;bauer@firma-b.de',
      'Leer;;',
    ].join('\r\n');
    const res = await add({ csv, status: 'opened' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      added: 0,
      updated: 2,
      unmatched: [
        { line: 3, email: 'nobody@firma-x.de' },
        { line: 6, email: '' },
      ],
    });
    const comma = await add({ csv: 'email,name\n"fresh@firma-f.de",F\n' });
    expect(comma.body).toEqual({ added: 0, updated: 0, unmatched: [{ line: 2, email: 'fresh@firma-f.de' }] });
    const f = await t.createContact(marketer, { lastName: 'Frisch', emails: ['fresh@firma-f.de'] });
    const again = await add({ csv: 'email,name\n"fresh@firma-f.de",F\n' });
    expect(again.body).toEqual({ added: 1, updated: 0, unmatched: [] });
    expect((await members()).find((m) => m[0] === 'Frisch')).toEqual(['Frisch', 'targeted', 'import']);
    expect(f.id).toBeTruthy();
    expectInvalid(await t.unchanged(() => add({ csv: 'name;firma\nA;B' })), 'csv');
  });

  it('a responded status records one touchpoint per status on the campaign and the contact timeline', async () => {
    const setStatus = (contactId: string, status: string, as: Session = marketer) =>
      t.request<CampaignMember>('PATCH', `/api/campaigns/${mailing.id}/members/${contactId}`, {
        cookie: as.cookie,
        body: { status },
      });
    const touches = async () =>
      (await rowsOf(t, 'touchpoints'))
        .filter((r) => r.contact_id === a.id)
        .map((r) => [r.type, r.campaign_id])
        .sort();
    const clicked = await setStatus(a.id, 'clicked');
    expect(clicked.status, clicked.text).toBe(200);
    expect(clicked.body).toMatchObject({ contactId: a.id, status: 'clicked', lastName: 'Adler' });
    expect(clicked.body.respondedAt).toBeTruthy();
    expect(await touches()).toEqual([['email_click', mailing.id]]);
    const [entry] = await timelineOf(t, seller, a.id, 'touchpoint');
    expect(entry).toMatchObject({
      action: 'email_click',
      data: { campaignId: mailing.id, campaignName: 'Mailing Frühjahr', memberStatus: 'clicked' },
    });
    expect(await t.row('contacts', a.id)).toMatchObject({ source_campaign_id: mailing.id });

    await setStatus(a.id, 'responded');
    await setStatus(a.id, 'clicked');
    await setStatus(a.id, 'responded');
    expect(await touches()).toEqual([
      ['campaign_response', mailing.id],
      ['email_click', mailing.id],
    ]);
    expect(
      (
        await t.get<Page<CampaignMember>>(`/api/campaigns/${mailing.id}/members?status=responded`, viewer)
      ).body.items.map((m) => m.lastName),
    ).toEqual(['Adler']);

    // bulk: responded members by CSV record theirs too (Bauer once, even when added twice)
    await add({ csv: 'email\nbauer@firma-b.de', status: 'responded' });
    await add({ csv: 'email\nbauer@firma-b.de', status: 'responded' });
    const bauer = (await rowsOf(t, 'touchpoints')).filter((r) => r.contact_id === b.id);
    expect(bauer.map((r) => r.type)).toEqual(['campaign_response']);

    expectProblem(await t.unchanged(() => setStatus(MISSING_ID, 'clicked')), 404, 'member_not_found');
    expectProblem(await t.unchanged(() => setStatus(c.id, 'clicked', seller)), 403, 'forbidden');
    expectInvalid(await t.unchanged(() => setStatus(c.id, 'bounced')), 'status');
  });

  it('an attended member of an event records an event attendance; a click on a paid ad an ad click', async () => {
    const fair = await created(marketer, { name: 'Kundentag', channel: 'event' });
    const ads = await created(marketer, { name: 'Google Ads KI', channel: 'paid_search' });
    await t.request('POST', `/api/campaigns/${fair.id}/members`, {
      cookie: marketer.cookie,
      body: { contactIds: [c.id], status: 'attended' },
    });
    await t.request('POST', `/api/campaigns/${ads.id}/members`, {
      cookie: marketer.cookie,
      body: { contactIds: [c.id], status: 'clicked' },
    });
    const touches = (await rowsOf(t, 'touchpoints')).filter((r) => r.contact_id === c.id);
    expect(touches.map((r) => [r.type, r.campaign_id]).sort()).toEqual(
      [
        ['ad_click', ads.id],
        ['event_attendance', fair.id],
      ].sort(),
    );
  });

  it('a member whose contact is in the trash no longer counts, on the campaign or in its results', async () => {
    const tour = await created(marketer, { name: 'Roadshow Süd', channel: 'event' });
    const gone = await t.createContact(marketer, { lastName: 'Zeller' });
    await t.request('POST', `/api/campaigns/${tour.id}/members`, {
      cookie: marketer.cookie,
      body: { contactIds: [a.id, gone.id], status: 'registered' },
    });
    const counts = async () => {
      const campaign = (await t.get<Campaign>(`/api/campaigns/${tour.id}`, viewer)).body;
      const results = (await t.get<{ members: Record<string, number> }>(`/api/campaigns/${tour.id}/results`, viewer))
        .body;
      return [campaign.memberCount, results.members.registered];
    };
    expect(await counts()).toEqual([2, 2]);
    expect((await t.request('DELETE', `/api/contacts/${gone.id}`, { cookie: marketer.cookie })).status).toBe(204);
    expect(await counts()).toEqual([1, 1]);
  });
});

describe('campaign results', () => {
  it('figures for a hand-built dataset: leads, MQLs, SQLs, handoff verdicts, cost per stage, attribution, ROI', async () => {
    // a form post alone scores 20 (< 30, stays a lead); with a leading title 40 → MQL with a handoff
    await setScoring(t, admin);
    const start = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const fair = await created(marketer, {
      name: 'Fachmesse Intralogistik',
      channel: 'trade_fair',
      startDate: start,
      utmKeys: ['intralogistik'],
    });
    const other = await created(marketer, { name: 'Andere Aktion', channel: 'email', utmKeys: ['andere'] });
    await createForm(t, marketer, {
      name: 'Messeformular',
      slug: 'messe',
      fields: [
        { key: 'email', required: true },
        { key: 'firstName' },
        { key: 'lastName' },
        { key: 'company' },
        { key: 'jobTitle' },
      ],
    });
    const costs = [
      { description: 'Standmiete', amount: 700_00, incurredOn: start },
      { description: 'Messebau', amount: 300_00, incurredOn: start },
    ];
    for (const body of costs) {
      const res = await t.request('POST', `/api/campaigns/${fair.id}/costs`, { cookie: marketer.cookie, body });
      expect(res.status).toBe(201);
    }
    // four leads through the fair's key; two of them qualify (MQL, with a handoff)
    const post = (email: string, jobTitle?: string, key = 'intralogistik') =>
      postJson(t, 'messe', { email, company: 'Firma', ...(jobTitle && { jobTitle }), utm_campaign: key });
    await post('lea@eins-logistik.de', 'Head of Logistics');
    await post('max@zwei-logistik.de', 'Leiter Einkauf');
    await post('ute@drei-logistik.de');
    await post('tom@vier-logistik.de');
    // not the fair's: a lead of another campaign, and a contact the fair only touched later by hand
    await post('ida@fuenf-logistik.de', undefined, 'andere');
    const ida = await contactByEmail(t, marketer, 'ida@fuenf-logistik.de');
    const touch = await t.request('POST', '/api/touchpoints', {
      cookie: marketer.cookie,
      body: { contactId: ida?.id, campaignId: fair.id, type: 'event_attendance', occurredAt: new Date().toISOString() },
    });
    expect(touch.status).toBe(201);
    // members: three targeted, one of them registered
    const people = await Promise.all(
      ['lea@eins-logistik.de', 'ute@drei-logistik.de', 'tom@vier-logistik.de'].map((e) =>
        contactByEmail(t, marketer, e),
      ),
    );
    await t.request('POST', `/api/campaigns/${fair.id}/members`, {
      cookie: marketer.cookie,
      body: { contactIds: people.map((p) => p?.id) },
    });
    await t.request('PATCH', `/api/campaigns/${fair.id}/members/${people[1]?.id}`, {
      cookie: marketer.cookie,
      body: { status: 'registered' },
    });

    // sales' verdict: Lea's lead is rejected (bad timing), Max's is converted to SQL with a 5,000.00 € deal that is won
    const handoffOf = async (email: string) => {
      const contact = await contactByEmail(t, seller, email);
      const res = await t.get<Page<Handoff>>(`/api/handoffs?contactId=${contact?.id}`, seller);
      const handoff = res.body.items[0];
      if (!handoff) throw new Error(`no handoff for ${email}`);
      return handoff;
    };
    const lea = await handoffOf('lea@eins-logistik.de');
    const max = await handoffOf('max@zwei-logistik.de');
    expect(
      (
        await t.request('POST', `/api/handoffs/${lea.id}/reject`, {
          cookie: seller.cookie,
          body: { reason: 'bad_timing' },
        })
      ).status,
    ).toBe(200);
    const converted = await t.request('POST', `/api/handoffs/${max.id}/convert`, {
      cookie: seller.cookie,
      body: { stage: 'sql', deal: { amount: 5_000_00, currency: 'EUR' } },
    });
    expect(converted.status, converted.text).toBe(200);
    const maxContact = await contactByEmail(t, seller, 'max@zwei-logistik.de');
    const dealRow = (await rowsOf(t, 'deal_contacts')).find((r) => r.contact_id === maxContact?.id);
    const deal = (await t.get<Deal>(`/api/deals/${String(dealRow?.deal_id)}`, seller)).body;
    expect(deal).toMatchObject({ amount: 500_000, currency: 'EUR' });
    const won = await t.request('POST', `/api/deals/${deal.id}/close`, {
      cookie: seller.cookie,
      body: { outcome: 'won', reason: 'product_fit' },
    });
    expect(won.status, won.text).toBe(200);

    const res = await t.get<CampaignResults>(`/api/campaigns/${fair.id}/results`, viewer);
    expect(res.status, res.text).toBe(200);
    // by hand: costs 700.00 + 300.00 = 1,000.00 € = 100,000 minor units; 4 leads (Lea, Max, Ute, Tom; not
    // Ida, who came through another campaign); MQLs Lea and Max; SQL Max. Per lead 100,000 / 4 = 25,000,
    // per MQL 100,000 / 2 = 50,000, per SQL 100,000 / 1 = 100,000. Max's deal (5,000.00 €) has one
    // touch, the fair's form post, so every model credits all of it to the fair: pipeline and revenue
    // 500,000; ROI (500,000 − 100,000) / 100,000 = 4.
    expect(res.body).toEqual({
      members: { targeted: 2, sent: 0, opened: 0, clicked: 0, responded: 0, registered: 1, attended: 0 },
      // the fair's 4 form posts + Ida's attendance + Ute's registration = 6
      touchpoints: 6,
      leads: 4,
      mqls: 2,
      sqls: 1,
      handoffs: {
        total: 2,
        open: 0,
        accepted: 0,
        rejected: 1,
        converted: 1,
        rejectReasons: [{ reason: 'bad_timing', count: 1 }],
      },
      attributedPipeline: 500_000,
      attributedRevenue: 500_000,
      // every deal is in euros: nothing in another currency
      otherCurrencies: [],
      actualCost: 100_000,
      costPerLead: 25_000,
      costPerMql: 50_000,
      costPerSql: 100_000,
      roi: 4,
      model: expect.any(String),
    });

    // the other campaign: one lead, no MQL, no costs → nothing per lead, no cost per MQL, no ROI
    const theirs = (await t.get<CampaignResults>(`/api/campaigns/${other.id}/results`, viewer)).body;
    expect(theirs).toMatchObject({ leads: 1, mqls: 0, actualCost: 0, costPerLead: 0, costPerMql: null, roi: null });
    expectProblem(await t.get(`/api/campaigns/${MISSING_ID}/results`, viewer), 404, 'campaign_not_found');
  });
});
