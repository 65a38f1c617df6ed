import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import type { GoalsTable } from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

const selectGoals = (db: Db) =>
  db
    .selectFrom('goals as g')
    .leftJoin('goals as p', 'p.id', 'g.parent_id')
    .leftJoin('teams as t', 't.id', 'g.team_id')
    .leftJoin('users as u', 'u.id', 'g.created_by')
    .selectAll('g')
    .select([
      'p.name as parent_name',
      't.name as team_name',
      'u.name as creator_name',
      'u.department as creator_department',
    ]);

export type GoalRow = Awaited<ReturnType<ReturnType<typeof selectGoals>['executeTakeFirstOrThrow']>>;

export const findGoalRow = (db: Db, id: string) => selectGoals(db).where('g.id', '=', id).executeTakeFirst();

export const findGoalRows = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : selectGoals(db).where('g.id', 'in', ids).execute();

export interface GoalFilter {
  ownerId?: string;
  metric?: string;
  teamId?: string;
  parentId?: string;
  /** Periods containing this local date. */
  on?: string;
  /** Periods ending in [endFrom, endTo] (local dates). */
  endFrom?: string;
  endTo?: string;
  /** Goals owned from both marketing and sales (true) or not (false). */
  shared?: boolean;
  limit: number;
  cursor?: string;
}

/** The goals of a filter, newest period first, keyset on (period_from desc, id). */
export const listGoalRows = (db: Db, f: GoalFilter) => {
  let q = selectGoals(db);
  if (f.ownerId) {
    const ownerId = f.ownerId;
    q = q.where('g.id', 'in', (eb) => eb.selectFrom('goal_owners').select('goal_id').where('user_id', '=', ownerId));
  }
  if (f.metric) q = q.where('g.metric', '=', f.metric);
  if (f.teamId) q = q.where('g.team_id', '=', f.teamId);
  if (f.parentId) q = q.where('g.parent_id', '=', f.parentId);
  if (f.on) q = q.where('g.period_from', '<=', f.on).where('g.period_to', '>=', f.on);
  if (f.endFrom) q = q.where('g.period_to', '>=', f.endFrom);
  if (f.endTo) q = q.where('g.period_to', '<=', f.endTo);
  if (f.shared !== undefined) {
    const ownedFrom = (department: string) =>
      sql<boolean>`exists (select 1 from goal_owners o join users ou on ou.id = o.user_id
        where o.goal_id = g.id and ou.department = ${department})`;
    const both = sql<boolean>`(${ownedFrom('marketing')} and ${ownedFrom('sales')})`;
    q = q.where(f.shared ? both : sql<boolean>`not ${both}`);
  }
  if (f.cursor) {
    const [from, id] = decodeCursor(f.cursor, { sort: 'period', value: 'date' });
    q = q.where((eb) =>
      eb.or([
        eb('g.period_from', '<', String(from)),
        eb.and([eb('g.period_from', '=', String(from)), eb('g.id', '>', id)]),
      ]),
    );
  }
  return q
    .orderBy('g.period_from', 'desc')
    .orderBy('g.id')
    .limit(f.limit + 1)
    .execute();
};

/** The owners of these goals, with name and department. */
export const findOwners = (db: Db, goalIds: string[]) =>
  goalIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('goal_owners as o')
        .innerJoin('users as u', 'u.id', 'o.user_id')
        .select(['o.goal_id', 'u.id', 'u.name', 'u.department'])
        .where('o.goal_id', 'in', goalIds)
        .orderBy('u.name')
        .execute();

/** How many goals the team owns. */
export const countTeamGoals = async (db: Db, teamId: string): Promise<number> => {
  const row = await db
    .selectFrom('goals')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('team_id', '=', teamId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

export const insertGoal = (db: Db, row: GoalsTable) => db.insertInto('goals').values(row).execute();

export const replaceOwners = async (db: Db, goalId: string, userIds: string[]): Promise<void> => {
  await db.deleteFrom('goal_owners').where('goal_id', '=', goalId).execute();
  if (userIds.length > 0) {
    await db
      .insertInto('goal_owners')
      .values(userIds.map((user_id) => ({ goal_id: goalId, user_id })))
      .execute();
  }
};

export const updateGoalRow = (db: Db, id: string, version: number, set: Partial<GoalsTable>) =>
  db
    .updateTable('goals')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

/** Records what the notices last saw, without a new version (nobody edited the goal). */
export const markNoticed = (db: Db, id: string, status: string, percent: number) =>
  db.updateTable('goals').set({ noticed_status: status, noticed_percent: percent }).where('id', '=', id).execute();

/** Deletes a goal; the goals below it keep their place without a parent. */
export const deleteGoalRow = async (db: Db, id: string): Promise<void> => {
  await db.updateTable('goals').set({ parent_id: null }).where('parent_id', '=', id).execute();
  await db.deleteFrom('goal_owners').where('goal_id', '=', id).execute();
  await db.deleteFrom('goals').where('id', '=', id).execute();
};

/** Parent links of every goal (few: goals are set by hand), for chains and cycle checks. */
export const findParentLinks = (db: Db) => db.selectFrom('goals').select(['id', 'parent_id']).execute();

/** Repeating goals whose period ended before `today` and that have no successor in their series yet. */
export const findGoalsToRenew = (db: Db, today: string) =>
  db
    .selectFrom('goals as g')
    .selectAll('g')
    .where('g.repeat', '=', 1)
    .where('g.period_to', '<', today)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('goals as n')
            .select('n.id')
            .whereRef('n.series_id', '=', 'g.series_id')
            .whereRef('n.period_from', '>', 'g.period_to'),
        ),
      ),
    )
    .execute();

export const findOwnerIds = async (db: Db, goalId: string): Promise<string[]> =>
  (await db.selectFrom('goal_owners').select('user_id').where('goal_id', '=', goalId).execute()).map((r) => r.user_id);

/** The facts data version: bumped by triggers on every write a goal's figures are read from (migration 0015). */
export const findFactsVersion = async (db: Db): Promise<number> => {
  const row = await db.selectFrom('data_versions').select('version').where('name', '=', 'facts').executeTakeFirst();
  return Number(row?.version ?? 0);
};
