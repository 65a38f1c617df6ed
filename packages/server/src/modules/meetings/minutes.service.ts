import type {
  ActionItem,
  AgendaItem,
  AgendaTemplate,
  CreateActionItemInput,
  CreateAgendaItemInput,
  CreateDecisionInput,
  Decision,
  FieldChange,
  FieldError,
  FollowThrough,
  OccurrenceDetail,
  OccurrenceRating,
  RateOccurrenceInput,
  RecordLink,
  UpdateAgendaItemInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { MeetingOccurrencesTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { now } from '../../lib/clock.js';
import { newId, nowIso } from '../../lib/ids.js';
import { queueEmail } from '../mail/mail.service.js';
import { createActionItemTask, listActionItemTasks } from '../tasks/tasks.service.js';
import { findLinkedRecord, type RecordType, recordAudit, writeTimelineEntries } from '../timeline/timeline.service.js';
import { type AgendaDraft, generateAgenda } from './agenda.service.js';
import { ensureOccurrenceRow, placeInSection, renumber, storeAgenda, updateOccurrenceAt } from './agenda.store.js';
import {
  findParticipants,
  insertAgendaItems,
  insertDecision,
  listAgendaItemRows,
  listRatingRows,
  type ParticipantRow,
  updateAgendaItemRow,
  upsertRating,
} from './meetings.repository.js';
import { loadRow, recipientsOf, seriesRecord } from './meetings.service.js';
import { minutesEmail } from './minutes.email.js';
import { occurrenceDetail, presentActionItem, presentDecisions, presentItemRow } from './occurrence.detail.js';
import { type LoadedOccurrence, occurrenceOf, statusOf } from './occurrence.load.js';

/*
 * Running an occurrence (issue 11): the agenda refreshed until the start, own topics, reordering,
 * dropping, presenters and notes, decisions, action items (tasks), the start that freezes the agenda,
 * ratings, and the close that stores and mails the minutes. Participants and admins edit; a closed
 * occurrence answers 409 and changes nothing. Every change is audited on the series.
 */

const CANNOT_EDIT = "Only the series' participants and admins can change its meetings";

/** Loads the occurrence, asks the policy, and refuses closed and cancelled ones (before anything is written). */
const gate = async (db: Db, actor: Actor, id: string) => {
  const loaded = await occurrenceOf(db, id);
  const people = await findParticipants(db, [loaded.row.id]);
  assertCan(actor, 'meetings.edit', seriesRecord(people), CANNOT_EDIT);
  const status = statusOf(loaded.occurrence, loaded.own);
  if (status === 'closed') throw new AppError('occurrence_closed');
  if (status === 'cancelled') throw new AppError('occurrence_cancelled');
  return { loaded, people, status };
};

const templateOf = (loaded: LoadedOccurrence) => JSON.parse(loaded.row.agenda_template) as AgendaTemplate;

/** The agenda as generated now, when the occurrence has none stored yet (read outside any transaction). */
const draftsFor = async (ctx: AppContext, loaded: LoadedOccurrence): Promise<AgendaDraft[] | null> =>
  loaded.own?.agenda_generated_at ? null : (await generateAgenda(ctx, loaded, now())).items;

/** The occurrence's row with its agenda stored (the drafts read before the transaction began). */
const materialize = async (
  db: Db,
  actor: Actor,
  loaded: LoadedOccurrence,
  drafts: AgendaDraft[] | null,
  at: string,
): Promise<MeetingOccurrencesTable> => {
  const own = await ensureOccurrenceRow(db, loaded, at);
  if (own.agenda_generated_at) return own;
  // stored by someone else since the drafts were read, then taken away again: rare, and safe to retry
  if (!drafts) throw new AppError('version_conflict');
  return storeAgenda(db, own, templateOf(loaded), drafts, at, actor.id);
};

const audit = (db: Db, actor: Actor, loaded: LoadedOccurrence, action: string, changes: FieldChange[] = []) =>
  recordAudit(db, actor, 'meeting', loaded.row.id, action, [
    { field: 'occurrence', from: null, to: loaded.occurrence.id },
    ...changes,
  ]);

const linkable = new Set<RecordType>(['account', 'contact', 'deal', 'campaign']);

/** Every ref names a live record. */
const checkRefs = async (db: Db, refs: RecordLink[] | undefined): Promise<void> => {
  const errors: FieldError[] = [];
  for (const [i, ref] of (refs ?? []).entries()) {
    const found = linkable.has(ref.type as RecordType) && (await findLinkedRecord(db, ref.type as RecordType, ref.id));
    if (!found) errors.push({ path: `refs.${i}.id`, message: `Unknown ${ref.type}` });
  }
  if (errors.length > 0) throw new AppError('validation_failed', undefined, { errors });
};

const checkPresenter = (people: ParticipantRow[], presenterId: string | null | undefined) => {
  if (presenterId && !people.some((p) => p.id === presenterId)) {
    throw fieldError('presenterId', 'The presenter must take part in the series');
  }
};

const detailAfter = async (ctx: AppContext, id: string): Promise<OccurrenceDetail> =>
  occurrenceDetail(ctx, ctx.db, await occurrenceOf(ctx.db, id));

// ——— The agenda ——————————————————————————————————————————————————————————————————————————————————

/** Generates the agenda again and stores it, keeping places, presenters, notes and drops; until the start. */
export const refreshAgenda = async (ctx: AppContext, actor: Actor, id: string): Promise<OccurrenceDetail> => {
  const { loaded, status } = await gate(ctx.db, actor, id);
  if (status !== 'planned') throw new AppError('occurrence_started');
  const { items } = await generateAgenda(ctx, loaded, now());
  const at = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await gate(trx, actor, id);
    if (current.status !== 'planned') throw new AppError('occurrence_started');
    const own = await ensureOccurrenceRow(trx, current.loaded, at);
    await storeAgenda(trx, own, templateOf(current.loaded), items, at, actor.id);
    await audit(trx, actor, current.loaded, 'agenda_refreshed', [{ field: 'items', from: null, to: items.length }]);
  });
  return detailAfter(ctx, id);
};

