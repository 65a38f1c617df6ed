import type { Board, Deal, Pipeline, Team } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, MISSING_ID, type Res, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * The board of the default pipeline with hand-computed figures: per stage the count, the total and the
 * weighted total per currency over every matching deal, and only the first `perStage` cards.
 *
 *   Qualification (10 %): EUR 100000 (anna, closes 2027-02-01), 250055 (bernd), 33300 (anna, marketing),
 *                         CHF 50000 (anna)                → EUR 383355, weighted 38335.5 → 38336; CHF 50000 → 5000
 *   Needs analysis (25 %): EUR 40000 (no owner)           → weighted 10000
 *   Proposal (50 %):      EUR 99999 (bernd)               → weighted 49999.5 → 50000
 *   Negotiation (75 %):   —
 *   Won (100 %):          EUR 70000 (anna)                → 70000
 *   Lost (0 %):           EUR 10000 (bernd)               → 0
 *   Not counted: a trashed EUR 777 in Qualification and a deal in another pipeline.
 */

let t: TestApp;
let admin: Session;
let anna: Session;
let bernd: Session;
let pipeline: Pipeline;
let team: Team;
const ids: Record<string, string> = {};

const ok = <T>(res: Res<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.body;
};
const stageId = (nameEn: string) => pipeline.stages.find((s) => s.nameEn === nameEn)?.id as string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin', 'Ada Admin');
  anna = await t.session('sales', 'member', 'Anna Vertrieb');
  bernd = await t.session('sales', 'member', 'Bernd Vertrieb');
  pipeline = ok(await t.get<{ items: Pipeline[] }>('/api/pipelines', anna)).items[0] as Pipeline;
  team = ok(
    await t.request<Team>('POST', '/api/teams', {
      cookie: admin.cookie,
      body: { name: 'Nord', memberIds: [bernd.user.id] },
    }),
    201,
  );
  const account = await t.createAccount(anna, { name: 'Board GmbH' });
  const deal = async (key: string, as: Session, body: Record<string, unknown>) => {
    const d = ok(
      await t.request<Deal>('POST', '/api/deals', {
        cookie: as.cookie,
        body: { name: key, accountId: account.id, ...body },
      }),
      201,
    );
    ids[key] = d.id;
    return d;
  };
  await deal('q1', anna, { amount: 100_000, closeDate: '2027-02-01' });
  await deal('q2', bernd, { amount: 250_055 });
  await deal('q3', anna, { amount: 33_300, source: 'marketing' });
  await deal('q4', anna, { amount: 50_000, currency: 'CHF' });
  await deal('n1', anna, { amount: 40_000, ownerId: null, stageId: stageId('Needs analysis') });
  await deal('p1', bernd, { amount: 99_999, stageId: stageId('Proposal') });
  const w = await deal('w1', anna, { amount: 70_000, stageId: stageId('Negotiation') });
  ok(
    await t.request('POST', `/api/deals/${w.id}/close`, {
      cookie: anna.cookie,
      body: { outcome: 'won', reason: 'price' },
    }),
  );
  const l = await deal('l1', bernd, { amount: 10_000 });
  ok(
    await t.request('POST', `/api/deals/${l.id}/close`, {
      cookie: bernd.cookie,
      body: { outcome: 'lost', reason: 'price' },
    }),
  );
  const trashed = await deal('x1', anna, { amount: 777 });
  expect((await t.request('DELETE', `/api/deals/${trashed.id}`, { cookie: anna.cookie })).status).toBe(204);
  const other = ok(
    await t.request<Pipeline>('POST', '/api/pipelines', {
      cookie: admin.cookie,
      body: {
        name: 'Partner',
        stages: [
          { nameDe: 'Pilot', nameEn: 'Pilot', probability: 40 },
          { nameDe: 'Gewonnen', nameEn: 'Won', probability: 100, kind: 'won' },
          { nameDe: 'Verloren', nameEn: 'Lost', probability: 0, kind: 'lost' },
        ],
      },
    }),
    201,
  );
  await deal('o1', anna, { amount: 5_000, pipelineId: other.id });
  // q1 touched last: the most recently updated card of its stage
  const q1 = ok(await t.get<Deal>(`/api/deals/${ids.q1}`, anna));
  t.clock.advance(5);
  ok(
    await t.request('PATCH', `/api/deals/${q1.id}`, {
      cookie: anna.cookie,
      ifMatch: q1.version,
      body: { nextStep: 'Anrufen' },
    }),
  );
});
afterAll(async () => {
  await t?.close();
});

const board = async (query = '', as: Session = anna) => ok(await t.get<Board>(`/api/deals/board?${query}`, as));
const figures = (b: Board) =>
  Object.fromEntries(b.columns.map((c) => [c.stage.nameEn, { count: c.count, totals: c.totals }]));
