import type { Account, AttributionModelResult, AttributionSettings, Contact, Deal } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/lib/ids.js';
import { campaignCredits } from '../src/modules/attribution/attribution.service.js';
import { ok } from './goal-helpers.js';
import { expectInvalid, expectProblem, type Session, startTestApp, type TestApp } from './harness.js';
import { createDatedDeal, insertTouch as insertTouchRow, putAttributionSettings } from './journey-helpers.js';

/*
 * The attribution report on a small dataset built by hand (workspace time zone Europe/Berlin, period
 * March 2025). Every expected figure below is computed by hand in the comments; none is copied from
 * the output.
 *
 * Campaigns (rows inserted directly: the campaigns module is tested on its own):
 *   W  "Webinar Q1"      channel webinar     department marketing
 *   M  "Messe Hannover"  channel trade_fair  department marketing
 *   P  "Partner Call"    channel webinar     department sales
 *
 * Contacts: a, b at account A; c, e at account B; d at account C.
 *   lead_at: a 2025-02-10T00:00Z, b 2025-02-25T00:00Z, c 2025-03-01T12:00Z.
 *
 * Touches (UTC):
 *   t1 a W form_submission    2025-02-01T10:00
 *   t2 b M event_attendance   2025-02-20T10:00
 *   t3 a P email_click        2025-03-05T10:00
 *   t4 a W web_visit          2025-03-15T10:00
 *   t5 c M campaign_response  2025-03-01T10:00
 *   t6 c –  form_submission   2025-03-02T10:00  (no campaign: never counts)
 *   t7 e P ad_click           2025-03-10T10:00  (e is no deal contact: counts only with account contacts)
 *   t8 a M ad_click           2024-01-01T10:00  (outside the 365-day lookback of every deal)
 *
 * Deals (EUR unless said):
 *   D1 A, contacts a+b, 100 000, created 2025-03-10T12:00, won 2025-03-20T12:00
 *   D2 B, contact c,     50 000, created 2025-03-15T12:00, open
 *   D3 C, contact d,     30 000, created 2025-02-28T23:30Z (= 1 March 00:30 in Berlin: inside), won 2025-03-25
 *   D4 A, contact a,  USD 20 000, created 2025-03-12T12:00 (another currency)
 *   D5 A, contact a,     90 000, created 2025-03-11, deleted (never counts)
 *   D6 A, contact a,     70 000, created 2025-04-02 (after the period)
 *
 * PIPELINE (credited at creation; no win yet at that moment):
 *   D1 at 03-10 12:00: eligible t1, t2, t3 (t4 later, t8 too old). Lead anchor: last touch ≤ 02-10 → t1;
 *      deal anchor: last touch ≤ 03-10 12:00 → t3.
 *      first  t1 100 000 · last t3 100 000
 *      linear 33 333.33 each → floors 99 999, the unit left to the earliest: t1 33 334, t2 33 333, t3 33 333
 *      u      t1 40+40, middle t2 10, t3 10 → 80 000 / 10 000 / 10 000
 *      w      t1 30+30, deal t3 30, middle t2 10 → 60 000 / 10 000 / 30 000
 *      full   t1 45, t3 22.5, t2 10, no win: its 22.5 goes to the others in proportion (÷ 77.5):
 *             58 064.516 / 12 903.226 / 29 032.258 → floors 99 999, the unit to t1 (.516):
 *             t1 58 065, t2 12 903, t3 29 032
 *      decay  days before: 37.0833, 18.0833, 5.0833; 2^(−d/7): 0.025425, 0.166855, 0.604498 (Σ 0.796778)
 *             → 3 190.954 / 20 941.218 / 75 867.828 → floors 99 998, units to .954 and .828:
 *             t1 3 191, t2 20 941, t3 75 868
 *   D2 at 03-15: one eligible touch t5 (M) → every model M 50 000.
 *   D3: no touch → unattributed 30 000.
 *   Totals per campaign (W, M, P):
 *      first  100 000 / 50 000 / 0        last   0 / 50 000 / 100 000
 *      linear 33 334 / 83 333 / 33 333    u      80 000 / 60 000 / 10 000
 *      w      60 000 / 60 000 / 30 000    full   58 065 / 62 903 / 29 032
 *      decay  3 191 / 70 941 / 75 868     unattributed 30 000 in every model
 *
 * REVENUE (credited at the win): D1 won 03-20 12:00 and D3 won 03-25.
 *   D1: eligible t1, t2, t3, t4; anchors first t1, lead t1, deal t3, won t4.
 *      first t1 · last t4 (both W) → W 100 000
 *      linear 25 000 each → W 50 000, M 25 000, P 25 000
 *      u      t1 80, middle t2 t3 t4 20/3 each: 6 666.67 → floors 99 998, units to t2 and t3 (earliest):
 *             t1 80 000, t2 6 667, t3 6 667, t4 6 666 → W 86 666, M 6 667, P 6 667
 *      w      t1 60, t3 30, middle t2 t4 5 each → W 65 000, M 5 000, P 30 000
 *      full   t1 45, t3 22.5, t4 22.5, middle t2 10 → W 67 500, M 10 000, P 22 500
 *      decay  days: 47.0833, 28.0833, 15.0833, 5.0833; weights 0.009445, 0.061986, 0.224570, 0.604498
 *             (Σ 0.900500) → 1 048.893 / 6 883.553 / 24 938.389 / 67 129.165 → floors 99 998, units to
 *             .893 and .553: t1 1 049, t2 6 884, t3 24 938, t4 67 129 → W 68 178, M 6 884, P 24 938
 *   D3: unattributed 30 000.
 */

