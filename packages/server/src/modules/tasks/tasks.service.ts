import type { CreateTaskInput, ListTasksQuery, Page, Task, UpdateTaskInput } from '@nenner/shared';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { TasksTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { notifyUsers, settleNotifications } from '../notifications/notifications.service.js';
import { changesBetween, findLinkedRecord, recordAudit, recordNames } from '../timeline/timeline.service.js';
import { assertActiveUsers } from '../users/users.service.js';
import {
  claimDueReminders,
  findTaskRow,
  insertTask,
  listDueActionItemRows,
  listMeetingTaskRows,
  listTaskRows,
  type TaskPosition,
  type TaskRow,
  updateTaskRow,
} from './tasks.repository.js';

type ListTasksParams = z.output<typeof ListTasksQuery>;
const fields = ['title', 'description', 'dueAt', 'remindAt', 'ownerId', 'status'] as const;
const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null);
const CURSOR_SORT = 'tasks';
const VIEWERS_READ = 'Viewers can read but not change records';

const groupOf = (r: Pick<TaskRow, 'status' | 'due_at'>, now: string): number =>
  r.status !== 'open' ? 2 : r.due_at !== null && r.due_at < now ? 0 : 1;

const presentTask = (r: TaskRow, entityName: string | null, now = nowIso()): Task => ({
  id: r.id,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  title: r.title,
  description: r.description,
  status: r.status as Task['status'],
  dueAt: r.due_at,
  remindAt: r.remind_at,
  overdue: groupOf(r, now) === 0,
  ownerId: r.owner_id,
  owner: { id: r.owner_id, name: r.owner_name, department: r.owner_department },
  entityType: r.entity_type as Task['entityType'],
  entityId: r.entity_id,
  entityName,
  completedAt: r.completed_at,
});

const presentPage = async (db: Db, rows: TaskRow[], now: string): Promise<Task[]> => {
  const names = await recordNames(
    db,
    rows.flatMap((r) => (r.entity_type && r.entity_id ? [{ type: r.entity_type, id: r.entity_id }] : [])),
  );
  return rows.map((r) => presentTask(r, names.get(`${r.entity_type}:${r.entity_id}`) ?? null, now));
};

const reload = async (db: Db, id: string): Promise<Task> => {
  const row = await findTaskRow(db, id);
  if (!row) throw new AppError('task_not_found');
  return (await presentPage(db, [row], nowIso()))[0] as Task;
};

/** The cursor carries the instant that decides "overdue", so that a task cannot jump groups between pages. */
const readCursor = (cursor: string): { now: string; after: TaskPosition } => {
  const [value, id] = decodeCursor(cursor, { sort: CURSOR_SORT });
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : null;
  if (
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    typeof parsed[0] === 'string' &&
    !Number.isNaN(Date.parse(parsed[0])) &&
    [0, 1, 2].includes(parsed[1]) &&
    (parsed[2] === null || (typeof parsed[2] === 'string' && !Number.isNaN(Date.parse(parsed[2]))))
  ) {
    return { now: parsed[0], after: { group: parsed[1] as number, dueAt: parsed[2] as string | null, id } };
  }
  throw new AppError('invalid_cursor');
};

