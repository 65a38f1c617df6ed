import type { Contact, Handoff, ScoreBreakdown, ScoringRules } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { runDueJobs } from '../src/modules/jobs/jobs.service.js';
import { RESCORE_ALL_JOB, rescoreFadingScores, scoreDecayWindowMs } from '../src/modules/leads/leads.jobs.js';
import { jobHandlers } from '../src/worker.js';
import { ok } from './goal-helpers.js';
import type { Session, TestApp } from './harness.js';
import { startTestApp } from './harness.js';
import { setScoring } from './lead-helpers.js';

/*
 * Figures that agree (issue 14): the stored score (lists, cards) and its breakdown are one figure, and
 * reading the breakdown writes nothing. Scores that move without a write (touches fade, the rules change)
 * are caught up by the rescore job.
 *
 * Rules R1: threshold 30; title contains "leiter" 10; a form post 20, half-life 10 days.
 * T0 = 2 Feb 2026, 09:00 UTC.
 *
 *   contact  title              how                      score at T0      at T0 + 10 days (form counts half)
 *   A        Leiter Einkauf     API lead (a form touch)  10 + 20 = 30 MQL 10 + 10 = 20
 *   B        Assistenz          API lead (a form touch)   0 + 20 = 20     0 + 10 = 10
 *   C        Leiterin Vertrieb  created by hand          10               10 (nothing fades)
 *
 * Rules R2 (at T0 + 10 days): the title is worth 30. C: 30 ≥ 30 crosses, one handoff; A: 30 + 10 = 40;
 * B: 0 + 10 = 10.
 */

const DAY = 86_400_000;
const T0 = '2026-02-02T09:00:00.000Z';
const R1: ScoringRules = {
  mqlThreshold: 30,
  fit: [{ id: 'title', field: 'jobTitle', operator: 'contains', value: 'leiter', points: 10 }],
  engagement: [{ id: 'form', touchpointType: 'form_submission', points: 20, halfLifeDays: 10 }],
};
const R2: ScoringRules = { ...R1, fit: [{ ...(R1.fit[0] as ScoringRules['fit'][number]), points: 30 }] };

type Breakdown = z.infer<typeof ScoreBreakdown>;

let t: TestApp;
let marketer: Session;
let seller: Session;
const id: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };

const explain = (contactId: string) => t.get<Breakdown>(`/api/contacts/${contactId}/score`, seller);
const cardScore = async (contactId: string) => ok(await t.get<Contact>(`/api/contacts/${contactId}`, seller)).score;
const sum = (b: Breakdown) => Math.round(b.lines.reduce((n, l) => n + Number(l.points), 0));
const handoffsOf = async (contactId: string) =>
  ok(await t.get<{ items: Handoff[] }>(`/api/handoffs?contactId=${contactId}`, seller)).items;
const drainJobs = async () => {
  while ((await runDueJobs(t.ctx, jobHandlers)) > 0) {
    // drain
  }
};
const pendingRescores = async () =>
  (
    await t.ctx.db
      .selectFrom('jobs')
      .select('payload')
      .where('name', '=', RESCORE_ALL_JOB)
      .where('status', '=', 'pending')
      .execute()
  ).length;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.travelTo(T0);
  marketer = await t.session('marketing', 'member', 'Mara Marketing');
  seller = await t.session('sales', 'member', 'Sven Vertrieb');
  await setScoring(t, marketer, R1);
  await drainJobs(); // the rescore the rules change queued: no contacts yet
  t.clock.advance(1_000);
  for (const [key, jobTitle] of [
    ['A', 'Leiter Einkauf'],
    ['B', 'Assistenz'],
  ] as const) {
    const res = await t.request<{ contactId: string; score: number }>('POST', '/api/leads', {
      cookie: marketer.cookie,
      body: { email: `${key.toLowerCase()}@stahlbau-rhein.de`, lastName: key, jobTitle },
    });
    expect(res.status, res.text).toBe(201);
    id[key] = res.body.contactId;
  }
  id.C = (await t.createContact(marketer, { lastName: 'C', jobTitle: 'Leiterin Vertrieb', lifecycleStage: 'lead' })).id;
});

afterAll(() => t?.close());

