import {
  type AccountTimelineQuery,
  type CreateCommentInput,
  type CreateNoteInput,
  can,
  type FieldChange,
  type Page,
  renderMarkdown,
  type TimelineEntry,
  type TimelineQuery,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { TimelineEntriesTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { notifyUsers } from '../notifications/notifications.service.js';
import {
  findAuditChangesOf,
  findRecordNames,
  findRecordRef,
  findUserRefs,
  insertTimelineEntries,
  listActorRows,
  listTimelineRows,
  type RecordRef,
  type RecordType,
} from './timeline.repository.js';

export type { RecordRef, RecordType } from './timeline.repository.js';
export type AuditAction = 'created' | 'updated' | 'deleted' | 'restored';

const notFound = {
  account: 'account_not_found',
  contact: 'contact_not_found',
  deal: 'deal_not_found',
  campaign: 'campaign_not_found',
  project: 'project_not_found',
} as const;
/** Kinds whose `data` the client renders (form, UTM values, reason, activity type, stage change, …). */
const kindsWithData = new Set(['touchpoint', 'handoff', 'activity', 'deal', 'import']);

/** The fields of `after` whose value differs from `before`, for an audit entry. */
export const changesBetween = <T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
): FieldChange[] =>
  fields
    .filter((f) => f in after && JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((f) => ({ field: f, from: before[f] ?? null, to: after[f] ?? null }));

/** The actor as an audit entry names it; `usedHostRights` (see assertCan) marks a job rotation's host rights. */
type AuditActor = Pick<Actor, 'id' | 'department'> & Partial<Pick<Actor, 'rotationId' | 'usedHostRights'>>;

/** `{ rotationId }` when the actor needed a job rotation's host rights for this request ("im Perspektivwechsel"). */
export const hostRightsMark = (actor: AuditActor | null): { rotationId?: string } =>
  actor?.usedHostRights && actor.rotationId ? { rotationId: actor.rotationId } : {};

const auditRow = (
  actor: AuditActor | null,
  entityType: string,
  entityId: string,
  action: AuditAction | string,
  changes: FieldChange[] | null,
  at = nowIso(),
): TimelineEntriesTable => {
  const mark = hostRightsMark(actor);
  return {
    id: newId(),
    entity_type: entityType,
    entity_id: entityId,
    kind: 'audit',
    action,
    actor_id: actor?.id ?? null,
    department: actor?.department ?? null,
    body: null,
    data: changes || mark.rotationId ? JSON.stringify({ ...(changes && { changes }), ...mark }) : null,
    created_at: at,
  };
};

/** Writes an audit entry in the caller's transaction: every mutation calls this. */
export const recordAudit = (
  db: Db,
  actor: AuditActor | null,
  entityType: string,
  entityId: string,
  action: AuditAction | string,
  changes: FieldChange[] | null = null,
): Promise<void> => insertTimelineEntries(db, [auditRow(actor, entityType, entityId, action, changes)]);

/** Writes timeline entries in the caller's transaction: other modules call this, not the repository. */
export const writeTimelineEntries = (db: Db, entries: TimelineEntriesTable[]): Promise<void> =>
  insertTimelineEntries(db, entries);

/**
 * A record that a timeline entry, activity or task may be linked to: its name and 360° account, or
 * undefined. Other modules call this instead of reading the records' tables.
 */
export const findLinkedRecord = (db: Db, type: RecordType, id: string, opts: { includeDeleted?: boolean } = {}) =>
  findRecordRef(db, type, id, opts);

/**
 * The changes of one field of one record type recorded by audit entries in [from, to) (e.g. deals whose
 * close date moved in a meeting's window), oldest first.
 */
export const fieldChangesBetween = async (
  db: Db,
  entityType: RecordType,
  field: string,
  from: string,
  to: string,
): Promise<{ entityId: string; from: unknown; to: unknown; at: string }[]> => {
  const rows = await findAuditChangesOf(db, entityType, field, from, to);
  return rows.flatMap((r) => {
    const changes = r.data ? ((JSON.parse(r.data) as { changes?: FieldChange[] }).changes ?? []) : [];
    return changes
      .filter((c) => c.field === field)
      .map((c) => ({ entityId: r.entity_id, from: c.from, to: c.to, at: r.created_at }));
  });
};

/** Display names of records, one query per type present (no N+1): `type:id` → name. */
export const recordNames = async (db: Db, refs: { type: string; id: string }[]): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  for (const type of ['account', 'contact', 'deal', 'campaign', 'project'] as const) {
    const ids = [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
    for (const [id, name] of await findRecordNames(db, type, ids)) out.set(`${type}:${id}`, name);
  }
  return out;
};

/**
 * One record's timeline, newest first, optionally by kind or department. For an account, scope=account
 * is the 360° view: also every entry of its contacts and deals. Admins may read records in the trash.
 */
export const listTimeline = async (
  ctx: AppContext,
  actor: Actor,
  type: RecordType,
  id: string,
  query: TimelineQuery & Partial<Pick<AccountTimelineQuery, 'scope'>>,
): Promise<Page<TimelineEntry>> => {
  const record = await findRecordRef(ctx.db, type, id, { includeDeleted: can(actor, 'records.trash') });
  if (!record) throw new AppError(notFound[type]);
  const scope = type === 'account' && query.scope === 'account' ? 'account' : 'record';
  const rows = await listTimelineRows(ctx.db, { entityType: type, entityId: id, ...query, scope });
  const page = rows.slice(0, query.limit);
  const data = page.map((r) =>
    r.data ? (JSON.parse(r.data) as { changes?: FieldChange[]; mentions?: string[] } & Record<string, unknown>) : {},
  );
  const mentionIds = [...new Set(data.flatMap((d) => d.mentions ?? []))];
  const refs = new Map((await findUserRefs(ctx.db, mentionIds)).map((u) => [u.id, u]));
  const others = page.filter((r) => r.entity_id !== id).map((r) => ({ type: r.entity_type, id: r.entity_id }));
  const names = await recordNames(ctx.db, others);
  names.set(`${type}:${id}`, record.name);
  const items = page.map((r, i): TimelineEntry => {
    const d = data[i] ?? {};
    return {
      id: r.id,
      kind: r.kind as TimelineEntry['kind'],
      entityType: r.entity_type as RecordType,
      entityId: r.entity_id,
      entityName: names.get(`${r.entity_type}:${r.entity_id}`) ?? null,
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
      // an audit entry shows only whether a job rotation's host rights allowed it
      data: kindsWithData.has(r.kind) ? d : d.rotationId ? { rotationId: d.rotationId } : null,
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
  assertCan(actor, 'timeline.write', undefined, 'Viewers can read but not change records');
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
  const { mentioned, record } = await ctx.db.transaction().execute(async (trx) => {
    const ref: RecordRef | undefined = await findRecordRef(trx, type, id);
    if (!ref) throw new AppError(notFound[type]);
    const found = mentions && mentions.length > 0 ? await findUserRefs(trx, mentions) : [];
    if (mentions && found.length !== mentions.length) throw fieldError('mentions', 'Unknown user mentioned');
    await insertTimelineEntries(trx, [{ ...entry, account_id: ref.accountId }]);
    await notifyMentioned(ctx, trx, actor, { type, id, name: ref.name }, kind, body, found);
    return { mentioned: found, record: ref };
  });
  return {
    id: entry.id,
    kind,
    entityType: type,
    entityId: id,
    entityName: record.name,
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

/** The web app's page of a record a timeline entry is on. */
const pathOf = (type: RecordType, id: string): string => `/${type}s/${id}`;

/**
 * Tells the colleagues a note or comment mentions, in the app and by email (issue 15), in the writing
 * transaction; the writer is not told of their own mention.
 */
const notifyMentioned = async (
  ctx: AppContext,
  db: Db,
  actor: Actor,
  record: { type: RecordType; id: string; name: string },
  kind: 'note' | 'comment',
  body: string,
  mentioned: { id: string }[],
): Promise<void> => {
  const ids = mentioned.map((u) => u.id).filter((userId) => userId !== actor.id);
  if (!ids.length) return;
  const excerpt = body.length > 200 ? `${body.slice(0, 199)}…` : body;
  await notifyUsers(
    ctx,
    db,
    ids,
    'mentioned',
    { type: record.type, id: record.id, path: pathOf(record.type, record.id) },
    {
      by: actor.name,
      record: record.name,
      excerpt,
      entry_de: kind === 'note' ? 'einer Notiz' : 'einem Kommentar',
      entry_en: kind === 'note' ? 'a note' : 'a comment',
    },
  );
};

/** Adds a markdown note to a record's timeline. */
export const createNote = (ctx: AppContext, actor: Actor, type: RecordType, id: string, input: CreateNoteInput) =>
  writeEntry(ctx, actor, type, id, 'note', input.body, input.mentions ? [...new Set(input.mentions)] : null);

/** Adds a comment, with @mentions of colleagues, to a record's timeline. */
export const createComment = (ctx: AppContext, actor: Actor, type: RecordType, id: string, input: CreateCommentInput) =>
  writeEntry(ctx, actor, type, id, 'comment', input.body, input.mentions ? [...new Set(input.mentions)] : null);

/** A customer interaction one user logged, as other modules read it (a job rotation's record). */
export interface LoggedInteraction {
  id: string;
  kind: string;
  action: string | null;
  entityType: string;
  entityId: string;
  entityName: string | null;
  createdAt: string;
  data: Record<string, unknown>;
}

/**
 * What a user logged on accounts, contacts and deals in [from, to) (activities, notes, comments, handoff
 * answers; not audit entries), newest first, one page at a time.
 */
export const interactionsOf = async (
  db: Db,
  actorId: string,
  from: string,
  to: string,
  page: { limit: number; cursor?: string },
): Promise<Page<LoggedInteraction>> => {
  const rows = await listActorRows(db, { actorId, from, to, ...page });
  const slice = rows.slice(0, page.limit);
  const names = await recordNames(
    db,
    slice.map((r) => ({ type: r.entity_type, id: r.entity_id })),
  );
  const last = slice.at(-1);
  return {
    items: slice.map((r) => ({
      id: r.id,
      kind: r.kind,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      entityName: names.get(`${r.entity_type}:${r.entity_id}`) ?? null,
      createdAt: r.created_at,
      data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : {},
    })),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
};
