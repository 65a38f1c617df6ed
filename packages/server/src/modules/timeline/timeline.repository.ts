import { insertRows } from '../../db/copy.js';
import type { Db } from '../../db/db.js';
import type { TimelineEntriesTable } from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

/** Which account's 360° view an entry belongs to: the account itself, or a contact's or deal's account. */
const resolveAccounts = async (db: Db, rows: TimelineEntriesTable[]): Promise<TimelineEntriesTable[]> => {
  const idsOf = (type: string) => [
    ...new Set(rows.filter((r) => r.account_id === undefined && r.entity_type === type).map((r) => r.entity_id)),
  ];
  const contactIds = idsOf('contact');
  const dealIds = idsOf('deal');
  const owners = new Map<string, string | null>();
  if (contactIds.length > 0) {
    for (const c of await db
      .selectFrom('contacts')
      .select(['id', 'account_id'])
      .where('id', 'in', contactIds)
      .execute()) {
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
  // by COPY on PostgreSQL; one statement of all the rows on SQLite, as the callers chunk them
  await insertRows(db, 'timeline_entries', await resolveAccounts(db, rows), rows.length);
};

export interface TimelineFilter {
  entityType: string;
  entityId: string;
  /** `account`: every entry whose 360° account is entityId (the account's own, its contacts' and deals'). */
  scope?: 'record' | 'account';
  kind?: string;
  department?: string;
  limit: number;
  cursor?: string;
}

/**
 * Newest first; keyset on (created_at, id) so deep pages stay as fast as the first. The 360° scope walks
 * the index timeline_account (account_id, created_at, id) backwards and stops after limit + 1 rows.
 */
export const timelineRowsQuery = (db: Db, f: TimelineFilter) => {
  let q = db
    .selectFrom('timeline_entries as t')
    .leftJoin('users as u', 'u.id', 't.actor_id')
    .select([
      't.id',
      't.entity_type',
      't.entity_id',
      't.kind',
      't.action',
      't.actor_id',
      't.department',
      't.body',
      't.data',
      't.created_at',
      'u.name as actor_name',
      'u.department as actor_department',
    ]);
  q =
    f.scope === 'account'
      ? q.where('t.account_id', '=', f.entityId)
      : q.where('t.entity_type', '=', f.entityType).where('t.entity_id', '=', f.entityId);
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  if (f.department) q = q.where('t.department', '=', f.department);
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor, { timestamp: true });
    q = q.where((eb) => eb(eb.refTuple('t.created_at', 't.id'), '<', eb.tuple(String(at), id)));
  }
  return q
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(f.limit + 1);
};

export const listTimelineRows = (db: Db, f: TimelineFilter) => timelineRowsQuery(db, f).execute();

export const findUserRefs = async (db: Db, ids: string[]) =>
  ids.length === 0 ? [] : db.selectFrom('users').select(['id', 'name', 'department']).where('id', 'in', ids).execute();

export type RecordType = 'account' | 'contact' | 'deal' | 'campaign' | 'project';

export interface RecordRef {
  id: string;
  name: string;
  /** The account whose 360° view shows the record (itself for an account). */
  accountId: string | null;
  deletedAt: string | null;
}

/** A record's name and account, or undefined; records in the trash only with includeDeleted. */
export const findRecordRef = async (
  db: Db,
  type: RecordType,
  id: string,
  opts: { includeDeleted?: boolean } = {},
): Promise<RecordRef | undefined> => {
  const live = !opts.includeDeleted;
  if (type === 'account') {
    let q = db.selectFrom('accounts').select(['id', 'name', 'deleted_at']).where('id', '=', id);
    if (live) q = q.where('deleted_at', 'is', null);
    const r = await q.executeTakeFirst();
    return r && { id: r.id, name: r.name, accountId: r.id, deletedAt: r.deleted_at };
  }
  if (type === 'contact') {
    let q = db
      .selectFrom('contacts')
      .select(['id', 'first_name', 'last_name', 'account_id', 'deleted_at'])
      .where('id', '=', id);
    if (live) q = q.where('deleted_at', 'is', null);
    const r = await q.executeTakeFirst();
    return (
      r && {
        id: r.id,
        name: `${r.first_name} ${r.last_name}`.trim(),
        accountId: r.account_id,
        deletedAt: r.deleted_at,
      }
    );
  }
  if (type === 'campaign') {
    let q = db.selectFrom('campaigns').select(['id', 'name', 'deleted_at']).where('id', '=', id);
    if (live) q = q.where('deleted_at', 'is', null);
    const r = await q.executeTakeFirst();
    return r && { id: r.id, name: r.name, accountId: null, deletedAt: r.deleted_at };
  }
  if (type === 'project') {
    let q = db.selectFrom('projects').select(['id', 'name', 'deleted_at']).where('id', '=', id);
    if (live) q = q.where('deleted_at', 'is', null);
    const r = await q.executeTakeFirst();
    return r && { id: r.id, name: r.name, accountId: null, deletedAt: r.deleted_at };
  }
  let q = db.selectFrom('deals').select(['id', 'name', 'account_id', 'deleted_at']).where('id', '=', id);
  if (live) q = q.where('deleted_at', 'is', null);
  const r = await q.executeTakeFirst();
  return r && { id: r.id, name: r.name, accountId: r.account_id, deletedAt: r.deleted_at };
};

/** Display names of records of one type (trash included: an entry outlives its record's trip to the trash). */
export const findRecordNames = async (db: Db, type: RecordType, ids: string[]): Promise<Map<string, string>> => {
  if (ids.length === 0) return new Map();
  if (type === 'contact') {
    const rows = await db
      .selectFrom('contacts')
      .select(['id', 'first_name', 'last_name'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, `${r.first_name} ${r.last_name}`.trim()]));
  }
  const rows = await db
    .selectFrom(
      type === 'account' ? 'accounts' : type === 'campaign' ? 'campaigns' : type === 'project' ? 'projects' : 'deals',
    )
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
};

/** Audit entries of one record type in [from, to) whose changes name `field`, oldest first. */
export const findAuditChangesOf = (db: Db, entityType: string, field: string, from: string, to: string) =>
  db
    .selectFrom('timeline_entries')
    .select(['entity_id', 'data', 'created_at', 'actor_id'])
    .where('entity_type', '=', entityType)
    .where('kind', '=', 'audit')
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where('data', 'like', `%"field":"${field}"%`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/**
 * What one user wrote on customer records (accounts, contacts, deals) in [from, to), audit entries left
 * out, newest first; keyset on (created_at, id) along the index timeline_actor.
 */
export const listActorRows = (
  db: Db,
  f: { actorId: string; from: string; to: string; limit: number; cursor?: string },
) => {
  let q = db
    .selectFrom('timeline_entries as t')
    .select(['t.id', 't.entity_type', 't.entity_id', 't.kind', 't.action', 't.data', 't.created_at'])
    .where('t.actor_id', '=', f.actorId)
    .where('t.created_at', '>=', f.from)
    .where('t.created_at', '<', f.to)
    .where('t.kind', '<>', 'audit')
    .where('t.entity_type', 'in', ['account', 'contact', 'deal']);
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