const PERIOD = 'from=2025-03-01&to=2025-03-31';

let t: TestApp;
let admin: Session;
let seller: Session;
let viewer: Session;
const accounts: Record<'A' | 'B' | 'C', Account> = {} as never;
const contacts: Record<'a' | 'b' | 'c' | 'd' | 'e', Contact> = {} as never;
const campaigns = { W: newId(), M: newId(), P: newId() };
const deals: Record<'D1' | 'D2' | 'D3' | 'D4' | 'D5' | 'D6', string> = {} as never;
const touches: Record<string, string> = {};

type ModelResult = AttributionModelResult;
type Row = ModelResult['rows'][number];

const report = async (query: string, as: Session = seller) =>
  ok(await t.get<ModelResult>(`/api/reports/attribution?${PERIOD}&${query}`, as));
const allModels = async (query: string, as: Session = seller) =>
  ok(await t.get<{ models: Record<string, ModelResult> }>(`/api/reports/attribution?${PERIOD}&${query}`, as)).models;

/** Credits by campaign letter, for compact expectations. */
const byLetter = (rows: Row[]) => {
  const letter = new Map(Object.entries(campaigns).map(([k, id]) => [id, k]));
  return Object.fromEntries(rows.map((r) => [letter.get(r.id) ?? r.id, r.credit]));
};

/** A campaign through the API; its id replaces the letter's placeholder. */
const createCampaign = async (letter: keyof typeof campaigns, name: string, channel: string, department: string) => {
  campaigns[letter] = (await t.createCampaign(admin, { name, channel, department, status: 'active' })).id;
};

/** A touch row; its id is kept under the scenario's name (t1, t2, …). */
const insertTouch = async (key: string, contact: Contact, campaignId: string | null, type: string, at: string) => {
  touches[key] = await insertTouchRow(t, contact.id, campaignId, type, at);
};

/** A deal through the API, back-dated to the scenario's creation (and win). */
const createDeal = (
  name: string,
  account: Account,
  dealContacts: Contact[],
  amount: number,
  createdAt: string,
  opts: { currency?: string; wonAt?: string } = {},
) =>
  createDatedDeal(t, seller, {
    name,
    accountId: account.id,
    contactIds: dealContacts.map((c) => c.id),
    amount,
    createdAt,
    ...opts,
  });

const putSettings = (change: Partial<AttributionSettings>) => putAttributionSettings(t, admin, change);