/** Adds a participant's own topic, at the end of its section (by default: own topics, after the generated ones). */
export const createAgendaItem = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CreateAgendaItemInput,
): Promise<AgendaItem> => {
  const { loaded } = await gate(ctx.db, actor, id);
  const drafts = await draftsFor(ctx, loaded);
  const at = nowIso();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await gate(trx, actor, id);
    checkPresenter(current.people, input.presenterId);
    await checkRefs(trx, input.refs);
    const own = await materialize(trx, actor, current.loaded, drafts, at);
    const rows = await listAgendaItemRows(trx, own.id);
    const item = { id: newId(), section: input.section ?? 'topics' };
    const order = rows.map((r) => ({ id: r.id, section: r.section }));
    placeInSection(order, item, templateOf(current.loaded));
    await insertAgendaItems(trx, [
      {
        occurrence_id: own.id,
        id: item.id,
        section: item.section,
        kind: 'topic',
        title: input.title,
        refs: JSON.stringify(input.refs ?? []),
        figures: null,
        details: null,
        generated: 0,
        position: order.findIndex((o) => o.id === item.id),
        dropped: 0,
        presenter_id: input.presenterId ?? null,
        notes: input.notes ?? null,
        created_by: actor.id,
        created_at: at,
        updated_at: at,
      },
    ]);
    const positions = new Map(rows.map((r) => [r.id, r.position]));
    positions.set(
      item.id,
      order.findIndex((o) => o.id === item.id),
    );
    await renumber(trx, own.id, order, positions);
    await audit(trx, actor, current.loaded, 'agenda_item_added', [
      { field: 'item', from: null, to: item.id },
      { field: 'title', from: null, to: input.title },
    ]);
    const stored = (await listAgendaItemRows(trx, own.id)).find((r) => r.id === item.id);
    if (!stored) throw new AppError('agenda_item_not_found');
    return presentItemRow(stored);
  });
};

