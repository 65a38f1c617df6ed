import type { Dashboard, DashboardList } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Dashboards: the built-in default for everyone, personal ones, shared ones read-only for others;
 * owners and admins change them with If-Match; strict widget validation with field paths; every
 * mutation audited; denied and invalid requests change nothing.
 */

let t: TestApp;
let admin: Session;
let mia: Session;
let sam: Session;
let viewer: Session;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin', 'Ada Admin');
  mia = await t.session('marketing', 'member', 'Mia Marketing');
  sam = await t.session('sales', 'member', 'Sam Seller');
  viewer = await t.session('management', 'viewer', 'Vic Viewer');
});
afterAll(async () => {
  await t.close();
});

const create = (as: Session, body: Record<string, unknown>) =>
  t.request<Dashboard>('POST', '/api/dashboards', { cookie: as.cookie, body });
const patch = (as: Session, id: string, version: number | undefined, body: Record<string, unknown>) =>
  t.request<Dashboard>('PATCH', `/api/dashboards/${id}`, { cookie: as.cookie, body, ifMatch: version });
const remove = (as: Session, id: string) => t.request('DELETE', `/api/dashboards/${id}`, { cookie: as.cookie });
const list = async (as: Session) => {
  const res = await t.get<DashboardList>('/api/dashboards', as);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
};

/** The dashboards table and the audit entries besides the harness snapshot (which does not list them). */
const dashboardState = async () => ({
  dashboards: await t.ctx.db.selectFrom('dashboards').selectAll().orderBy('id').execute(),
  audits: await t.ctx.db
    .selectFrom('timeline_entries')
    .select(['entity_id', 'action'])
    .where('entity_type', '=', 'dashboard')
    .orderBy('id')
    .execute(),
});
const unchanged = async <T>(fn: () => Promise<T>): Promise<T> => {
  const before = await dashboardState();
  const result = await t.unchanged(fn);
  expect(await dashboardState()).toEqual(before);
  return result;
};
const auditsOf = (id: string) =>
  t.ctx.db
    .selectFrom('timeline_entries')
    .select(['action', 'actor_id', 'data'])
    .where('entity_type', '=', 'dashboard')
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute();

const funnel = { id: 'w1', type: 'funnel', period: 'thisQuarter', options: { by: 'channel' } };
const top = {
  id: 'w2',
  type: 'topCampaigns',
  title: 'Beste Aktionen',
  period: 'thisYear',
  options: { model: 'linear' },
};
const widget = (i: number) => ({ id: `w${i}`, type: 'leadFlow', period: 'last30' });

