import type { Account, AttributionModelResult, Board, CampaignResults, Contact } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from './goal-helpers.js';
import { type Session, startTestApp, type TestApp } from './harness.js';
import { createDatedDeal, insertTouch, putAttributionSettings } from './journey-helpers.js';

/*
 * A workspace with EUR and CHF deals: the attribution report totals each currency on its own, side by
 * side, and leaves no deal out; the board agrees per currency. Period March 2025, Europe/Berlin.
 *
 * Campaigns W and M. Touches (UTC): t1 a W 03-01 10:00 · t2 a M 03-05 10:00 · t3 c M 03-02 10:00.
 * Contact d has no touch.
 *
 * Deals (minor units), created in March unless said:
 *   E1 EUR 100 000  [a] 03-10   linear: t1 W 50 000, t2 M 50 000
 *   E2 EUR  30 001  [c] 03-11   M 30 001
 *   E3 EUR   7 000  [d] 03-12   unattributed 7 000
 *   C1 CHF  90 001  [a] 03-13   won 03-20; linear 45 000.5 each → floors 90 000, the unit to the earliest
 *                               touch t1: W 45 001, M 45 000 (the same at the win: no touch since)
 *   C2 CHF  20 000  [d] 03-14   unattributed 20 000
 *   C3 CHF  50 000  [c] 04-02   after the period (still on the board)
 *   C4 CHF  60 000  [a] 03-15   deleted: nowhere
 *
 * Pipeline, linear:
 *   EUR (3 deals): M 50 000 + 30 001 = 80 001, W 50 000, unattributed 7 000 → 137 001 = 100 000 + 30 001 + 7 000
 *   CHF (2 deals): W 45 001, M 45 000, unattributed 20 000                → 110 001 = 90 001 + 20 000
 * Revenue: only C1 was won → CHF alone: W 45 001, M 45 000.
 * Board (every live deal, whatever its date): EUR 137 001; CHF open 20 000 + 50 000 = 70 000, won 90 001.
 */

const PERIOD = 'from=2025-03-01&to=2025-03-31';

type ModelResult = AttributionModelResult;
type Row = ModelResult['rows'][number];

let t: TestApp;
let admin: Session;
let seller: Session;
const campaigns = { W: '', M: '' };
const contacts: Record<'a' | 'c' | 'd', Contact> = {} as never;

const createDeal = (
  name: string,
  account: Account,
  contact: Contact,
  amount: number,
  currency: string,
  createdAt: string,
  wonAt?: string,
) =>
  createDatedDeal(t, seller, {
    name,
    accountId: account.id,
    contactIds: [contact.id],
    amount,
    currency,
    createdAt,
    wonAt,
  });

const allModels = async (query: string) =>
  ok(await t.get<{ models: Record<string, ModelResult> }>(`/api/reports/attribution?${PERIOD}&${query}`, seller))
    .models;

/** Rows as name → credit, for compact expectations. */
const credits = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.name, r.credit]));

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin', 'Ada Admin');
  seller = await t.session('sales', 'member', 'Sven Vertrieb');
  const A = await t.createAccount(seller, { name: 'Alpha GmbH' });
  const B = await t.createAccount(seller, { name: 'Berner Maschinen AG' });
  const C = await t.createAccount(seller, { name: 'Gamma KG' });
  contacts.a = await t.createContact(seller, { firstName: 'Anna', lastName: 'Alt', accountId: A.id });
  contacts.c = await t.createContact(seller, { firstName: 'Clara', lastName: 'Chef', accountId: B.id });
  contacts.d = await t.createContact(seller, { firstName: 'Dora', lastName: 'Dach', accountId: C.id });
  campaigns.W = (
    await t.createCampaign(admin, {
      name: 'Webinar',
      department: 'marketing',
      status: 'active',
      currency: 'EUR',
      startDate: '2025-03-01',
    })
  ).id;
  campaigns.M = (await t.createCampaign(admin, { name: 'Messe', department: 'marketing', status: 'active' })).id;
  await insertTouch(t, contacts.a.id, campaigns.W, 'form_submission', '2025-03-01T10:00:00.000Z');
  await insertTouch(t, contacts.a.id, campaigns.M, 'email_click', '2025-03-05T10:00:00.000Z');
  await insertTouch(t, contacts.c.id, campaigns.M, 'ad_click', '2025-03-02T10:00:00.000Z');
  await createDeal('E1', A, contacts.a, 100_000, 'EUR', '2025-03-10T12:00:00.000Z');
  await createDeal('E2', B, contacts.c, 30_001, 'EUR', '2025-03-11T12:00:00.000Z');
  await createDeal('E3', C, contacts.d, 7_000, 'EUR', '2025-03-12T12:00:00.000Z');
  await createDeal('C1', A, contacts.a, 90_001, 'CHF', '2025-03-13T12:00:00.000Z', '2025-03-20T12:00:00.000Z');
  await createDeal('C2', C, contacts.d, 20_000, 'CHF', '2025-03-14T12:00:00.000Z');
  await createDeal('C3', B, contacts.c, 50_000, 'CHF', '2025-04-02T12:00:00.000Z');
  const deleted = await createDeal('C4', A, contacts.a, 60_000, 'CHF', '2025-03-15T12:00:00.000Z');
  ok(await t.request('DELETE', `/api/deals/${deleted}`, { cookie: seller.cookie }), 204);
});
afterAll(async () => {
  await t?.close();
});

