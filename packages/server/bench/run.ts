/*
 * npm run bench [-- --engine sqlite|postgres] [--only <name>[,<name>…]] [--duration 10] [--connections 20]
 *               [--samples 30] [--explain]
 *
 * Benchmarks (--only): throughput against a bare baseline (ABBA rounds at 20 connections): list, create,
 * form (POST /f/{slug} as JSON), form-urlencoded (the same as a browser form post); latency of sequential
 * requests on one connection (server time from Nenner's request log, p50/p99 of --samples): sla, board,
 * timeline, funnel; attribution cold (--cold-samples requests, each after a bump of the attribution data
 * version that keys the report cache) and warm (--samples repeated requests); reports are set beside the
 * raw engine's time to read their inputs once (bench/scans.ts); and the time of a full scan: duplicates.
 * goals: the progress of 50 goals and the alignment index for a year, warm (--samples requests) and cold
 * (--cold-samples first requests of a freshly started Nenner), beside the bare driver running the same
 * statements.
 * meetings: the generated agenda of one occurrence (GET /api/occurrences/:id) over a week of the bench data,
 * warm, cold (each after a bump of the facts and attribution versions) and in a fresh Nenner, beside the
 * bare driver running the same statements.
 * events: public registrations (POST /e/{slug}) per second on a 10,000-seat event until 2,000 wait, the seats
 * counted afterwards, beside the bare driver writing the same rows to an event of its own.
 * search: the contact list's search and the global search (command palette) query by query, p50/p95/p99 of
 * --samples sequential requests beside the bare driver running the same statements, then throughput at
 * --connections over all the queries against the baseline replaying them.
 * instances (PostgreSQL): list contacts through a round-robin proxy in front of 3 Nenner instances beside 1.
 * webhooks: POST /api/contacts with and without a subscription (ratio), and deliveries per second to a local
 * receiver; on a small workspace of its own, in process (no seeded database, no child servers).
 * startup: the compiled server (as `npm start` runs it) from spawn to healthy on the bench database, and its
 * RSS idle and under the list load.
 * scale (issue 17; only with --only scale, or --scale for the whole table): one row of the scaling table at
 * --contacts, see bench/scale.ts and benchmarks/scale.ts; --scale-out writes the row as JSON.
 * list-all (issue 17; only with --only list-all): every list endpoint × sort × (no filter | each filter) ×
 * (first page | deep cursor), enumerated from the contract's query schemas, server p50/p99 of --samples
 * beside the bare driver, then per list throughput at --connections against the baseline; options
 * --deep-pages 10 (pages of 200 followed to the deep cursor), --list-rows 40 (worst rows printed, 0: all),
 * --lists contacts,deals (some lists only), --skip-load (no throughput part).
 * compression (only with --only compression): the µs and bytes of compressing list pages, Nenner's levels
 * against @fastify/compress's defaults (bench/benchmarks/compression.ts).
 * Each lives in bench/benchmarks/<name>.ts; their shared parts in bench/lib/.
 *
 * Seeds (once, reused) a 1M-contact workspace per engine under packages/server/.bench/, starts Nenner
 * (src/main.ts, as `npm start` runs it) and the bare baseline (bench/baseline.ts) as child processes,
 * and drives both with autocannon from this process. --profile writes a CPU profile of Nenner to
 * .bench/profiles/. Prints a table (bench/report.ts) and, for a full run, rewrites the
 * results block of docs/performance.md.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { attribution } from './benchmarks/attribution.js';
import { board } from './benchmarks/board.js';
import { compression } from './benchmarks/compression.js';
import { create } from './benchmarks/create.js';
import { duplicates } from './benchmarks/duplicates.js';
import { events } from './benchmarks/events.js';
import { exportBench } from './benchmarks/export.js';
import { form, formUrlencoded } from './benchmarks/form.js';
import { funnel } from './benchmarks/funnel.js';
import { goals } from './benchmarks/goals.js';
import { importBench } from './benchmarks/import.js';
import { instances } from './benchmarks/instances.js';
import { list } from './benchmarks/list.js';
import { listAll } from './benchmarks/list-all.js';
import { meetings } from './benchmarks/meetings.js';
import { scale } from './benchmarks/scale.js';
import { search } from './benchmarks/search.js';
import { sla } from './benchmarks/sla.js';
import { startup } from './benchmarks/startup.js';
import { timeline } from './benchmarks/timeline.js';
import { webhooks } from './benchmarks/webhooks.js';
import type { Benchmark, BenchOptions } from './lib/context.js';
import { prepareBenchDb } from './lib/database.js';
import { benchDir, type Engine, log, targetOf } from './lib/env.js';
import { openExplain } from './lib/explain.js';
import { emptyResults } from './lib/results.js';
import { loginCookie, startServers } from './lib/servers.js';
import { printResults, writeResultsBlock } from './report.js';
import { runScale } from './scale.js';

/** Every benchmark, in the order a run takes them. */
const benchmarks = {
  list,
  create,
  form,
  'form-urlencoded': formUrlencoded,
  sla,
  board,
  timeline,
  duplicates,
  attribution,
  funnel,
  goals,
  meetings,
  events,
  search,
  instances,
  startup,
  'list-all': listAll,
  scale,
  compression,
} satisfies Record<string, Benchmark>;
type BenchName = keyof typeof benchmarks;
const allBenches = Object.keys(benchmarks) as BenchName[];
/** Benchmarks that run only when named in --only (list-all alone takes minutes per engine at 1M). */
const optIn: BenchName[] = ['list-all', 'scale', 'compression'];

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string' },
    only: { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
    contacts: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '30' },
    'cold-samples': { type: 'string', default: '10' },
    explain: { type: 'boolean', default: false },
    write: { type: 'boolean' },
    profile: { type: 'boolean', default: false },
    'deep-pages': { type: 'string', default: '10' },
    'list-rows': { type: 'string', default: '40' },
    lists: { type: 'string', default: '' },
    'skip-load': { type: 'boolean', default: false },
    scale: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '10000,100000,1000000,5000000' },
    'scale-out': { type: 'string' },
  },
});
const engines = (args.engine ? [args.engine] : ['sqlite', 'postgres']) as Engine[];
const only = (args.only ? args.only.split(',') : allBenches.filter((b) => !optIn.includes(b))) as BenchName[];
if (!engines.every((e) => e === 'sqlite' || e === 'postgres')) throw new Error('--engine is sqlite or postgres');
if (!only.every((b) => allBenches.includes(b) || (['webhooks', 'export', 'import'] as string[]).includes(b)))
  throw new Error(`--only is one or more of ${allBenches.join(', ')}`);