const defaults: AttributionSettings = {
  defaultModel: 'w',
  lookbackDays: 365,
  halfLifeDays: 7,
  touchTypes: [
    'form_submission',
    'campaign_response',
    'email_click',
    'ad_click',
    'event_attendance',
    'web_visit',
    'webinar',
  ],
  includeAccountContacts: false,
};

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin', 'Ada Admin');
  seller = await t.session('sales', 'member', 'Sven Vertrieb');
  viewer = await t.session('marketing', 'viewer', 'Vera Viewer');
  accounts.A = await t.createAccount(seller, { name: 'Alpha GmbH' });
  accounts.B = await t.createAccount(seller, { name: 'Beta AG' });
  accounts.C = await t.createAccount(seller, { name: 'Gamma KG' });
  contacts.a = await t.createContact(seller, { firstName: 'Anna', lastName: 'Alt', accountId: accounts.A.id });
  contacts.b = await t.createContact(seller, { firstName: 'Bert', lastName: 'Bau', accountId: accounts.A.id });
  contacts.c = await t.createContact(seller, { firstName: 'Clara', lastName: 'Chef', accountId: accounts.B.id });
  contacts.e = await t.createContact(seller, { firstName: 'Emil', lastName: 'Ernst', accountId: accounts.B.id });
  contacts.d = await t.createContact(seller, { firstName: 'Dora', lastName: 'Dach', accountId: accounts.C.id });
  for (const [key, at] of [
    ['a', '2025-02-10T00:00:00.000Z'],
    ['b', '2025-02-25T00:00:00.000Z'],
    ['c', '2025-03-01T12:00:00.000Z'],
  ] as const) {
    await t.ctx.db.updateTable('contacts').set({ lead_at: at }).where('id', '=', contacts[key].id).execute();
  }
  await createCampaign('W', 'Webinar Q1', 'webinar', 'marketing');
  await createCampaign('M', 'Messe Hannover', 'trade_fair', 'marketing');
  await createCampaign('P', 'Partner Call', 'webinar', 'sales');
  await insertTouch('t1', contacts.a, campaigns.W, 'form_submission', '2025-02-01T10:00:00.000Z');
  await insertTouch('t2', contacts.b, campaigns.M, 'event_attendance', '2025-02-20T10:00:00.000Z');
  await insertTouch('t3', contacts.a, campaigns.P, 'email_click', '2025-03-05T10:00:00.000Z');
  await insertTouch('t4', contacts.a, campaigns.W, 'web_visit', '2025-03-15T10:00:00.000Z');
  await insertTouch('t5', contacts.c, campaigns.M, 'campaign_response', '2025-03-01T10:00:00.000Z');
  await insertTouch('t6', contacts.c, null, 'form_submission', '2025-03-02T10:00:00.000Z');
  await insertTouch('t7', contacts.e, campaigns.P, 'ad_click', '2025-03-10T10:00:00.000Z');
  await insertTouch('t8', contacts.a, campaigns.M, 'ad_click', '2024-01-01T10:00:00.000Z');
  deals.D1 = await createDeal(
    'Fräsen-Retrofit',
    accounts.A,
    [contacts.a, contacts.b],
    100_000,
    '2025-03-10T12:00:00.000Z',
    {
      wonAt: '2025-03-20T12:00:00.000Z',
    },
  );
  deals.D2 = await createDeal('Wartungsvertrag', accounts.B, [contacts.c], 50_000, '2025-03-15T12:00:00.000Z');
  deals.D3 = await createDeal('Schulung', accounts.C, [contacts.d], 30_000, '2025-02-28T23:30:00.000Z', {
    wonAt: '2025-03-25T12:00:00.000Z',
  });
  deals.D4 = await createDeal('Export', accounts.A, [contacts.a], 20_000, '2025-03-12T12:00:00.000Z', {
    currency: 'USD',
  });
  deals.D5 = await createDeal('Storniert', accounts.A, [contacts.a], 90_000, '2025-03-11T12:00:00.000Z');
  ok(await t.request('DELETE', `/api/deals/${deals.D5}`, { cookie: seller.cookie }), 204);
  deals.D6 = await createDeal('April', accounts.A, [contacts.a], 70_000, '2025-04-02T12:00:00.000Z');
});
afterAll(async () => {
  await t?.close();
});

