import type { Db } from '../../db/db.js';
import type { ActivitiesTable } from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

const selectActivities = (db: Db) =>
  db
    .selectFrom('activities as a')
    .innerJoin('users as u', 'u.id', 'a.actor_id')
    .selectAll('a')
    .select(['u.name as actor_name', 'u.department as actor_department']);

export type ActivityRow = Awaited<ReturnType<ReturnType<typeof selectActivities>['executeTakeFirstOrThrow']>>;

export const insertActivity = (db: Db, row: ActivitiesTable) => db.insertInto('activities').values(row).execute();

export const findActivityRow = (db: Db, id: string) => selectActivities(db).where('a.id', '=', id).executeTakeFirst();

export interface ActivityFilter {
  entityType?: string;
  entityId?: string;
  limit: number;
  cursor?: string;
}

/** Newest first by when it happened; keyset on (occurred_at, id). */
export const listActivityRows = (db: Db, f: ActivityFilter) => {
  let q = selectActivities(db);
  if (f.entityType) q = q.where('a.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor, { timestamp: true });
    q = q.where((eb) => eb(eb.refTuple('a.occurred_at', 'a.id'), '<', eb.tuple(String(at), id)));
  }
  return q
    .orderBy('a.occurred_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(f.limit + 1)
    .execute();
};
