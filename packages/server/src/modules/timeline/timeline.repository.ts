import type { Kysely, Transaction } from 'kysely';
import type { DB, TimelineEntriesTable } from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

export type Db = Kysely<DB> | Transaction<DB>;

/** Which account's 360° view an entry belongs to: the account itself, or a contact's or deal's account. */
const resolveAccounts = async (db: Db, rows: TimelineEntriesTable[]): Promise<TimelineEntriesTable[]> => {
  const idsOf = (type: string) => [
    ...new Set(rows.filter((r) => r.account_id === undefined && r.entity_type === type).map((r) => r.entity_id)),
  ];
  const contactIds = idsOf('contact');
  const dealIds = idsOf('deal');
  const owners = new Map<string, string | null>();
  if (contactIds.length > 0) {
    for (const c of await db.selectFrom('contacts').select(['id', 'account_id']).where('id', 'in', contactIds).execute()) {
      owners.set(c.id, c.account_id);
    }
  }
  if (dealIds.length > 0) {
    for (const d of await db.selectFrom('deals').select(['id', 'account_id']).where('id', 'in', dealIds).execute()) {
      owners.set(d.id, d.account_id);
    }
  }
  return rows.map((r) =>
    r.account_id !== undefined
      ? r
      : { ...r, account_id: r.entity_type === 'account' ? r.entity_id : (owners.get(r.entity_id) ?? null) },
  );
};

export const insertTimelineEntries = async (db: Db, rows: TimelineEntriesTable[]): Promise<void> => {
  if (rows.length === 0) return;
  await db.insertInto('timeline_entries').values(await resolveAccounts(db, rows)).execute();
};

export interface TimelineFilter {
  entityType: string;
  entityId: string;
  kind?: string;
  department?: string;
  limit: number;
  cursor?: string;
}

/** Newest first; keyset on (created_at, id) so deep pages stay as fast as the first. */
export const listTimelineRows = async (db: Db, f: TimelineFilter) => {
  let q = db
    .selectFrom('timeline_entries as t')
    .leftJoin('users as u', 'u.id', 't.actor_id')
    .select([
      't.id',
      't.kind',
      't.action',
      't.actor_id',
      't.department',
      't.body',
      't.data',
      't.created_at',
      'u.name as actor_name',
      'u.department as actor_department',
    ])
    .where('t.entity_type', '=', f.entityType)
    .where('t.entity_id', '=', f.entityId);
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  if (f.department) q = q.where('t.department', '=', f.department);
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor, { timestamp: true });
    q = q.where((eb) => eb(eb.refTuple('t.created_at', 't.id'), '<', eb.tuple(String(at), id)));
  }
  return q
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(f.limit + 1)
    .execute();
};

export const findUserRefs = async (db: Db, ids: string[]) =>
  ids.length === 0 ? [] : db.selectFrom('users').select(['id', 'name', 'department']).where('id', 'in', ids).execute();

export const entityExists = async (db: Db, entityType: 'account' | 'contact', id: string): Promise<boolean> => {
  const table = entityType === 'account' ? 'accounts' : 'contacts';
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
};
