import type { Deal, Pipeline } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_ID, ensureDefaultPipeline } from '../src/modules/pipelines/pipelines.service.js';
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
 * Pipelines: the default one every workspace starts with, and admins creating and editing pipelines —
 * stages renamed, reordered, added, removed (not while deals are in them) — with If-Match.
 */

let t: TestApp;
let admin: Session;
let anna: Session;

const STAGES = [
  { nameDe: 'Erstgespräch', nameEn: 'First call', probability: 20, staleAfterDays: 7 },
  { nameDe: 'Pilot', nameEn: 'Pilot', probability: 60 },
  { nameDe: 'Gewonnen', nameEn: 'Won', probability: 100, kind: 'won' },
  { nameDe: 'Verloren', nameEn: 'Lost', probability: 0, kind: 'lost' },
];

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin', 'Ada Admin');
  anna = await t.session('sales', 'member', 'Anna Vertrieb');
});
afterAll(async () => {
  await t?.close();
});

const ok = <T>(res: Res<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.body;
};
const list = async () => ok(await t.get<{ items: Pipeline[] }>('/api/pipelines', anna)).items;
const create = (as: Session, body: Record<string, unknown>) =>
  t.request<Pipeline>('POST', '/api/pipelines', { cookie: as.cookie, body });
const patch = (as: Session, id: string, body: Record<string, unknown>, ifMatch?: number) =>
  t.request<Pipeline>('PATCH', `/api/pipelines/${id}`, {
    cookie: as.cookie,
    body,
    ...(ifMatch !== undefined && { ifMatch }),
  });
/** The stage list as PATCH takes it back. */
const asInput = (p: Pipeline) =>
  p.stages.map(({ id, nameDe, nameEn, probability, staleAfterDays, kind }) => ({
    id,
    nameDe,
    nameEn,
    probability,
    staleAfterDays,
    kind,
  }));

describe('the default pipeline', () => {
  it('exists from the start, once, and starting again does not add another', async () => {
    const before = await list();
    expect(before.map((p) => [p.id, p.name, p.isDefault, p.stages.length])).toEqual([
      [DEFAULT_PIPELINE_ID, 'B2B', true, 6],
    ]);
    await t.unchanged(async () => {
      await ensureDefaultPipeline(t.ctx);
      await Promise.all([ensureDefaultPipeline(t.ctx), ensureDefaultPipeline(t.ctx)]);
    });
    expect(ok(await t.get<Pipeline>(`/api/pipelines/${DEFAULT_PIPELINE_ID}`, anna))).toEqual(before[0]);
  });
});

describe('creating pipelines (admins)', () => {
  it('creates one with its stages in order; as the default it takes over the flag', async () => {
    const created = ok(await create(admin, { name: 'Partner', stages: STAGES }), 201);
    expect(created).toMatchObject({ name: 'Partner', isDefault: false, version: 1 });
    expect(created.stages.map((s) => [s.position, s.nameEn, s.probability, s.staleAfterDays, s.kind])).toEqual([
      [0, 'First call', 20, 7, 'open'],
      [1, 'Pilot', 60, null, 'open'],
      [2, 'Won', 100, null, 'won'],
      [3, 'Lost', 0, null, 'lost'],
    ]);
    const second = ok(await create(admin, { name: 'Großkunden', isDefault: true, stages: STAGES }), 201);
    const all = await list();
    expect(all.map((p) => [p.name, p.isDefault])).toEqual([
      ['Großkunden', true],
      ['B2B', false],
      ['Partner', false],
    ]);
    // a new deal now goes to the new default pipeline
    const account = await t.createAccount(anna);
    const deal = ok(
      await t.request<Deal>('POST', '/api/deals', {
        cookie: anna.cookie,
        body: { name: 'D', accountId: account.id, amount: 1 },
      }),
      201,
    );
    expect(deal).toMatchObject({ pipelineId: second.id, stageId: second.stages[0]?.id });
    // the old default becomes the default again
    const b2b = all.find((p) => p.id === DEFAULT_PIPELINE_ID) as Pipeline;
    ok(await patch(admin, b2b.id, { isDefault: true }, b2b.version));
    expect((await list())[0]?.id).toBe(DEFAULT_PIPELINE_ID);
  });

  it('refuses members, bad stage lists and ids for new stages, changing nothing', async () => {
    expectProblem(await t.unchanged(() => create(anna, { name: 'X', stages: STAGES })), 403, 'forbidden');
    const twoWon = [...STAGES, { nameDe: 'Auch', nameEn: 'Also', probability: 100, kind: 'won' }];
    expectInvalid(await t.unchanged(() => create(admin, { name: 'X', stages: twoWon })), 'stages');
    expectInvalid(await t.unchanged(() => create(admin, { name: 'X', stages: STAGES.slice(2) })), 'stages');
    expectInvalid(
      await t.unchanged(() =>
        create(admin, { name: 'X', stages: [{ ...STAGES[0], probability: 101 }, ...STAGES.slice(1)] }),
      ),
      'stages.0.probability',
    );
    expectInvalid(
      await t.unchanged(() =>
        create(admin, { name: 'X', stages: [{ ...STAGES[0], id: MISSING_ID }, ...STAGES.slice(1)] }),
      ),
      'stages.0.id',
    );
    expectInvalid(await t.unchanged(() => create(admin, { name: '', stages: STAGES })), 'name');
  });
});

