import type { Goal, GoalChain, GoalProgressResult, Page } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Goals as records: shared (owners from marketing and sales) or of one department, who may change them,
 * parent chains, the fiscal-year setting, and what an audit keeps. What each metric counts is
 * goal-metrics.test.ts.
 *
 * The clock stands on Wednesday 3 March 2027, 10:00 in Berlin (09:00 UTC).
 */

let t: TestApp;
let marketing: Session;
let sales: Session;
let otherMarketing: Session;
let viewer: Session;
let admin: Session;

const create = (as: Session, body: Record<string, unknown>) =>
  t.request<Goal>('POST', '/api/goals', { cookie: as.cookie, body });
const patch = (as: Session, id: string, version: number, body: Record<string, unknown>) =>
  t.request<Goal>('PATCH', `/api/goals/${id}`, { cookie: as.cookie, ifMatch: version, body });
const remove = (as: Session, id: string) => t.request('DELETE', `/api/goals/${id}`, { cookie: as.cookie });

const mqlGoal = (owners: Session[], extra: Record<string, unknown> = {}) => ({
  name: 'MQLs im März',
  metric: 'mqls',
  period: { type: 'month' },
  target: 5,
  ownerIds: owners.map((o) => o.user.id),
  ...extra,
});

const created = async (as: Session, body: Record<string, unknown>): Promise<Goal> => {
  const res = await create(as, body);
  expect(res.status, res.text).toBe(201);
  return res.body;
};

const audits = (id: string) =>
  t.ctx.db
    .selectFrom('timeline_entries')
    .select(['action', 'actor_id', 'data'])
    .where('entity_type', '=', 'goal')
    .where('entity_id', '=', id)
    .orderBy('created_at')
    .execute();

beforeAll(async () => {
  t = await startTestApp();
  t.clock.travelTo('2027-03-03T09:00:00Z');
  marketing = await t.session('marketing', 'member', 'Mia Marketing');
  sales = await t.session('sales', 'member', 'Sam Sales');
  otherMarketing = await t.session('marketing', 'member', 'Max Marketing');
  viewer = await t.session('sales', 'viewer', 'Vera Viewer');
  admin = await t.session('management', 'admin', 'Ada Admin');
});
afterAll(async () => {
  await t.close();
});

