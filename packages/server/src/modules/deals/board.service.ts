import type { Board, BoardQuery } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { presentPipeline, resolvePipeline } from '../pipelines/pipelines.service.js';
import { presentDeals, resolveFilter } from './deals.present.js';
import { listStageCards, sumByStage } from './deals.repository.js';

/**
 * The board of a pipeline: per stage the first `perStage` deals (most recently updated first) and, over
 * all of the stage's deals that match the filters, their count, sum and weighted sum per currency. The
 * sums come from one grouped query, the cards from one index range per stage: no stage is read whole.
 */
export const getBoard = async (ctx: AppContext, actor: Actor, query: BoardQuery): Promise<Board> => {
  const { perStage, pipelineId, ...rest } = query;
  const pipeline = await resolvePipeline(ctx.db, pipelineId, 'query.pipelineId');
  const filter = { ...resolveFilter(actor, rest), pipelineId: pipeline.pipeline.id };
  // one query for the sums and one per stage for the cards; on PostgreSQL they run side by side on the pool
  const [sums, ...cards] = await Promise.all([
    sumByStage(ctx.db, filter),
    // a stage's kind says its deals' status (open stages hold open deals, the won stage won ones)
    ...pipeline.stages.map((stage) =>
      listStageCards(ctx.db, { ...filter, stageId: stage.id, status: stage.kind }, perStage),
    ),
  ]);
  const deals = await presentDeals(ctx.db, cards.flat());
  const presented = presentPipeline(pipeline.pipeline, pipeline.stages);
  return {
    pipeline: presented,
    columns: presented.stages.map((stage, i) => {
      const mine = sums.filter((s) => s.stageId === stage.id).sort((a, b) => (a.currency < b.currency ? -1 : 1));
      const ids = new Set((cards[i] ?? []).map((c) => c.id));
      return {
        stage,
        count: mine.reduce((n, s) => n + s.count, 0),
        totals: mine.map((s) => ({
          currency: s.currency,
          amount: s.total,
          weighted: Math.round((s.total * stage.probability) / 100),
        })),
        deals: deals.filter((d) => ids.has(d.id)),
      };
    }),
  };
};