describe('the attribution report', () => {
  it('credits pipeline per campaign under all seven models, exactly as computed by hand', async () => {
    const models = await allModels('measure=pipeline');
    expect(Object.keys(models).sort()).toEqual(['decay', 'first', 'full', 'last', 'linear', 'u', 'w']);
    const expected: Record<string, Record<string, number>> = {
      first: { W: 100_000, M: 50_000, P: 0 },
      last: { W: 0, M: 50_000, P: 100_000 },
      linear: { W: 33_334, M: 83_333, P: 33_333 },
      u: { W: 80_000, M: 60_000, P: 10_000 },
      w: { W: 60_000, M: 60_000, P: 30_000 },
      full: { W: 58_065, M: 62_903, P: 29_032 },
      decay: { W: 3_191, M: 70_941, P: 75_868 },
    };
    for (const [model, credits] of Object.entries(expected)) {
      const result = models[model] as ModelResult;
      expect({ model, ...byLetter(result.rows) }).toEqual({ model, ...credits });
      expect(result).toMatchObject({ model, measure: 'pipeline', currency: 'EUR', unattributed: 30_000 });
      // every deal's amount is accounted for: 100 000 + 50 000 + 30 000
      expect(result.rows.reduce((s, r) => s + r.credit, 0) + result.unattributed).toBe(180_000);
    }
  });

  it('sorts rows by credit, then name, and names campaigns', async () => {
    const w = await report('model=w&measure=pipeline');
    // W and M tie at 60 000: "Messe Hannover" before "Webinar Q1"
    expect(w.rows).toEqual([
      { id: campaigns.M, name: 'Messe Hannover', credit: 60_000 },
      { id: campaigns.W, name: 'Webinar Q1', credit: 60_000 },
      { id: campaigns.P, name: 'Partner Call', credit: 30_000 },
    ]);
    expect(w).toMatchObject({ model: 'w', measure: 'pipeline', currency: 'EUR', rows: w.rows, unattributed: 30_000 });
    expect(w.byCurrency[0]).toEqual({ currency: 'EUR', deals: 3, rows: w.rows, unattributed: 30_000, total: 180_000 });
  });

  it('credits revenue at the win, as computed by hand', async () => {
    const models = await allModels('measure=revenue');
    const expected: Record<string, Record<string, number>> = {
      first: { W: 100_000, M: 0, P: 0 },
      last: { W: 100_000, M: 0, P: 0 },
      linear: { W: 50_000, M: 25_000, P: 25_000 },
      u: { W: 86_666, M: 6_667, P: 6_667 },
      w: { W: 65_000, M: 5_000, P: 30_000 },
      full: { W: 67_500, M: 10_000, P: 22_500 },
      decay: { W: 68_178, M: 6_884, P: 24_938 },
    };
    for (const [model, credits] of Object.entries(expected)) {
      const result = models[model] as ModelResult;
      expect({ model, ...byLetter(result.rows) }).toEqual({ model, ...credits });
      expect(result.unattributed).toBe(30_000);
    }
  });

  it('rolls campaigns up into channels and departments, adding up exactly', async () => {
    // linear pipeline: W 33 334 + P 33 333 are webinars, M 83 333 a trade fair
    expect((await report('model=linear&by=channel')).rows).toEqual([
      { id: 'trade_fair', name: 'trade_fair', credit: 83_333 },
      { id: 'webinar', name: 'webinar', credit: 66_667 },
    ]);
    // marketing W + M = 33 334 + 83 333 = 116 667, sales P 33 333
    const departments = await report('model=linear&by=department');
    expect(departments.rows).toEqual([
      { id: 'marketing', name: 'marketing', credit: 116_667 },
      { id: 'sales', name: 'sales', credit: 33_333 },
    ]);
    expect(departments.unattributed).toBe(30_000);
    // revenue, decay: marketing 68 178 + 6 884 = 75 062, sales 24 938
    expect((await report('model=decay&by=department&measure=revenue')).rows).toEqual([
      { id: 'marketing', name: 'marketing', credit: 75_062 },
      { id: 'sales', name: 'sales', credit: 24_938 },
    ]);
  });

  it('leads with the most used currency, another on request, and always lists every currency', async () => {
    // D4 in USD: contact a's touches before 03-12 12:00 are t1 (W) and t3 (P); first touch t1
    const usd = await report('model=first&currency=USD');
    expect(usd).toMatchObject({ currency: 'USD', unattributed: 0 });
    expect(byLetter(usd.rows)).toEqual({ W: 20_000, P: 0 });
    // the requested currency first, then the others: EUR is not left out
    expect(usd.byCurrency.map((c) => [c.currency, c.deals, c.total])).toEqual([
      ['USD', 1, 20_000],
      ['EUR', 3, 180_000],
    ]);
    // by default EUR (three deals) leads and USD (one) follows; linear: t1 W and t3 P 10 000 each
    const linear = await report('model=linear');
    expect(linear.byCurrency[1]).toEqual({
      currency: 'USD',
      deals: 1,
      rows: [
        { id: campaigns.P, name: 'Partner Call', credit: 10_000 },
        { id: campaigns.W, name: 'Webinar Q1', credit: 10_000 },
      ],
      unattributed: 0,
      total: 20_000,
    });
    // a currency nobody used in the period is answered with zeros, never with another currency's figures
    const chf = await report('model=w&currency=CHF');
    expect(chf).toMatchObject({ currency: 'CHF', rows: [], unattributed: 0 });
    expect(chf.byCurrency.map((c) => [c.currency, c.deals, c.total])).toEqual([
      ['CHF', 0, 0],
      ['EUR', 3, 180_000],
      ['USD', 1, 20_000],
    ]);
    // a period without deals falls back to euros
    const empty = ok(
      await t.get<ModelResult>('/api/reports/attribution?from=2020-01-01&to=2020-01-31&model=w', seller),
    );
    expect(empty).toEqual({
      model: 'w',
      measure: 'pipeline',
      currency: 'EUR',
      rows: [],
      unattributed: 0,
      byCurrency: [{ currency: 'EUR', deals: 0, rows: [], unattributed: 0, total: 0 }],
    });
  });

  it('lets a viewer read and refuses invalid queries with the field', async () => {
    expect((await report('model=first', viewer)).rows).toHaveLength(3);
    expectInvalid(await t.get('/api/reports/attribution?from=2025-03-31&to=2025-03-01', seller), 'query.to');
    expectInvalid(await t.get(`/api/reports/attribution?${PERIOD}&model=best`, seller), 'query.model');
    expectInvalid(await t.get(`/api/reports/attribution?${PERIOD}&by=owner`, seller), 'query.by');
    expectInvalid(await t.get(`/api/reports/attribution?${PERIOD}&measure=profit`, seller), 'query.measure');
    expectInvalid(await t.get('/api/reports/attribution?from=2025-03-01', seller), 'query.to');
    expectInvalid(await t.get('/api/reports/attribution?from=2020-01-01&to=2025-03-01', seller), 'query.to');
    expectInvalid(await t.get(`/api/reports/attribution/deals?${PERIOD}&id=x`, seller), 'query.model');
    expectProblem(await t.get(`/api/reports/attribution?${PERIOD}`), 401, 'unauthenticated');
  });
});