describe('the decay window: how long a touch can still move a score', () => {
  // a touch worth p with half-life h counts until p·2^(−age/h) < 0.05, at h·log2(p/0.05) days; plus a day
  it.each([
    ['20 points, half-life 10 days', [{ points: 20, halfLifeDays: 10 }], 10 * Math.log2(400) + 1],
    ['5 points, half-life 14 days', [{ points: 5, halfLifeDays: 14 }], 14 * Math.log2(100) + 1],
    [
      'the longest of two rules',
      [
        { points: 2, halfLifeDays: 7 },
        { points: 25, halfLifeDays: 60 },
      ],
      60 * Math.log2(500) + 1,
    ],
    ['a touch that never fades moves no score with time', [{ points: 15, halfLifeDays: 0 }], 1],
    ['a negative rule fades like a positive one', [{ points: -20, halfLifeDays: 10 }], 10 * Math.log2(400) + 1],
  ])('%s', (_label, rules, days) => {
    const engagement = rules.map((r, i) => ({ id: `r${i}`, touchpointType: 'webinar', ...r }));
    expect(scoreDecayWindowMs({ mqlThreshold: 1, fit: [], engagement })).toBeCloseTo(days * DAY, 0);
  });
  it('20 points with half-life 10 days: about 87.4 days', () => {
    expect(scoreDecayWindowMs(R1) / DAY).toBeCloseTo(87.44, 2);
  });
});

describe('the stored score and its breakdown agree, and reading the breakdown writes nothing', () => {
  it('at T0 every card shows the score its breakdown adds up to; A crossed at its post, one handoff', async () => {
    const expected = { A: 30, B: 20, C: 10 };
    for (const key of ['A', 'B', 'C'] as const) {
      const b = ok(await explain(id[key]));
      expect({ key, score: b.score, state: b.state, sum: sum(b), card: await cardScore(id[key]) }).toEqual({
        key,
        score: expected[key],
        state: 'current',
        sum: expected[key],
        card: expected[key],
      });
      expect(Math.abs(Date.parse(b.scoredAt ?? '') - Date.parse(T0))).toBeLessThan(60_000);
    }
    expect((await handoffsOf(id.A)).length).toBe(1);
    expect((await handoffsOf(id.B)).length).toBe(0);
    expect((await handoffsOf(id.C)).length).toBe(0);
  });

  it('ten days later the GET still explains the stored 30 as of T0 and changes nothing', async () => {
    t.clock.advance(10 * DAY);
    const b = ok(await t.unchanged(() => explain(id.A)));
    expect(b).toMatchObject({ score: 30, state: 'current' });
    expect(b.lines).toEqual([
      expect.objectContaining({ kind: 'fit', ruleId: 'title', points: 10 }),
      expect.objectContaining({ kind: 'engagement', ruleId: 'form', ageDays: 0, points: 20 }),
    ]);
    expect(await cardScore(id.A)).toBe(30);
  });

  it('the periodic rescore stores the faded scores; card and breakdown agree again, as of now', async () => {
    const before = Date.now();
    // A and B have a form touch inside the window; C has no touch and was scored: left alone
    expect(await rescoreFadingScores(t.ctx)).toBe(2);
    const expected = { A: 20, B: 10, C: 10 };
    for (const key of ['A', 'B', 'C'] as const) {
      const b = ok(await explain(id[key]));
      expect({ key, score: b.score, sum: sum(b), card: await cardScore(id[key]) }).toEqual({
        key,
        score: expected[key],
        sum: expected[key],
        card: expected[key],
      });
    }
    const a = ok(await explain(id.A));
    expect(a.lines).toEqual([
      expect.objectContaining({ kind: 'fit', points: 10 }),
      expect.objectContaining({ kind: 'engagement', ageDays: 10, basePoints: 20, points: 10 }),
    ]);
    // scored now (the test clock: T0 + 10 days and the seconds the test ran)
    expect(Date.parse(a.scoredAt ?? '') - Date.parse(T0)).toBeGreaterThanOrEqual(10 * DAY);
    expect(Date.parse(a.scoredAt ?? '') - Date.parse(T0)).toBeLessThan(10 * DAY + (Date.now() - before) + 60_000);
    // idempotent: the same figures again, still one handoff
    await rescoreFadingScores(t.ctx);
    expect([await cardScore(id.A), await cardScore(id.B)]).toEqual([20, 10]);
    expect((await handoffsOf(id.A)).length).toBe(1);
  });

  it('the worker runs the rescore as a periodic task', async () => {
    const { runBackgroundOnce } = await import('../src/worker.js');
    t.clock.advance(DAY); // 11 days: A 10 + 20·2^(−1.1) = 10 + 9.3 → 19; B 9.3 → 9
    await runBackgroundOnce(t.ctx);
    expect([await cardScore(id.A), await cardScore(id.B), await cardScore(id.C)]).toEqual([19, 9, 10]);
    const b = ok(await explain(id.B));
    expect(b.lines).toEqual([expect.objectContaining({ kind: 'engagement', ageDays: 11, points: 9.3 })]);
  });
});

