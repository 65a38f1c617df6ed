import type { Db } from '../../db/db.js';

/*
 * The queries of the goal notices, the weekly digest and the renewal of repeating goals. The goals'
 * own rows are written through goals.repository.ts; this file adds the compare-and-set updates that
 * keep a sweep from acting twice when two workers run it at once.
 */

const noticeColumns = [
  'id',
  'name',
  'metric',
  'filters',
  'period_from',
  'period_to',
  'target',
  'currency',
  'noticed_status',
  'noticed_percent',
] as const;

/** Goals whose period contains `today` or ended on `yesterday` (its last day may have moved after the last sweep). */
export const findGoalsToNotice = (db: Db, yesterday: string, today: string) =>
  db
    .selectFrom('goals')
    .select(noticeColumns)
    .where('period_from', '<=', today)
    .where('period_to', '>=', yesterday)
    .orderBy('id')
    .execute();

export type NoticeRow = Awaited<ReturnType<typeof findGoalsToNotice>>[number];

export interface Noticed {
  status: string | null;
  percent: number;
}

/**
 * Records what the notices saw if the goal still shows what this sweep read (`seen`); false when a
 * concurrent sweep got there first, so only one of them notifies. No new version: nobody edited the goal.
 */
export const recordNotice = async (db: Db, id: string, seen: Noticed, next: Noticed): Promise<boolean> => {
  let q = db
    .updateTable('goals')
    .set({ noticed_status: next.status, noticed_percent: next.percent })
    .where('id', '=', id)
    .where('noticed_percent', '=', seen.percent);
  q = seen.status === null ? q.where('noticed_status', 'is', null) : q.where('noticed_status', '=', seen.status);
  return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
};

/**
 * Hands a repeating goal's repeat on to its successor: clears `repeat` if the goal is still at the
 * version the sweep read. False when another sweep (or an edit) came first.
 */
export const claimRenewal = async (db: Db, id: string, version: number, now: string): Promise<boolean> => {
  const result = await db
    .updateTable('goals')
    .set({ repeat: 0, version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('repeat', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

/** The goal's owners who are still active. */
export const findActiveOwnerIds = async (db: Db, goalId: string): Promise<string[]> =>
  (
    await db
      .selectFrom('goal_owners as o')
      .innerJoin('users as u', 'u.id', 'o.user_id')
      .select('o.user_id')
      .where('o.goal_id', '=', goalId)
      .where('u.active', '=', 1)
      .orderBy('o.user_id')
      .execute()
  ).map((r) => r.user_id);

/** Every running goal (period contains `today`) with each of its active owners: one row per owner and goal. */
export const findDigestRows = (db: Db, today: string) =>
  db
    .selectFrom('goals as g')
    .innerJoin('goal_owners as o', 'o.goal_id', 'g.id')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select([
      'g.id',
      'g.name',
      'g.metric',
      'g.filters',
      'g.period_from',
      'g.period_to',
      'g.target',
      'g.currency',
      'u.id as user_id',
      'u.email',
      'u.name as user_name',
      'u.locale',
    ])
    .where('g.period_from', '<=', today)
    .where('g.period_to', '>=', today)
    .where('u.active', '=', 1)
    .orderBy('u.id')
    .orderBy('g.period_to')
    .orderBy('g.name')
    .orderBy('g.id')
    .execute();