describe('the settings change the result', () => {
  it('only admins change the settings; a stale If-Match is refused; nothing changes when refused', async () => {
    const current = ok(
      await t.get<{ value: AttributionSettings; version: number }>('/api/settings/attribution', viewer),
    );
    expect(current.value).toEqual(defaults);
    for (const as of [seller, viewer]) {
      expectProblem(
        await t.unchanged(() =>
          t.request('PUT', '/api/settings/attribution', { cookie: as.cookie, body: { ...defaults, lookbackDays: 30 } }),
        ),
        403,
        'forbidden',
      );
    }
    expectInvalid(
      await t.unchanged(() =>
        t.request('PUT', '/api/settings/attribution', { cookie: admin.cookie, body: { ...defaults, touchTypes: [] } }),
      ),
      'touchTypes',
    );
    expectProblem(
      await t.unchanged(() =>
        t.request('PUT', '/api/settings/attribution', {
          cookie: admin.cookie,
          body: { ...defaults, lookbackDays: 30 },
          ifMatch: current.version + 5,
        }),
      ),
      412,
      'version_conflict',
    );
  });

  it('a shorter lookback drops old touches', async () => {
    await putSettings({ lookbackDays: 30 });
    // D1 pipeline at 03-10 12:00 now looks back to 02-08 12:00: t1 (02-01) drops out, the first touch is
    // t2 (M); D2 stays M → M 150 000; P keeps a (zero) row for its touch t3; W has no eligible touch left
    const first = await report('model=first');
    expect(byLetter(first.rows)).toEqual({ M: 150_000, P: 0 });
    await putSettings({ lookbackDays: 365 });
    expect(byLetter((await report('model=first')).rows)).toEqual({ W: 100_000, M: 50_000, P: 0 });
  });

  it('counts only the chosen touch types', async () => {
    await putSettings({ touchTypes: ['form_submission', 'campaign_response'] });
    // D1 keeps only t1 (W, form), D2 keeps t5 (M, response): last touch W 100 000, M 50 000
    expect(byLetter((await report('model=last')).rows)).toEqual({ W: 100_000, M: 50_000 });
    await putSettings({ touchTypes: defaults.touchTypes });
  });

  it("credits every contact of the deal's account when asked to", async () => {
    await putSettings({ includeAccountContacts: true });
    // D2 gains e's t7 (P, 03-10) after t5 (03-01): the last touch is P → P 100 000 (D1) + 50 000
    const last = await report('model=last');
    expect(byLetter(last.rows)).toEqual({ W: 0, M: 0, P: 150_000 });
    // linear D2: t5 25 000, t7 25 000 → M 33 333 + 25 000, P 33 333 + 25 000
    expect(byLetter((await report('model=linear')).rows)).toEqual({ W: 33_334, M: 58_333, P: 58_333 });
    await putSettings({ includeAccountContacts: false });
    expect(byLetter((await report('model=last')).rows)).toEqual({ W: 0, M: 50_000, P: 100_000 });
  });

  it('feeds the campaign pages under the default model', async () => {
    const credits = await campaignCredits(t.ctx, { from: '2025-03-01', to: '2025-03-31', currency: 'EUR' });
    expect(credits.model).toBe('w');
    expect(Object.fromEntries(credits.pipeline)).toEqual({
      [campaigns.W]: 60_000,
      [campaigns.M]: 60_000,
      [campaigns.P]: 30_000,
    });
    expect(Object.fromEntries(credits.revenue)).toEqual({
      [campaigns.W]: 65_000,
      [campaigns.M]: 5_000,
      [campaigns.P]: 30_000,
    });
    await putSettings({ defaultModel: 'first' });
    const first = await campaignCredits(t.ctx, { from: '2025-03-01', to: '2025-03-31', currency: 'EUR' });
    expect(first.model).toBe('first');
    expect(first.pipeline.get(campaigns.W)).toBe(100_000);
    await putSettings({ defaultModel: 'w' });
  });
});

