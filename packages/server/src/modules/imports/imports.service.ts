import {
  type CreatedImport,
  type DryRunResult,
  type ImportEntity,
  type ImportMapping,
  type ImportState,
  importFields,
  suggestMapping,
  toCsv,
  type UpdateImportInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { assertCan, csvFile, type FileAnswer } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import { decodeSample, detectDelimiter, detectEncoding, formatOf, readFileRows } from './imports.read.js';
import {
  findImportRow,
  findSavedMapping,
  type ImportRow,
  insertImportChunks,
  insertImportRow,
  listImportErrors,
  saveMapping,
  updateImportRow,
} from './imports.repository.js';
import { dryRun } from './imports.run.js';

export const IMPORT_JOB = 'import_run';
const CHUNK_BYTES = 1 << 20;
const SAMPLE_BYTES = 64 * 1024;

/** The policy that writing the entity takes: members import into what their department may write. */
const writeAction = (entity: ImportEntity) => (entity === 'deals' ? 'deals.write' : 'records.write');

const signatureOf = (columns: readonly string[]) => JSON.stringify([...columns].map((c) => c.toLowerCase()).sort());

export const presentImport = (r: ImportRow): ImportState => {
  const rate = r.run_ms > 0 && r.processed > 0 ? Math.round((r.processed / r.run_ms) * 1000) : null;
  return {
    id: r.id,
    entity: r.entity as ImportEntity,
    fileName: r.file_name,
    createdBy: r.created_by,
    status: r.status as ImportState['status'],
    detected: { encoding: r.encoding, delimiter: r.delimiter, preset: r.preset },
    columns: JSON.parse(r.columns) as string[],
    mapping: JSON.parse(r.mapping) as ImportMapping,
    dedupe: r.dedupe as ImportState['dedupe'],
    dateFormat: r.date_format as ImportState['dateFormat'],
    decimal: r.decimal as ImportState['decimal'],
    processed: r.processed,
    total: Math.max(r.total, r.processed),
    created: r.created,
    updated: r.updated,
    skipped: r.skipped,
    failed: r.failed,
    rate,
    secondsLeft: rate && r.status === 'running' ? Math.ceil(Math.max(0, r.total - r.processed) / rate) : null,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    version: r.version,
  };
};

const chunksOf = (file: Buffer): Uint8Array[] => {
  const out: Uint8Array[] = [];
  for (let i = 0; i < file.length; i += CHUNK_BYTES) out.push(file.subarray(i, i + CHUNK_BYTES));
  return out;
};

/** Reads the header row from the start of the file (an XLSX needs all of it: it is a ZIP). */
const headerOf = async (
  file: Buffer,
  settings: { format: 'csv' | 'xlsx'; encoding: string; delimiter: string | null },
) => {
  const rows = readFileRows(
    (async function* () {
      yield settings.format === 'xlsx' ? file : file.subarray(0, CHUNK_BYTES);
    })(),
    {
      format: settings.format,
      encoding: settings.encoding as 'utf-8',
      delimiter: settings.delimiter,
      decimal: 'point',
    },
  );
  for await (const item of rows) {
    if ('header' in item) {
      await rows.return(undefined);
      return item.header;
    }
  }
  return [];
};

/** Takes an uploaded file: stores it, detects encoding, delimiter, columns and the preset, suggests a mapping. */
export const createImport = async (
  ctx: AppContext,
  actor: Actor,
  entity: ImportEntity,
  fileName: string,
  file: Buffer,
): Promise<CreatedImport> => {
  assertCan(actor, writeAction(entity));
  if (file.length === 0) throw fieldError('file', 'The file is empty');
  const format = formatOf(file);
  const encoding = format === 'xlsx' ? 'utf-8' : detectEncoding(file.subarray(0, SAMPLE_BYTES));
  const delimiter = format === 'xlsx' ? null : detectDelimiter(decodeSample(file.subarray(0, SAMPLE_BYTES), encoding));
  const now = nowIso();
  const row: ImportRow = {
    id: newId(),
    entity,
    file_name: fileName.slice(0, 255),
    format,
    status: 'uploaded',
    created_by: actor.id,
    encoding,
    delimiter,
    preset: 'generic',
    columns: '[]',
    mapping: '{}',
    dedupe: 'fill',
    date_format: 'dmy',
    decimal: delimiter === ',' ? 'point' : 'comma',
    file_bytes: file.length,
    total: 0,
    processed: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    run_ms: 0,
    started_at: null,
    finished_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  let columns: string[];
  try {
    columns = await headerOf(file, { format, encoding, delimiter });
  } catch {
    throw fieldError('file', 'The file cannot be read as CSV or XLSX');
  }
  if (columns.length === 0) throw fieldError('file', 'The file has no header row');
  return ctx.db.transaction().execute(async (trx) => {
    await insertImportRow(trx, row);
    await insertImportChunks(trx, row.id, chunksOf(file));
    const saved = await findSavedMapping(trx, entity, signatureOf(columns));
    const suggested = suggestMapping(entity, columns);
    const mapping = saved ? (JSON.parse(saved.mapping) as ImportMapping) : suggested.mapping;
    const preset = saved ? 'saved' : suggested.preset;
    await updateImportRow(trx, row.id, { columns: JSON.stringify(columns), mapping: JSON.stringify(mapping), preset });
    return { id: row.id, detected: { encoding, delimiter, preset }, columns, mapping };
  });
};

/** The import, for its uploader or an admin. */
export const loadImport = async (ctx: AppContext, actor: Actor, id: string): Promise<ImportRow> => {
  const row = await findImportRow(ctx.db, id);
  if (!row) throw new AppError('import_not_found');
  assertCan(actor, 'imports.manage', { ownerId: row.created_by });
  return row;
};

export const getImport = async (ctx: AppContext, actor: Actor, id: string): Promise<ImportState> =>
  presentImport(await loadImport(ctx, actor, id));

const assertUploaded = (row: ImportRow) => {
  if (row.status !== 'uploaded') throw new AppError('import_state', `The import is ${row.status}`);
};

/** Changes the mapping and the reading settings before the run; can keep the mapping for the next file. */
export const updateImport = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateImportInput,
): Promise<ImportState> => {
  const row = await loadImport(ctx, actor, id);
  assertUploaded(row);
  const columns = JSON.parse(row.columns) as string[];
  const allowed = new Set<string>(importFields[row.entity as ImportEntity]);
  const mapping = { ...(JSON.parse(row.mapping) as ImportMapping) };
  for (const [column, field] of Object.entries(input.mapping ?? {})) {
    if (!columns.includes(column)) throw fieldError(`mapping.${column}`, 'The file has no such column');
    if (field !== null && !allowed.has(field)) throw fieldError(`mapping.${column}`, `Unknown field ${field}`);
    mapping[column] = field;
  }
  const now = nowIso();
  return ctx.db.transaction().execute(async (trx) => {
    await updateImportRow(trx, id, {
      mapping: JSON.stringify(mapping),
      ...(input.dedupe && { dedupe: input.dedupe }),
      ...(input.dateFormat && { date_format: input.dateFormat }),
      ...(input.decimal && { decimal: input.decimal }),
      version: row.version + 1,
      updated_at: now,
    });
    if (input.saveMapping) {
      await saveMapping(trx, {
        id: newId(),
        entity: row.entity,
        signature: signatureOf(columns),
        mapping: JSON.stringify(mapping),
        created_by: actor.id,
        updated_at: now,
      });
    }
    const next = await findImportRow(trx, id);
    if (!next) throw new AppError('import_not_found');
    return presentImport(next);
  });
};

/** Reads the whole file and says what a run would do: counts and the first 100 errors (all are kept for the CSV). */
export const dryRunImport = async (ctx: AppContext, actor: Actor, id: string): Promise<DryRunResult> => {
  const row = await loadImport(ctx, actor, id);
  assertUploaded(row);
  const result = await dryRun(ctx, row, actor);
  await updateImportRow(ctx.db, id, { total: result.total, updated_at: nowIso() });
  return {
    create: result.created,
    update: result.updated,
    skip: result.skipped,
    fail: result.failed,
    errors: result.errors,
  };
};

const messages: Record<string, { de: string; en: string }> = {
  malformed_row: { de: 'Zeile nicht lesbar (Anführungszeichen?)', en: 'Row cannot be read (quotes?)' },
  missing_name: { de: 'Name fehlt', en: 'Name is missing' },
  missing_company: { de: 'Firma fehlt', en: 'Company is missing' },
  invalid_email: { de: 'Keine gültige E-Mail-Adresse', en: 'Not a valid email address' },
  invalid_domain: { de: 'Keine gültige Domain', en: 'Not a valid domain' },
  invalid_number: { de: 'Keine gültige Zahl', en: 'Not a valid number' },
  invalid_date: { de: 'Kein gültiges Datum', en: 'Not a valid date' },
  invalid_currency: { de: 'Keine gültige Währung', en: 'Not a valid currency' },
  unknown_lifecycle_stage: { de: 'Unbekannte Lebenszyklusphase', en: 'Unknown lifecycle stage' },
  unknown_pipeline: { de: 'Unbekannte Pipeline', en: 'Unknown pipeline' },
  unknown_stage: { de: 'Unbekannte Phase', en: 'Unknown stage' },
};

/** Every row error of the last dry run or run, as CSV in the reader's language; no cap. */
export const importErrorsCsv = async (ctx: AppContext, actor: Actor, id: string): Promise<FileAnswer> => {
  const row = await loadImport(ctx, actor, id);
  const lang = actor.locale === 'en' ? 'en' : 'de';
  const header =
    lang === 'de' ? ['Zeile', 'Spalte', 'Wert', 'Fehler', 'Code'] : ['Row', 'Column', 'Value', 'Error', 'Code'];
  const errors = await listImportErrors(ctx.db, id);
  const body = toCsv(
    errors.map((e) => [e.row_number, e.column_name, e.value, messages[e.message]?.[lang] ?? e.message, e.message]),
    header,
  );
  return csvFile(`${row.file_name.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_')}-errors.csv`, body);
};

/** Queues the run as a background job; GET the import for its progress. */
export const runImport = async (ctx: AppContext, actor: Actor, id: string): Promise<ImportState> => {
  const row = await loadImport(ctx, actor, id);
  assertCan(actor, writeAction(row.entity as ImportEntity));
  assertUploaded(row);
  const now = nowIso();
  return ctx.db.transaction().execute(async (trx) => {
    await updateImportRow(trx, id, { status: 'queued', version: row.version + 1, updated_at: now });
    await enqueueJob(trx, IMPORT_JOB, { importId: id });
    const next = await findImportRow(trx, id);
    if (!next) throw new AppError('import_not_found');
    return presentImport(next);
  });
};
