/* funnel: GET /api/reports/funnel, overall and by channel, beside the raw engine's time to read its inputs once. */
import type { Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { baselineOf, openReportInputs, reportLatency } from '../lib/reports.js';
import { requestTimes } from '../lib/timing.js';
import { funnelInputs } from '../scans.js';

export const funnel: Benchmark = async ({ engine, target, fx, nenner, cookie, options, results, explain }) => {
  const { from, to } = fx.reportPeriod;
  const auth = { cookie };
  const { period, scan } = await openReportInputs(engine, target, fx);
  try {
    for (const by of ['none', 'channel'] as const) {
      const url = `${nenner.url}/api/reports/funnel?from=${from}&to=${to}${by === 'none' ? '' : `&by=${by}`}`;
      log(`  funnel: GET ${url.slice(nenner.url.length)}`);
      const params = [period.from, period.to];
      const read = await baselineOf(scan, funnelInputs(by === 'channel', 'read'), params, 'read');
      const baseline = {
        countMs: (await baselineOf(scan, funnelInputs(by === 'channel', 'count'), params, 'count')).ms,
        readMs: read.ms,
        rows: read.rows,
      };
      for (let i = 0; i < 3; i++) await (await fetch(url, { headers: auth })).arrayBuffer();
      results.reportLatencies.push(
        reportLatency(
          { engine, bench: `funnel${by === 'none' ? '' : ` by ${by}`}`, phase: 'sequential', baseline, targetMs: 500 },
          await requestTimes(url, auth, nenner.log, options.samples),
        ),
      );
    }
    if (explain) {
      const { funnelReport } = await import('../../src/modules/analytics/analytics.service.js');
      const { FunnelQuery } = await import('@nenner/shared');
      await explain.plan('funnel by channel', (ctx) =>
        funnelReport(ctx, FunnelQuery.parse({ from, to, by: 'channel' })),
      );
    }
  } finally {
    await scan.close();
  }
};
