import {
  addBusinessTime,
  businessTimeBetween,
  type ConvertHandoffInput,
  type Handoff,
  HOUR_MS,
  type ListHandoffsQuery,
  type Page,
  type RejectHandoffInput,
  routeLead,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { HandoffsTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { changeContactLifecycle } from '../contacts/lifecycle.service.js';
import { openDealForHandoff } from '../deals/deals.service.js';
import { notifyUsers, salesManagerIds, settleNotifications } from '../notifications/notifications.service.js';
import { calendarOf, readRoundRobin, readSetting, writeRoundRobin } from '../settings/settings.service.js';
import { routingTeams } from '../teams/teams.service.js';
import { hostRightsMark, recordAudit, writeTimelineEntries } from '../timeline/timeline.service.js';
import { emitWebhookEvent, handoffWebhookEvents } from '../webhooks/webhooks.emit.js';
import {
  claimBreaches,
  findActiveUserIds,
  findAssignableUser,
  findHandoffRow,
  findLatestFormTouch,
  findLatestHandoffStatus,
  findLiveHandoffOfContact,
  findRoutingFacts,
  type HandoffRow,
  insertHandoff,
  listHandoffRows,
  listHandoffRowsByEvent,
  updateHandoffRow,
} from './handoffs.repository.js';

const ref = (id: string | null, name: string | null, department: string | null) =>
  id && name ? { id, name, department: department ?? '' } : null;

export const presentHandoff = (r: HandoffRow, now = nowIso()): Handoff => ({
  id: r.id,
  version: r.version,
  status: r.status as Handoff['status'],
  breached: r.breached_at !== null || (r.status === 'open' && r.responded_at === null && r.sla_due_at < now),
  contact: {
    id: r.contact_id,
    name: `${r.first_name} ${r.last_name}`.trim() || (r.email ?? ''),
    email: r.email,
    jobTitle: r.job_title,
    accountId: r.account_id,
    accountName: r.account_name,
    score: r.score ?? 0,
  },
  qualifiedAt: r.qualified_at,
  qualifiedBy: ref(r.qualified_by, r.qualifier_name, r.qualifier_department),
  qualifiedReason: r.qualified_reason as Handoff['qualifiedReason'],
  assigneeId: r.assignee_id,
  assignee: ref(r.assignee_id, r.assignee_name, r.assignee_department),
  teamId: r.team_id,
  routingRule: r.routing_rule,
  slaDueAt: r.sla_due_at,
  acceptedAt: r.accepted_at,
  rejectedAt: r.rejected_at,
  rejectReason: r.reject_reason,
  rejectComment: r.reject_comment,
  firstTouchAt: r.first_touch_at,
  convertedAt: r.converted_at,
  convertedStage: r.converted_stage,
  recycledAt: r.recycled_at,
  recycleNote: r.recycle_note,
  respondedAt: r.responded_at,
  source: r.source,
  formId: r.form_id,
  utmCampaign: r.utm_campaign,
  dealId: r.deal_id ?? null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const handoffEntry = (
  handoffId: string,
  contactId: string,
  action: string,
  actor: (Pick<Actor, 'id' | 'department'> & Partial<Pick<Actor, 'rotationId' | 'usedHostRights'>>) | null,
  data: Record<string, unknown>,
  at: string,
) => ({
  id: newId(),
  entity_type: 'contact',
  entity_id: contactId,
  kind: 'handoff',
  action,
  actor_id: actor?.id ?? null,
  department: actor?.department ?? null,
  body: null,
  // an answer only a job rotation's host rights allowed names the rotation ("im Perspektivwechsel")
  data: JSON.stringify({ handoffId, ...data, ...hostRightsMark(actor) }),
  created_at: at,
});

/**
 * Opens a handoff for a contact that just became an MQL: routes it, computes the SLA due time in
 * business hours and tells the assignee (or, with no match, the sales managers). A contact with an
 * open or accepted handoff keeps that one. Runs in the caller's transaction.
 */
export const openHandoff = async (
  ctx: AppContext,
  db: Db,
  contactId: string,
  by: { actor: Actor | null; reason: 'score' | 'manual' },
): Promise<string | null> => {
  if (await findLiveHandoffOfContact(db, contactId)) return null;
  const facts = await findRoutingFacts(db, contactId);
  if (!facts) throw new AppError('contact_not_found');
  const now = nowIso();
  const [sla, routing, teams, state, active, touch] = await Promise.all([
    readSetting(db, 'sla'),
    readSetting(db, 'routing'),
    routingTeams(db),
    readRoundRobin(db),
    findActiveUserIds(db),
    findLatestFormTouch(db, contactId),
  ]);
  const { decision, state: nextState } = routeLead(
    {
      accountOwnerId: facts.account_owner_id,
      country: facts.country,
      postcode: facts.postcode ?? null,
      industry: facts.industry,
    },
    { rules: routing.value.rules, teams },
    state.value,
    new Set(active),
  );
  const due = new Date(
    addBusinessTime(Date.parse(now), sla.value.responseHours * HOUR_MS, calendarOf(sla.value)),
  ).toISOString();
  const routingRule = decision.rule === 'territory' ? `territory:${decision.ruleName}` : decision.rule;
  const row: HandoffsTable = {
    id: newId(),
    contact_id: contactId,
    status: 'open',
    qualified_at: now,
    qualified_by: by.actor?.id ?? null,
    qualified_reason: by.reason,
    assignee_id: decision.assigneeId,
    team_id: decision.teamId,
    routing_rule: routingRule,
    sla_due_at: due,
    accepted_at: null,
    rejected_at: null,
    reject_reason: null,
    reject_comment: null,
    first_touch_at: null,
    converted_at: null,
    converted_stage: null,
    recycled_at: null,
    recycle_note: null,
    responded_at: null,
    response_seconds: null,
    breached_at: null,
    source: facts.source,
    form_id: touch?.form_id ?? null,
    utm_campaign: touch?.utm_campaign ?? null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await insertHandoff(db, row);
  if (decision.rule === 'territory') await writeRoundRobin(db, nextState, state.version);
  await changeContactLifecycle(db, by.actor, contactId, { stage: 'mql' }, { at: now });
  await writeTimelineEntries(db, [
    handoffEntry(
      row.id,
      contactId,
      'opened',
      by.actor,
      { assigneeId: row.assignee_id, routingRule, slaDueAt: due, reason: by.reason },
      now,
    ),
  ]);
  await emitWebhookEvent(db, 'handoff.created', async () => presentHandoff(await load(db, row.id), now));
  const data = {
    contact: `${facts.first_name} ${facts.last_name}`.trim(),
    account: facts.account_name ? ` (${facts.account_name})` : '',
    due,
  };
  const entity = { type: 'handoff', id: row.id, path: `/leads/${row.id}` };
  if (row.assignee_id) await notifyUsers(ctx, db, [row.assignee_id], 'handoff_assigned', entity, data);
  else await notifyUsers(ctx, db, await salesManagerIds(db), 'handoff_unassigned', entity, data);
  return row.id;
};

const SALES_ANSWERS = 'Sales answers a handed-over lead';

/** What each transition settles: the notifications that asked someone to do what was just done. */
const asksForAnswer = ['handoff_assigned', 'handoff_unassigned', 'handoff_breached'] as const;
const settles: Record<string, readonly string[]> = {
  accepted: asksForAnswer,
  rejected: asksForAnswer,
  first_touch: asksForAnswer,
  converted: asksForAnswer,
  recycled: ['handoff_rejected'],
};

const load = async (db: Db, id: string) => {
  const row = await findHandoffRow(db, id);
  if (!row) throw new AppError('handoff_not_found');
  return row;
};

/** Runs one transition: loads, checks the allowed states, writes with the version guard, logs on the timeline. */
const transition = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  from: readonly string[],
  act: (
    row: HandoffRow,
    now: string,
    db: Db,
  ) => Promise<{ set: Partial<HandoffsTable>; action: string; data?: Record<string, unknown> }>,
): Promise<Handoff> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await load(trx, id);
    if (!from.includes(row.status)) throw new AppError('invalid_transition', `The lead is ${row.status}`);
    const now = nowIso();
    const { set, action, data } = await act(row, now, trx);
    await settleNotifications(trx, { type: 'handoff', id }, settles[action] ?? []);
    const result = await updateHandoffRow(trx, id, row.version, { ...set, updated_at: now });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    await writeTimelineEntries(trx, [handoffEntry(id, row.contact_id, action, actor, data ?? {}, now)]);
    await recordAudit(
      trx,
      actor,
      'handoff',
      id,
      action,
      Object.entries(set).map(([field, to]) => ({ field, from: null, to })),
    );
    const event = handoffWebhookEvents[action];
    if (event) await emitWebhookEvent(trx, event, async () => presentHandoff(await load(trx, id), now));
    return presentHandoff(await load(trx, id), now);
  });

/** The first answer from sales stops the SLA clock; its business-time duration is kept for reports. */
const response = async (db: Db, row: HandoffRow, now: string): Promise<Partial<HandoffsTable>> => {
  if (row.responded_at) return {};
  const sla = await readSetting(db, 'sla');
  const ms = businessTimeBetween(Date.parse(row.qualified_at), Date.parse(now), calendarOf(sla.value));
  return { responded_at: now, response_seconds: Math.round(ms / 1000) };
};

const moveContact = (db: Db, actor: Actor, contactId: string, stage: string, now: string) =>
  changeContactLifecycle(db, actor, contactId, { stage }, { at: now });

/** Sales accepts the lead: the contact becomes a SAL. */
export const acceptHandoff = (ctx: AppContext, actor: Actor, id: string) => {
  assertCan(actor, 'handoffs.answer', undefined, SALES_ANSWERS);
  return transition(ctx, actor, id, ['open'], async (row, now, db) => {
    await moveContact(db, actor, row.contact_id, 'sal', now);
    return { set: { status: 'accepted', accepted_at: now, ...(await response(db, row, now)) }, action: 'accepted' };
  });
};

/** Sales returns the lead with a reason from the list; it goes back to marketing's queue. */
export const rejectHandoff = (ctx: AppContext, actor: Actor, id: string, input: RejectHandoffInput) => {
  assertCan(actor, 'handoffs.answer', undefined, SALES_ANSWERS);
  return transition(ctx, actor, id, ['open', 'accepted'], async (row, now, db) => {
    const reasons = await readSetting(db, 'reject_reasons');
    const reason = reasons.value.reasons.find((r) => r.key === input.reason && r.active);
    if (!reason) throw fieldError('reason', 'Not one of the rejection reasons');
    await moveContact(db, actor, row.contact_id, 'lead', now);
    if (row.qualified_by) {
      await notifyUsers(
        ctx,
        db,
        [row.qualified_by],
        'handoff_rejected',
        { type: 'handoff', id, path: `/leads/${id}` },
        {
          contact: `${row.first_name} ${row.last_name}`.trim(),
          account: row.account_name ? ` (${row.account_name})` : '',
          reason_de: reason.de,
          reason_en: reason.en,
          comment: input.comment,
        },
      );
    }
    return {
      set: {
        status: 'rejected',
        rejected_at: now,
        reject_reason: input.reason,
        reject_comment: input.comment || null,
        ...(await response(db, row, now)),
      },
      action: 'rejected',
      data: { reason: input.reason, comment: input.comment },
    };
  });
};

/** Logs sales' first contact with the lead (counts as the SLA response). */
export const logFirstTouch = (ctx: AppContext, actor: Actor, id: string) => {
  assertCan(actor, 'handoffs.answer', undefined, SALES_ANSWERS);
  return transition(ctx, actor, id, ['open', 'accepted'], async (row, now, db) => ({
    set: { first_touch_at: row.first_touch_at ?? now, ...(await response(db, row, now)) },
    action: 'first_touch',
  }));
};

/**
 * Sales converts the lead into an SQL or an opportunity. An opportunity (or any conversion that asks for
 * one) opens a marketing-sourced deal on the contact's account in the same transaction.
 */
export const convertHandoff = (ctx: AppContext, actor: Actor, id: string, input: ConvertHandoffInput) => {
  assertCan(actor, 'handoffs.answer', undefined, SALES_ANSWERS);
  const { stage } = input;
  return transition(ctx, actor, id, ['open', 'accepted'], async (row, now, db) => {
    if (input.deal && !row.account_id) throw fieldError('deal', 'The contact has no account to open a deal on');
    // the stage first: a deal opened below makes the contact an opportunity, and that must not be undone
    await moveContact(db, actor, row.contact_id, stage, now);
    const dealId =
      (input.deal || stage === 'opportunity') && row.account_id
        ? await openDealForHandoff(ctx, db, actor, {
            ...input.deal,
            handoffId: id,
            contactId: row.contact_id,
            accountId: row.account_id,
            defaultName: `${row.account_name ?? ''} – ${`${row.first_name} ${row.last_name}`.trim()}`,
            assigneeId: row.assignee_id,
            campaignKey: row.utm_campaign,
          })
        : null;
    return {
      set: {
        status: 'converted',
        accepted_at: row.accepted_at ?? now,
        converted_at: now,
        converted_stage: stage,
        ...(await response(db, row, now)),
      },
      action: 'converted',
      data: { stage, ...(dealId && { dealId }) },
    };
  });
};

/** Hands the lead to another active user (sales and admins); the SLA due time stays. */
export const reassignHandoff = (ctx: AppContext, actor: Actor, id: string, userId: string) => {
  assertCan(actor, 'handoffs.answer', undefined, SALES_ANSWERS);
  return transition(ctx, actor, id, ['open', 'accepted'], async (row, _now, db) => {
    // the new assignee must be able to accept or reject it, or the lead would be stuck
    if (!(await findAssignableUser(db, userId))) {
      throw fieldError('userId', 'Not an active sales member or admin');
    }
    // the lead is no longer theirs to answer: what asked the previous assignee (or the managers) settles
    await settleNotifications(db, { type: 'handoff', id }, asksForAnswer);
    await notifyUsers(
      ctx,
      db,
      [userId],
      'handoff_assigned',
      { type: 'handoff', id, path: `/leads/${id}` },
      {
        contact: `${row.first_name} ${row.last_name}`.trim(),
        account: row.account_name ? ` (${row.account_name})` : '',
        due: row.sla_due_at,
      },
    );
    return { set: { assignee_id: userId }, action: 'reassigned', data: { from: row.assignee_id, to: userId } };
  });
};

/** Marketing sends a rejected lead back to nurture, with a note. */
export const recycleHandoff = (ctx: AppContext, actor: Actor, id: string, note: string) => {
  assertCan(actor, 'handoffs.recycle', undefined, 'Marketing recycles returned leads');
  return transition(ctx, actor, id, ['rejected'], async (row, now, db) => {
    await moveContact(db, actor, row.contact_id, 'lead', now);
    return {
      set: { status: 'recycled', recycled_at: now, recycle_note: note || null },
      action: 'recycled',
      data: { note },
    };
  });
};

export const getHandoff = async (ctx: AppContext, id: string): Promise<Handoff> =>
  presentHandoff(await load(ctx.db, id));

/** Handoffs, newest first, by status and assignee (`me`, `none`, or a user). */
export const listHandoffs = async (ctx: AppContext, actor: Actor, query: ListHandoffsQuery): Promise<Page<Handoff>> => {
  const now = nowIso();
  const rows = await listHandoffRows(ctx.db, {
    status: query.status,
    assigneeId: query.assignee === 'me' ? actor.id : query.assignee === 'none' ? null : query.assignee,
    contactId: query.contactId,
    qualifiedBy: query.qualifiedBy === 'me' ? actor.id : query.qualifiedBy,
    now,
    limit: query.limit,
    cursor: query.cursor,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentHandoff(r, now)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.qualified_at, last.id) : null,
  };
};

/** The handoffs breached, rejected and recycled in [from, to) (a meeting's window), oldest first. */
export const handoffEventsBetween = async (
  ctx: AppContext,
  from: string,
  to: string,
): Promise<{ breached: Handoff[]; rejected: Handoff[]; recycled: Handoff[] }> => {
  const now = nowIso();
  const [breached, rejected, recycled] = await Promise.all(
    (['breached_at', 'rejected_at', 'recycled_at'] as const).map((c) => listHandoffRowsByEvent(ctx.db, c, from, to)),
  );
  const present = (rows: typeof breached = []) => rows.map((r) => presentHandoff(r, now));
  return { breached: present(breached), rejected: present(rejected), recycled: present(recycled) };
};

/** Flags handoffs that passed their due time unanswered and tells the assignee and the sales managers. */
export const sweepBreaches = async (ctx: AppContext): Promise<number> =>
  ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const breached = await claimBreaches(trx, now);
    const managers = breached.length > 0 ? await salesManagerIds(trx) : [];
    for (const b of breached) {
      const row = await load(trx, b.id);
      await writeTimelineEntries(trx, [
        handoffEntry(b.id, b.contact_id, 'breached', null, { slaDueAt: b.sla_due_at }, now),
      ]);
      await emitWebhookEvent(trx, 'handoff.breached', presentHandoff(row, now));
      await notifyUsers(
        ctx,
        trx,
        [...(b.assignee_id ? [b.assignee_id] : []), ...managers],
        'handoff_breached',
        { type: 'handoff', id: b.id, path: `/leads/${b.id}` },
        {
          contact: `${row.first_name} ${row.last_name}`.trim(),
          account: row.account_name ? ` (${row.account_name})` : '',
          due: b.sla_due_at,
        },
      );
    }
    return breached.length;
  });

/** Opens a handoff when someone sets a contact to MQL by hand (called by the contacts service). */
export const openHandoffByHand = (ctx: AppContext, db: Db, actor: Actor, contactId: string) =>
  openHandoff(ctx, db, contactId, { actor, reason: 'manual' });

/** A rejected lead waits in marketing's queue: a new touch does not hand it over again until it is recycled. */
export const awaitsRecycling = async (db: Db, contactId: string): Promise<boolean> =>
  (await findLatestHandoffStatus(db, contactId)) === 'rejected';