/** Moves an item, drops a generated one (or takes it back), assigns a presenter, writes notes or a topic's title. */
export const updateAgendaItem = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  itemId: string,
  input: UpdateAgendaItemInput,
): Promise<AgendaItem> => {
  const { loaded } = await gate(ctx.db, actor, id);
  const drafts = await draftsFor(ctx, loaded);
  const at = nowIso();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await gate(trx, actor, id);
    // the item must exist before anything is stored
    const known = current.loaded.own?.agenda_generated_at
      ? (await listAgendaItemRows(trx, current.loaded.own.id)).some((r) => r.id === itemId)
      : (drafts ?? []).some((d) => d.id === itemId);
    if (!known) throw new AppError('agenda_item_not_found');
    checkPresenter(current.people, input.presenterId);
    const own = await materialize(trx, actor, current.loaded, drafts, at);
    const rows = await listAgendaItemRows(trx, own.id);
    const row = rows.find((r) => r.id === itemId);
    if (!row) throw new AppError('agenda_item_not_found');
    if (input.dropped !== undefined && row.generated !== 1) {
      throw fieldError('dropped', 'Only generated items are dropped; a topic can be retitled or moved');
    }
    if (input.title !== undefined && row.generated === 1) {
      throw fieldError('title', 'A generated item keeps its title');
    }
    const changes: FieldChange[] = [];
    const set: Parameters<typeof updateAgendaItemRow>[3] = {};
    if (input.dropped !== undefined && (row.dropped === 1) !== input.dropped) {
      set.dropped = input.dropped ? 1 : 0;
      changes.push({ field: 'dropped', from: row.dropped === 1, to: input.dropped });
    }
    if (input.title !== undefined && input.title !== row.title) {
      set.title = input.title;
      changes.push({ field: 'title', from: row.title, to: input.title });
    }
    if (input.presenterId !== undefined && input.presenterId !== row.presenter_id) {
      set.presenter_id = input.presenterId;
      changes.push({ field: 'presenterId', from: row.presenter_id, to: input.presenterId });
    }
    if (input.notes !== undefined && input.notes !== row.notes) {
      set.notes = input.notes;
      changes.push({ field: 'notes', from: row.notes, to: input.notes });
    }
    if (Object.keys(set).length > 0) await updateAgendaItemRow(trx, own.id, itemId, { ...set, updated_at: at });
    if (input.position !== undefined && input.position !== row.position) {
      const order = rows.filter((r) => r.id !== itemId);
      const to = Math.min(input.position, order.length);
      order.splice(to, 0, row);
      await renumber(trx, own.id, order, new Map(rows.map((r) => [r.id, r.position])));
      changes.push({ field: 'position', from: row.position, to });
    }
    if (changes.length > 0) {
      await audit(trx, actor, current.loaded, 'agenda_item_updated', [
        { field: 'item', from: null, to: itemId },
        ...changes,
      ]);
    }
    const after = (await listAgendaItemRows(trx, own.id)).find((r) => r.id === itemId);
    if (!after) throw new AppError('agenda_item_not_found');
    return presentItemRow(after);
  });
};

// ——— Decisions and action items ——————————————————————————————————————————————————————————————————

/** Writes down a decision and the records it concerns (they see it on their timelines once the meeting closes). */
export const createDecision = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CreateDecisionInput,
): Promise<Decision> => {
  const { loaded } = await gate(ctx.db, actor, id);
  const drafts = await draftsFor(ctx, loaded);
  const at = nowIso();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await gate(trx, actor, id);
    await checkRefs(trx, input.refs);
    const own = await materialize(trx, actor, current.loaded, drafts, at);
    const decisionId = newId();
    await insertDecision(trx, {
      id: decisionId,
      occurrence_id: own.id,
      text: input.text,
      refs: JSON.stringify(input.refs ?? []),
      created_by: actor.id,
      created_at: at,
    });
    await audit(trx, actor, current.loaded, 'decision_added', [{ field: 'decision', from: null, to: input.text }]);
    const decision = (await presentDecisions(trx, own.id)).find((d) => d.id === decisionId);
    if (!decision) throw new Error('unreachable');
    return decision;
  });
};

const taskLinkTypes = new Set(['account', 'contact', 'deal']);