describe('editing a pipeline (admins, If-Match)', () => {
  it('renames, reorders, adds and removes stages; audited', async () => {
    const p = ok(await create(admin, { name: 'Projekt', stages: STAGES }), 201);
    const [first, pilot, won, lost] = asInput(p);
    const res = ok(
      await patch(
        admin,
        p.id,
        {
          name: 'Projektgeschäft',
          stages: [
            { ...pilot, nameDe: 'Pilotphase', probability: 65 },
            { nameDe: 'Angebot', nameEn: 'Proposal', probability: 80, staleAfterDays: 10 },
            won,
            lost,
          ],
        },
        p.version,
      ),
    );
    expect(res.name).toBe('Projektgeschäft');
    expect(res.version).toBe(2);
    expect(res.stages.map((s) => [s.position, s.nameDe, s.probability, s.kind])).toEqual([
      [0, 'Pilotphase', 65, 'open'],
      [1, 'Angebot', 80, 'open'],
      [2, 'Gewonnen', 100, 'won'],
      [3, 'Verloren', 0, 'lost'],
    ]);
    expect(res.stages[0]?.id).toBe(pilot?.id);
    expect(res.stages.map((s) => s.id)).not.toContain(first?.id);
    const audit = await t.ctx.db
      .selectFrom('timeline_entries')
      .select(['action', 'data'])
      .where('entity_type', '=', 'pipeline')
      .where('entity_id', '=', p.id)
      .orderBy('created_at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated']);
    expect(
      (JSON.parse(audit[1]?.data ?? '{}') as { changes: { field: string }[] }).changes.map((c) => c.field),
    ).toEqual(['name', 'stages']);
  });

  it('a stage with deals cannot be removed or change its kind (409); nothing changes', async () => {
    const p = ok(await create(admin, { name: 'Belegt', stages: STAGES }), 201);
    const account = await t.createAccount(anna);
    ok(
      await t.request('POST', '/api/deals', {
        cookie: anna.cookie,
        body: { name: 'Im Pilot', accountId: account.id, amount: 5, pipelineId: p.id, stageId: p.stages[1]?.id },
      }),
      201,
    );
    const [first, pilot, won, lost] = asInput(p);
    expectProblem(
      await t.unchanged(() => patch(admin, p.id, { stages: [first, won, lost] }, p.version)),
      409,
      'stage_in_use',
    );
    expectProblem(
      await t.unchanged(() =>
        patch(
          admin,
          p.id,
          { stages: [first, { ...pilot, kind: 'lost' }, { ...won }, { ...lost, kind: 'open' }] },
          p.version,
        ),
      ),
      409,
      'stage_in_use',
    );
    // the empty first stage can go
    const res = ok(await patch(admin, p.id, { stages: [pilot, won, lost] }, p.version));
    expect(res.stages.map((s) => s.nameEn)).toEqual(['Pilot', 'Won', 'Lost']);
  });

  it('refuses without If-Match, stale versions, members, foreign stage ids, and unsetting the default', async () => {
    const p = ok(await create(admin, { name: 'Streng', stages: STAGES }), 201);
    expectProblem(await t.unchanged(() => patch(admin, p.id, { name: 'Y' })), 428, 'precondition_required');
    expectProblem(await t.unchanged(() => patch(admin, p.id, { name: 'Y' }, 5)), 412, 'version_conflict');
    expectProblem(await t.unchanged(() => patch(anna, p.id, { name: 'Y' }, p.version)), 403, 'forbidden');
    const b2b = (await list()).find((x) => x.id === DEFAULT_PIPELINE_ID) as Pipeline;
    const foreign = [{ ...asInput(b2b)[0] }, ...asInput(p).slice(1)];
    expectInvalid(await t.unchanged(() => patch(admin, p.id, { stages: foreign }, p.version)), 'stages.0.id');
    expectInvalid(await t.unchanged(() => patch(admin, b2b.id, { isDefault: false }, b2b.version)), 'isDefault');
    expectProblem(await t.unchanged(() => patch(admin, MISSING_ID, { name: 'Y' }, 1)), 404, 'pipeline_not_found');
    expectProblem(await t.get(`/api/pipelines/${MISSING_ID}`, anna), 404, 'pipeline_not_found');
    // an edit that changes nothing keeps the version
    expect(ok(await t.unchanged(() => patch(admin, p.id, { name: 'Streng' }, p.version))).version).toBe(1);
  });
});
