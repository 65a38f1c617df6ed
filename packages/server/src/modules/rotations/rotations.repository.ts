import type { RotationStatus } from '@nenner/shared';
import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import type { RotationCheckinsTable, RotationItemsTable, RotationsTable } from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

const selectRotations = (db: Db) =>
  db
    .selectFrom('rotations as r')
    .innerJoin('users as p', 'p.id', 'r.user_id')
    .innerJoin('users as m', 'm.id', 'r.mentor_id')
    .leftJoin('users as c', 'c.id', 'r.created_by')
    .selectAll('r')
    .select([
      'p.name as person_name',
      'p.department as person_department',
      'm.name as mentor_name',
      'm.department as mentor_department',
      'c.name as creator_name',
      'c.department as creator_department',
    ]);

export type RotationRow = Awaited<ReturnType<ReturnType<typeof selectRotations>['executeTakeFirstOrThrow']>>;

export const findRotationRow = (db: Db, id: string) => selectRotations(db).where('r.id', '=', id).executeTakeFirst();

export interface RotationFilter {
  userId?: string;
  mentorId?: string;
  hostDepartment?: string;
  /** With `today` (the workspace's local date): the status derived from the period. */
  status?: RotationStatus;
  today: string;
  /** Periods overlapping [from, to] (local dates). */
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** Rotations of a filter, earliest start first, keyset on (starts_on, id). */
export const listRotationRows = (db: Db, f: RotationFilter) => {
  let q = selectRotations(db);
  if (f.userId) q = q.where('r.user_id', '=', f.userId);
  if (f.mentorId) q = q.where('r.mentor_id', '=', f.mentorId);
  if (f.hostDepartment) q = q.where('r.host_department', '=', f.hostDepartment);
  if (f.from) q = q.where('r.ends_on', '>=', f.from);
  if (f.to) q = q.where('r.starts_on', '<=', f.to);
  if (f.status === 'cancelled') q = q.where('r.cancelled_at', 'is not', null);
  else if (f.status) {
    q = q.where('r.cancelled_at', 'is', null);
    if (f.status === 'planned') q = q.where('r.starts_on', '>', f.today);
    if (f.status === 'active') q = q.where('r.starts_on', '<=', f.today).where('r.ends_on', '>=', f.today);
    if (f.status === 'completed') q = q.where('r.ends_on', '<', f.today);
  }
  if (f.cursor) {
    const [startsOn, id] = decodeCursor(f.cursor, { sort: 'start', value: 'date' });
    q = q.where((eb) =>
      eb.or([
        eb('r.starts_on', '>', String(startsOn)),
        eb.and([eb('r.starts_on', '=', String(startsOn)), eb('r.id', '>', id)]),
      ]),
    );
  }
  return q
    .orderBy('r.starts_on')
    .orderBy('r.id')
    .limit(f.limit + 1)
    .execute();
};

/** The goals and activities of these rotations, in their order. */
export const findItems = (db: Db, rotationIds: string[]) =>
  rotationIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('rotation_items')
        .selectAll()
        .where('rotation_id', 'in', rotationIds)
        .orderBy('rotation_id')
        .orderBy('kind')
        .orderBy('position')
        .execute();

/** The check-ins of these rotations, oldest day first, with their authors. */
export const findCheckins = (db: Db, rotationIds: string[]) =>
  rotationIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('rotation_checkins as k')
        .leftJoin('users as u', 'u.id', 'k.author_id')
        .selectAll('k')
        .select(['u.name as author_name', 'u.department as author_department'])
        .where('k.rotation_id', 'in', rotationIds)
        .orderBy('k.date')
        .orderBy('k.id')
        .execute();

export const insertRotation = (db: Db, row: RotationsTable) => db.insertInto('rotations').values(row).execute();

export const updateRotationRow = (db: Db, id: string, version: number, set: Partial<RotationsTable>) =>
  db
    .updateTable('rotations')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

/** Replaces the goals or the activities of a rotation with `items` (ids kept as given). */
export const replaceItems = async (
  db: Db,
  rotationId: string,
  kind: 'goal' | 'activity',
  items: Omit<RotationItemsTable, 'rotation_id' | 'kind'>[],
): Promise<void> => {
  await db.deleteFrom('rotation_items').where('rotation_id', '=', rotationId).where('kind', '=', kind).execute();
  if (items.length > 0) {
    await db
      .insertInto('rotation_items')
      .values(items.map((i) => ({ ...i, rotation_id: rotationId, kind })))
      .execute();
  }
};

export const insertCheckin = (db: Db, row: RotationCheckinsTable) =>
  db.insertInto('rotation_checkins').values(row).execute();

/** The person's rotations (not cancelled) whose period overlaps [startsOn, endsOn], other than `exceptId`. */
export const findOverlapping = (db: Db, userId: string, startsOn: string, endsOn: string, exceptId: string | null) => {
  let q = db
    .selectFrom('rotations')
    .select(['id', 'starts_on', 'ends_on'])
    .where('user_id', '=', userId)
    .where('cancelled_at', 'is', null)
    .where('ends_on', '>=', startsOn)
    .where('starts_on', '<=', endsOn);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.execute();
};

/**
 * The user's rotations (not cancelled) that may contain a day of [fromDay, toDay]: the one query each
 * authenticated request makes, along the index rotations_user.
 */
/**
 * 1 when a rotation (not cancelled) of the user in `userColumn` overlaps [fromDay, toDay], else 0: a column
 * for the authentication's own query, so a user without a rotation costs no second statement.
 */
export const rotationNearColumn = (userColumn: string, days: { from: string; to: string }) =>
  sql<number>`(case when exists (select 1 from rotations r where r.user_id = ${sql.ref(userColumn)} and r.ends_on >= ${days.from} and r.starts_on <= ${days.to} and r.cancelled_at is null) then 1 else 0 end)`;

export const findRotationsNear = (db: Db, userId: string, fromDay: string, toDay: string) =>
  db
    .selectFrom('rotations')
    .select(['id', 'host_department', 'starts_on', 'ends_on'])
    .where('user_id', '=', userId)
    .where('ends_on', '>=', fromDay)
    .where('starts_on', '<=', toDay)
    .where('cancelled_at', 'is', null)
    .execute();

/** Rotations (not cancelled) overlapping [from, to], with their goals met and in all. */
export const findRotationsOverlapping = (db: Db, from: string, to: string) =>
  db
    .selectFrom('rotations as r')
    .select((eb) => [
      'r.id',
      'r.user_id',
      'r.host_department',
      'r.starts_on',
      'r.ends_on',
      'r.rating',
      eb
        .selectFrom('rotation_items as i')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('i.rotation_id', '=', 'r.id')
        .where('i.kind', '=', 'goal')
        .as('goals_total'),
      eb
        .selectFrom('rotation_items as i')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('i.rotation_id', '=', 'r.id')
        .where('i.kind', '=', 'goal')
        .where('i.done', '=', 1)
        .as('goals_met'),
    ])
    .where('r.cancelled_at', 'is', null)
    .where('r.ends_on', '>=', from)
    .where('r.starts_on', '<=', to)
    .execute();