/**
 * Agrees an action item: a task for its owner with its due date, linked to the first account, contact or
 * deal among the refs and to the occurrence; it is in the owner's "My tasks" and on later agendas until done.
 */
export const createActionItem = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CreateActionItemInput,
): Promise<ActionItem> => {
  const { loaded } = await gate(ctx.db, actor, id);
  const drafts = await draftsFor(ctx, loaded);
  const at = nowIso();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await gate(trx, actor, id);
    await checkRefs(trx, input.refs);
    const link = (input.refs ?? []).find((r) => taskLinkTypes.has(r.type));
    const own = await materialize(trx, actor, current.loaded, drafts, at);
    const task = await createActionItemTask(trx, actor, own.id, {
      title: input.title,
      ownerId: input.ownerId,
      dueAt: input.dueAt,
      ...(link && { entityType: link.type as 'account' | 'contact' | 'deal', entityId: link.id }),
    });
    await audit(trx, actor, current.loaded, 'action_item_added', [
      { field: 'task', from: null, to: task.id },
      { field: 'ownerId', from: null, to: input.ownerId },
    ]);
    const item = (await listActionItemTasks(trx, { occurrenceId: own.id })).find((t) => t.id === task.id);
    if (!item) throw new Error('unreachable');
    return presentActionItem(item);
  });
};

// ——— Start, rating, close ————————————————————————————————————————————————————————————————————————

/** Starts the meeting: the agenda is generated once more and frozen, figures and all, as the snapshot. */
export const startOccurrence = async (ctx: AppContext, actor: Actor, id: string): Promise<OccurrenceDetail> => {
  const { loaded, status } = await gate(ctx.db, actor, id);
  if (status !== 'planned') throw new AppError('occurrence_started');
  const { items } = await generateAgenda(ctx, loaded, now());
  const at = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await gate(trx, actor, id);
    if (current.status !== 'planned') throw new AppError('occurrence_started');
    let own = await ensureOccurrenceRow(trx, current.loaded, at);
    own = await storeAgenda(trx, own, templateOf(current.loaded), items, at, actor.id);
    const snapshot = (await listAgendaItemRows(trx, own.id)).map(presentItemRow);
    await updateOccurrenceAt(trx, own, {
      status: 'running',
      started_at: at,
      agenda_snapshot: JSON.stringify(snapshot),
      updated_at: at,
    });
    await audit(trx, actor, current.loaded, 'occurrence_started', [
      { field: 'status', from: 'planned', to: 'running' },
    ]);
  });
  return detailAfter(ctx, id);
};

/** A participant's rating of the running meeting, 1–10; a second one replaces the first. */
export const rateOccurrence = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: RateOccurrenceInput,
): Promise<OccurrenceRating> =>
  ctx.db.transaction().execute(async (trx) => {
    const { loaded, people, status } = await gate(trx, actor, id);
    assertCan(actor, 'meetings.rate', seriesRecord(people), 'Only participants rate the meeting');
    if (status !== 'running' || !loaded.own) throw new AppError('occurrence_not_started');
    const at = nowIso();
    const before = (await listRatingRows(trx, loaded.own.id)).find((r) => r.user_id === actor.id);
    await upsertRating(trx, {
      occurrence_id: loaded.own.id,
      user_id: actor.id,
      rating: input.rating,
      created_at: at,
      updated_at: at,
    });
    await audit(trx, actor, loaded, 'occurrence_rated', [
      { field: 'rating', from: before?.rating ?? null, to: input.rating },
    ]);
    return { occurrenceId: loaded.occurrence.id, userId: actor.id, rating: input.rating };
  });

const dayMonth = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', timeZone }).format(new Date(iso));

/**
 * Closes the meeting: the minutes (the frozen agenda with its notes, decisions, action items, ratings) are
 * stored and mailed to every participant in their language, and each decision goes on the timelines of
 * the records it concerns.
 */