describe('a change of the rules rescores everyone through the job', () => {
  it('the rules change queues one full rescore; until it runs the breakdown says it is being updated', async () => {
    t.clock.advance(1_000);
    await setScoring(t, marketer, R2);
    expect(await pendingRescores()).toBe(1);
    const b = ok(await t.unchanged(() => explain(id.C)));
    expect(b).toEqual({ score: 10, threshold: 30, scoredAt: expect.any(String), state: 'updating', lines: [] });
    expect(await cardScore(id.C)).toBe(10);
  });

  it('the job rescores every contact; C crosses the threshold and gets exactly one handoff', async () => {
    t.clock.advance(1_000);
    await drainJobs();
    expect(await pendingRescores()).toBe(0);
    // 11 days: the form counts 9.3 (A and B); the title 30 (A and C)
    const expected = { A: 39, B: 9, C: 30 };
    for (const key of ['A', 'B', 'C'] as const) {
      const b = ok(await explain(id[key]));
      expect({ key, score: b.score, state: b.state, sum: sum(b), card: await cardScore(id[key]) }).toEqual({
        key,
        score: expected[key],
        state: 'current',
        sum: expected[key],
        card: expected[key],
      });
    }
    const handoffs = await handoffsOf(id.C);
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]).toMatchObject({ qualifiedReason: 'score' });
    expect(ok(await t.get<Contact>(`/api/contacts/${id.C}`, seller)).lifecycleStage).toBe('mql');
    // rescoring again opens no second handoff
    await rescoreFadingScores(t.ctx);
    await t.ctx.db.transaction().execute(async (trx) => {
      const { rescoreContact } = await import('../src/modules/leads/scoring.service.js');
      await rescoreContact(t.ctx, trx, id.C);
    });
    expect(await handoffsOf(id.C)).toHaveLength(1);
    expect((await handoffsOf(id.A)).length).toBe(1);
  });
});

describe("a change of a contact's fit facts rescores it in the same write", () => {
  it('a new job title: the card and the breakdown show the new score at once', async () => {
    const before = ok(await t.get<Contact>(`/api/contacts/${id.B}`, seller));
    const res = await t.request<Contact>('PATCH', `/api/contacts/${id.B}`, {
      cookie: seller.cookie,
      ifMatch: before.version,
      body: { jobTitle: 'Teamleiter' },
    });
    expect(res.status, res.text).toBe(200);
    // 30 (title) + 9.3 (form, 11 days) = 39 ≥ 30: B crosses and is handed over, once
    expect(res.body).toMatchObject({ score: 39, lifecycleStage: 'mql' });
    const b = ok(await explain(id.B));
    expect({ score: b.score, state: b.state, sum: sum(b) }).toEqual({ score: 39, state: 'current', sum: 39 });
    expect(await handoffsOf(id.B)).toHaveLength(1);
  });

  it('a new country on the account rescores its contacts in the same write', async () => {
    await setScoring(t, marketer, {
      ...R2,
      fit: [...R2.fit, { id: 'dach', field: 'country', operator: 'in', value: ['AT', 'CH'], points: 5 }],
    });
    await drainJobs();
    const a = ok(await t.get<Contact>(`/api/contacts/${id.A}`, seller));
    const account = ok(await t.get<{ id: string; version: number }>(`/api/accounts/${a.accountId}`, seller));
    const res = await t.request('PATCH', `/api/accounts/${account.id}`, {
      cookie: seller.cookie,
      ifMatch: account.version,
      body: { country: 'AT' },
    });
    expect(res.status, res.text).toBe(200);
    // A and B share the account (one company domain): 39 + 5 = 44 each; C has no account and stays 30
    for (const [key, score] of [
      ['A', 44],
      ['B', 44],
      ['C', 30],
    ] as const) {
      const b = ok(await explain(id[key]));
      expect({ key, card: await cardScore(id[key]), score: b.score, state: b.state, sum: sum(b) }).toEqual({
        key,
        card: score,
        score,
        state: 'current',
        sum: score,
      });
    }
  });
});

describe('a contact created by hand is scored with its fit facts and handed over when they qualify', () => {
  it.each([
    // rules R2: the title is worth 30, the threshold 30
    ['D', 'Leiter Marketing', 'lead', 30, 'mql', 1],
    ['E', 'Assistenz', 'lead', 0, 'lead', 0],
    ['F', 'Leiterin Einkauf', 'subscriber', 30, 'mql', 1],
    ['G', 'Leiter Service', 'customer', 30, 'customer', 0],
  ] as const)(
    '%s, %s, created as %s: score %i, then %s with %i handoffs',
    async (lastName, jobTitle, stage, score, after, handoffs) => {
      await setScoring(t, marketer, R2);
      await drainJobs();
      const created = await t.createContact(marketer, { lastName, jobTitle, lifecycleStage: stage });
      expect({ score: created.score, stage: created.lifecycleStage }).toEqual({ score, stage: after });
      const b = ok(await explain(created.id));
      expect({ score: b.score, state: b.state, sum: sum(b) }).toEqual({ score, state: 'current', sum: score });
      const opened = await handoffsOf(created.id);
      expect(opened).toHaveLength(handoffs);
      for (const h of opened) expect(h).toMatchObject({ qualifiedReason: 'score' });
    },
  );
});
