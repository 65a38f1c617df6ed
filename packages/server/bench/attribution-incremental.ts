/*
 * Incremental attribution (issue 17), measured in-process on a bench database (no HTTP, no login): the
 * service functions the report endpoint calls, on the seeded report period, per measure:
 * - settings change: every deal's credits recomputed (as after a change of lookback, half-life, types);
 * - cold: the stored credits summed afresh (the in-memory totals dropped, as a new instance starts);
 * - warm: the in-memory totals;
 * - incremental: after N deal writes (amounts ±1 through SQL, marked by the triggers of 0031);
 * beside the bare driver reading the report's rows once (bench/scans.ts).
 *
 *   npx tsx bench/attribution-incremental.ts --engine sqlite [--samples 3] [--writes 100]
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AttributionQuery } from '@nenner/shared';
import type { AppContext } from '../src/context.js';
import { openDatabase } from '../src/db/database.js';
import { attributionReport } from '../src/modules/attribution/attribution.service.js';
import { attributionInputs, openScan } from './scans.js';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    samples: { type: 'string', default: '3' },
    writes: { type: 'string', default: '100' },
    from: { type: 'string', default: '2025-11-02' },
    to: { type: 'string', default: '2026-11-02' },
  },
});
const engine = args.engine === 'postgres' ? 'postgres' : 'sqlite';
const samples = Number(args.samples);
const file = path.resolve(import.meta.dirname, '..', '.bench', 'sqlite', 'nenner.sqlite');
const url = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/nenner_bench';
const database = openDatabase(engine === 'sqlite' ? { kind: 'sqlite', file } : { kind: 'postgres', url });
const db = database.db;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

// a fresh context per cold sample: the in-memory totals are kept per database handle
const contextOf = (): AppContext => ({ db, engine }) as unknown as AppContext;
let ctx = contextOf();
const freshContext = async () => {
  ctx = { ...contextOf() };
  // the caches are keyed by the db object: a new Kysely handle on the same pool has none
  ctx = { ...ctx, db: db.withoutPlugins() } as AppContext;
};

const run = async () => {
  console.log(`${engine}: ${engine === 'sqlite' ? file : url.replace(/\/\/[^@]*@/, '//')} · load ${load()}`);
  const deals = await db
    .selectFrom('deals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const touches = await db
    .selectFrom('touchpoints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(`  ${Number(deals.n).toLocaleString('en')} deals, ${Number(touches.n).toLocaleString('en')} touchpoints`);
  const writes = Number(args.writes);
  const ids = (
    await db
      .selectFrom('deals')
      .select('id')
      .where('deleted_at', 'is', null)
      .where('created_at', '>=', args.from as string)
      .orderBy('id')
      .limit(writes)
      .execute()
  ).map((r) => r.id);
  let sign = 1;
  const write = async () => {
    sign = -sign;
    await db
      .updateTable('deals')
      .set((eb) => ({ amount: eb('amount', '+', sign) }))
      .where('id', 'in', ids)
      .execute();
  };
  const scan = await openScan(engine, engine === 'sqlite' ? { file } : { url });
  for (const measure of ['pipeline', 'revenue'] as const) {
    const q = AttributionQuery.parse({ from: args.from, to: args.to, measure });
    const report = () => attributionReport(ctx, q);
    const settings: number[] = [];
    for (let i = 0; i < samples; i++) {
      await db.updateTable('attribution_state').set({ settings: '' }).where('id', '=', 1).execute();
      await freshContext();
      settings.push(await time(report));
    }
    const cold: number[] = [];
    for (let i = 0; i < samples; i++) {
      await freshContext();
      cold.push(await time(report));
    }
    const warm: number[] = [];
    for (let i = 0; i < samples * 3; i++) warm.push(await time(report));
    const incremental: number[] = [];
    for (let i = 0; i < samples; i++) {
      await write();
      incremental.push(await time(report));
    }
    const lookbackStart = new Date(Date.parse(q.from) - 365 * 86_400_000).toISOString();
    const currency = ((await report()) as { models: { first: { currency: string } } }).models.first.currency;
    const params = [lookbackStart, currency, `${q.from}T00:00:00.000Z`, `${q.to}T00:00:00.000Z`];
    await scan.run(attributionInputs(measure, 'read'), params, 'read');
    const reads: number[] = [];
    let rows = 0;
    for (let i = 0; i < 3; i++) {
      const r = await scan.run(attributionInputs(measure, 'read'), params, 'read');
      reads.push(r.ms);
      rows = r.rows;
    }
    const bare = median(reads);
    const line = (name: string, xs: number[]) =>
      `  ${measure} ${name}: p50 ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')}), ÷ bare read ${(median(xs) / bare).toFixed(2)}×`;
    console.log(`  ${measure} bare read: ${bare.toFixed(0)} ms (${rows.toLocaleString('en')} rows) · load ${load()}`);
    console.log(line('settings change (every deal)', settings));
    console.log(line('cold (stored credits summed)', cold));
    console.log(line('warm', warm));
    console.log(line(`incremental after ${ids.length} deal writes`, incremental));
  }
  await scan.close();
  console.log(`  load ${load()}`);
};

try {
  await run();
} finally {
  await database.close();
}
