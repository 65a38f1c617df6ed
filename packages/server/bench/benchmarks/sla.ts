/* SLA report: latency of GET /api/reports/sla over every seeded handoff, beside the raw engine reading its inputs once. */
import type { Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { baselineOf, reportLatency } from '../lib/reports.js';
import { requestTimes } from '../lib/timing.js';
import { openScan } from '../scans.js';

/**
 * The SLA report's inputs: the columns it reads of every handoff qualified in the period (`count` lets the
 * engine count them, `read` hands each row to JavaScript), through the same covering index.
 */
export const slaInputs = (mode: 'count' | 'read') =>
  mode === 'count'
    ? 'select count(*), count(responded_at), count(response_seconds), count(rejected_at) from handoffs where qualified_at >= ? and qualified_at < ?'
    : `select assignee_id, team_id, source, form_id, utm_campaign, qualified_at, sla_due_at, responded_at,
         response_seconds, accepted_at, rejected_at, converted_at, reject_reason
       from handoffs where qualified_at >= ? and qualified_at < ?`;

export const sla: Benchmark = async ({ engine, target, fx, nenner, cookie, options, results, explain }) => {
  const { from, to, handoffs } = fx.slaPeriod;
  const url = `${nenner.url}/api/reports/sla?from=${from}&to=${to}`;
  log(`  SLA report: GET /api/reports/sla?from=${from}&to=${to} (${handoffs.toLocaleString('en')} handoffs)`);
  const { periodOf } = await import('../../src/modules/reports/period.js');
  const { defaultSla } = await import('../../src/modules/settings/settings.defaults.js');
  // the seed keeps the default SLA settings, so the report's instants are the default zone's
  const period = periodOf(from, to, defaultSla.timeZone, 400);
  const params = [period.from, period.to];
  const scan = await openScan(engine, target);
  try {
    const read = await baselineOf(scan, slaInputs('read'), params, 'read');
    const baseline = {
      countMs: (await baselineOf(scan, slaInputs('count'), params, 'count')).ms,
      readMs: read.ms,
      rows: read.rows,
    };
    for (let i = 0; i < 3; i++) {
      const r = await fetch(url, { headers: { cookie } });
      if (!r.ok) throw new Error(`sla: ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
    }
    results.reportLatencies.push(
      reportLatency(
        { engine, bench: 'sla', phase: 'sequential', baseline, targetMs: 500 },
        await requestTimes(url, { cookie }, nenner.log, options.samples),
      ),
    );
  } finally {
    await scan.close();
  }
  if (explain) {
    const { slaReport } = await import('../../src/modules/reports/reports.service.js');
    await explain.plan('SLA report', (ctx) => slaReport(ctx, { from, to }));
  }
};