describe('the attribution report in EUR and CHF', () => {
  it('totals each currency on its own, exactly as computed by hand', async () => {
    const linear = (await allModels('measure=pipeline')).linear as ModelResult;
    expect(linear.byCurrency).toEqual([
      {
        currency: 'EUR',
        deals: 3,
        rows: [
          { id: campaigns.M, name: 'Messe', credit: 80_001 },
          { id: campaigns.W, name: 'Webinar', credit: 50_000 },
        ],
        unattributed: 7_000,
        total: 137_001,
      },
      {
        currency: 'CHF',
        deals: 2,
        rows: [
          { id: campaigns.W, name: 'Webinar', credit: 45_001 },
          { id: campaigns.M, name: 'Messe', credit: 45_000 },
        ],
        unattributed: 20_000,
        total: 110_001,
      },
    ]);
    // the top level is the leading currency's block
    expect(linear).toMatchObject({ currency: 'EUR', rows: linear.byCurrency[0]?.rows, unattributed: 7_000 });
  });

  it('leaves no deal out: under every model each currency credits exactly its deals’ amounts', async () => {
    const models = await allModels('measure=pipeline');
    for (const [model, result] of Object.entries(models)) {
      const sums = result.byCurrency.map((c) => [
        model,
        c.currency,
        c.rows.reduce((s, r) => s + r.credit, c.unattributed),
        c.total,
      ]);
      // E1 + E2 + E3 and C1 + C2
      expect(sums).toEqual([
        [model, 'EUR', 137_001, 137_001],
        [model, 'CHF', 110_001, 110_001],
      ]);
    }
  });

  it('reports revenue in CHF when only a CHF deal was won, naming no other currency', async () => {
    const result = (await allModels('measure=revenue')).linear as ModelResult;
    expect(result.currency).toBe('CHF');
    expect(result.byCurrency.map((c) => [c.currency, c.deals, credits(c.rows), c.unattributed])).toEqual([
      ['CHF', 1, { Webinar: 45_001, Messe: 45_000 }, 0],
    ]);
  });

  it('drills into a CHF cell with the CHF deals only', async () => {
    const res = ok(
      await t.get<{ currency: string; total: number; deals: { name: string; amount: number; currency: string }[] }>(
        `/api/reports/attribution/deals?${PERIOD}&model=linear&currency=CHF&id=unattributed`,
        seller,
      ),
    );
    expect(res.currency).toBe('CHF');
    expect(res.deals.map((d) => [d.name, d.amount, d.currency])).toEqual([['C2', 20_000, 'CHF']]);
  });

  it('exports one block per currency in one CSV, never converted', async () => {
    const res = await t.get(`/api/reports/attribution.csv?${PERIOD}&measure=pipeline&by=department`, seller);
    expect(res.status, res.text).toBe(200);
    const lines = res.text.trimEnd().split('\r\n');
    // both campaigns are in the default department; columns first,last,linear,u,w,full,decay
    expect(
      lines.map((l) =>
        l
          .split(',')
          .slice(0, 3)
          .concat(l.split(',')[5] ?? '')
          .join(','),
      ),
    ).toEqual([
      'department,name,currency,linear',
      'marketing,marketing,EUR,1300.01',
      'unattributed,Unattributed,EUR,70.00',
      'marketing,marketing,CHF,900.01',
      'unattributed,Unattributed,CHF,200.00',
    ]);
  });
});

describe('the campaign page in EUR and CHF', () => {
  it("shows the campaign's own currency and names the CHF credit beside it", async () => {
    // the default model linear: since 2025-03-01, W got E1's 50 000 EUR and C1's 45 001 CHF (pipeline
    // and, at C1's win, revenue); no EUR deal was won
    await putAttributionSettings(t, admin, { defaultModel: 'linear' });
    const results = ok(await t.get<CampaignResults>(`/api/campaigns/${campaigns.W}/results`, seller));
    expect(results).toMatchObject({
      model: 'linear',
      attributedPipeline: 50_000,
      attributedRevenue: 0,
      otherCurrencies: [{ currency: 'CHF', pipeline: 45_001, revenue: 45_001 }],
    });
  });
});

describe('the board in EUR and CHF', () => {
  it('totals each currency per column, leaving no deal out', async () => {
    const board = ok(await t.get<Board>('/api/deals/board', seller));
    const sums = new Map<string, number>();
    for (const column of board.columns) {
      for (const x of column.totals) sums.set(x.currency, (sums.get(x.currency) ?? 0) + x.amount);
    }
    expect(Object.fromEntries(sums)).toEqual({ EUR: 137_001, CHF: 160_001 });
    const won = board.columns.find((c) => c.stage.kind === 'won');
    expect(won?.totals).toEqual([{ currency: 'CHF', amount: 90_001, weighted: 90_001 }]);
  });
});
