import { insertRows } from '../../db/copy.js';
import type { Db } from '../../db/db.js';
import type {
  AccountsTable,
  ContactsTable,
  DealsTable,
  ImportChangesTable,
  ImportErrorsTable,
  ImportsTable,
  TimelineEntriesTable,
} from '../../db/schema.js';
import { writeTimelineEntries } from '../timeline/timeline.service.js';

export type ImportRow = ImportsTable;

export const findImportRow = (db: Db, id: string) =>
  db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();

export const insertImportRow = (db: Db, row: ImportsTable) => db.insertInto('imports').values(row).execute();

export const updateImportRow = (db: Db, id: string, set: Partial<ImportsTable>) =>
  db.updateTable('imports').set(set).where('id', '=', id).execute();

/** Adds a batch's counts to the import, in the batch's transaction: what a resumed run starts from. */
export const addImportProgress = (
  db: Db,
  id: string,
  add: { processed: number; created: number; updated: number; skipped: number; failed: number; runMs: number },
  at: string,
) =>
  db
    .updateTable('imports')
    .set((eb) => ({
      processed: eb('processed', '+', add.processed),
      created: eb('created', '+', add.created),
      updated: eb('updated', '+', add.updated),
      skipped: eb('skipped', '+', add.skipped),
      failed: eb('failed', '+', add.failed),
      run_ms: eb('run_ms', '+', add.runMs),
      updated_at: at,
    }))
    .where('id', '=', id)
    .execute();

export const insertImportChunks = async (db: Db, importId: string, chunks: Uint8Array[]): Promise<void> => {
  for (const [seq, data] of chunks.entries()) {
    await db.insertInto('import_chunks').values({ import_id: importId, seq, data }).execute();
  }
};

/** The uploaded file, piece by piece: one piece in memory at a time. */
export const streamImportChunks = async function* (db: Db, importId: string): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq += 1) {
    const chunk = await db
      .selectFrom('import_chunks')
      .select('data')
      .where('import_id', '=', importId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (!chunk) return;
    yield chunk.data;
  }
};

export const firstImportChunk = (db: Db, importId: string) =>
  db
    .selectFrom('import_chunks')
    .select('data')
    .where('import_id', '=', importId)
    .where('seq', '=', 0)
    .executeTakeFirst();

export const replaceImportErrors = async (db: Db, importId: string, rows: ImportErrorsTable[]) => {
  await db.deleteFrom('import_errors').where('import_id', '=', importId).execute();
  await insertImportErrors(db, rows);
};

export const insertImportErrors = (db: Db, rows: ImportErrorsTable[]) =>
  inChunks(rows, (c) => db.insertInto('import_errors').values(c).execute());

export const listImportErrors = (db: Db, importId: string) =>
  db
    .selectFrom('import_errors')
    .select(['row_number', 'column_name', 'value', 'message'])
    .where('import_id', '=', importId)
    .orderBy('row_number')
    .execute();

export const findSavedMapping = (db: Db, entity: string, signature: string) =>
  db
    .selectFrom('import_mappings')
    .select('mapping')
    .where('entity', '=', entity)
    .where('signature', '=', signature)
    .executeTakeFirst();

export const saveMapping = async (
  db: Db,
  row: { id: string; entity: string; signature: string; mapping: string; created_by: string; updated_at: string },
) => {
  await db
    .deleteFrom('import_mappings')
    .where('entity', '=', row.entity)
    .where('signature', '=', row.signature)
    .execute();
  await db.insertInto('import_mappings').values(row).execute();
};

// SQLite takes up to 32,766 bound values per statement; rows of ~30 columns go in 500s
const ROWS_PER_INSERT = 500;

/** Writes rows in multi-row statements of a bounded size. */
const inChunks = async <R>(rows: R[], write: (chunk: R[]) => Promise<unknown>): Promise<void> => {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await write(rows.slice(i, i + ROWS_PER_INSERT));
};

/** Live contacts whose first email is one of `emails` (lower-cased). */
export const contactsByEmail = (db: Db, emails: string[]) =>
  emails.length === 0
    ? Promise.resolve([])
    : db.selectFrom('contacts').selectAll().where('email', 'in', emails).where('deleted_at', 'is', null).execute();

/** Live contacts with more than one email: their other emails are matched in memory. */
export const contactsWithSeveralEmails = (db: Db) =>
  db
    .selectFrom('contacts')
    .select(['id', 'emails'])
    .where('emails', 'like', '%,%')
    .where('deleted_at', 'is', null)
    .execute();

export const contactsByIds = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('contacts').selectAll().where('id', 'in', ids).execute();

