import {
  type CreateCommentInput,
  type CreateNoteInput,
  type FieldChange,
  type Page,
  renderMarkdown,
  type TimelineEntry,
  type TimelineQuery,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { TimelineEntriesTable } from '../../db/schema.js';
import { assertCanWrite } from '../../http/access.js';
import { AppError, fieldError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { type Db, entityExists, findUserRefs, insertTimelineEntries, listTimelineRows } from './timeline.repository.js';

export type AuditAction = 'created' | 'updated' | 'deleted' | 'restored';
export type RecordType = 'account' | 'contact';

/** The fields of `after` whose value differs from `before`, for an audit entry. */
export const changesBetween = <T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
): FieldChange[] =>
  fields
    .filter((f) => f in after && JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((f) => ({ field: f, from: before[f] ?? null, to: after[f] ?? null }));

const auditRow = (
  actor: Pick<Actor, 'id' | 'department'> | null,
  entityType: string,
  entityId: string,
  action: AuditAction | string,
  changes: FieldChange[] | null,
  at = nowIso(),
): TimelineEntriesTable => ({
  id: newId(),
  entity_type: entityType,
  entity_id: entityId,
  kind: 'audit',
  action,
  actor_id: actor?.id ?? null,
  department: actor?.department ?? null,
  body: null,
  data: changes ? JSON.stringify({ changes }) : null,
  created_at: at,
});

/** Writes an audit entry in the caller's transaction: every mutation calls this. */
export const recordAudit = (
  db: Db,
  actor: Pick<Actor, 'id' | 'department'> | null,
  entityType: string,
  entityId: string,
  action: AuditAction | string,
  changes: FieldChange[] | null = null,
): Promise<void> => insertTimelineEntries(db, [auditRow(actor, entityType, entityId, action, changes)]);

const assertRecord = async (ctx: AppContext, type: RecordType, id: string) => {
  if (!(await entityExists(ctx.db, type, id))) {
    throw new AppError(type === 'account' ? 'account_not_found' : 'contact_not_found');
  }
};

/** One record's timeline, newest first, optionally by kind or department. */
export const listTimeline = async (
  ctx: AppContext,
  type: RecordType,
  id: string,
  query: TimelineQuery,
): Promise<Page<TimelineEntry>> => {
  await assertRecord(ctx, type, id);
  const rows = await listTimelineRows(ctx.db, { entityType: type, entityId: id, ...query });
  const page = rows.slice(0, query.limit);
  const data = page.map((r) =>
    r.data ? (JSON.parse(r.data) as { changes?: FieldChange[]; mentions?: string[] } & Record<string, unknown>) : {},
  );
  const mentionIds = [...new Set(data.flatMap((d) => d.mentions ?? []))];
  const refs = new Map((await findUserRefs(ctx.db, mentionIds)).map((u) => [u.id, u]));
  const items = page.map((r, i): TimelineEntry => {
    const d = data[i] ?? {};
    return {
      id: r.id,
      kind: r.kind as TimelineEntry['kind'],
      action: r.action,
      createdAt: r.created_at,
      actor:
        r.actor_id && r.actor_name
          ? { id: r.actor_id, name: r.actor_name, department: r.actor_department ?? '' }
          : null,
      department: r.department as TimelineEntry['department'],
      body: r.body,
      html: r.body === null ? null : renderMarkdown(r.body),
      changes: d.changes ?? null,
      mentions: d.mentions ? d.mentions.flatMap((m) => refs.get(m) ?? []) : null,
      // touchpoints and handoff events carry their facts (form, UTM values, reason) for the client to render
      data: r.kind === 'touchpoint' || r.kind === 'handoff' ? d : null,
    };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null };
};

const writeEntry = async (
  ctx: AppContext,
  actor: Actor,
  type: RecordType,
  id: string,
  kind: 'note' | 'comment',
  body: string,
  mentions: string[] | null,
): Promise<TimelineEntry> => {
  assertCanWrite(actor);
  const entry: TimelineEntriesTable = {
    id: newId(),
    entity_type: type,
    entity_id: id,
    kind,
    action: null,
    actor_id: actor.id,
    department: actor.department,
    body,
    data: mentions && mentions.length > 0 ? JSON.stringify({ mentions }) : null,
    created_at: nowIso(),
  };
  const mentioned = await ctx.db.transaction().execute(async (trx) => {
    if (!(await entityExists(trx, type, id))) {
      throw new AppError(type === 'account' ? 'account_not_found' : 'contact_not_found');
    }
    const found = mentions && mentions.length > 0 ? await findUserRefs(trx, mentions) : [];
    if (mentions && found.length !== mentions.length) throw fieldError('mentions', 'Unknown user mentioned');
    await insertTimelineEntries(trx, [entry]);
    return found;
  });
  return {
    id: entry.id,
    kind,
    action: null,
    createdAt: entry.created_at,
    actor: { id: actor.id, name: actor.name, department: actor.department },
    department: actor.department,
    body,
    html: renderMarkdown(body),
    changes: null,
    mentions: mentions ? mentioned : null,
    data: null,
  };
};

/** Adds a markdown note to a record's timeline. */
export const createNote = (ctx: AppContext, actor: Actor, type: RecordType, id: string, input: CreateNoteInput) =>
  writeEntry(ctx, actor, type, id, 'note', input.body, null);

/** Adds a comment, with @mentions of colleagues, to a record's timeline. */
export const createComment = (ctx: AppContext, actor: Actor, type: RecordType, id: string, input: CreateCommentInput) =>
  writeEntry(ctx, actor, type, id, 'comment', input.body, input.mentions ? [...new Set(input.mentions)] : null);
