/*
 * The report benchmarks' shared parts: the seeded report period, the raw engine's time to read a report's
 * inputs once (bench/scans.ts), and a report's request times set beside it.
 */
import type { BenchDb } from '../fixtures.js';
import { openScan, type Scan } from '../scans.js';
import { type Engine, log, type Target } from './env.js';
import { type ReportLatency, ratioText } from './results.js';
import { percentileOf, round1 } from './timing.js';

/** The seed's report period as Nenner reads it, and a bare connection for the baseline. */
export const openReportInputs = async (engine: Engine, target: Target, fx: BenchDb) => {
  const { from, to } = fx.reportPeriod;
  const { periodOf } = await import('../../src/modules/reports/period.js');
  const { defaultSla } = await import('../../src/modules/settings/settings.defaults.js');
  // the seed keeps the default SLA settings, so the workspace time zone is the default one
  const period = periodOf(from, to, defaultSla.timeZone, 1100);
  const scan = await openScan(engine, target);
  return { period, scan };
};

/** Median of `runs` runs (after one unmeasured) of a baseline statement through the bare driver. */
export const baselineOf = async (
  scan: Scan,
  sqlText: string,
  params: (string | number)[],
  mode: 'count' | 'read',
  runs = 5,
) => {
  await scan.run(sqlText, params, mode);
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const r = await scan.run(sqlText, params, mode);
    times.push(r.ms);
    rows = r.rows;
  }
  return { ms: round1(percentileOf(times, 50)), rows };
};

/** A report's request times as a ReportLatency, printed beside its baseline. */
export const reportLatency = (
  m: Omit<ReportLatency, 'server' | 'client' | 'first' | 'samples'>,
  times: { server: number[]; client: number[] },
): ReportLatency => {
  const r: ReportLatency = {
    ...m,
    samples: times.server.length,
    server: { p50: round1(percentileOf(times.server, 50)), p99: round1(percentileOf(times.server, 99)) },
    client: { p50: round1(percentileOf(times.client, 50)), p99: round1(percentileOf(times.client, 99)) },
    first: round1(times.server[0] ?? NaN),
  };
  const ratio = r.server.p50 / r.baseline.readMs;
  log(
    `  ${r.bench} ${r.phase}: server p50 ${r.server.p50} ms, p99 ${r.server.p99} ms (first ${r.first} ms); ` +
      `client p50 ${r.client.p50} ms, p99 ${r.client.p99} ms (${r.samples} requests); ` +
      `baseline count ${r.baseline.countMs} ms, read ${r.baseline.readMs} ms (${r.baseline.rows.toLocaleString('en')} rows), ` +
      `Nenner ÷ read ${ratioText(ratio)}; target ≤ ${r.targetMs} ms: ${r.server.p50 <= r.targetMs ? 'met' : 'MISSED'} at p50`,
  );
  return r;
};
