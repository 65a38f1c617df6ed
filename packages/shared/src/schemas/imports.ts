import { z } from 'zod';

/** What an import brings in. */
export const ImportEntity = z.enum(['contacts', 'accounts', 'deals']);
export type ImportEntity = z.infer<typeof ImportEntity>;

/** What happens to a row whose record already exists: skip it, fill its empty fields, overwrite, or create anyway. */
export const ImportDedupe = z.enum(['skip', 'fill', 'overwrite', 'create']);
export type ImportDedupe = z.infer<typeof ImportDedupe>;

export const ImportDateFormat = z.enum(['dmy', 'mdy', 'ymd']);
export type ImportDateFormat = z.infer<typeof ImportDateFormat>;

export const ImportDecimal = z.enum(['comma', 'point']);
export type ImportDecimal = z.infer<typeof ImportDecimal>;

export const ImportStatus = z.enum(['uploaded', 'queued', 'running', 'done', 'failed', 'undone']);
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportQuery = z.strictObject({ entity: ImportEntity, fileName: z.string().max(255).optional() });
export type ImportQuery = z.infer<typeof ImportQuery>;

/** Column header → field key (or `note`: into the timeline entry; null: dropped). */
export const ImportMapping = z.record(z.string().max(500), z.string().max(60).nullable());
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportDetected = z.object({
  encoding: z.string(),
  delimiter: z.string().nullable(),
  preset: z.string(),
});

export const CreatedImport = z.object({
  id: z.string(),
  detected: ImportDetected,
  columns: z.array(z.string()),
  mapping: ImportMapping,
});
export type CreatedImport = z.infer<typeof CreatedImport>;

export const UpdateImportInput = z.strictObject({
  mapping: ImportMapping.optional(),
  dedupe: ImportDedupe.optional(),
  dateFormat: ImportDateFormat.optional(),
  decimal: ImportDecimal.optional(),
  /** Keeps this mapping for the next file with the same columns. */
  saveMapping: z.boolean().optional(),
});
export type UpdateImportInput = z.infer<typeof UpdateImportInput>;

export const ImportRowError = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const DryRunResult = z.object({
  create: z.number().int(),
  update: z.number().int(),
  skip: z.number().int(),
  fail: z.number().int(),
  errors: z.array(ImportRowError),
});
export type DryRunResult = z.infer<typeof DryRunResult>;

export const ImportState = z.object({
  id: z.string(),
  entity: ImportEntity,
  fileName: z.string(),
  createdBy: z.string().nullable(),
  status: ImportStatus,
  detected: ImportDetected,
  columns: z.array(z.string()),
  mapping: ImportMapping,
  dedupe: ImportDedupe,
  dateFormat: ImportDateFormat,
  decimal: ImportDecimal,
  processed: z.number().int(),
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  /** Rows per second while running, and the seconds left at that rate (null before the first batch). */
  rate: z.number().nullable(),
  secondsLeft: z.number().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  version: z.number().int(),
});
export type ImportState = z.infer<typeof ImportState>;

export const UndoResult = z.object({
  deleted: z.number().int(),
  restored: z.number().int(),
  /** Records a person edited after the import: kept as they are. */
  kept: z.array(z.object({ entityType: z.string(), id: z.string(), name: z.string() })),
});
export type UndoResult = z.infer<typeof UndoResult>;
