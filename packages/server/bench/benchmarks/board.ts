/* board: latency of GET /api/deals/board over the default pipeline's open deals. */
import type { Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { sequential } from '../lib/timing.js';

export const board: Benchmark = async ({ engine, fx, nenner, cookie, options, results, explain }) => {
  const openDeals = fx.counts.openDeals.toLocaleString('en');
  log(`  board: GET /api/deals/board?pipelineId=${fx.pipelineId} (${openDeals} open deals)`);
  results.latencies.push(
    await sequential(
      { engine, bench: 'board', what: `${openDeals} open deals`, samples: options.samples, targetMs: 150 },
      `${nenner.url}/api/deals/board?pipelineId=${fx.pipelineId}`,
      { cookie },
      nenner.log,
    ),
  );
  if (explain) {
    const { getBoard } = await import('../../src/modules/deals/board.service.js');
    const actor = await explain.actor();
    const { BoardQuery } = await import('@nenner/shared');
    await explain.plan('board', (ctx) => getBoard(ctx, actor, BoardQuery.parse({ pipelineId: fx.pipelineId })));
  }
};
