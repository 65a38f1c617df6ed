import type { Deal, Forecast, Pipeline, Team } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectInvalid,
  expectProblem,
  MISSING_ID,
  type Res,
  type Session,
  startTestApp,
  type TestApp,
} from './harness.js';

/*
 * The forecast for 2027-Q1, hand-computed. Default pipeline: Qualification 10 %, Needs analysis 25 %,
 * Proposal 50 %, Negotiation 75 %. Committed = won + open ≥ 75 %; best case = won + open ≥ 25 %;
 * weighted = won + Σ amount × probability, rounded once at the end.
 *
 *   d1 anna  Qualification  EUR 100000  2027-01-15   weighted  10000
 *   d2 anna  Proposal       EUR 200000  2027-02-01   weighted 100000   best case
 *   d3 bernd Negotiation    EUR 300000  2027-03-31   weighted 225000   committed, best case
 *   d4 bernd won            EUR 400000  2027-02-15   (closed, then dated into the quarter)
 *   d5 anna  lost           EUR 500000  2027-01-20   not counted
 *   d6 anna  Needs analysis EUR  12345  2027-01-01   weighted   3086.25 best case
 *   d7 anna  Proposal 999999 2027-04-01, d8 no close date, d9 2026-12-31, d11 trashed: not counted
 *   d10 carl Proposal       CHF  70000  2027-02-02   weighted  35000   best case
 *   d12 anna Partner pipeline "Pilot" 40 %, EUR 50000, 2027-03-01 — only without the pipeline filter
 *
 *   EUR (default pipeline): won 400000, committed 700000, best case 912345, weighted 738086.25 → 738086,
 *                           pipeline 612345, deals 5
 *   Teams: Nord = anna + bernd, Süd = bernd; carl has none.
 */

let t: TestApp;
let admin: Session;
let anna: Session;
let bernd: Session;
let carl: Session;
let pipeline: Pipeline;
let partner: Pipeline;
let nord: Team;
let sued: Team;

const ok = <T>(res: Res<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.body;
};

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin', 'Ada Admin');
  anna = await t.session('sales', 'member', 'Anna Vertrieb');
  bernd = await t.session('sales', 'member', 'Bernd Vertrieb');
  carl = await t.session('sales', 'member', 'Carl Vertrieb');
  pipeline = ok(await t.get<{ items: Pipeline[] }>('/api/pipelines', anna)).items[0] as Pipeline;
  const team = async (name: string, memberIds: string[]) =>
    ok(await t.request<Team>('POST', '/api/teams', { cookie: admin.cookie, body: { name, memberIds } }), 201);
  nord = await team('Nord', [anna.user.id, bernd.user.id]);
  sued = await team('Süd', [bernd.user.id]);
  partner = ok(
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
  const account = await t.createAccount(anna, { name: 'Prognose AG' });
  const stage = (nameEn: string) => pipeline.stages.find((s) => s.nameEn === nameEn)?.id;
  const deal = async (as: Session, body: Record<string, unknown>) =>
    ok(
      await t.request<Deal>('POST', '/api/deals', {
        cookie: as.cookie,
        body: { name: 'Prognose', accountId: account.id, ...body },
      }),
      201,
    );
  const closeAndDate = async (as: Session, d: Deal, outcome: 'won' | 'lost', closeDate: string) => {
    const closed = ok(
      await t.request<Deal>('POST', `/api/deals/${d.id}/close`, {
        cookie: as.cookie,
        body: { outcome, reason: 'price' },
      }),
    );
    ok(
      await t.request('PATCH', `/api/deals/${d.id}`, {
        cookie: as.cookie,
        ifMatch: closed.version,
        body: { closeDate },
      }),
    );
  };
  await deal(anna, { amount: 100_000, closeDate: '2027-01-15' });
  await deal(anna, { amount: 200_000, closeDate: '2027-02-01', stageId: stage('Proposal') });
  await deal(bernd, { amount: 300_000, closeDate: '2027-03-31', stageId: stage('Negotiation') });
  await closeAndDate(bernd, await deal(bernd, { amount: 400_000, closeDate: '2027-02-15' }), 'won', '2027-02-15');
  await closeAndDate(anna, await deal(anna, { amount: 500_000, closeDate: '2027-01-20' }), 'lost', '2027-01-20');
  await deal(anna, { amount: 12_345, closeDate: '2027-01-01', stageId: stage('Needs analysis') });
  await deal(anna, { amount: 999_999, closeDate: '2027-04-01', stageId: stage('Proposal') });
  await deal(anna, { amount: 999_999, stageId: stage('Proposal') });
  await deal(anna, { amount: 999_999, closeDate: '2026-12-31', stageId: stage('Proposal') });
  await deal(carl, { amount: 70_000, currency: 'CHF', closeDate: '2027-02-02', stageId: stage('Proposal') });
  const trashed = await deal(anna, { amount: 1_000, closeDate: '2027-02-02', stageId: stage('Negotiation') });
  expect((await t.request('DELETE', `/api/deals/${trashed.id}`, { cookie: anna.cookie })).status).toBe(204);
  await deal(anna, { amount: 50_000, closeDate: '2027-03-01', pipelineId: partner.id });
});
afterAll(async () => {
  await t?.close();
});