describe('shared and department goals', () => {
  it('a goal with owners from marketing and sales is shared; the period resolves in the workspace calendar', async () => {
    const goal = await created(marketing, mqlGoal([marketing, sales]));
    expect(goal).toMatchObject({
      name: 'MQLs im März',
      metric: 'mqls',
      unit: 'count',
      direction: 'higher',
      filters: {},
      period: { type: 'month', from: '2027-03-01', to: '2027-03-31' },
      target: 5,
      currency: null,
      shared: true,
      parent: null,
      repeat: false,
      seriesId: goal.id,
      createdBy: { id: marketing.user.id },
      version: 1,
    });
    expect(goal.owners.map((o) => o.department).sort()).toEqual(['marketing', 'sales']);
    expect(await audits(goal.id)).toEqual([
      expect.objectContaining({ action: 'created', actor_id: marketing.user.id }),
    ]);
  });

  it('a goal owned by one department is a department goal, and everyone reads it', async () => {
    const goal = await created(sales, { ...mqlGoal([sales]), name: 'SQLs des Vertriebs', metric: 'sqls' });
    expect(goal.shared).toBe(false);
    const read = await t.get<Goal>(`/api/goals/${goal.id}`, otherMarketing);
    expect(read.status).toBe(200);
    expect(read.body.shared).toBe(false);
  });

  it('lists shared goals apart from department goals, and filters by owner and by the current period', async () => {
    const nextYear = await created(marketing, {
      ...mqlGoal([marketing, sales]),
      name: 'MQLs 2028',
      period: { type: 'year', start: '2028-01-01' },
    });
    const names = async (query: string) =>
      (await t.get<Page<Goal>>(`/api/goals?${query}`, viewer)).body.items.map((g) => g.name).sort();
    expect(await names('shared=true')).toEqual(['MQLs 2028', 'MQLs im März']);
    expect(await names('shared=false')).toEqual(['SQLs des Vertriebs']);
    expect(await names(`ownerId=${sales.user.id}&shared=false`)).toEqual(['SQLs des Vertriebs']);
    expect(await names('on=today&shared=true')).toEqual(['MQLs im März']);
    expect(await names('on=2028-06-30')).toEqual(['MQLs 2028']);
    // newest period first, one page at a time
    const first = await t.get<Page<Goal>>('/api/goals?limit=1', viewer);
    expect(first.body.items.map((g) => g.id)).toEqual([nextYear.id]);
    expect(first.body.nextCursor).not.toBeNull();
    const rest = await t.get<Page<Goal>>(
      `/api/goals?limit=10&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`,
      viewer,
    );
    expect(rest.body.items).toHaveLength(2);
    expect(rest.body.items.map((g) => g.id)).not.toContain(nextYear.id);
  });

  it('lists with progress when asked, the same figures the progress endpoint gives', async () => {
    const goal = await created(marketing, { ...mqlGoal([marketing, sales]), name: 'Mit Fortschritt' });
    const list = await t.get<Page<Goal>>('/api/goals?withProgress=true&on=today', viewer);
    const item = list.body.items.find((g) => g.id === goal.id);
    const progress = await t.get<GoalProgressResult>(`/api/goals/${goal.id}/progress`, viewer);
    const { series, ...summary } = progress.body;
    expect(item?.progress).toEqual(summary);
    // March 2027 has 23 weekdays, less Good Friday (26th) and Easter Monday (29th): 21 business days.
    // Mon 1 – Wed 3 March have passed: 5 × 3 ÷ 21 = 0.714…
    expect(summary).toMatchObject({ target: 5, elapsedBusinessDays: 3, totalBusinessDays: 21 });
    expect(summary.expectedToDate).toBe(0.71);
    expect(series).toHaveLength(31);
    expect(series[2]).toMatchObject({ date: '2027-03-03', actual: summary.actual });
    expect(series[3]).toMatchObject({ date: '2027-03-04', actual: null });
  });

  it('figures are read again as soon as the data under them changes', async () => {
    const goal = await created(marketing, {
      ...mqlGoal([marketing]),
      name: 'Frisch gezählt',
      filters: { source: 'fresh-count' },
    });
    const actual = async () => (await t.get<GoalProgressResult>(`/api/goals/${goal.id}/progress`, viewer)).body.actual;
    expect(await actual()).toBe(0);
    expect(await actual()).toBe(0);
    await t.createContact(marketing, {
      firstName: 'Fria',
      lastName: 'Frisch',
      source: 'fresh-count',
      lifecycleStage: 'mql',
    });
    expect(await actual()).toBe(1);
    const listed = await t.get<Page<Goal>>('/api/goals?withProgress=true&on=today', viewer);
    expect(listed.body.items.find((g) => g.id === goal.id)?.progress?.actual).toBe(1);
  });

  it('a period that has not begun is not started', async () => {
    const goal = await created(marketing, {
      ...mqlGoal([marketing]),
      name: 'Später',
      period: { type: 'custom', from: '2027-06-01', to: '2027-06-30' },
    });
    const progress = await t.get<GoalProgressResult>(`/api/goals/${goal.id}/progress`, viewer);
    expect(progress.body).toMatchObject({ actual: 0, status: 'not_started', expectedToDate: 0, forecast: 0 });
    expect(progress.body.series.every((p) => p.actual === null)).toBe(true);
  });

  it('quarters follow the fiscal year the admins set', async () => {
    const settings = await t.get<{ version: number; value: Record<string, unknown> }>('/api/settings/goals', admin);
    const put = await t.request('PUT', '/api/settings/goals', {
      cookie: admin.cookie,
      ifMatch: settings.body.version,
      body: { ...settings.body.value, fiscalYearStartMonth: 4 },
    });
    expect(put.status, put.text).toBe(200);
    const goal = await created(marketing, { ...mqlGoal([marketing]), name: 'Q4 fiskal', period: { type: 'quarter' } });
    // fiscal year from April: 3 March 2027 lies in the quarter January – March
    expect(goal.period).toEqual({ type: 'quarter', from: '2027-01-01', to: '2027-03-31' });
    const year = await created(marketing, { ...mqlGoal([marketing]), name: 'GJ', period: { type: 'year' } });
    expect(year.period).toEqual({ type: 'year', from: '2026-04-01', to: '2027-03-31' });
    const members = await t.request('PUT', '/api/settings/goals', {
      cookie: marketing.cookie,
      body: { ...settings.body.value, fiscalYearStartMonth: 1 },
    });
    expectProblem(members, 403, 'forbidden');
  });
});

