import type { Db } from '../../db/db.js';
import type { NotificationsTable } from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

export const insertNotifications = async (db: Db, rows: NotificationsTable[]) => {
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
};

export const listNotificationRows = (db: Db, userId: string, limit: number, cursor?: string) => {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (cursor) {
    const [at, id] = decodeCursor(cursor, { timestamp: true });
    q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(String(at), id)));
  }
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
};

export const countUnread = async (db: Db, userId: string): Promise<number> => {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

export const markRead = (db: Db, userId: string, now: string, id?: string) => {
  let q = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  return q.executeTakeFirst();
};

/** Marks the unread notifications of these kinds about one record read (optionally only some users'). */
export const markEntityRead = (
  db: Db,
  entity: { type: string; id: string },
  kinds: readonly string[],
  now: string,
  userIds?: readonly string[],
) => {
  let q = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('entity_type', '=', entity.type)
    .where('entity_id', '=', entity.id)
    .where('kind', 'in', [...kinds])
    .where('read_at', 'is', null);
  if (userIds) q = q.where('user_id', 'in', [...userIds]);
  return q.executeTakeFirst();
};

export const findRecipients = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'locale', 'time_zone'])
        .where('id', 'in', ids)
        .where('active', '=', 1)
        .execute();

/** Sales managers: active admins of the sales department, or any active admin when sales has none. */
export const findSalesManagerIds = async (db: Db): Promise<string[]> => {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'department'])
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .execute();
  const sales = rows.filter((r) => r.department === 'sales');
  return (sales.length > 0 ? sales : rows).map((r) => r.id);
};
