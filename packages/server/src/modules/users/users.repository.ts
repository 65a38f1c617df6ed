import type { Db } from '../../db/db.js';
import type { UsersTable } from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

const userColumns = [
  'id',
  'email',
  'name',
  'department',
  'role',
  'active',
  'locale',
  'time_zone',
  'version',
  'created_at',
  'updated_at',
] as const;

export type UserRow = Pick<UsersTable, (typeof userColumns)[number]>;

export const findUserById = (db: Db, id: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();

export const findUserByEmail = (db: Db, email: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').select(userColumns).where('email', '=', email).executeTakeFirst();

export const listUserRows = async (
  db: Db,
  f: { q?: string; department?: string; active?: boolean; limit: number; cursor?: string },
) => {
  let q = db.selectFrom('users').select(userColumns);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb('email', 'like', like)]));
  }
  if (f.department) q = q.where('department', '=', f.department);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.cursor) {
    const [name, id] = decodeCursor(f.cursor);
    q = q.where((eb) => eb(eb.refTuple('name', 'id'), '>', eb.tuple(String(name), id)));
  }
  return q
    .orderBy('name')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
};

export const insertUser = (db: Db, row: UsersTable) => db.insertInto('users').values(row).execute();

export const updateUserRow = (db: Db, id: string, version: number, set: Partial<UsersTable>) =>
  db
    .updateTable('users')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

export const countActiveAdmins = async (db: Db): Promise<number> => {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

export const findActiveUserIds = async (db: Db, ids: string[]): Promise<string[]> =>
  ids.length === 0
    ? []
    : (await db.selectFrom('users').select('id').where('id', 'in', ids).where('active', '=', 1).execute()).map(
        (r) => r.id,
      );

export const countUsers = async (db: Db): Promise<number> => {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
};