describe('who may change a goal', () => {
  it('viewers read but do not create', async () => {
    const res = await t.unchanged(() => create(viewer, mqlGoal([viewer])));
    expectProblem(res, 403, 'forbidden');
  });

  it('an owner edits; someone who is not an owner does not, and nothing changes', async () => {
    const goal = await created(marketing, mqlGoal([marketing, sales], { name: 'Gemeinsam' }));
    const refused = await t.unchanged(() => patch(otherMarketing, goal.id, goal.version, { target: 50 }));
    expectProblem(refused, 403, 'forbidden');
    expectProblem(await t.unchanged(() => remove(otherMarketing, goal.id)), 403, 'forbidden');

    const edited = await patch(sales, goal.id, goal.version, { target: 8, name: 'Gemeinsam, mehr' });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ target: 8, name: 'Gemeinsam, mehr', version: 2 });
    const entries = await audits(goal.id);
    expect(entries.map((e) => e.action)).toEqual(['created', 'updated']);
    expect(JSON.parse(entries[1]?.data ?? '{}')).toMatchObject({
      changes: expect.arrayContaining([
        { field: 'name', from: 'Gemeinsam', to: 'Gemeinsam, mehr' },
        { field: 'target', from: 5, to: 8 },
      ]),
    });

    const stale = await t.unchanged(() => patch(marketing, goal.id, goal.version, { target: 9 }));
    expectProblem(stale, 412, 'version_conflict');
  });

  it('owners change the owners; a goal that loses its sales owner is no longer shared', async () => {
    const goal = await created(marketing, mqlGoal([marketing, sales], { name: 'Wird Abteilungsziel' }));
    const res = await patch(marketing, goal.id, goal.version, { ownerIds: [marketing.user.id] });
    expect(res.status, res.text).toBe(200);
    expect(res.body.shared).toBe(false);
    expect(res.body.owners.map((o) => o.id)).toEqual([marketing.user.id]);
  });

  it('admins edit and delete any goal; a deleted goal is gone and audited', async () => {
    const goal = await created(marketing, mqlGoal([marketing], { name: 'Weg damit' }));
    const res = await remove(admin, goal.id);
    expect(res.status).toBe(204);
    expectProblem(await t.get(`/api/goals/${goal.id}`, viewer), 404, 'goal_not_found');
    expect((await audits(goal.id)).map((e) => [e.action, e.actor_id])).toEqual([
      ['created', marketing.user.id],
      ['deleted', admin.user.id],
    ]);
  });

  it('unknown goals are 404', async () => {
    expectProblem(await t.get(`/api/goals/${MISSING_ID}`, viewer), 404, 'goal_not_found');
    expectProblem(await t.get(`/api/goals/${MISSING_ID}/progress`, viewer), 404, 'goal_not_found');
    expectProblem(await t.unchanged(() => patch(admin, MISSING_ID, 1, { target: 1 })), 404, 'goal_not_found');
    expectProblem(await t.unchanged(() => remove(admin, MISSING_ID)), 404, 'goal_not_found');
  });
});

