import {
  type CreateDealInput,
  can,
  type Deal,
  type FieldChange,
  type ListDealsQuery,
  type Page,
  sortKey,
  type UpdateDealInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { DealsTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { assertLiveAccount, getAccount } from '../accounts/accounts.service.js';
import { changeContactLifecycle } from '../contacts/lifecycle.service.js';
import { type PipelineWithStages, resolvePipeline } from '../pipelines/pipelines.service.js';
import { changesBetween, recordAudit, writeTimelineEntries } from '../timeline/timeline.service.js';
import { assertActiveUsers } from '../users/users.service.js';
import { emitWebhookEvent } from '../webhooks/webhooks.emit.js';
import { dealEntry, presentDeals, resolveFilter } from './deals.present.js';
import {
  cursorValue,
  type DealRow,
  findDealContactsInStages,
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

/** The deal row or deal_not_found; for the stage changes in deals.stages.ts too. */
export const loadDeal = async (db: Db, id: string, includeDeleted = false): Promise<DealRow> => {
  const row = await findDealRow(db, id, { includeDeleted });
  if (!row) throw new AppError('deal_not_found');
  return row;
};

export const presentDeal = async (db: Db, row: DealRow): Promise<Deal> => (await presentDeals(db, [row]))[0] as Deal;
export const reloadDeal = async (db: Db, id: string): Promise<Deal> => presentDeal(db, await loadDeal(db, id, true));

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
  presentDeal(ctx.db, await loadDeal(ctx.db, id, can(actor, 'deals.restore')));

const assertContacts = async (db: Db, contacts: { contactId: string }[] | undefined) => {
  if (!contacts) return;
  const ids = contacts.map((c) => c.contactId);
  if (new Set(ids).size !== ids.length) throw fieldError('contacts', 'A contact appears twice');
  if ((await findLiveContactIds(db, ids)).length !== ids.length) throw fieldError('contacts', 'Unknown contact');
};

export const assertCompetitors = async (db: Db, ids: string[] | undefined, path = 'competitorIds') => {
  if (!ids) return;
  const unique = [...new Set(ids)];
  if ((await findLiveCompetitorIds(db, unique)).length !== unique.length) throw fieldError(path, 'Unknown competitor');
};

/** The stage of the pipeline with that id and kind, or a field error at `path`. */
export const stageOf = (
  p: PipelineWithStages,
  stageId: string,
  path: string,
  kind: 'open' | 'won' | 'lost' = 'open',
) => {
  const stage = p.stages.find((s) => s.id === stageId);
  if (!stage) throw fieldError(path, 'Not a stage of the deal’s pipeline');
  if (stage.kind !== kind) {
    throw fieldError(path, kind === 'open' ? 'Not an open stage; close the deal to win or lose it' : 'Wrong stage');
  }
  return stage;
};

const earlierThanOpportunity = ['subscriber', 'lead', 'mql', 'sal', 'sql'] as const;

/**
 * Moves the deal's contacts that are earlier in the funnel than `stage` up to it (an open deal makes them
 * opportunities, a won deal customers), with an audit entry each; the stage trigger stamps the time.
 */
export const advanceDealContacts = async (
  db: Db,
  actor: Actor,
  dealId: string,
  stage: 'opportunity' | 'customer',
  now: string,
): Promise<void> => {
  const earlier = stage === 'opportunity' ? earlierThanOpportunity : [...earlierThanOpportunity, 'opportunity'];
  for (const c of await findDealContactsInStages(db, dealId, earlier)) {
    await changeContactLifecycle(db, actor, c.id, { stage }, { expectedVersion: c.version, at: now });
  }
};

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
  await advanceDealContacts(db, actor, row.id, 'opportunity', now);
  await recordAudit(db, actor, 'deal', row.id, 'created');
  await emitWebhookEvent(db, 'deal.created', () => reloadDeal(db, row.id));
  await writeTimelineEntries(db, [
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
  assertCan(actor, 'deals.write');
  const source = input.source ?? (input.handoffId ? 'marketing' : 'sales');
  return ctx.db
    .transaction()
    .execute(async (trx) => reloadDeal(trx, await insertDealRecord(ctx, trx, actor, { ...input, source })));
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
  assertCan(actor, 'deals.write');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadDeal(trx, id);
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    if (input.accountId !== undefined) await assertLiveAccount(trx, input.accountId, 'accountId');
    if (input.ownerId !== undefined) await assertActiveUsers(trx, [input.ownerId], 'ownerId');
    await assertContacts(trx, input.contacts);
    await assertCompetitors(trx, input.competitorIds);
    const before = await presentDeal(trx, row);
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
    if (input.contacts && row.status !== 'lost') {
      await advanceDealContacts(trx, actor, id, row.status === 'won' ? 'customer' : 'opportunity', nowIso());
    }
    if (input.competitorIds) await replaceDealCompetitors(trx, id, [...new Set(input.competitorIds)]);
    await recordAudit(trx, actor, 'deal', id, 'updated', changes);
    return reloadDeal(trx, id);
  });
};

/** Moves a deal to the trash; admins can restore it. */
export const deleteDeal = async (ctx: AppContext, actor: Actor, id: string): Promise<void> => {
  assertCan(actor, 'deals.write');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadDeal(trx, id);
    const now = nowIso();
    await updateDealRow(trx, id, row.version, { deleted_at: now, updated_at: now });
    await recordAudit(trx, actor, 'deal', id, 'deleted');
  });
};

/** Brings a deal back from the trash (admins). */
export const restoreDeal = async (ctx: AppContext, actor: Actor, id: string): Promise<Deal> => {
  assertCan(actor, 'deals.restore');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadDeal(trx, id, true);
    if (!row.deleted_at) throw new AppError('not_in_trash');
    await updateDealRow(trx, id, row.version, { deleted_at: null, updated_at: nowIso() });
    await recordAudit(trx, actor, 'deal', id, 'restored');
    return reloadDeal(trx, id);
  });
};

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
