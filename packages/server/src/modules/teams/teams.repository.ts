import type { Db } from '../../db/db.js';

export const listTeamRows = (db: Db) => db.selectFrom('teams').selectAll().orderBy('name').execute();

export const findTeamRow = (db: Db, id: string) =>
  db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();

export const listMemberRows = (db: Db, teamIds: string[]) =>
  teamIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('team_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.team_id', 'u.id', 'u.name', 'u.department', 'u.active'])
        .where('m.team_id', 'in', teamIds)
        .orderBy('u.name')
        .orderBy('u.id')
        .execute();

export const insertTeam = (db: Db, row: { id: string; name: string; created_at: string }) =>
  db
    .insertInto('teams')
    .values({ ...row, version: 1, updated_at: row.created_at })
    .execute();

export const updateTeamRow = (db: Db, id: string, version: number, set: { name?: string; updated_at: string }) =>
  db
    .updateTable('teams')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

export const replaceMembers = async (db: Db, teamId: string, userIds: string[]) => {
  await db.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  if (userIds.length > 0) {
    await db
      .insertInto('team_members')
      .values(userIds.map((user_id) => ({ team_id: teamId, user_id })))
      .execute();
  }
};