/** Tasks, overdue ones first, then by due date; `ownerId=me` is the caller's "My tasks". */
export const listTasks = async (ctx: AppContext, actor: Actor, query: ListTasksParams): Promise<Page<Task>> => {
  const position = query.cursor ? readCursor(query.cursor) : { now: nowIso(), after: undefined };
  const rows = await listTaskRows(ctx.db, {
    ownerId: query.ownerId === 'me' ? actor.id : query.ownerId,
    status: query.status,
    entityType: query.entityType,
    entityId: query.entityId,
    now: position.now,
    after: position.after,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await presentPage(ctx.db, page, position.now),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor(JSON.stringify([position.now, groupOf(last, position.now), last.due_at]), last.id, CURSOR_SORT)
        : null,
  };
};

const assertLink = async (db: Db, type: string | null | undefined, id: string | null | undefined) => {
  if (!type && !id) return null;
  if (!type) throw fieldError('entityType', 'Say which kind of record entityId names');
  if (!id) throw fieldError('entityId', `Name the ${type}`);
  const record = await findLinkedRecord(db, type as 'account' | 'contact' | 'deal', id);
  if (!record) throw fieldError('entityId', `Unknown ${type}`);
  return record;
};

/** Creates a task for the caller or a colleague, optionally linked to an account, contact or deal. */
export const createTask = async (ctx: AppContext, actor: Actor, input: CreateTaskInput): Promise<Task> => {
  assertCan(actor, 'tasks.write', undefined, VIEWERS_READ);
  return ctx.db.transaction().execute(async (trx) => reload(trx, await insertTaskRecord(trx, actor, input, null)));
};

/** Checks and writes one task in the caller's transaction, audited; returns its id. */
const insertTaskRecord = async (
  db: Db,
  actor: Actor,
  input: CreateTaskInput,
  meetingOccurrenceId: string | null,
): Promise<string> => {
  const now = nowIso();
  const id = newId();
  const ownerId = input.ownerId ?? actor.id;
  await assertActiveUsers(db, [ownerId], 'ownerId');
  const record = await assertLink(db, input.entityType, input.entityId);
  const row: TasksTable = {
    id,
    title: input.title,
    description: input.description ?? null,
    status: 'open',
    due_at: iso(input.dueAt),
    remind_at: iso(input.remindAt),
    reminded_at: null,
    owner_id: ownerId,
    entity_type: record ? (input.entityType ?? null) : null,
    entity_id: record ? record.id : null,
    account_id: record?.accountId ?? null,
    created_by: actor.id,
    completed_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
    meeting_occurrence_id: meetingOccurrenceId,
  };
  await insertTask(db, row);
  await recordAudit(
    db,
    actor,
    'task',
    id,
    'created',
    meetingOccurrenceId ? [{ field: 'meetingOccurrenceId', from: null, to: meetingOccurrenceId }] : null,
  );
  return id;
};

/**
 * A meeting's action item: a task for its owner (so it is in their "My tasks") that names the
 * occurrence, written in the caller's transaction. The meeting checks who may agree it.
 */
export const createActionItemTask = async (
  db: Db,
  actor: Actor,
  occurrenceId: string,
  input: Pick<CreateTaskInput, 'title' | 'ownerId' | 'dueAt' | 'entityType' | 'entityId'>,
): Promise<Task> => reload(db, await insertTaskRecord(db, actor, input, occurrenceId));

/**
 * A task another module hands someone (an event's follow-up for an account owner), written in the
 * caller's transaction and audited; the calling module checks who may cause it.
 */
export const createLinkedTask = async (
  db: Db,
  actor: Actor,
  input: Pick<CreateTaskInput, 'title' | 'description' | 'ownerId' | 'dueAt' | 'entityType' | 'entityId'>,
): Promise<Task> => reload(db, await insertTaskRecord(db, actor, input, null));

export interface ActionItemTask {
  id: string;
  occurrenceId: string;
  title: string;
  status: string;
  dueAt: string | null;
  completedAt: string | null;
  owner: { id: string; name: string; department: string };
  entityType: string | null;
  entityId: string | null;
}

/** The action-item tasks of one occurrence, or of every occurrence of a series; by due date. */
export const listActionItemTasks = async (
  db: Db,
  of: { occurrenceId: string } | { seriesId: string },
): Promise<ActionItemTask[]> =>
  (await listMeetingTaskRows(db, of)).map((r) => ({
    id: r.id,
    occurrenceId: r.meeting_occurrence_id ?? '',
    title: r.title,
    status: r.status,
    dueAt: r.due_at,
    completedAt: r.completed_at,
    owner: { id: r.owner_id, name: r.owner_name, department: r.owner_department },
    entityType: r.entity_type,
    entityId: r.entity_id,
  }));

/**
 * Action items (tasks from meetings, cancelled ones left out) due in [from, to) and already due at
 * `now`, each with whether it was done by its due date: the goal metric and the alignment index read
 * the same rows.
 */
export const actionItemsDueBetween = async (
  ctx: AppContext,
  from: string,
  to: string,
  now: string,
): Promise<{ dueAt: string; onTime: boolean }[]> =>
  (await listDueActionItemRows(ctx.db, from, to < now ? to : now)).map((r) => ({
    dueAt: r.due_at as string,
    onTime: r.status === 'done' && r.completed_at !== null && r.completed_at <= (r.due_at as string),
  }));

/** Edits a task if the caller saw the latest version; a new reminder time re-arms the reminder. Audited. */
export const updateTask = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateTaskInput,
): Promise<Task> => {
  assertCan(actor, 'tasks.write', undefined, VIEWERS_READ);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findTaskRow(trx, id);
    if (!row) throw new AppError('task_not_found');
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    if (input.ownerId !== undefined) await assertActiveUsers(trx, [input.ownerId], 'ownerId');
    const normalized = {
      ...input,
      ...(input.dueAt !== undefined && { dueAt: iso(input.dueAt) }),
      ...(input.remindAt !== undefined && { remindAt: iso(input.remindAt) }),
    };
    const before = presentTask(row, null);
    const changes = changesBetween(before, normalized, fields);
    if (changes.length === 0) return reload(trx, id);
    const changed = new Set(changes.map((c) => c.field));
    const now = nowIso();
    const set: Partial<TasksTable> = {
      ...(changed.has('title') && { title: normalized.title }),
      ...(changed.has('description') && { description: normalized.description ?? null }),
      ...(changed.has('dueAt') && { due_at: normalized.dueAt ?? null }),
      ...(changed.has('remindAt') && { remind_at: normalized.remindAt ?? null, reminded_at: null }),
      ...(changed.has('ownerId') && { owner_id: normalized.ownerId }),
      ...(changed.has('status') && {
        status: normalized.status,
        completed_at: normalized.status === 'done' ? now : null,
      }),
      updated_at: now,
    };
    const result = await updateTaskRow(trx, id, expectedVersion, set);
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    if (set.status === 'done') await settleNotifications(trx, { type: 'task', id }, ['task_reminder']);
    await recordAudit(trx, actor, 'task', id, 'updated', changes);
    return reload(trx, id);
  });
};

/** Tells each owner whose open task's reminder time has passed, once (worker, periodically). */
export const sweepTaskReminders = async (ctx: AppContext): Promise<number> =>
  ctx.db.transaction().execute(async (trx) => {
    const due = await claimDueReminders(trx, nowIso());
    const names = await recordNames(
      trx,
      due.flatMap((t) => (t.entity_type && t.entity_id ? [{ type: t.entity_type, id: t.entity_id }] : [])),
    );
    for (const t of due) {
      const record = names.get(`${t.entity_type}:${t.entity_id}`);
      await notifyUsers(
        ctx,
        trx,
        [t.owner_id],
        'task_reminder',
        { type: 'task', id: t.id, path: '/tasks' },
        { task: t.title, record: record ? ` (${record})` : '', ...(t.due_at ? { due: t.due_at } : {}) },
      );
    }
    return due.length;
  });
