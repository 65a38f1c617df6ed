import type { CreatePipelineInput, Pipeline, Stage, StageInput, UpdatePipelineInput } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { PipelineStagesTable, PipelinesTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { recordAudit } from '../timeline/timeline.service.js';
import {
  clearOtherDefaults,
  countPipelines,
  deleteStages,
  findDefaultPipelineRow,
  findPipelineRow,
  insertPipeline,
  insertStages,
  listPipelineRows,
  listStageRows,
  stagesWithDeals,
  updatePipelineRow,
  updateStage,
} from './pipelines.repository.js';

/** The default pipeline has a fixed id, so that servers starting at once create it only once. */
export const DEFAULT_PIPELINE_ID = '00000000-0000-7000-8000-000000000001';

const defaultStages: Omit<StageInput, 'id'>[] = [
  { nameDe: 'Qualifizierung', nameEn: 'Qualification', probability: 10, staleAfterDays: 14, kind: 'open' },
  { nameDe: 'Bedarfsanalyse', nameEn: 'Needs analysis', probability: 25, staleAfterDays: 21, kind: 'open' },
  { nameDe: 'Angebot', nameEn: 'Proposal', probability: 50, staleAfterDays: 21, kind: 'open' },
  { nameDe: 'Verhandlung', nameEn: 'Negotiation', probability: 75, staleAfterDays: 14, kind: 'open' },
  { nameDe: 'Gewonnen', nameEn: 'Won', probability: 100, staleAfterDays: null, kind: 'won' },
  { nameDe: 'Verloren', nameEn: 'Lost', probability: 0, staleAfterDays: null, kind: 'lost' },
];

type StageRow = PipelineStagesTable;

export const presentStage = (s: StageRow): Stage => ({
  id: s.id,
  position: s.position,
  nameDe: s.name_de,
  nameEn: s.name_en,
  probability: s.probability,
  staleAfterDays: s.stale_after_days,
  kind: s.kind as Stage['kind'],
});

export const presentPipeline = (p: PipelinesTable, stages: StageRow[]): Pipeline => ({
  id: p.id,
  version: p.version,
  createdAt: p.created_at,
  updatedAt: p.updated_at,
  name: p.name,
  isDefault: p.is_default === 1,
  stages: stages.filter((s) => s.pipeline_id === p.id).map(presentStage),
});

const stageRow = (pipelineId: string, s: Omit<StageInput, 'id'>, position: number, id = newId()): StageRow => ({
  id,
  pipeline_id: pipelineId,
  position,
  name_de: s.nameDe,
  name_en: s.nameEn,
  probability: s.probability,
  stale_after_days: s.kind === 'open' ? s.staleAfterDays : null,
  kind: s.kind,
});

const insertDefaultPipeline = async (db: Db): Promise<void> => {
  if ((await countPipelines(db)) > 0) return;
  const now = nowIso();
  const inserted = await insertPipeline(db, {
    id: DEFAULT_PIPELINE_ID,
    name: 'B2B',
    is_default: 1,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  if (inserted)
    await insertStages(
      db,
      defaultStages.map((s, i) => stageRow(DEFAULT_PIPELINE_ID, s, i)),
    );
};

/** Creates the default B2B pipeline in a workspace that has none; every server calls it at start. */
export const ensureDefaultPipeline = (ctx: AppContext): Promise<void> =>
  ctx.db.transaction().execute((trx) => insertDefaultPipeline(trx));

/** A pipeline with its ordered stages, as the deals service needs it. */
export interface PipelineWithStages {
  pipeline: PipelinesTable;
  stages: StageRow[];
}

/** The named pipeline (a field error when unknown), or the default one, created if the workspace has none. */
export const resolvePipeline = async (db: Db, id?: string, path = 'pipelineId'): Promise<PipelineWithStages> => {
  let pipeline = id ? await findPipelineRow(db, id) : await findDefaultPipelineRow(db);
  if (!pipeline && id) throw fieldError(path, 'Unknown pipeline');
  if (!pipeline) {
    await insertDefaultPipeline(db);
    pipeline = await findDefaultPipelineRow(db);
    if (!pipeline) throw new AppError('pipeline_not_found');
  }
  return { pipeline, stages: await listStageRows(db, [pipeline.id]) };
};

/** Every pipeline with its stages, the default first. */
export const listPipelines = async (ctx: AppContext): Promise<Pipeline[]> => {
  const rows = await listPipelineRows(ctx.db);
  const stages = await listStageRows(
    ctx.db,
    rows.map((p) => p.id),
  );
  return rows.map((p) => presentPipeline(p, stages));
};

const load = async (db: Db, id: string): Promise<Pipeline> => {
  const row = await findPipelineRow(db, id);
  if (!row) throw new AppError('pipeline_not_found');
  return presentPipeline(row, await listStageRows(db, [id]));
};

export const getPipeline = (ctx: AppContext, id: string): Promise<Pipeline> => load(ctx.db, id);

/** Creates a pipeline with its stages in the given order (admins). */
export const createPipeline = async (ctx: AppContext, actor: Actor, input: CreatePipelineInput): Promise<Pipeline> => {
  assertCan(actor, 'pipelines.manage');
  const stray = input.stages.findIndex((s) => s.id !== undefined);
  if (stray >= 0) throw fieldError(`stages.${stray}.id`, 'A new pipeline has only new stages');
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const id = newId();
    await insertPipeline(trx, {
      id,
      name: input.name,
      is_default: input.isDefault ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await insertStages(
      trx,
      input.stages.map((s, i) => stageRow(id, s, i)),
    );
    if (input.isDefault) await clearOtherDefaults(trx, id, now);
    await recordAudit(trx, actor, 'pipeline', id, 'created');
    return load(trx, id);
  });
};

/**
 * Renames, reorders, adds and removes stages (admins). `stages` is the complete new list: a stage with
 * an id is kept, one without is added, one left out is removed — refused while deals are in it, as is
 * changing the kind (open/won/lost) of a stage that holds deals.
 */
export const updatePipeline = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdatePipelineInput,
): Promise<Pipeline> => {
  assertCan(actor, 'pipelines.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findPipelineRow(trx, id);
    if (!row) throw new AppError('pipeline_not_found');
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    const before = presentPipeline(row, await listStageRows(trx, [id]));
    if (input.isDefault === false && before.isDefault) {
      throw fieldError('isDefault', 'Make another pipeline the default instead');
    }
    const now = nowIso();
    const changes: { field: string; from: unknown; to: unknown }[] = [];
    if (input.name !== undefined && input.name !== before.name) {
      changes.push({ field: 'name', from: before.name, to: input.name });
    }
    if (input.isDefault && !before.isDefault) changes.push({ field: 'isDefault', from: false, to: true });
    if (input.stages) {
      const existing = new Map(before.stages.map((s) => [s.id, s]));
      const seen = new Set<string>();
      input.stages.forEach((s, i) => {
        if (s.id === undefined) return;
        if (!existing.has(s.id) || seen.has(s.id)) throw fieldError(`stages.${i}.id`, 'Not a stage of this pipeline');
        seen.add(s.id);
      });
      const removed = before.stages.filter((s) => !seen.has(s.id)).map((s) => s.id);
      const rekinded = input.stages.flatMap((s) => (s.id && existing.get(s.id)?.kind !== s.kind ? [s.id] : []));
      if ((await stagesWithDeals(trx, [...removed, ...rekinded])).length > 0) throw new AppError('stage_in_use');
      await deleteStages(trx, removed);
      const next = input.stages.map((s, i) => stageRow(id, s, i, s.id ?? newId()));
      for (const s of next.filter((n) => existing.has(n.id))) {
        const { id: stageId, pipeline_id: _, ...set } = s;
        await updateStage(trx, stageId, set);
      }
      await insertStages(
        trx,
        next.filter((n) => !existing.has(n.id)),
      );
      const after = next.map(presentStage);
      if (JSON.stringify(after) !== JSON.stringify(before.stages)) {
        changes.push({ field: 'stages', from: before.stages, to: after });
      }
    }
    if (changes.length === 0) return before;
    const result = await updatePipelineRow(trx, id, expectedVersion, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.isDefault && { is_default: 1 }),
      updated_at: now,
    });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    if (input.isDefault) await clearOtherDefaults(trx, id, now);
    await recordAudit(trx, actor, 'pipeline', id, 'updated', changes);
    return load(trx, id);
  });
};