describe('drill-down', () => {
  interface DrillTouch {
    id: string;
    contactId: string;
    contactName: string;
    campaignId: string;
    campaignName: string;
    type: string;
    occurredAt: string;
    credit: number;
    inCell: boolean;
  }
  interface Drill {
    total: number;
    currency: string;
    deals: {
      id: string;
      name: string;
      accountName: string;
      amount: number;
      currency: string;
      credit: number;
      touches: DrillTouch[];
    }[];
  }
  const drill = async (query: string) =>
    ok(await t.get<Drill>(`/api/reports/attribution/deals?${PERIOD}&${query}`, viewer));

  it('lists the deals and touches behind a campaign cell', async () => {
    // W-shaped pipeline, P: only D1 (t3 takes the deal anchor's 30 000); the deal's whole journey is shown
    const result = await drill(`model=w&id=${campaigns.P}`);
    expect(result).toMatchObject({ total: 1, currency: 'EUR' });
    expect(result.deals).toHaveLength(1);
    const [d1] = result.deals;
    expect(d1).toMatchObject({
      id: deals.D1,
      name: 'Fräsen-Retrofit',
      accountName: 'Alpha GmbH',
      amount: 100_000,
      currency: 'EUR',
      credit: 30_000,
    });
    expect(d1?.touches.map((x) => [x.id, x.campaignName, x.contactName, x.type, x.credit, x.inCell])).toEqual([
      [touches.t1, 'Webinar Q1', 'Anna Alt', 'form_submission', 60_000, false],
      [touches.t2, 'Messe Hannover', 'Bert Bau', 'event_attendance', 10_000, false],
      [touches.t3, 'Partner Call', 'Anna Alt', 'email_click', 30_000, true],
    ]);
    expect(d1?.touches[2]).toMatchObject({
      contactId: contacts.a.id,
      campaignId: campaigns.P,
      occurredAt: '2025-03-05T10:00:00.000Z',
    });
  });

  it('sums a department cell per deal and sorts by credit', async () => {
    // linear pipeline, marketing: D1 W 33 334 + M 33 333 = 66 667, D2 M 50 000
    const result = await drill('model=linear&by=department&id=marketing');
    expect(result.total).toBe(2);
    expect(result.deals.map((d) => [d.id, d.credit])).toEqual([
      [deals.D1, 66_667],
      [deals.D2, 50_000],
    ]);
  });

  it('lists the unattributed deals', async () => {
    const result = await drill('model=first&id=unattributed&measure=revenue');
    expect(result.total).toBe(1);
    expect(result.deals).toEqual([
      {
        id: deals.D3,
        name: 'Schulung',
        accountName: 'Gamma KG',
        amount: 30_000,
        currency: 'EUR',
        credit: 30_000,
        touches: [],
      },
    ]);
  });
});

