import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/db.js';
import { notIndexed } from '../../db/plans.js';
import type { TasksTable } from '../../db/schema.js';

const selectTasks = (db: Db) =>
  db
    .selectFrom('tasks as t')
    .innerJoin('users as o', 'o.id', 't.owner_id')
    .selectAll('t')
    .select(['o.name as owner_name', 'o.department as owner_department']);

export type TaskRow = Awaited<ReturnType<ReturnType<typeof selectTasks>['executeTakeFirstOrThrow']>>;

export const findTaskRow = (db: Db, id: string) => selectTasks(db).where('t.id', '=', id).executeTakeFirst();

export const insertTask = (db: Db, row: TasksTable) => db.insertInto('tasks').values(row).execute();

export const updateTaskRow = (db: Db, id: string, version: number, set: Partial<TasksTable>) =>
  db
    .updateTable('tasks')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

/** Where a task stands in "My tasks": overdue (0), other open (1), done or cancelled (2); then by due date, undated last. */
export interface TaskPosition {
  group: number;
  dueAt: string | null;
  id: string;
}

export interface TaskFilter {
  ownerId?: string;
  status?: string;
  entityType?: string;
  entityId?: string;
  /** The instant that decides what is overdue; kept in the cursor so that every page uses the same one. */
  now: string;
  after?: TaskPosition;
  limit: number;
}

/**
 * The list's parts in its order: overdue, open with a later due date, open undated, closed with a due
 * date, closed undated. Each is an index range in the part's order (migration 0041), so a page reads only
 * its rows, whatever the table's size; "overdue" depends on the request's instant, which no index holds.
 */
const taskParts = [
  { group: 0, undated: false },
  { group: 1, undated: false },
  { group: 1, undated: true },
  { group: 2, undated: false },
  { group: 2, undated: true },
] as const;

/**
 * Overdue tasks first, then the other open ones, then the closed ones; each by due date (undated last),
 * then by id; keyset on that order. Read part by part (`taskParts`) until the page is full: the same rows
 * in the same order on both engines as one statement ordered by the group would give.
 */
export const listTaskRows = async (db: Db, f: TaskFilter): Promise<TaskRow[]> => {
  // one record's tasks are few: found by the record's id and sorted in one statement
  if (f.entityId) return listRecordTaskRows(db, f);
  const a = f.after;
  const from = a ? taskParts.findIndex((p) => p.group === a.group && p.undated === (a.dueAt === null)) : 0;
  const out: TaskRow[] = [];
  for (const [i, part] of taskParts.entries()) {
    if (i < from || out.length > f.limit) continue;
    const open = part.group < 2;
    if (f.status && (f.status === 'open') !== open) continue;
    let q = selectTasks(db);
    if (f.ownerId) q = q.where('t.owner_id', '=', f.ownerId);
    // a status as a literal: the closed parts' partial indexes are chosen only for `status <> 'open'` itself
    q = q.where(
      f.status
        ? sql<SqlBool>`t.status = ${f.status}`
        : sql<SqlBool>`t.status ${sql.raw(open ? "= 'open'" : "<> 'open'")}`,
    );
    // a record type alone matches a large share: tested on the walk of the part's index (SQLite)
    if (f.entityType) q = q.where(notIndexed(db, 't.entity_type'), '=', f.entityType);
    if (f.entityId) q = q.where('t.entity_id', '=', f.entityId);
    if (part.undated) q = q.where('t.due_at', 'is', null);
    else if (part.group === 0) q = q.where('t.due_at', '<', f.now);
    else if (part.group === 1) q = q.where('t.due_at', '>=', f.now);
    else q = q.where('t.due_at', 'is not', null);
    if (a && i === from) {
      q = part.undated
        ? q.where('t.id', '>', a.id)
        : q.where((eb) => eb(eb.refTuple('t.due_at', 't.id'), '>', eb.tuple(a.dueAt as string, a.id)));
    }
    q = part.undated ? q.orderBy('t.id') : q.orderBy('t.due_at').orderBy('t.id');
    out.push(...(await q.limit(f.limit + 1 - out.length).execute()));
  }
  return out;
};

/** `listTaskRows` for one record's tasks: the list's order as one sort of the few found by its id. */
const listRecordTaskRows = (db: Db, f: TaskFilter) => {
  const group = sql<number>`(case when t.status <> 'open' then 2 when t.due_at < ${f.now} then 0 else 1 end)`;
  const undated = sql<number>`(case when t.due_at is null then 1 else 0 end)`;
  let q = selectTasks(db).where('t.entity_id', '=', f.entityId as string);
  if (f.ownerId) q = q.where('t.owner_id', '=', f.ownerId);
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.entityType) q = q.where('t.entity_type', '=', f.entityType);
  const a = f.after;
  if (a) {
    q = q.where((eb) => {
      const dueAt = a.dueAt;
      const afterInGroup =
        dueAt === null
          ? eb.and([eb('t.due_at', 'is', null), eb('t.id', '>', a.id)])
          : eb.or([
              eb('t.due_at', 'is', null),
              eb('t.due_at', '>', dueAt),
              eb.and([eb('t.due_at', '=', dueAt), eb('t.id', '>', a.id)]),
            ]);
      return eb.or([eb(group, '>', a.group), eb.and([eb(group, '=', a.group), afterInGroup])]);
    });
  }
  return q
    .orderBy(group)
    .orderBy(undated)
    .orderBy('t.due_at')
    .orderBy('t.id')
    .limit(f.limit + 1)
    .execute();
};

/** Tasks that are action items of one occurrence, or of any occurrence of a series (`<series id>:…`). */
export const listMeetingTaskRows = (db: Db, of: { occurrenceId: string } | { seriesId: string }) => {
  let q = selectTasks(db);
  q =
    'occurrenceId' in of
      ? q.where('t.meeting_occurrence_id', '=', of.occurrenceId)
      : q.where('t.meeting_occurrence_id', 'like', `${of.seriesId}:%`);
  return q.orderBy('t.due_at').orderBy('t.id').execute();
};

/** Action items (not cancelled) due in [from, to). */
export const listDueActionItemRows = (db: Db, from: string, to: string) =>
  db
    .selectFrom('tasks')
    .select(['due_at', 'status', 'completed_at'])
    .where('meeting_occurrence_id', 'is not', null)
    .where('status', '<>', 'cancelled')
    .where('due_at', '>=', from)
    .where('due_at', '<', to)
    .execute();

/**
 * Claims the tasks whose reminder is due: marks them reminded in the same statement, so that each
 * reminder goes out once even with several workers.
 */
export const claimDueReminders = (db: Db, now: string) =>
  db
    .updateTable('tasks')
    .set({ reminded_at: now })
    .where('status', '=', 'open')
    .where('reminded_at', 'is', null)
    .where('remind_at', 'is not', null)
    .where('remind_at', '<=', now)
    .returning(['id', 'title', 'owner_id', 'due_at', 'entity_type', 'entity_id'])
    .execute();

/** A user's open tasks due in [from, to), by due date: what their calendar feed shows (issue 19). */
export const listOwnDueTaskRows = (db: Db, ownerId: string, from: string, to: string) =>
  db
    .selectFrom('tasks')
    .select(['id', 'title', 'description', 'due_at', 'updated_at'])
    .where('owner_id', '=', ownerId)
    .where('status', '=', 'open')
    .where('due_at', '>=', from)
    .where('due_at', '<', to)
    .orderBy('due_at')
    .orderBy('id')
    .execute();
