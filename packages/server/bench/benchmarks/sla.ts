/* SLA report: latency of GET /api/reports/sla over every seeded handoff. */
import type { Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { sequential } from '../lib/timing.js';

export const sla: Benchmark = async ({ engine, fx, nenner, cookie, options, results, explain }) => {
  const { from, to, handoffs } = fx.slaPeriod;
  log(`  SLA report: GET /api/reports/sla?from=${from}&to=${to} (${handoffs.toLocaleString('en')} handoffs)`);
  results.latencies.push(
    await sequential(
      {
        engine,
        bench: 'sla',
        what: `${handoffs.toLocaleString('en')} handoffs`,
        samples: options.samples,
        targetMs: 500,
      },
      `${nenner.url}/api/reports/sla?from=${from}&to=${to}`,
      { cookie },
      nenner.log,
    ),
  );
  if (explain) {
    const { slaReport } = await import('../../src/modules/reports/reports.service.js');
    await explain.plan('SLA report', (ctx) => slaReport(ctx, { from, to }));
  }
};
