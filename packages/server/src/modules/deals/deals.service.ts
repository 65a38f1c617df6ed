import {
  type CloseDealInput,
  type CreateDealInput,
  type Deal,
  type FieldChange,
  type ListDealsQuery,
  type Page,
  sortKey,
  type UpdateDealInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { DealsTable } from '../../db/schema.js';
import { assertAdmin, assertCanWrite } from '../../http/access.js';
import { AppError, fieldError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { assertLiveAccount, getAccount } from '../accounts/accounts.service.js';
import { type PipelineWithStages, resolvePipeline } from '../pipelines/pipelines.service.js';
import { readSetting } from '../settings/settings.service.js';
import { type Db, insertTimelineEntries } from '../timeline/timeline.repository.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import { assertActiveUsers } from '../users/users.service.js';
import { dealEntry, presentDeals, resolveFilter } from './deals.present.js';
import {
  addDealCompetitor,
  cursorValue,
  type DealRow,
  findDealRow,
  findLiveCompetitorIds,
  findLiveContactIds,
  handoffExists,
  insertDeal,
  listDealRows,
  replaceDealCompetitors,
  replaceDealContacts,
  updateDealRow,
} from './deals.repository.js';

const load = async (db: Db, id: string, includeDeleted = false): Promise<DealRow> => {
  const row = await findDealRow(db, id, { includeDeleted });
  if (!row) throw new AppError('deal_not_found');
  return row;
};

const present = async (db: Db, row: DealRow): Promise<Deal> => (await presentDeals(db, [row]))[0] as Deal;
const reload = async (db: Db, id: string): Promise<Deal> => present(db, await load(db, id, true));

/** Lists deals page by page with the board's filters. */
export const listDeals = async (ctx: AppContext, actor: Actor, query: ListDealsQuery): Promise<Page<Deal>> => {
  const { sort, limit, cursor, ...filter } = query;
  const rows = await listDealRows(ctx.db, { ...resolveFilter(actor, filter), sort, limit, cursor });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await presentDeals(ctx.db, page),
    nextCursor: rows.length > limit && last ? encodeCursor(cursorValue(last, sort), last.id, sort) : null,
  };
};

/** One deal; admins also see it in the trash. */
export const getDeal = async (ctx: AppContext, actor: Actor, id: string): Promise<Deal> =>
  present(ctx.db, await load(ctx.db, id, actor.role === 'admin'));

const assertContacts = async (db: Db, contacts: { contactId: string }[] | undefined) => {
  if (!contacts) return;
  const ids = contacts.map((c) => c.contactId);
  if (new Set(ids).size !== ids.length) throw fieldError('contacts', 'A contact appears twice');
  if ((await findLiveContactIds(db, ids)).length !== ids.length) throw fieldError('contacts', 'Unknown contact');
};

const assertCompetitors = async (db: Db, ids: string[] | undefined, path = 'competitorIds') => {
  if (!ids) return;
  const unique = [...new Set(ids)];
  if ((await findLiveCompetitorIds(db, unique)).length !== unique.length) throw fieldError(path, 'Unknown competitor');
};

const stageOf = (p: PipelineWithStages, stageId: string, path: string, kind: 'open' | 'won' | 'lost' = 'open') => {
  const stage = p.stages.find((s) => s.id === stageId);
  if (!stage) throw fieldError(path, 'Not a stage of the deal’s pipeline');
  if (stage.kind !== kind) {
    throw fieldError(path, kind === 'open' ? 'Not an open stage; close the deal to win or lose it' : 'Wrong stage');
  }
  return stage;
};

const today = () => nowIso().slice(0, 10);

export type NewDeal = CreateDealInput & { source: 'marketing' | 'sales' };

/** Inserts a deal with its contacts and competitors in the caller's transaction; the caller checks the permission. */
export const insertDealRecord = async (ctx: AppContext, db: Db, actor: Actor, input: NewDeal): Promise<string> => {
  await assertLiveAccount(db, input.accountId, 'accountId');
  const pipeline = await resolvePipeline(db, input.pipelineId);
  const stage = input.stageId
    ? stageOf(pipeline, input.stageId, 'stageId')
    : pipeline.stages.find((s) => s.kind === 'open');
  if (!stage) throw fieldError('pipelineId', 'The pipeline has no open stage');
  let ownerId = input.ownerId;
  if (ownerId === undefined) {
    ownerId =
      actor.department === 'sales' ? actor.id : (await getAccount({ ...ctx, db }, actor, input.accountId)).ownerId;
  }
  await assertActiveUsers(db, [ownerId], 'ownerId');
  await assertContacts(db, input.contacts);
  await assertCompetitors(db, input.competitorIds);
  if (input.handoffId && !(await handoffExists(db, input.handoffId))) throw fieldError('handoffId', 'Unknown handoff');
  const now = nowIso();
  const row: DealsTable = {
    id: newId(),
    name: input.name,
    sort_name: sortKey(input.name),
    account_id: input.accountId,
    pipeline_id: pipeline.pipeline.id,
    stage_id: stage.id,
    status: 'open',
    amount: input.amount,
    currency: input.currency,
    close_date: input.closeDate ?? null,
    owner_id: ownerId ?? null,
    source: input.source,
    handoff_id: input.handoffId ?? null,
    campaign_key: input.campaignKey ?? null,
    next_step: input.nextStep ?? null,
    close_reason: null,
    close_comment: null,
    lost_to_competitor_id: null,
    closed_at: null,
    stage_changed_at: now,
    version: 1,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  // the deal row first: its timeline entries take their account from it
  await insertDeal(db, row);
  await replaceDealContacts(
    db,
    row.id,
    (input.contacts ?? []).map((c) => ({ contactId: c.contactId, role: c.role ?? null })),
  );
  await replaceDealCompetitors(db, row.id, [...new Set(input.competitorIds ?? [])]);
  await recordAudit(db, actor, 'deal', row.id, 'created');
  await insertTimelineEntries(db, [
    dealEntry(
      row.id,
      'created',
      actor,
      {
        toStageId: stage.id,
        amount: row.amount,
        currency: row.currency,
        source: row.source,
        handoffId: row.handoff_id,
      },
      now,
    ),
  ]);
  return row.id;
};

/** Creates a deal: default pipeline and its first open stage; owner the caller in sales, else the account's owner. */
export const createDeal = async (ctx: AppContext, actor: Actor, input: CreateDealInput): Promise<Deal> => {
  assertCanWrite(actor);
  const source = input.source ?? (input.handoffId ? 'marketing' : 'sales');
  return ctx.db
    .transaction()
    .execute(async (trx) => reload(trx, await insertDealRecord(ctx, trx, actor, { ...input, source })));
};

const fields = ['name', 'accountId', 'amount', 'currency', 'ownerId', 'closeDate', 'campaignKey', 'nextStep'] as const;

const toColumns = (input: UpdateDealInput): Partial<DealsTable> => ({
  ...(input.name !== undefined && { name: input.name, sort_name: sortKey(input.name) }),
  ...(input.accountId !== undefined && { account_id: input.accountId }),
  ...(input.amount !== undefined && { amount: input.amount }),
  ...(input.currency !== undefined && { currency: input.currency }),
  ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
  ...(input.closeDate !== undefined && { close_date: input.closeDate }),
  ...(input.campaignKey !== undefined && { campaign_key: input.campaignKey }),
  ...(input.nextStep !== undefined && { next_step: input.nextStep }),
});

/** Edits a deal if the caller saw the latest version; contacts and competitors are replaced as given. */
export const updateDeal = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateDealInput,
): Promise<Deal> => {
  assertCanWrite(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await load(trx, id);
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    if (input.accountId !== undefined) await assertLiveAccount(trx, input.accountId, 'accountId');
    if (input.ownerId !== undefined) await assertActiveUsers(trx, [input.ownerId], 'ownerId');
    await assertContacts(trx, input.contacts);
    await assertCompetitors(trx, input.competitorIds);
    const before = await present(trx, row);
    const { contacts: _c, competitorIds: _k, ...scalars } = input;
    const changes: FieldChange[] = changesBetween(before, scalars, fields);
    const contactsOf = (list: { contactId: string; role?: string | null }[]) =>
      list
        .map((c) => ({ contactId: c.contactId, role: c.role ?? null }))
        .sort((a, b) => (a.contactId < b.contactId ? -1 : 1));
    if (input.contacts) {
      const [from, to] = [contactsOf(before.contacts), contactsOf(input.contacts)];
      if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field: 'contacts', from, to });
    }
    if (input.competitorIds) {
      const from = before.competitors.map((k) => k.id).sort();
      const to = [...new Set(input.competitorIds)].sort();
      if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field: 'competitorIds', from, to });
    }
    if (changes.length === 0) return before;
    const result = await updateDealRow(trx, id, expectedVersion, { ...toColumns(input), updated_at: nowIso() });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    if (input.contacts) await replaceDealContacts(trx, id, contactsOf(input.contacts));
    if (input.competitorIds) await replaceDealCompetitors(trx, id, [...new Set(input.competitorIds)]);
    await recordAudit(trx, actor, 'deal', id, 'updated', changes);
    return reload(trx, id);
  });
};