describe('chains', () => {
  let revenue: Goal;
  let pipeline: Goal;
  let sqls: Goal;
  let mqls: Goal;

  beforeAll(async () => {
    revenue = await created(sales, {
      name: 'Umsatz Q1',
      metric: 'revenue_won',
      period: { type: 'quarter', start: '2027-01-15' },
      target: 50_000_00,
      currency: 'EUR',
      ownerIds: [sales.user.id],
    });
    pipeline = await created(sales, {
      name: 'Pipeline Q1',
      metric: 'pipeline_created',
      filters: { department: 'any' },
      period: { type: 'quarter', start: '2027-01-15' },
      target: 200_000_00,
      currency: 'EUR',
      ownerIds: [sales.user.id, marketing.user.id],
      parentId: revenue.id,
    });
    sqls = await created(sales, {
      ...mqlGoal([sales]),
      name: 'SQLs März',
      metric: 'sqls',
      parentId: pipeline.id,
    });
    mqls = await created(marketing, {
      ...mqlGoal([marketing]),
      name: 'MQLs März',
      target: 40,
      parentId: sqls.id,
      filters: { source: 'kette' },
    });
  });

  it('shows every link from the root down, each with its own status, from any goal of the chain', async () => {
    for (const from of [mqls, revenue]) {
      const chain = await t.get<GoalChain>(`/api/goals/${from.id}/chain`, viewer);
      expect(chain.status, chain.text).toBe(200);
      expect(chain.body.links.map((l) => [l.name, l.depth, l.parentId, l.departments])).toEqual([
        ['Umsatz Q1', 0, null, ['sales']],
        ['Pipeline Q1', 1, revenue.id, ['marketing', 'sales']],
        ['SQLs März', 2, pipeline.id, ['sales']],
        ['MQLs März', 3, sqls.id, ['marketing']],
      ]);
      expect(chain.body.links[1]?.shared).toBe(true);
      // nothing was won, created, qualified or handed over: every link is behind its pace
      for (const link of chain.body.links) {
        expect(link.progress.actual).toBe(0);
        expect(link.progress.status).toBe('off_track');
      }
    }
    expect((await t.get<Goal>(`/api/goals/${sqls.id}`, viewer)).body.parent).toEqual({
      id: pipeline.id,
      name: 'Pipeline Q1',
    });
  });

  it('refuses a parent that would close a loop, or a goal as its own parent', async () => {
    const loop = await t.unchanged(() => patch(sales, revenue.id, revenue.version, { parentId: mqls.id }));
    expectInvalid(loop, 'parentId');
    const self = await t.unchanged(() => patch(sales, revenue.id, revenue.version, { parentId: revenue.id }));
    expectInvalid(self, 'parentId');
    expectInvalid(await t.unchanged(() => create(sales, mqlGoal([sales], { parentId: MISSING_ID }))), 'parentId');
  });

  it('deleting a link keeps the goals below it, without a parent', async () => {
    expect((await remove(sales, sqls.id)).status).toBe(204);
    expect((await t.get<Goal>(`/api/goals/${mqls.id}`, viewer)).body.parent).toBeNull();
    const chain = await t.get<GoalChain>(`/api/goals/${mqls.id}/chain`, viewer);
    expect(chain.body.links.map((l) => l.name)).toEqual(['MQLs März']);
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['an unknown metric', { metric: 'leads_galore' }, 'metric'],
    ['an unknown filter', { filters: { colour: 'blue' } }, 'filters.colour'],
    ['an unknown campaign', { filters: { campaign: MISSING_ID } }, 'filters.campaign'],
    ['a channel not in the list', { filters: { channel: 'carrier_pigeon' } }, 'filters.channel'],
    [
      'a custom period ending before it starts',
      { period: { type: 'custom', from: '2027-03-10', to: '2027-03-01' } },
      'period.to',
    ],
    ['a custom period without an end', { period: { type: 'custom', from: '2027-03-10' } }, 'period.to'],
    ['a negative target', { target: -1 }, 'target'],
    ['half an MQL', { target: 2.5 }, 'target'],
    ['a currency on a count', { currency: 'EUR' }, 'currency'],
    ['money without a currency', { metric: 'revenue_won', target: 100 }, 'currency'],
    ['a rate above 100 %', { metric: 'win_rate', target: 120 }, 'target'],
    ['an unknown owner', { ownerIds: [MISSING_ID] }, 'ownerIds'],
    ['no owner', { ownerIds: [] }, 'ownerIds'],
    [
      'a repeating custom period',
      { repeat: true, period: { type: 'custom', from: '2027-03-01', to: '2027-03-31' } },
      'repeat',
    ],
    ['an unknown team', { teamId: MISSING_ID }, 'teamId'],
  ])('%s → 400 at %s', async (_what, change, path) => {
    const res = await t.unchanged(() => create(marketing, { ...mqlGoal([marketing]), ...change }));
    expectInvalid(res, path);
  });

  it('an inactive owner is refused', async () => {
    const gone = await t.createUser({ department: 'sales', role: 'member', name: 'Gone Gabi' });
    await t.ctx.db.updateTable('users').set({ active: 0 }).where('id', '=', gone.id).execute();
    const res = await t.unchanged(() => create(marketing, mqlGoal([marketing], { ownerIds: [gone.id] })));
    expectInvalid(res, 'ownerIds');
  });

  it('an edit with a filter the new metric does not take is refused', async () => {
    const goal = await created(marketing, mqlGoal([marketing], { filters: { source: 'webinar' } }));
    const res = await t.unchanged(() =>
      patch(marketing, goal.id, goal.version, { metric: 'sals', filters: { channel: 'webinar' } }),
    );
    expectInvalid(res, 'filters.channel');
  });
});