describe('dashboards', () => {
  it('lists the built-in default first for everyone, read-only; GET default answers it', async () => {
    const items = await list(viewer);
    expect(items[0]).toEqual({
      id: 'default',
      name: 'Default',
      widgets: [
        { id: 'funnel', type: 'funnel', period: 'thisQuarter' },
        { id: 'lead-flow', type: 'leadFlow', period: 'thisQuarter' },
        { id: 'pipeline-by-source', type: 'pipelineBySource', period: 'last365' },
        { id: 'top-campaigns', type: 'topCampaigns', period: 'thisYear', options: { model: 'w' } },
      ],
      shared: true,
      builtIn: true,
      owner: null,
      canEdit: false,
      version: 1,
      createdAt: null,
      updatedAt: null,
    });
    const one = await t.get<Dashboard>('/api/dashboards/default', sam);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(items[0]);
  });

  it('nobody changes or deletes the default, not even an admin', async () => {
    await unchanged(async () => {
      expectProblem(await patch(admin, 'default', 1, { name: 'Mine now' }), 403, 'forbidden');
      expectProblem(await remove(admin, 'default'), 403, 'forbidden');
    });
  });

  it('creates, reads, updates with If-Match and deletes; every mutation audited', async () => {
    const res = await create(mia, { name: 'Marketing-Woche', widgets: [funnel, top] });
    expect(res.status, res.text).toBe(201);
    const d = res.body;
    expect(d).toMatchObject({
      name: 'Marketing-Woche',
      widgets: [funnel, top],
      shared: false,
      builtIn: false,
      owner: { id: mia.user.id, name: 'Mia Marketing', department: 'marketing' },
      canEdit: true,
      version: 1,
    });
    expect(d.createdAt).toBe(d.updatedAt);
    expect((await t.get<Dashboard>(`/api/dashboards/${d.id}`, mia)).body).toEqual(d);
    expect((await list(mia)).map((x) => x.id)).toEqual(['default', d.id]);

    const renamed = await patch(mia, d.id, 1, { name: 'Marketing-Monat', widgets: [top, funnel] });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Marketing-Monat', widgets: [top, funnel], version: 2 });

    // a stale version changes nothing
    await unchanged(async () => {
      expectProblem(await patch(mia, d.id, 1, { name: 'Alt' }), 412, 'version_conflict');
      expectProblem(await patch(mia, d.id, undefined, { name: 'Ohne' }), 428, 'precondition_required');
    });
    // an edit that changes nothing keeps the version and writes no audit entry
    const same = await patch(mia, d.id, 2, { name: 'Marketing-Monat' });
    expect(same.body.version).toBe(2);

    expect(await remove(mia, d.id)).toMatchObject({ status: 204 });
    expectProblem(await t.get(`/api/dashboards/${d.id}`, mia), 404, 'dashboard_not_found');
    const audits = await auditsOf(d.id);
    expect(audits.map((a) => [a.action, a.actor_id])).toEqual([
      ['created', mia.user.id],
      ['updated', mia.user.id],
      ['deleted', mia.user.id],
    ]);
    expect(JSON.parse(String(audits[1]?.data)).changes.map((c: { field: string }) => c.field)).toEqual([
      'name',
      'widgets',
    ]);
  });

  it('refuses bad widgets strictly, naming the field', async () => {
    await unchanged(async () => {
      expectInvalid(await create(mia, { name: 'X', widgets: [{ ...funnel, type: 'pie' }] }), 'widgets.0.type');
      expectInvalid(
        await create(mia, { name: 'X', widgets: Array.from({ length: 13 }, (_, i) => widget(i)) }),
        'widgets',
      );
      expectInvalid(
        await create(mia, { name: 'X', widgets: [funnel, { ...top, period: 'yesterday' }] }),
        'widgets.1.period',
      );
      expectInvalid(await create(mia, { name: 'X', widgets: [{ ...funnel, color: 'red' }] }), 'widgets.0.color');
      // an option the widget type does not take, and a grouping it does not know
      expectInvalid(
        await create(mia, { name: 'X', widgets: [{ ...funnel, options: { model: 'w' } }] }),
        'widgets.0.options.model',
      );
      expectInvalid(
        await create(mia, { name: 'X', widgets: [{ ...funnel, options: { by: 'department' } }] }),
        'widgets.0.options.by',
      );
      expectInvalid(await create(mia, { name: 'X', widgets: [top, { ...funnel, id: 'w2' }] }), 'widgets.1.id');
      expectInvalid(await create(mia, { name: '  ', widgets: [] }), 'name');
      expectInvalid(await create(mia, { name: 'X', owner: sam.user.id }), 'owner');
    });
    // exactly twelve is fine
    const twelve = await create(mia, { name: 'Voll', widgets: Array.from({ length: 12 }, (_, i) => widget(i)) });
    expect(twelve.status, twelve.text).toBe(201);
    expect(twelve.body.widgets).toHaveLength(12);
    await unchanged(async () => {
      expectInvalid(
        await patch(mia, twelve.body.id, 1, { widgets: Array.from({ length: 13 }, (_, i) => widget(i)) }),
        'widgets',
      );
    });
  });

  it("another user's private dashboard is not found, and stays unchanged", async () => {
    const d = (await create(sam, { name: 'Meine Pipeline', widgets: [funnel] })).body;
    await unchanged(async () => {
      expectProblem(await t.get(`/api/dashboards/${d.id}`, mia), 404, 'dashboard_not_found');
      expectProblem(await patch(mia, d.id, 1, { name: 'Gekapert' }), 404, 'dashboard_not_found');
      expectProblem(await remove(mia, d.id), 404, 'dashboard_not_found');
      expectProblem(await t.get(`/api/dashboards/${MISSING_ID}`, mia), 404, 'dashboard_not_found');
    });
    expect((await list(mia)).map((x) => x.id)).not.toContain(d.id);
  });

  it('a shared dashboard is visible to everyone, read-only to all but its owner and admins', async () => {
    const d = (await create(sam, { name: 'Vertrieb gemeinsam', widgets: [top], shared: true })).body;
    expect(d.shared).toBe(true);
    const seen = (await list(mia)).find((x) => x.id === d.id);
    expect(seen).toMatchObject({
      name: 'Vertrieb gemeinsam',
      shared: true,
      canEdit: false,
      owner: { id: sam.user.id },
    });
    expect((await t.get<Dashboard>(`/api/dashboards/${d.id}`, viewer)).body.canEdit).toBe(false);
    await unchanged(async () => {
      expectProblem(await patch(mia, d.id, 1, { name: 'Marketing übernimmt' }), 403, 'forbidden');
      expectProblem(await remove(mia, d.id), 403, 'forbidden');
      expectProblem(await patch(viewer, d.id, 1, { shared: false }), 403, 'forbidden');
    });

    // an admin may change it; the owner stays the owner
    const byAdmin = await patch(admin, d.id, 1, { name: 'Vertrieb und Marketing' });
    expect(byAdmin.status, byAdmin.text).toBe(200);
    expect(byAdmin.body).toMatchObject({ name: 'Vertrieb und Marketing', version: 2, owner: { id: sam.user.id } });
    expect((await auditsOf(d.id)).at(-1)).toMatchObject({ action: 'updated', actor_id: admin.user.id });

    // unshared again: gone from the others' list
    expect((await patch(sam, d.id, 2, { shared: false })).status).toBe(200);
    expect((await list(mia)).map((x) => x.id)).not.toContain(d.id);
    expect((await list(sam)).map((x) => x.id)).toContain(d.id);
  });

  it('lists the default, then my own, then the shared ones of others', async () => {
    const own = (await create(viewer, { name: 'Aaa eigene Sicht', widgets: [] })).body;
    const other = (await create(admin, { name: 'Aaa geteilt', widgets: [], shared: true })).body;
    const hidden = (await create(admin, { name: 'Aaa privat', widgets: [] })).body;
    const ids = (await list(viewer)).map((x) => x.id);
    expect(ids[0]).toBe('default');
    expect(ids[1]).toBe(own.id);
    expect(ids.indexOf(other.id)).toBeGreaterThan(1);
    expect(ids).not.toContain(hidden.id);
    // an admin reads a private dashboard of someone else (they may change it)
    expect((await t.get<Dashboard>(`/api/dashboards/${own.id}`, admin)).body.canEdit).toBe(true);
  });

  it('needs a session', async () => {
    expectProblem(await t.request('GET', '/api/dashboards'), 401, 'unauthenticated');
  });
});
