/*
 * The SLA report and the funnel measured in-process (no HTTP, no login), on any seeded database: the
 * service functions the endpoints call, one after another, beside the bare driver reading the same rows
 * once in the same run (bench/scans.ts). The figure is the service's p50 ÷ the bare read's p50.
 *
 *   npx tsx bench/reports-inprocess.ts --engine sqlite --file /tmp/db/nenner.sqlite [--samples 10]
 *   npx tsx bench/reports-inprocess.ts --engine postgres --url postgres://postgres@127.0.0.1:5432/nenner_bench
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { FunnelQuery } from '@nenner/shared';
import type { AppContext } from '../src/context.js';
import { openDatabase } from '../src/db/database.js';
import { funnelReport } from '../src/modules/analytics/analytics.service.js';
import { periodOf } from '../src/modules/reports/period.js';
import { slaReport } from '../src/modules/reports/reports.service.js';
import { defaultSla } from '../src/modules/settings/settings.defaults.js';
import { slaInputs } from './benchmarks/sla.js';
import { funnelInputs, openScan } from './scans.js';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    file: { type: 'string' },
    url: { type: 'string' },
    samples: { type: 'string', default: '10' },
    only: { type: 'string', default: 'sla,funnel' },
  },
});
const engine = args.engine === 'postgres' ? 'postgres' : 'sqlite';
const samples = Number(args.samples);
const only = new Set((args.only ?? '').split(','));
const target = engine === 'sqlite' ? { file: args.file ?? '' } : { url: args.url ?? '' };
const database = openDatabase(
  engine === 'sqlite' ? { kind: 'sqlite', file: args.file ?? '' } : { kind: 'postgres', url: args.url ?? '' },
);
const ctx = { db: database.db, engine } as unknown as AppContext;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

/** p50 of `samples` runs after 2 unmeasured ones. */
const time = async (fn: () => Promise<unknown>) => {
  for (let i = 0; i < 2; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return p50(ms);
};

const run = async () => {
  const span = await database.db
    .selectFrom('handoffs')
    .select((eb) => [eb.fn.min('qualified_at').as('lo'), eb.fn.max('qualified_at').as('hi')])
    .executeTakeFirstOrThrow();
  const day = (iso: unknown, plus: number) =>
    new Date(new Date(String(iso)).getTime() + plus * 86_400_000).toISOString().slice(0, 10);
  const sla = { from: day(span.lo, -1), to: day(span.hi, 1) };
  // the bench's report period: the seeded deals' year (bench/fixtures.ts)
  const leads = await database.db
    .selectFrom('deals')
    .select((eb) => [eb.fn.min('created_at').as('lo'), eb.fn.max('created_at').as('hi')])
    .executeTakeFirstOrThrow();
  const funnel = { from: day(leads.lo, 0), to: day(leads.hi, 0) };
  console.log(`${engine} · samples ${samples} · load ${load()}`);
  const scan = await openScan(engine, target);
  try {
    if (only.has('sla')) {
      const period = periodOf(sla.from, sla.to, defaultSla.timeZone, 400);
      const params = [period.from, period.to];
      const bare = await time(() => scan.run(slaInputs('read'), params, 'read'));
      const count = await time(() => scan.run(slaInputs('count'), params, 'count'));
      const report = await time(() => slaReport(ctx, sla));
      const r = await slaReport(ctx, sla);
      console.log(
        `SLA report ${sla.from}..${sla.to} (${r.totals.handoffs} handoffs): p50 ${report.toFixed(1)} ms · ` +
          `bare count ${count.toFixed(1)} ms, read ${bare.toFixed(1)} ms · ÷ read ${(report / bare).toFixed(2)} · load ${load()}`,
      );
    }
    if (only.has('funnel')) {
      const period = periodOf(funnel.from, funnel.to, defaultSla.timeZone, 1100);
      const params = [period.from, period.to];
      for (const by of ['none', 'channel'] as const) {
        const bare = await time(() => scan.run(funnelInputs(by === 'channel', 'read'), params, 'read'));
        const count = await time(() => scan.run(funnelInputs(by === 'channel', 'count'), params, 'count'));
        const query = FunnelQuery.parse({ ...funnel, by });
        const report = await time(() => funnelReport(ctx, query));
        console.log(
          `funnel by ${by} ${funnel.from}..${funnel.to}: p50 ${report.toFixed(1)} ms · bare count ${count.toFixed(1)} ms, ` +
            `read ${bare.toFixed(1)} ms · ÷ read ${(report / bare).toFixed(2)} · load ${load()}`,
        );
      }
    }
  } finally {
    await scan.close();
    await database.close();
  }
};

await run();
