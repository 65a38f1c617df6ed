/* 360° timeline: latency of GET /api/accounts/{id}/timeline for the seed's big account. */
import type { Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { sequential } from '../lib/timing.js';

export const timeline: Benchmark = async ({ engine, fx, nenner, cookie, options, results, explain }) => {
  const { id, entries } = fx.bigAccount;
  log(`  360° timeline: GET /api/accounts/${id}/timeline?scope=account (${entries.toLocaleString('en')} entries)`);
  results.latencies.push(
    await sequential(
      {
        engine,
        bench: 'timeline',
        what: `${entries.toLocaleString('en')} entries`,
        samples: options.samples,
        targetMs: 20,
      },
      `${nenner.url}/api/accounts/${id}/timeline?scope=account`,
      { cookie },
      nenner.log,
    ),
  );
  if (explain) {
    const { listTimeline } = await import('../../src/modules/timeline/timeline.service.js');
    const actor = await explain.actor();
    const { AccountTimelineQuery } = await import('@nenner/shared');
    await explain.plan('360° timeline', (ctx) =>
      listTimeline(ctx, actor, 'account', id, AccountTimelineQuery.parse({ scope: 'account' })),
    );
  }
};