const EUR_DEFAULT = {
  currency: 'EUR',
  won: 400_000,
  committed: 700_000,
  bestCase: 912_345,
  weighted: 738_086,
  pipeline: 612_345,
  deals: 5,
};
const CHF = { currency: 'CHF', won: 0, committed: 0, bestCase: 70_000, weighted: 35_000, pipeline: 70_000, deals: 1 };
const ANNA = {
  currency: 'EUR',
  won: 0,
  committed: 0,
  bestCase: 212_345,
  weighted: 113_086,
  pipeline: 312_345,
  deals: 3,
};
const BERND = {
  currency: 'EUR',
  won: 400_000,
  committed: 700_000,
  bestCase: 700_000,
  weighted: 625_000,
  pipeline: 300_000,
  deals: 2,
};

describe('GET /api/reports/forecast', () => {
  it('one pipeline: totals, per owner and per team, per currency', async () => {
    const f = ok(await t.get<Forecast>(`/api/reports/forecast?quarter=2027-Q1&pipelineId=${pipeline.id}`, anna));
    expect(f).toMatchObject({ quarter: '2027-Q1', from: '2027-01-01', to: '2027-04-01', pipelineId: pipeline.id });
    expect(f.totals).toEqual([CHF, EUR_DEFAULT]);
    expect(f.byOwner).toEqual([
      { owner: { id: anna.user.id, name: 'Anna Vertrieb', department: 'sales' }, figures: [ANNA] },
      { owner: { id: bernd.user.id, name: 'Bernd Vertrieb', department: 'sales' }, figures: [BERND] },
      { owner: { id: carl.user.id, name: 'Carl Vertrieb', department: 'sales' }, figures: [CHF] },
    ]);
    // bernd is in both teams: his deals count for each; carl has no team
    expect(f.byTeam).toEqual([
      { team: { id: nord.id, name: 'Nord' }, figures: [EUR_DEFAULT] },
      { team: { id: sued.id, name: 'Süd' }, figures: [BERND] },
      { team: null, figures: [CHF] },
    ]);
  });

  it('all pipelines: the partner deal adds 50000 at 40 % (weighted 20000, best case)', async () => {
    const f = ok(await t.get<Forecast>('/api/reports/forecast?quarter=2027-Q1', anna));
    expect(f.pipelineId).toBeNull();
    expect(f.totals).toEqual([
      CHF,
      { ...EUR_DEFAULT, bestCase: 962_345, weighted: 758_086, pipeline: 662_345, deals: 6 },
    ]);
    expect(f.byOwner[0]?.figures).toEqual([
      { ...ANNA, bestCase: 262_345, weighted: 133_086, pipeline: 362_345, deals: 4 },
    ]);
  });

  it('another quarter holds what closes in it; viewers read it; bad queries are refused', async () => {
    const q2 = ok(await t.get<Forecast>('/api/reports/forecast?quarter=2027-Q2', anna));
    expect(q2.totals).toEqual([
      { currency: 'EUR', won: 0, committed: 0, bestCase: 999_999, weighted: 500_000, pipeline: 999_999, deals: 1 },
    ]);
    const viewer = await t.session('management', 'viewer', 'Vera Viewer');
    expect((await t.get('/api/reports/forecast?quarter=2030-Q4', viewer)).body).toMatchObject({
      totals: [],
      byOwner: [],
      byTeam: [],
    });
    expectInvalid(await t.get('/api/reports/forecast?quarter=2027-Q5', anna), 'query.quarter');
    expectInvalid(await t.get('/api/reports/forecast', anna), 'query.quarter');
    expectProblem(
      await t.get(`/api/reports/forecast?quarter=2027-Q1&pipelineId=${MISSING_ID}`, anna),
      404,
      'pipeline_not_found',
    );
    expect((await t.get('/api/reports/forecast?quarter=2027-Q1')).status).toBe(401);
  });
});