const cards = (b: Board, nameEn: string) =>
  b.columns.find((c) => c.stage.nameEn === nameEn)?.deals.map((d) => d.name) ?? [];

describe('the board', () => {
  it('per stage: count, total and weighted total per currency over all deals; perStage cards, newest first', async () => {
    const b = await board('perStage=2');
    expect(b.pipeline.id).toBe(pipeline.id);
    expect(figures(b)).toEqual({
      Qualification: {
        count: 4,
        totals: [
          { currency: 'CHF', amount: 50_000, weighted: 5_000 },
          { currency: 'EUR', amount: 383_355, weighted: 38_336 },
        ],
      },
      'Needs analysis': { count: 1, totals: [{ currency: 'EUR', amount: 40_000, weighted: 10_000 }] },
      Proposal: { count: 1, totals: [{ currency: 'EUR', amount: 99_999, weighted: 50_000 }] },
      Negotiation: { count: 0, totals: [] },
      Won: { count: 1, totals: [{ currency: 'EUR', amount: 70_000, weighted: 70_000 }] },
      Lost: { count: 1, totals: [{ currency: 'EUR', amount: 10_000, weighted: 0 }] },
    });
    const qualification = cards(b, 'Qualification');
    expect(qualification).toEqual(['q1', 'q4']); // q1 edited last, q4 created last (the trashed x1 is not shown)
    expect(cards(b, 'Won')).toEqual(['w1']);
    // all cards with the default of 50
    expect(cards(await board(), 'Qualification').sort()).toEqual(['q1', 'q2', 'q3', 'q4']);
  });

  it('filters by owner (me, none, a user), team, source and close quarter', async () => {
    expect(figures(await board('ownerId=me'))).toMatchObject({
      Qualification: {
        count: 3,
        totals: [
          { currency: 'CHF', amount: 50_000, weighted: 5_000 },
          { currency: 'EUR', amount: 133_300, weighted: 13_330 },
        ],
      },
      'Needs analysis': { count: 0, totals: [] },
      Proposal: { count: 0, totals: [] },
      Won: { count: 1, totals: [{ currency: 'EUR', amount: 70_000, weighted: 70_000 }] },
      Lost: { count: 0, totals: [] },
    });
    expect(figures(await board('ownerId=none'))['Needs analysis']).toEqual({
      count: 1,
      totals: [{ currency: 'EUR', amount: 40_000, weighted: 10_000 }],
    });
    expect(figures(await board(`ownerId=${bernd.user.id}`))).toEqual(figures(await board(`teamId=${team.id}`)));
    expect(figures(await board(`teamId=${team.id}`))).toMatchObject({
      Qualification: { count: 1, totals: [{ currency: 'EUR', amount: 250_055, weighted: 25_006 }] },
      Proposal: { count: 1, totals: [{ currency: 'EUR', amount: 99_999, weighted: 50_000 }] },
      Lost: { count: 1, totals: [{ currency: 'EUR', amount: 10_000, weighted: 0 }] },
    });
    expect(figures(await board('source=marketing')).Qualification).toEqual({
      count: 1,
      totals: [{ currency: 'EUR', amount: 33_300, weighted: 3_330 }],
    });
    const quarter = await board('closeQuarter=2027-Q1');
    expect(figures(quarter).Qualification).toEqual({
      count: 1,
      totals: [{ currency: 'EUR', amount: 100_000, weighted: 10_000 }],
    });
    expect(cards(quarter, 'Qualification')).toEqual(['q1']);
    // the cards carry what the column needs: stale flag, owner, amount
    expect(quarter.columns[0]?.deals[0]).toMatchObject({ stale: false, amount: 100_000, owner: { id: anna.user.id } });
  });

  it('another pipeline by id; unknown pipelines and bad filters are 400', async () => {
    const partner = (await t.get<{ items: Pipeline[] }>('/api/pipelines', anna)).body.items.find(
      (p) => p.name === 'Partner',
    );
    const b = await board(`pipelineId=${partner?.id}`);
    expect(figures(b)).toEqual({
      Pilot: { count: 1, totals: [{ currency: 'EUR', amount: 5_000, weighted: 2_000 }] },
      Won: { count: 0, totals: [] },
      Lost: { count: 0, totals: [] },
    });
    expectInvalid(await t.get(`/api/deals/board?pipelineId=${MISSING_ID}`, anna), 'query.pipelineId');
    expectInvalid(await t.get('/api/deals/board?closeQuarter=2027-Q5', anna), 'query.closeQuarter');
    expectInvalid(await t.get('/api/deals/board?perStage=0', anna), 'query.perStage');
    expectInvalid(await t.get('/api/deals/board?ownerId=someone', anna), 'query.ownerId');
  });
});
