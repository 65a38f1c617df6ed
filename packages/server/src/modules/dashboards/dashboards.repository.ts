import type { Db } from '../../db/db.js';
import type { DashboardsTable } from '../../db/schema.js';

export type DashboardRow = DashboardsTable & { owner_name: string; owner_department: string };

const withOwner = (db: Db) =>
  db
    .selectFrom('dashboards as d')
    .innerJoin('users as u', 'u.id', 'd.owner_id')
    .selectAll('d')
    .select(['u.name as owner_name', 'u.department as owner_department']);

export const findDashboardRow = (db: Db, id: string): Promise<DashboardRow | undefined> =>
  withOwner(db).where('d.id', '=', id).executeTakeFirst();

/** The user's own dashboards and everyone's shared ones, own first, each by name. */
export const listVisibleDashboardRows = (db: Db, userId: string): Promise<DashboardRow[]> =>
  withOwner(db)
    .where((eb) => eb.or([eb('d.owner_id', '=', userId), eb('d.shared', '=', 1)]))
    .orderBy((eb) => eb.case().when('d.owner_id', '=', userId).then(0).else(1).end())
    .orderBy('d.name')
    .orderBy('d.id')
    .execute();

export const insertDashboard = (db: Db, row: DashboardsTable) => db.insertInto('dashboards').values(row).execute();

export const updateDashboardRow = (db: Db, id: string, version: number, set: Partial<DashboardsTable>) =>
  db
    .updateTable('dashboards')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

export const deleteDashboardRow = (db: Db, id: string) => db.deleteFrom('dashboards').where('id', '=', id).execute();
