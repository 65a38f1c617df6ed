import type { CloseDealInput, Deal } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { DealsTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { nowIso } from '../../lib/ids.js';
import { type PipelineWithStages, resolvePipeline } from '../pipelines/pipelines.service.js';
import { readSetting } from '../settings/settings.service.js';
import { recordAudit, writeTimelineEntries } from '../timeline/timeline.service.js';
import { emitWebhookEvent } from '../webhooks/webhooks.emit.js';
import { dealEntry } from './deals.present.js';
import { addDealCompetitor, type DealRow, updateDealRow } from './deals.repository.js';
import { advanceDealContacts, assertCompetitors, loadDeal, presentDeal, reloadDeal, stageOf } from './deals.service.js';

/* Stage changes of a deal: moves between open stages, closing as won or lost, reopening. */

const today = () => nowIso().slice(0, 10);

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
  assertCan(actor, 'deals.write');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadDeal(trx, id);
    if (expectedVersion !== null && row.version !== expectedVersion) throw new AppError('version_conflict');
    const pipeline = await resolvePipeline(trx, row.pipeline_id);
    const now = nowIso();
    const { set, action, data } = await act(row, pipeline, trx, now);
    if (set.stage_id === row.stage_id && action === 'moved') return presentDeal(trx, row);
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
    await writeTimelineEntries(trx, [
      dealEntry(id, action, actor, { fromStageId: row.stage_id, toStageId: set.stage_id, ...data }, now),
    ]);
    const event = action === 'won' || action === 'lost' ? (`deal.${action}` as const) : 'deal.stage_changed';
    await emitWebhookEvent(trx, event, () => reloadDeal(trx, id));
    return reloadDeal(trx, id);
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
    if (input.outcome === 'won') await advanceDealContacts(db, actor, row.id, 'customer', now);
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
