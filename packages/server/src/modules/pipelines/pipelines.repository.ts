import type { Db } from '../../db/db.js';
import type { PipelineStagesTable, PipelinesTable } from '../../db/schema.js';

export const listPipelineRows = (db: Db) =>
  db.selectFrom('pipelines').selectAll().orderBy('is_default', 'desc').orderBy('name').orderBy('id').execute();

export const findPipelineRow = (db: Db, id: string) =>
  db.selectFrom('pipelines').selectAll().where('id', '=', id).executeTakeFirst();

export const findDefaultPipelineRow = (db: Db) =>
  db
    .selectFrom('pipelines')
    .selectAll()
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();

export const listStageRows = (db: Db, pipelineIds: string[]) =>
  pipelineIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('pipeline_stages')
        .selectAll()
        .where('pipeline_id', 'in', pipelineIds)
        .orderBy('pipeline_id')
        .orderBy('position')
        .execute();

export const findStageRow = (db: Db, id: string) =>
  db.selectFrom('pipeline_stages').selectAll().where('id', '=', id).executeTakeFirst();

/** Inserts a pipeline unless its id exists; true when this call inserted it. */
export const insertPipeline = async (db: Db, row: PipelinesTable): Promise<boolean> => {
  const result = await db
    .insertInto('pipelines')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
};

export const insertStages = (db: Db, rows: PipelineStagesTable[]) =>
  rows.length === 0
    ? Promise.resolve()
    : db
        .insertInto('pipeline_stages')
        .values(rows)
        .execute()
        .then(() => {});

export const updateStage = (db: Db, id: string, set: Omit<PipelineStagesTable, 'id' | 'pipeline_id'>) =>
  db.updateTable('pipeline_stages').set(set).where('id', '=', id).execute();

export const deleteStages = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve()
    : db
        .deleteFrom('pipeline_stages')
        .where('id', 'in', ids)
        .execute()
        .then(() => {});

export const updatePipelineRow = (db: Db, id: string, version: number, set: Partial<PipelinesTable>) =>
  db
    .updateTable('pipelines')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

/** Only one pipeline is the default: clears the flag on every other one. */
export const clearOtherDefaults = (db: Db, keepId: string, now: string) =>
  db
    .updateTable('pipelines')
    .set((eb) => ({ is_default: 0, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '!=', keepId)
    .where('is_default', '=', 1)
    .execute();

/** Stage ids among `ids` that any deal (trashed ones included) still points at. */
export const stagesWithDeals = async (db: Db, ids: string[]): Promise<string[]> =>
  ids.length === 0
    ? []
    : (await db.selectFrom('deals').select('stage_id').distinct().where('stage_id', 'in', ids).execute()).map(
        (r) => r.stage_id,
      );

export const countPipelines = async (db: Db): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('pipelines')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
