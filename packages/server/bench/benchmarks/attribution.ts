/*
 * attribution: GET /api/reports/attribution (all seven models) per measure, cold (each request after a
 * bump of the attribution data version that keys the report cache) and warm (repeated requests), beside
 * the raw engine's time to read the report's inputs once.
 */
import type { Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { baselineOf, openReportInputs, reportLatency } from '../lib/reports.js';
import { requestTimes } from '../lib/timing.js';
import { attributionInputs } from '../scans.js';

export const attribution: Benchmark = async ({ engine, target, fx, nenner, cookie, options, results, explain }) => {
  const { from, to, deals, won } = fx.reportPeriod;
  const auth = { cookie };
  const { period, scan } = await openReportInputs(engine, target, fx);
  try {
    const [{ n: touchpoints }] = (await fx.query('select count(*) as n from touchpoints')) as [{ n: number }];
    log(
      `  attribution: GET /api/reports/attribution?from=${from}&to=${to}&measure=… (all seven models; ` +
        `${deals.toLocaleString('en')} deals, ${won.toLocaleString('en')} won, ${Number(touchpoints).toLocaleString('en')} touchpoints)`,
    );
    // The report cache is keyed by the attribution data version, which triggers bump on every write
    // that changes attribution; bumping it directly makes the next request compute afresh.
    const bump = () => fx.query(`update data_versions set version = version + 1 where name = 'attribution'`);
    const [{ lookback }] = (await fx.query(
      `select coalesce((select value from settings where key = 'attribution'), '{}') as lookback`,
    )) as [{ lookback: string }];
    const lookbackDays = Number((JSON.parse(lookback) as { lookbackDays?: number }).lookbackDays ?? 365);
    const lookbackStart = new Date(Date.parse(period.from) - lookbackDays * 86_400_000).toISOString();
    for (const measure of ['pipeline', 'revenue'] as const) {
      const url = `${nenner.url}/api/reports/attribution?from=${from}&to=${to}&measure=${measure}`;
      const check = (await (await fetch(url, { headers: auth })).json()) as {
        models?: Record<string, { currency: string; rows: unknown[]; unattributed: number }>;
      };
      const models = Object.keys(check.models ?? {});
      if (models.length !== 7) throw new Error(`attribution: expected seven models, got ${JSON.stringify(check)}`);
      const first = check.models?.first;
      log(
        `  ${measure}: currency ${first?.currency}, ${first?.rows.length} campaigns credited, unattributed ${first?.unattributed}`,
      );
      const params = [lookbackStart, first?.currency ?? 'EUR', period.from, period.to];
      const countMs = (await baselineOf(scan, attributionInputs(measure, 'count'), params, 'count')).ms;
      const read = await baselineOf(scan, attributionInputs(measure, 'read'), params, 'read');
      const baseline = { countMs, readMs: read.ms, rows: read.rows };
      const bench = `attribution ${measure}`;
      results.reportLatencies.push(
        reportLatency(
          { engine, bench, phase: 'cold', baseline, targetMs: 2000 },
          await requestTimes(url, auth, nenner.log, options.coldSamples, bump),
        ),
      );
      // the entry the last cold request computed answers these
      results.reportLatencies.push(
        reportLatency(
          { engine, bench, phase: 'warm', baseline, targetMs: 200 },
          await requestTimes(url, auth, nenner.log, options.samples),
        ),
      );
    }
    if (explain) {
      const { attributionReport } = await import('../../src/modules/attribution/attribution.service.js');
      const { AttributionQuery } = await import('@nenner/shared');
      await explain.plan('attribution, pipeline, cold', (ctx) =>
        attributionReport(ctx, AttributionQuery.parse({ from, to, measure: 'pipeline' })),
      );
    }
  } finally {
    await scan.close();
  }
};
