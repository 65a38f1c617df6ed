import type { QualityRecordType } from '@nenner/shared';
import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import type { AccountsTable, MergesTable } from '../../db/schema.js';

/**
 * A kind of row that points at a contact or account and moves to the survivor of a merge. Rows are moved
 * by id and the ids are kept, so an undo moves exactly these rows back.
 */
export interface MoveSpec {
  /** Name in the merge's counts and snapshot. */
  key: string;
  table: string;
  column: string;
  /** Only rows where this column has this value (the entity type of polymorphic links). */
  only?: [string, string];
  /** A versioned record: a move bumps its version, so a stale edit of it gets 412. */
  versioned?: boolean;
}

export const moveSpecs: Record<QualityRecordType, MoveSpec[]> = {
  contact: [
    { key: 'timeline_entries', table: 'timeline_entries', column: 'entity_id', only: ['entity_type', 'contact'] },
    { key: 'handoffs', table: 'handoffs', column: 'contact_id' },
    { key: 'touchpoints', table: 'touchpoints', column: 'contact_id' },
    { key: 'consents', table: 'consents', column: 'contact_id' },
    { key: 'form_submissions', table: 'form_submissions', column: 'contact_id' },
    { key: 'tasks', table: 'tasks', column: 'entity_id', only: ['entity_type', 'contact'] },
    { key: 'activities', table: 'activities', column: 'entity_id', only: ['entity_type', 'contact'] },
    { key: 'notifications', table: 'notifications', column: 'entity_id', only: ['entity_type', 'contact'] },
  ],
  account: [
    { key: 'contacts', table: 'contacts', column: 'account_id', versioned: true },
    { key: 'deals', table: 'deals', column: 'account_id', versioned: true },
    { key: 'timeline_entries', table: 'timeline_entries', column: 'entity_id', only: ['entity_type', 'account'] },
    // entries of the account's contacts and deals, shown in its 360° view
    { key: 'timeline_entries.account_id', table: 'timeline_entries', column: 'account_id' },
    { key: 'tasks', table: 'tasks', column: 'entity_id', only: ['entity_type', 'account'] },
    { key: 'tasks.account_id', table: 'tasks', column: 'account_id' },
    { key: 'activities', table: 'activities', column: 'entity_id', only: ['entity_type', 'account'] },
    { key: 'activities.account_id', table: 'activities', column: 'account_id' },
    { key: 'notifications', table: 'notifications', column: 'entity_id', only: ['entity_type', 'account'] },
  ],
};

const CHUNK = 500;
const chunks = <T>(xs: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
};

const onlyClause = (spec: MoveSpec) => (spec.only ? sql`and ${sql.ref(spec.only[0])} = ${spec.only[1]}` : sql``);

/** Moves the rows pointing at `from` to `to`; returns their ids. */
export const moveRows = async (db: Db, spec: MoveSpec, from: string, to: string, now: string): Promise<string[]> => {
  const found = await sql<{ id: string }>`
    select id from ${sql.table(spec.table)} where ${sql.ref(spec.column)} = ${from} ${onlyClause(spec)}`.execute(db);
  const ids = found.rows.map((r) => r.id);
  await setColumn(db, spec, ids, from, to, now);
  return ids;
};

/** Points the given rows at `to`, those among them that still point at `from`. */
export const setColumn = async (db: Db, spec: MoveSpec, ids: string[], from: string, to: string, now: string) => {
  const bump = spec.versioned ? sql`, version = version + 1, updated_at = ${now}` : sql``;
  for (const part of chunks(ids)) {
    await sql`
      update ${sql.table(spec.table)} set ${sql.ref(spec.column)} = ${to} ${bump}
      where id in (${sql.join(part)}) and ${sql.ref(spec.column)} = ${from}`.execute(db);
  }
};

export interface DealContactRow {
  deal_id: string;
  role: string | null;
}

/**
 * Moves a contact's deal links to the survivor. Where the survivor is on the deal already, the merged
 * contact's link is removed (and returned, so an undo can put it back).
 */
export const moveDealContacts = async (db: Db, from: string, to: string) => {
  const links = await db
    .selectFrom('deal_contacts')
    .select(['deal_id', 'role'])
    .where('contact_id', '=', from)
    .execute();
  if (links.length === 0) return { moved: [] as string[], removed: [] as DealContactRow[] };
  const taken = new Set(
    (
      await db
        .selectFrom('deal_contacts')
        .select('deal_id')
        .where('contact_id', '=', to)
        .where(
          'deal_id',
          'in',
          links.map((l) => l.deal_id),
        )
        .execute()
    ).map((r) => r.deal_id),
  );
  const removed = links.filter((l) => taken.has(l.deal_id));
  const moved = links.filter((l) => !taken.has(l.deal_id)).map((l) => l.deal_id);
  for (const part of chunks(removed.map((r) => r.deal_id))) {
    await db.deleteFrom('deal_contacts').where('contact_id', '=', from).where('deal_id', 'in', part).execute();
  }
  for (const part of chunks(moved)) {
    await db
      .updateTable('deal_contacts')
      .set({ contact_id: to })
      .where('contact_id', '=', from)
      .where('deal_id', 'in', part)
      .execute();
  }
  return { moved, removed };
};

/** Undoes moveDealContacts. */
export const restoreDealContacts = async (
  db: Db,
  merged: string,
  survivor: string,
  moved: string[],
  removed: DealContactRow[],
) => {
  for (const part of chunks(moved)) {
    await db
      .updateTable('deal_contacts')
      .set({ contact_id: merged })
      .where('contact_id', '=', survivor)
      .where('deal_id', 'in', part)
      .execute();
  }
  if (removed.length === 0) return;
  // a link removed at merge time only comes back if its deal still exists
  const live = new Set(
    (
      await db
        .selectFrom('deals')
        .select('id')
        .where(
          'id',
          'in',
          removed.map((r) => r.deal_id),
        )
        .execute()
    ).map((r) => r.id),
  );
  const rows = removed.filter((r) => live.has(r.deal_id)).map((r) => ({ ...r, contact_id: merged }));
  if (rows.length > 0) {
    await db
      .insertInto('deal_contacts')
      .values(rows)
      .onConflict((oc) => oc.columns(['deal_id', 'contact_id']).doNothing())
      .execute();
  }
};

export const findContactForMerge = (db: Db, id: string) =>
  db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();

export const findAccountForMerge = (db: Db, id: string) =>
  db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();

export const setAccountColumns = async (db: Db, id: string, version: number, set: Partial<AccountsTable>) =>
  Number(
    (
      await db
        .updateTable('accounts')
        .set({ ...set, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst()
    ).numUpdatedRows,
  ) === 1;

export const insertMerge = (db: Db, row: MergesTable) => db.insertInto('merges').values(row).execute();

export const findMerge = (db: Db, id: string) =>
  db.selectFrom('merges').selectAll().where('id', '=', id).executeTakeFirst();

export const markMergeUndone = (db: Db, id: string, actorId: string, at: string) =>
  db
    .updateTable('merges')
    .set({ undone_at: at, undone_by: actorId })
    .where('id', '=', id)
    .where('undone_at', 'is', null)
    .executeTakeFirst();

/** Merges a record took part in, newest first. */
export const listMergeRows = (db: Db, type: QualityRecordType, id: string) =>
  db
    .selectFrom('merges')
    .selectAll()
    .where('entity_type', '=', type)
    .where((eb) => eb.or([eb('survivor_id', '=', id), eb('merged_id', '=', id)]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
