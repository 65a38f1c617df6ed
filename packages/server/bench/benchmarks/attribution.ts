/*
 * attribution: GET /api/reports/attribution (all seven models) per measure, beside the raw engine's time to
 * read the report's inputs once. Phases (issue 17: per-deal credits, migration 0031):
 * - cold: the stored credits summed afresh (each request after a raise of `attribution_state.version`,
 *   which keys every instance's in-memory totals, as a recomputation on another instance does);
 * - warm: repeated requests;
 * - incremental: each request after N deal writes (amounts ±1 through SQL, so the triggers mark them);
 * - settings: each request after a settings change (`attribution_state.settings` cleared: every deal's
 *   credits are recomputed, as after a change of lookback, half-life or touch types).
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
    const bump = () => fx.query(`update attribution_state set version = version + 1 where id = 1`);
    const recomputeAll = () => fx.query(`update attribution_state set settings = '' where id = 1`);
    const writes = Number(process.env.BENCH_ATTRIBUTION_WRITES ?? 100);
    const dealIds = (
      (await fx.query(
        `select id from deals where deleted_at is null and created_at >= '${from}' order by id limit ${writes}`,
      )) as { id: string }[]
    ).map((r) => `'${r.id}'`);
    let sign = 1;
    // N deals change (and change back on the next sample), each write marking its deal in the same statement
    const write = () => {
      sign = -sign;
      return fx.query(`update deals set amount = amount + (${sign}) where id in (${dealIds.join(',')})`);
    };
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
      if (options.reportPhases === 'cold-warm') continue;
      results.reportLatencies.push(
        reportLatency(
          { engine, bench, phase: `incremental after ${dealIds.length} deal writes`, baseline, targetMs: 2000 },
          await requestTimes(url, auth, nenner.log, options.coldSamples, write),
        ),
      );
      results.reportLatencies.push(
        reportLatency(
          { engine, bench, phase: 'settings change (every deal)', baseline, targetMs: 2000 },
          await requestTimes(url, auth, nenner.log, options.coldSamples, recomputeAll),
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