/** Moves a deal to the trash; admins can restore it. */
export const deleteDeal = async (ctx: AppContext, actor: Actor, id: string): Promise<void> => {
  assertCanWrite(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await load(trx, id);
    const now = nowIso();
    await updateDealRow(trx, id, row.version, { deleted_at: now, updated_at: now });
    await recordAudit(trx, actor, 'deal', id, 'deleted');
  });
};

/** Brings a deal back from the trash (admins). */
export const restoreDeal = async (ctx: AppContext, actor: Actor, id: string): Promise<Deal> => {
  assertAdmin(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await load(trx, id, true);
    if (!row.deleted_at) throw new AppError('not_in_trash');
    await updateDealRow(trx, id, row.version, { deleted_at: null, updated_at: nowIso() });
    await recordAudit(trx, actor, 'deal', id, 'restored');
    return reload(trx, id);
  });
};

/**
 * Runs one stage change of a deal: loads it, checks the version the caller saw (when sent), writes with the
 * version guard, and records the audit entry and the timeline entry.
 */
const changeStage = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  act: (
    row: DealRow,
    pipeline: PipelineWithStages,
    db: Db,
    now: string,
  ) => Promise<{
    set: Partial<DealsTable>;
    action: 'moved' | 'won' | 'lost' | 'reopened';
    data?: Record<string, unknown>;
  }>,
): Promise<Deal> => {
  assertCanWrite(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await load(trx, id);
    if (expectedVersion !== null && row.version !== expectedVersion) throw new AppError('version_conflict');
    const pipeline = await resolvePipeline(trx, row.pipeline_id);
    const now = nowIso();
    const { set, action, data } = await act(row, pipeline, trx, now);
    if (set.stage_id === row.stage_id && action === 'moved') return present(trx, row);
    const result = await updateDealRow(trx, id, row.version, {
      ...set,
      stage_changed_at: now,
      updated_at: now,
    });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    const changes = [
      { field: 'stageId', from: row.stage_id, to: set.stage_id },
      ...(set.status !== undefined && set.status !== row.status
        ? [{ field: 'status', from: row.status, to: set.status }]
        : []),
    ];
    await recordAudit(trx, actor, 'deal', id, action, changes);
    await insertTimelineEntries(trx, [
      dealEntry(id, action, actor, { fromStageId: row.stage_id, toStageId: set.stage_id, ...data }, now),
    ]);
    return reload(trx, id);
  });
};