describe('CSV export', () => {
  it('has one column per model and the unattributed row per currency, amounts in major units', async () => {
    const res = await t.get(`/api/reports/attribution.csv?${PERIOD}&measure=pipeline&by=campaign`, viewer);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="nenner-attribution-.*\.csv"$/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('campaign,name,currency,first,last,linear,u,w,full,decay');
    // rows in the default model's (w) order: M, W tie at 600.00 (name order), then P
    expect(lines[1]).toBe(`${campaigns.M},Messe Hannover,EUR,500.00,500.00,833.33,600.00,600.00,629.03,709.41`);
    expect(lines[2]).toBe(`${campaigns.W},Webinar Q1,EUR,1000.00,0.00,333.34,800.00,600.00,580.65,31.91`);
    expect(lines[4]).toBe('unattributed,Unattributed,EUR,300.00,300.00,300.00,300.00,300.00,300.00,300.00');
    // then D4's USD block, never converted: W and P share 200.00 (w: t1 first and lead, t3 deal)
    expect(lines.slice(5).map((l) => l.split(',').slice(1, 3).join(','))).toEqual([
      expect.stringMatching(/^(Partner Call|Webinar Q1),USD$/),
      expect.stringMatching(/^(Partner Call|Webinar Q1),USD$/),
      'Unattributed,USD',
    ]);
    expect(lines).toHaveLength(8);
  });
});

describe('the cache', () => {
  it('serves the figures again and recomputes after a write', async () => {
    expect((await report('model=first')).unattributed).toBe(30_000);
    expect((await report('model=first')).unattributed).toBe(30_000);
    // a touch for D3's contact d (P, 02-27, before D3 was created) makes D3 attributed: P gets its 30 000 under every model
    await insertTouch('t9', contacts.d, campaigns.P, 'webinar', '2025-02-27T08:00:00.000Z');
    const after = await report('model=first');
    expect(after.unattributed).toBe(0);
    expect(byLetter(after.rows)).toEqual({ W: 100_000, M: 50_000, P: 30_000 });
    // moving d to the trash takes its touches out again
    ok(await t.request('DELETE', `/api/contacts/${contacts.d.id}`, { cookie: admin.cookie }), 204);
    expect((await report('model=first')).unattributed).toBe(30_000);
    // a deal's amount changed through the API
    const d2 = ok(await t.get<Deal>(`/api/deals/${deals.D2}`, seller));
    ok(
      await t.request('PATCH', `/api/deals/${deals.D2}`, {
        cookie: seller.cookie,
        body: { amount: 60_000 },
        ifMatch: d2.version,
      }),
    );
    expect(byLetter((await report('model=first')).rows)).toEqual({ W: 100_000, M: 60_000, P: 0 });
  });
});