const options: BenchOptions = {
  samples: Number(args.samples),
  coldSamples: Number(args['cold-samples']),
  duration: Number(args.duration),
  warmup: Number(args.warmup),
  connections: Number(args.connections),
  listAll: {
    deepPages: Number(args['deep-pages']),
    rows: Number(args['list-rows']),
    lists: args.lists ? args.lists.split(',') : [],
    load: !args['skip-load'],
  },
  reportPhases: 'all',
};
const contacts = Number(args.contacts);
if (args.scale) {
  // each size and engine in a bench run of its own; these options pass through to them
  const passed = (['samples', 'cold-samples'] as const).flatMap((k) => [`--${k}`, String(args[k])]);
  runScale({ sizes: args.sizes.split(',').map(Number), engines, passed });
  process.exit(0);
}
const writeDocs = args.write ?? (!args.engine && !args.only && contacts === 1_000_000);

fs.mkdirSync(benchDir, { recursive: true });
const results = emptyResults();
// webhooks brings its own small workspace and receiver: no seeded database, no child servers
if ((only as string[]).includes('webhooks')) for (const engine of engines) await webhooks(engine, options);
// export writes --contacts contacts into a database of its own and streams them out as CSV
if ((only as string[]).includes('export')) for (const engine of engines) await exportBench(engine, contacts);
// import reads a --contacts-row CSV into a database of its own, beside the bare driver loading the same rows
if ((only as string[]).includes('import')) for (const engine of engines) await importBench(engine, contacts);
const seeded = only.filter((b) => allBenches.includes(b));
for (const engine of seeded.length > 0 ? engines : []) {
  log(`\n${engine}`);
  const target = targetOf(engine);
  const fx = await prepareBenchDb(engine, target, contacts);
  const servers = await startServers(engine, target, fx, { profile: args.profile });
  try {
    const cookie = await loginCookie(servers.nenner.port, fx.actorEmail, fx.password);
    const explain = args.explain ? openExplain(engine, target, fx) : null;
    const { nenner, baselinePort } = servers;
    const ctx = { engine, target, fx, size: contacts, options, nenner, baselinePort, cookie, results, explain };
    for (const name of allBenches) if (only.includes(name)) await benchmarks[name](ctx);
    await explain?.close();
  } finally {
    await servers.stop();
    await fx.close();
  }
}

printResults(results);
if (args['scale-out']) fs.writeFileSync(args['scale-out'], JSON.stringify(results.scale));
if (writeDocs) writeResultsBlock(results, options);