/** Moves an open deal to another open stage of its pipeline (If-Match required). */
export const moveDeal = (ctx: AppContext, actor: Actor, id: string, expectedVersion: number, stageId: string) =>
  changeStage(ctx, actor, id, expectedVersion, async (row, pipeline) => {
    if (row.status !== 'open') throw new AppError('deal_closed');
    const stage = stageOf(pipeline, stageId, 'stageId');
    return { set: { stage_id: stage.id }, action: 'moved' };
  });

/**
 * Wins or loses an open deal with a reason from the list; a lost deal may name the competitor it went to.
 * The close date becomes the day it closed, so the forecast counts it in that quarter.
 */
export const closeDeal = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: CloseDealInput,
) =>
  changeStage(ctx, actor, id, expectedVersion, async (row, pipeline, db, now) => {
    if (row.status !== 'open') throw new AppError('deal_closed');
    const reasons = (await readSetting(db, 'close_reasons')).value.reasons;
    if (!reasons.some((r) => r.key === input.reason && r.outcome === input.outcome && r.active)) {
      throw fieldError('reason', `Not one of the reasons a deal is ${input.outcome}`);
    }
    const competitorId = input.competitorId ?? null;
    if (competitorId && input.outcome === 'won') {
      throw fieldError('competitorId', 'Only a lost deal is lost to a competitor');
    }
    if (competitorId) {
      await assertCompetitors(db, [competitorId], 'competitorId');
      await addDealCompetitor(db, row.id, competitorId);
    }
    const stage = pipeline.stages.find((s) => s.kind === input.outcome);
    if (!stage) throw new AppError('pipeline_not_found', `The pipeline has no ${input.outcome} stage`);
    return {
      set: {
        stage_id: stage.id,
        status: input.outcome,
        close_reason: input.reason,
        close_comment: input.comment || null,
        lost_to_competitor_id: competitorId,
        closed_at: now,
        close_date: today(),
      },
      action: input.outcome,
      data: { reason: input.reason, comment: input.comment || null, competitorId },
    };
  });