/** Live accounts with one of the domains or normalised names (the duplicate keys). */
export const accountsByKeys = (db: Db, domains: string[], names: string[]) =>
  domains.length === 0 && names.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('accounts')
        .selectAll()
        .where('deleted_at', 'is', null)
        .where((eb) =>
          eb.or([
            ...(domains.length > 0 ? [eb('domain', 'in', domains)] : []),
            ...(names.length > 0 ? [eb('name_key', 'in', names)] : []),
          ]),
        )
        .execute();

export const pipelinesWithStages = async (db: Db) => ({
  pipelines: await db.selectFrom('pipelines').select(['id', 'name', 'is_default']).execute(),
  stages: await db.selectFrom('pipeline_stages').select(['id', 'pipeline_id', 'name_de', 'name_en', 'kind']).execute(),
});

/** This import's earlier changes of these records (a record the file names twice). */
export const changesOf = (db: Db, importId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('import_changes')
        .select(['id', 'entity_id', 'action'])
        .where('import_id', '=', importId)
        .where('entity_id', 'in', ids)
        .execute();

export const restampChange = (db: Db, id: string, stamp: string) =>
  db.updateTable('import_changes').set({ stamp }).where('id', '=', id).execute();

export interface BatchWrites {
  accounts: AccountsTable[];
  contacts: ContactsTable[];
  deals: DealsTable[];
  contactUpdates: { id: string; set: Partial<ContactsTable> }[];
  accountUpdates: { id: string; set: Partial<AccountsTable> }[];
  timeline: TimelineEntriesTable[];
  changes: ImportChangesTable[];
  restamps: { id: string; stamp: string }[];
  errors: ImportErrorsTable[];
}

/** Writes one batch: new rows in bulk, then the updates, then what undo needs. */
export const writeBatch = async (db: Db, w: BatchWrites): Promise<void> => {
  // by COPY on PostgreSQL
  await insertRows(db, 'accounts', w.accounts, ROWS_PER_INSERT);
  await insertRows(db, 'contacts', w.contacts, ROWS_PER_INSERT);
  await insertRows(db, 'deals', w.deals, ROWS_PER_INSERT);
  for (const u of w.contactUpdates) await db.updateTable('contacts').set(u.set).where('id', '=', u.id).execute();
  for (const u of w.accountUpdates) await db.updateTable('accounts').set(u.set).where('id', '=', u.id).execute();
  // through the timeline's own writer (each entry carries its account, so it looks nothing up)
  await inChunks(w.timeline, (c) => writeTimelineEntries(db, c));
  await insertRows(db, 'import_changes', w.changes, ROWS_PER_INSERT);
  for (const r of w.restamps) await restampChange(db, r.id, r.stamp);
  await inChunks(w.errors, (c) => db.insertInto('import_errors').values(c).execute());
};

/** A page of the import's changes, newest first (undo walks them back). */
export const changesPage = (db: Db, importId: string, entityType: string, limit: number, afterId?: string) => {
  let q = db
    .selectFrom('import_changes')
    .selectAll()
    .where('import_id', '=', importId)
    .where('entity_type', '=', entityType);
  if (afterId) q = q.where('id', '<', afterId);
  return q.orderBy('id', 'desc').limit(limit).execute();
};

export const currentStamps = async (db: Db, table: 'contacts' | 'accounts' | 'deals', ids: string[]) =>
  ids.length === 0
    ? []
    : db.selectFrom(table).select(['id', 'updated_at', 'deleted_at']).where('id', 'in', ids).execute();

/** Accounts among `ids` that a contact or deal outside `except` still points to. */
export const accountsInUse = async (db: Db, ids: string[]) => {
  if (ids.length === 0) return new Set<string>();
  const c = await db.selectFrom('contacts').select('account_id').distinct().where('account_id', 'in', ids).execute();
  const d = await db.selectFrom('deals').select('account_id').distinct().where('account_id', 'in', ids).execute();
  return new Set([...c, ...d].map((r) => r.account_id).filter((x): x is string => x !== null));
};

export const deleteRecords = async (db: Db, table: 'contacts' | 'accounts' | 'deals', ids: string[]) => {
  if (ids.length === 0) return;
  await db.deleteFrom('timeline_entries').where('entity_id', 'in', ids).execute();
  await db.deleteFrom(table).where('id', 'in', ids).execute();
};

export const restoreRow = async (db: Db, table: 'contacts' | 'accounts', id: string, row: Record<string, unknown>) => {
  await db.updateTable(table).set(row).where('id', '=', id).execute();
};

/** Removes this import's timeline entries of records it updated. */
export const deleteImportEntries = (db: Db, importId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve()
    : db
        .deleteFrom('timeline_entries')
        .where('kind', '=', 'import')
        .where('entity_id', 'in', ids)
        .where('data', 'like', `%"importId":"${importId}"%`)
        .execute()
        .then(() => undefined);