export const closeOccurrence = async (ctx: AppContext, actor: Actor, id: string): Promise<OccurrenceDetail> => {
  await ctx.db.transaction().execute(async (trx) => {
    const { loaded, people, status } = await gate(trx, actor, id);
    if (status !== 'running' || !loaded.own) throw new AppError('occurrence_not_started');
    const own = loaded.own;
    const at = nowIso();
    const [items, decisions, tasks, ratings] = await Promise.all([
      listAgendaItemRows(trx, own.id),
      presentDecisions(trx, own.id),
      listActionItemTasks(trx, { occurrenceId: own.id }),
      listRatingRows(trx, own.id),
    ]);
    const agenda = items.map(presentItemRow);
    const actionItems = tasks.map(presentActionItem);
    const averageRating =
      ratings.length === 0 ? null : Math.round((10 * ratings.reduce((s, r) => s + r.rating, 0)) / ratings.length) / 10;
    const minutes = {
      agenda,
      snapshot: own.agenda_snapshot ? (JSON.parse(own.agenda_snapshot) as AgendaItem[]) : agenda,
      decisions,
      actionItems,
      ratings: ratings.map((r) => ({ userId: r.user_id, rating: r.rating })),
      averageRating,
      startedAt: own.started_at,
      closedAt: at,
      closedBy: actor.id,
    };
    await updateOccurrenceAt(trx, own, {
      status: 'closed',
      closed_at: at,
      minutes: JSON.stringify(minutes),
      updated_at: at,
    });
    const day = dayMonth(loaded.occurrence.startsAt, loaded.row.time_zone);
    const creators = new Map(decisions.map((d) => [d.id, d.createdBy]));
    await writeTimelineEntries(
      trx,
      decisions.flatMap((d) =>
        d.refs
          .filter((r) => linkable.has(r.type as RecordType))
          .map((r) => ({
            id: newId(),
            entity_type: r.type,
            entity_id: r.id,
            kind: 'note',
            action: 'meeting_decision',
            actor_id: d.createdBy.id,
            department: creators.get(d.id)?.department ?? null,
            body: `Entscheidung in der Abstimmung am ${day}: ${d.text}`,
            data: JSON.stringify({ occurrenceId: loaded.occurrence.id, decisionId: d.id }),
            created_at: at,
          })),
      ),
    );
    const link = `${ctx.config.publicUrl}/meetings/${loaded.row.id}/occurrences/${encodeURIComponent(loaded.occurrence.id)}`;
    for (const to of recipientsOf(people)) {
      await queueEmail(trx, {
        to: to.email,
        ...minutesEmail(
          {
            title: loaded.row.title,
            startsAt: loaded.occurrence.startsAt,
            timeZone: loaded.row.time_zone,
            link,
            agenda,
            decisions,
            actionItems,
            averageRating,
            ratings: ratings.length,
          },
          to,
        ),
      });
    }
    await audit(trx, actor, loaded, 'occurrence_closed', [{ field: 'status', from: 'running', to: 'closed' }]);
  });
  return detailAfter(ctx, id);
};

// ——— Follow-through ————————————————————————————————————————————————————————————————————————————————

/**
 * How a series' action items went: done by their due date, done late, open (overdue among them);
 * the rate is done on time ÷ items already due (cancelled ones left out), as the goal metric counts it.
 */
export const followThrough = async (ctx: AppContext, seriesId: string): Promise<FollowThrough> => {
  await loadRow(ctx.db, seriesId);
  const at = nowIso();
  const tasks = (await listActionItemTasks(ctx.db, { seriesId })).filter((t) => t.status !== 'cancelled');
  const onTime = (t: (typeof tasks)[number]) =>
    t.status === 'done' && t.completedAt !== null && (t.dueAt === null || t.completedAt <= t.dueAt);
  const due = tasks.filter((t) => t.dueAt !== null && t.dueAt <= at);
  return {
    total: tasks.length,
    doneOnTime: tasks.filter(onTime).length,
    doneLate: tasks.filter((t) => t.status === 'done' && !onTime(t)).length,
    open: tasks.filter((t) => t.status === 'open').length,
    overdue: tasks.filter((t) => t.status === 'open' && t.dueAt !== null && t.dueAt < at).length,
    onTimeRate: due.length === 0 ? null : Math.round((1000 * due.filter(onTime).length) / due.length) / 10,
  };
};