/** Reopens a won or lost deal into an open stage; the close reason is cleared (the timeline keeps it). */
export const reopenDeal = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  stageId: string,
) =>
  changeStage(ctx, actor, id, expectedVersion, async (row, pipeline) => {
    if (row.status === 'open') throw new AppError('deal_not_closed');
    const stage = stageOf(pipeline, stageId, 'stageId');
    return {
      set: {
        stage_id: stage.id,
        status: 'open',
        close_reason: null,
        close_comment: null,
        lost_to_competitor_id: null,
        closed_at: null,
      },
      action: 'reopened',
      data: { previousStatus: row.status, previousReason: row.close_reason },
    };
  });

/** What a converted handoff brings to its deal. */
export interface HandoffDeal {
  handoffId: string;
  contactId: string;
  accountId: string;
  /** Used when the caller gives no name. */
  defaultName: string;
  assigneeId: string | null;
  campaignKey: string | null;
  name?: string;
  amount?: number;
  currency?: string;
  closeDate?: string | null;
}

/**
 * Opens the marketing-sourced deal of a converted handoff in the caller's transaction (the handoffs service
 * checks the permission): the contact is linked, the lead's campaign kept. Returns the deal's id.
 */
export const openDealForHandoff = (ctx: AppContext, db: Db, actor: Actor, h: HandoffDeal): Promise<string> =>
  insertDealRecord(ctx, db, actor, {
    name: h.name ?? h.defaultName,
    accountId: h.accountId,
    amount: h.amount ?? 0,
    currency: h.currency ?? 'EUR',
    closeDate: h.closeDate ?? null,
    contacts: [{ contactId: h.contactId, role: null }],
    ...(actor.department !== 'sales' && h.assigneeId && { ownerId: h.assigneeId }),
    source: 'marketing',
    handoffId: h.handoffId,
    campaignKey: h.campaignKey,
  });
