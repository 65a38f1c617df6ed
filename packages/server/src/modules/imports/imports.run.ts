import type {
  ImportDateFormat,
  ImportDecimal,
  ImportDedupe,
  ImportEntity,
  ImportMapping,
  ImportRowError,
} from '@nenner/shared';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { nowIso } from '../../lib/ids.js';
import { type BatchCounts, type BatchScope, loadOtherEmails, planBatch } from './imports.batch.js';
import { type Encoding, type FileFormat, readFileRows } from './imports.read.js';
import {
  addImportProgress,
  type ImportRow,
  insertImportErrors,
  pipelinesWithStages,
  replaceImportErrors,
  streamImportChunks,
  writeBatch,
} from './imports.repository.js';
import { type ConvertedRow, convertRow, type PipelineLookup, type RowSettings } from './imports.rows.js';

/*
 * Walking the file in batches: the dry run (counts, errors, nothing written) and the run (each batch one
 * transaction with its progress, so a resumed run skips exactly the rows that were committed).
 */

// one transaction per batch: large enough that commits and the per-batch lookups are cheap, small enough
// that a batch holds the write lock for about a second and its records fit in memory many times over
export const BATCH_ROWS = 5000;

export const settingsOf = (imp: ImportRow): RowSettings => ({
  entity: imp.entity as ImportEntity,
  mapping: JSON.parse(imp.mapping) as ImportMapping,
  dateFormat: imp.date_format as ImportDateFormat,
  decimal: imp.decimal as ImportDecimal,
});

const readOptions = (imp: ImportRow) => ({
  format: imp.format as FileFormat,
  encoding: imp.encoding as Encoding,
  delimiter: imp.delimiter,
  decimal: imp.decimal as ImportDecimal,
});

export const loadPipelines = async (db: Db): Promise<PipelineLookup> => {
  const { pipelines, stages } = await pipelinesWithStages(db);
  const byId: PipelineLookup['byId'] = new Map();
  const byName: PipelineLookup['pipelines'] = new Map();
  for (const p of pipelines) {
    const entry = { id: p.id, stages: new Map<string, { id: string; kind: string }>() };
    for (const s of stages.filter((x) => x.pipeline_id === p.id)) {
      entry.stages.set(s.name_de.toLowerCase(), { id: s.id, kind: s.kind });
      entry.stages.set(s.name_en.toLowerCase(), { id: s.id, kind: s.kind });
    }
    byId.set(p.id, entry);
    byName.set(p.name.toLowerCase(), entry);
  }
  return {
    defaultPipelineId: pipelines.find((p) => p.is_default)?.id ?? pipelines[0]?.id ?? null,
    pipelines: byName,
    byId,
  };
};

/** The converted data rows of the file in batches, after skipping the first `skip` rows. */
const batchesOf = async function* (ctx: AppContext, imp: ImportRow, skip: number): AsyncGenerator<ConvertedRow[]> {
  const settings = settingsOf(imp);
  const pipelines =
    settings.entity === 'deals'
      ? await loadPipelines(ctx.db)
      : { defaultPipelineId: null, pipelines: new Map(), byId: new Map() };
  let header: string[] = [];
  let seen = 0;
  let batch: ConvertedRow[] = [];
  for await (const item of readFileRows(streamImportChunks(ctx.db, imp.id), readOptions(imp))) {
    if ('header' in item) {
      header = item.header;
      continue;
    }
    seen += 1;
    if (seen <= skip) continue;
    batch.push(
      'error' in item
        ? {
            row: item.row,
            values: null,
            note: null,
            errors: [{ row: item.row, column: null, value: null, message: 'malformed_row' }],
          }
        : convertRow(settings, header, item.row, item.cells, pipelines),
    );
    if (batch.length >= BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
};

const scopeOf = async (ctx: AppContext, imp: ImportRow, actor: BatchScope['actor']): Promise<BatchScope> => ({
  importId: imp.id,
  fileName: imp.file_name,
  dedupe: imp.dedupe as ImportDedupe,
  actor,
  otherEmails: imp.entity === 'contacts' ? await loadOtherEmails(ctx.db) : new Map(),
  pendingContacts: new Map(),
  pendingAccounts: new Map(),
});

export interface DryRun extends BatchCounts {
  total: number;
  errors: ImportRowError[];
}

/** Reads the whole file and plans every row without writing a record; keeps every error for the CSV. */
export const dryRun = async (ctx: AppContext, imp: ImportRow, actor: BatchScope['actor']): Promise<DryRun> => {
  const scope = await scopeOf(ctx, imp, actor);
  const out: DryRun = { total: 0, created: 0, updated: 0, skipped: 0, failed: 0, errors: [] };
  await replaceImportErrors(ctx.db, imp.id, []);
  for await (const batch of batchesOf(ctx, imp, 0)) {
    const { counts, writes } = await planBatch(ctx.db, scope, batch, nowIso());
    out.total += batch.length;
    out.created += counts.created;
    out.updated += counts.updated;
    out.skipped += counts.skipped;
    out.failed += counts.failed;
    await insertImportErrors(ctx.db, writes.errors);
    for (const e of writes.errors)
      if (out.errors.length < 100)
        out.errors.push({ row: e.row_number, column: e.column_name, value: e.value, message: e.message });
  }
  return out;
};

/**
 * Runs the import from the rows already done until the file ends (true) or `until` (epoch ms) passes (false).
 * Each batch commits its records, its changes for undo, its errors and the progress together.
 */
export const runBatches = async (
  ctx: AppContext,
  imp: ImportRow,
  actor: BatchScope['actor'],
  until: number,
): Promise<boolean> => {
  const scope = await scopeOf(ctx, imp, actor);
  for await (const batch of batchesOf(ctx, imp, imp.processed)) {
    const started = Date.now();
    await ctx.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const { counts, writes } = await planBatch(trx, scope, batch, now);
      await writeBatch(trx, writes);
      await addImportProgress(trx, imp.id, { processed: batch.length, ...counts, runMs: Date.now() - started }, now);
    });
    // the database has this batch now: the next one finds its records there
    scope.pendingContacts.clear();
    scope.pendingAccounts.clear();
    if (Date.now() > until) return false;
  }
  return true;
};

/** The rows of a CSV file, counted by its line breaks (a quoted line break counts too; the end corrects it). */
export const estimateRows = async (ctx: AppContext, imp: ImportRow): Promise<number> => {
  if (imp.format !== 'csv') return 0;
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of streamImportChunks(ctx.db, imp.id)) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines += 1;
    last = chunk[chunk.length - 1] ?? last;
  }
  return Math.max(0, lines - 1 + (last === 0x0a ? 0 : 1));
};
