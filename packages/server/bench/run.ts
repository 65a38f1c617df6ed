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
 *
 * Seeds (once, reused) a 1M-contact workspace per engine under packages/server/.bench/, starts Nenner
 * (src/main.ts, as `npm start` runs it) and the bare baseline (bench/baseline.ts) as child processes,
 * and drives both with autocannon from this process. --profile writes a CPU profile of Nenner to
 * .bench/profiles/. Prints a table and, for a full run, rewrites the
 * results block of docs/performance.md.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type BenchDb, openBenchDb } from './fixtures.js';
import { openCapturing, printPlans } from './queries.js';
import { attributionInputs, funnelInputs, openScan } from './scans.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const serverDir = path.resolve(here, '..');
const benchDir = path.join(serverDir, '.bench');
const docsFile = path.resolve(serverDir, '../../docs/performance.md');

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
  },
});
const engines = (args.engine ? [args.engine] : ['sqlite', 'postgres']) as ('sqlite' | 'postgres')[];
const allBenches = [
  'list',
  'create',
  'form',
  'form-urlencoded',
  'sla',
  'board',
  'timeline',
  'duplicates',
  'attribution',
  'funnel',
] as const;
type BenchName = (typeof allBenches)[number];
const benches = (args.only ? args.only.split(',') : [...allBenches]) as BenchName[];
if (!engines.every((e) => e === 'sqlite' || e === 'postgres')) throw new Error('--engine is sqlite or postgres');
if (!benches.every((b) => allBenches.includes(b))) throw new Error(`--only is one or more of ${allBenches.join(', ')}`);
const samples = Number(args.samples);
const coldSamples = Number(args['cold-samples']);
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const contacts = Number(args.contacts);
const writeDocs = args.write ?? (!args.engine && !args.only && contacts === 1_000_000);

const log = (line: string) => process.stdout.write(`${line}\n`);
fs.mkdirSync(benchDir, { recursive: true });

const tsx = ['--import', 'tsx'];
const startChild = async (
  name: string,
  script: string,
  env: Record<string, string>,
  health: string,
  extraArgs: string[] = [],
) => {
  const out = fs.openSync(path.join(benchDir, `${name}.log`), 'w');
  const child = spawn(process.execPath, [...tsx, ...extraArgs, script], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited; see .bench/${name}.log`);
    try {
      if ((await fetch(health)).ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not start; see .bench/${name}.log`);
    await new Promise((r) => setTimeout(r, 200));
  }
};
const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}
const measure = async (opts: autocannon.Options, seconds: number): Promise<Measured> => {
  const r = await autocannon({ ...opts, connections, duration: seconds });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
};

const report = (label: string, m: Measured, rounds: Measured[]) => {
  const bad = m.non2xx + m.errors;
  log(
    `  ${label.padEnd(9)} ${Math.round(m.rps).toString().padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms` +
      `  (rounds: ${rounds.map((r) => Math.round(r.rps)).join(', ')} req/s)` +
      (bad ? `  (${bad} failed!)` : ''),
  );
  if (bad > m.requests / 100) throw new Error(`${label}: ${bad} of ${m.requests} requests failed`);
};

const combine = (rounds: Measured[], seconds: number): Measured => {
  const sum = (f: (m: Measured) => number) => rounds.reduce((t, m) => t + f(m), 0);
  return {
    rps: sum((m) => m.requests) / seconds,
    p50: Math.round((sum((m) => m.p50) / rounds.length) * 10) / 10,
    p99: Math.round((sum((m) => m.p99) / rounds.length) * 10) / 10,
    requests: sum((m) => m.requests),
    non2xx: sum((m) => m.non2xx),
    errors: sum((m) => m.errors),
  };
};

/**
 * Warms both servers up, then measures in the order baseline, Nenner, Nenner, baseline (half the duration
 * each), so a drift in the machine's other load during the run weighs on both sides alike. Requests/s is
 * over both halves; p50/p99 are the mean of the two halves' percentiles.
 */
const compare = async (baselineOpts: () => autocannon.Options, nennerOpts: () => autocannon.Options) => {
  // A pause before each round lets the requests still in flight finish: two processes writing the same
  // SQLite file at once make deferred transactions fail with SQLITE_BUSY (a bench artifact, not load).
  const round = async (opts: () => autocannon.Options, seconds: number) => {
    await new Promise((r) => setTimeout(r, 1000));
    return measure(opts(), seconds);
  };
  await round(baselineOpts, warmup);
  await round(nennerOpts, warmup);
  const half = duration / 2;
  const b1 = await round(baselineOpts, half);
  const n1 = await round(nennerOpts, half);
  const n2 = await round(nennerOpts, half);
  const b2 = await round(baselineOpts, half);
  const baseline = combine([b1, b2], duration);
  const nenner = combine([n1, n2], duration);
  report('baseline', baseline, [b1, b2]);
  report('nenner', nenner, [n1, n2]);
  return { baseline, nenner };
};

const cycle = (
  port: number,
  method: string,
  paths: string[],
  headers: Record<string, string>,
  bodies?: () => string,
) => {
  let i = 0;
  return (): autocannon.Options => ({
    url: `http://127.0.0.1:${port}`,
    requests: [
      {
        method,
        headers,
        setupRequest: (req: autocannon.Request) => {
          const n = i++;
          return { ...req, path: paths[n % paths.length], ...(bodies && { body: bodies() }) };
        },
      },
    ],
  });
};

interface Result {
  engine: string;
  bench: string;
  nenner: Measured;
  baseline: Measured;
}
const results: Result[] = [];

interface Latency {
  engine: string;
  bench: string;
  what: string;
  samples: number;
  server: { p50: number; p99: number };
  client: { p50: number; p99: number };
  target: string;
  met: boolean;
}
const latencies: Latency[] = [];
interface Scan {
  engine: string;
  pages: number;
  pairs: number;
  seconds: number;
  limit: number;
  firstPageMs: number;
}
const scans: Scan[] = [];

const percentileOf = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  // nearest rank
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const round1 = (n: number) => Math.round(n * 10) / 10;

/** responseTime of each request to a URL starting with `prefix`, from Nenner's request log (written after `offset`). */
const serverTimes = (logFile: string, offset: number, prefix: string): number[] => {
  const text = fs.readFileSync(logFile, 'utf8').slice(offset);
  const urls = new Map<string, string>();
  const times: number[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const e = JSON.parse(line) as { reqId?: string; req?: { url?: string }; responseTime?: number };
      if (e.reqId && e.req?.url) urls.set(e.reqId, e.req.url);
      else if (e.reqId && e.responseTime !== undefined && urls.get(e.reqId)?.startsWith(prefix))
        times.push(e.responseTime);
    } catch {
      // a partial line at the end
    }
  }
  return times;
};

/**
 * Sequential requests on one connection: `samples` measured after 3 warm-up requests. Server time is the
 * responseTime Nenner logs for each request; client time adds HTTP and the localhost round trip.
 */
const sequential = async (
  engine: string,
  bench: string,
  what: string,
  url: string,
  headers: Record<string, string>,
  logFile: string,
  targetMs: number,
) => {
  for (let i = 0; i < 3; i++) {
    const r = await fetch(url, { headers });
    if (!r.ok) throw new Error(`${bench}: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
  }
  await new Promise((r) => setTimeout(r, 200));
  const offset = fs.statSync(logFile).size;
  const client: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    const r = await fetch(url, { headers });
    await r.arrayBuffer();
    client.push(performance.now() - t);
    if (!r.ok) throw new Error(`${bench}: ${r.status}`);
  }
  await new Promise((r) => setTimeout(r, 300));
  const server = serverTimes(logFile, offset, new URL(url).pathname);
  if (server.length !== samples) throw new Error(`${bench}: found ${server.length} of ${samples} requests in the log`);
  const m: Latency = {
    engine,
    bench,
    what,
    samples,
    server: { p50: round1(percentileOf(server, 50)), p99: round1(percentileOf(server, 99)) },
    client: { p50: round1(percentileOf(client, 50)), p99: round1(percentileOf(client, 99)) },
    target: `≤ ${targetMs.toLocaleString('en')} ms`,
    met: percentileOf(server, 50) <= targetMs,
  };
  latencies.push(m);
  log(
    `  ${bench}: server p50 ${m.server.p50} ms, p99 ${m.server.p99} ms; client p50 ${m.client.p50} ms, p99 ${m.client.p99} ms` +
      ` (${samples} sequential requests; target ${m.target}: ${m.met ? 'met' : 'MISSED'} at p50)`,
  );
};

/**
 * `n` requests one after another (each after `before`, when given), their server times from Nenner's
 * request log and their client times.
 */
const requestTimes = async (
  url: string,
  headers: Record<string, string>,
  logFile: string,
  n: number,
  before?: () => Promise<unknown>,
) => {
  await new Promise((r) => setTimeout(r, 200));
  const offset = fs.statSync(logFile).size;
  const client: number[] = [];
  for (let i = 0; i < n; i++) {
    if (before) await before();
    const t = performance.now();
    const r = await fetch(url, { headers });
    await r.arrayBuffer();
    client.push(performance.now() - t);
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
  }
  await new Promise((r) => setTimeout(r, 300));
  const server = serverTimes(logFile, offset, new URL(url).pathname);
  if (server.length !== n) throw new Error(`${url}: found ${server.length} of ${n} requests in the log`);
  return { server, client };
};

interface ReportLatency {
  engine: string;
  bench: string;
  phase: string;
  samples: number;
  server: { p50: number; p99: number };
  client: { p50: number; p99: number };
  /** Server time of the first sample (for cold runs: the first request after Nenner started, if no report ran before). */
  first: number;
  baseline: { countMs: number; readMs: number; rows: number };
  targetMs: number;
}
const reportLatencies: ReportLatency[] = [];

/** Median of `runs` runs (after one unmeasured) of a baseline statement through the bare driver. */
const baselineOf = async (
  scan: Awaited<ReturnType<typeof openScan>>,
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

/** Nenner's time over the baseline's: 1.3×, or 0.004× for a cached answer. */
const ratioText = (ratio: number) => `${ratio >= 0.1 ? ratio.toFixed(1) : ratio.toPrecision(1)}×`;

const recordReport = (
  m: Omit<ReportLatency, 'server' | 'client' | 'first' | 'samples'>,
  times: { server: number[]; client: number[] },
) => {
  const r: ReportLatency = {
    ...m,
    samples: times.server.length,
    server: { p50: round1(percentileOf(times.server, 50)), p99: round1(percentileOf(times.server, 99)) },
    client: { p50: round1(percentileOf(times.client, 50)), p99: round1(percentileOf(times.client, 99)) },
    first: round1(times.server[0] ?? NaN),
  };
  reportLatencies.push(r);
  const ratio = r.server.p50 / r.baseline.readMs;
  log(
    `  ${r.bench} ${r.phase}: server p50 ${r.server.p50} ms, p99 ${r.server.p99} ms (first ${r.first} ms); ` +
      `client p50 ${r.client.p50} ms, p99 ${r.client.p99} ms (${r.samples} requests); ` +
      `baseline count ${r.baseline.countMs} ms, read ${r.baseline.readMs} ms (${r.baseline.rows.toLocaleString('en')} rows), ` +
      `Nenner ÷ read ${ratioText(ratio)}; target ≤ ${r.targetMs} ms: ${r.server.p50 <= r.targetMs ? 'met' : 'MISSED'} at p50`,
  );
};

const prepareDatabase = (engine: 'sqlite' | 'postgres', fx: BenchDb | null): void => {
  if (fx) return;
  log(`  seeding ${contacts.toLocaleString('en')} contacts (once; reused while present)…`);
  // A fresh SQLite file loads faster than deleting a smaller workspace row by row.
  if (engine === 'sqlite') fs.rmSync(path.join(benchDir, 'sqlite'), { recursive: true, force: true });
  const env = engine === 'sqlite' ? { NENNER_DATA_DIR: path.join(benchDir, 'sqlite') } : { DATABASE_URL: pgUrl() };
  const r = spawnSync(process.execPath, [...tsx, 'src/scripts/seed.ts', '--contacts', String(contacts), '--force'], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('seed failed');
};

const pgServerUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** A database of its own next to the given one, so the bench never touches the tests' data. */
const pgUrl = () => {
  const u = new URL(pgServerUrl);
  u.pathname = '/nenner_bench';
  return u.toString();
};

for (const engine of engines) {
  log(`\n${engine}`);
  const target = engine === 'sqlite' ? { file: path.join(benchDir, 'sqlite', 'nenner.sqlite') } : { url: pgUrl() };
  let fx = await openBenchDb(engine, target, pgServerUrl, contacts);
  prepareDatabase(engine, fx);
  fx ??= await openBenchDb(engine, target, pgServerUrl, contacts);
  if (!fx) throw new Error('The bench database is still not seeded');
  {
    // Migrations added since the seed run here, not in Nenner's start-up (which the bench waits 60 s for).
    const { migrateToLatest, openDatabase } = await import('../src/db/database.js');
    const database = openDatabase(
      engine === 'sqlite' ? { kind: 'sqlite', file: target.file ?? '' } : { kind: 'postgres', url: pgUrl() },
    );
    const t = performance.now();
    const applied = async () => Number((await fx?.query('select count(*) as n from kysely_migration'))?.[0]?.n ?? 0);
    const before = await applied();
    try {
      await migrateToLatest(database);
    } finally {
      await database.close();
    }
    const ran = (await applied()) - before;
    log(`  migrated the bench database in ${((performance.now() - t) / 1000).toFixed(1)} s (${ran} new migrations)`);
    // A migration that rewrote a table leaves no page all-visible: index-only scans would visit the heap
    // for every row (and the planner picks a sequential scan) until autovacuum comes by, as after a seed.
    if (ran > 0 && engine === 'postgres') {
      const v = performance.now();
      await fx.query('vacuum (analyze)');
      log(`  vacuumed and analyzed after the migrations in ${((performance.now() - v) / 1000).toFixed(1)} s`);
    }
  }

  const nennerPort = 3900;
  const basePort = 3901;
  const dbEnv: Record<string, string> =
    engine === 'sqlite'
      ? { NENNER_DATA_DIR: path.join(benchDir, 'sqlite'), BENCH_SQLITE_FILE: target.file ?? '' }
      : { DATABASE_URL: pgUrl(), BENCH_PG_URL: pgUrl() };
  const nenner = await startChild(
    `nenner-${engine}`,
    'src/main.ts',
    {
      ...dbEnv,
      PORT: String(nennerPort),
      HOST: '127.0.0.1',
      NENNER_DEMO: '0',
      NODE_ENV: 'production',
      // The in-process job worker polls (and writes) once a second; with the baseline writing to the same
      // SQLite file from another process, that made both sides fail with SQLITE_BUSY. It is idle otherwise.
      NENNER_WORKER: '0',
      // The form bench posts from one address far more often than a visitor could.
      NENNER_FORM_POSTS_PER_MINUTE: '100000000',
    },
    `http://127.0.0.1:${nennerPort}/api/health`,
    // --profile: a V8 CPU profile of the server under test, written when it stops.
    args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(benchDir, 'profiles')}`] : [],
  );
  const baseline = await startChild(
    `baseline-${engine}`,
    'bench/baseline.ts',
    { ...dbEnv, BENCH_ENGINE: engine, PORT: String(basePort), BENCH_ACTOR_ID: fx.actorId },
    `http://127.0.0.1:${basePort}/health`,
  );
  try {
    // Log in like the web app does; the session cookie authenticates every request.
    const login = await fetch(`http://127.0.0.1:${nennerPort}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: fx.actorEmail, password: fx.password }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0];
    if (!login.ok || !cookie) throw new Error(`Login failed: ${login.status} ${await login.text()}`);

    if (benches.includes('list')) {
      log(
        `  list contacts: GET /api/contacts?ownerId=…&sort=lastName&limit=50[&cursor=…], ${fx.listPaths.length} pages`,
      );
      await checkSamePages(nennerPort, basePort, fx.listPaths, cookie);
      const m = await compare(
        cycle(basePort, 'GET', fx.listPaths.map(toBaseline), {}),
        cycle(nennerPort, 'GET', fx.listPaths, { cookie }),
      );
      results.push({ engine, bench: 'list', ...m });
    }
    if (benches.includes('create')) {
      log('  create contact: POST /api/contacts');
      const started = new Date().toISOString();
      const origin = { origin: `http://127.0.0.1:${nennerPort}`, 'content-type': 'application/json' };
      try {
        const bodies = { baseline: fx.bodies(), nenner: fx.bodies() };
        const m = await compare(
          cycle(basePort, 'POST', ['/contacts'], origin, bodies.baseline),
          cycle(nennerPort, 'POST', ['/api/contacts'], { ...origin, cookie }, bodies.nenner),
        );
        results.push({ engine, bench: 'create', ...m });
      } finally {
        log(`  removed ${await fx.removeCreatedSince(started)} contacts created by the run`);
      }
    }
    const nennerLog = path.join(benchDir, `nenner-${engine}.log`);
    const api = `http://127.0.0.1:${nennerPort}`;
    const auth = { cookie };
    const explain = args.explain
      ? openCapturing(engine, engine === 'sqlite' ? { file: target.file } : { url: pgUrl() })
      : null;
    const plan = async (label: string, fn: Parameters<NonNullable<typeof explain>['capture']>[0]) => {
      if (!explain) return;
      const { plans } = await explain.capture(fn);
      log(`  plans (${label}, in-process, statements as Nenner runs them):`);
      printPlans(log, plans);
    };
    const actorOf = async () => {
      const { findUserByEmail } = await import('../src/modules/users/users.repository.js');
      const u = await findUserByEmail((explain as NonNullable<typeof explain>).ctx.db, fx?.actorEmail ?? '');
      return {
        id: u?.id ?? '',
        name: u?.name ?? '',
        email: u?.email ?? '',
        department: 'sales' as const,
        role: 'member' as const,
        locale: 'de' as const,
        timeZone: 'Europe/Berlin',
        via: 'session' as const,
        credentialId: '',
      };
    };

    for (const encoding of ['json', 'form'] as const) {
      const name = encoding === 'json' ? 'form' : 'form-urlencoded';
      if (!benches.includes(name)) continue;
      const slug = 'bench-kontakt';
      const marketing = await loginCookie(nennerPort, fx.marketingEmail, fx.password);
      const forms = (await (await fetch(`${api}/api/forms`, { headers: { cookie: marketing } })).json()) as {
        items: { slug: string }[];
      };
      if (!forms.items.some((f) => f.slug === slug)) {
        const created = await fetch(`${api}/api/forms`, {
          method: 'POST',
          headers: { cookie: marketing, origin: api, 'content-type': 'application/json' },
          body: JSON.stringify({
            name: 'Bench Kontakt',
            slug,
            fields: [{ key: 'email', required: true }, { key: 'firstName' }, { key: 'lastName' }, { key: 'company' }],
          }),
        });
        if (created.status !== 201)
          throw new Error(`Creating the form failed: ${created.status} ${await created.text()}`);
      }
      const type = encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
      log(`  public form post: POST /f/${slug} as ${type}, a new contact at a seeded company domain each time`);
      const started = new Date().toISOString();
      try {
        const m = await compare(
          cycle(basePort, 'POST', [`/f/${slug}`], { 'content-type': 'application/json' }, fx.formBodies('json')),
          cycle(nennerPort, 'POST', [`/f/${slug}`], { 'content-type': type }, fx.formBodies(encoding)),
        );
        results.push({ engine, bench: name, ...m });
        log(`  target ≥ 500 submissions/s: ${m.nenner.rps >= 500 ? 'met' : 'MISSED'} (${Math.round(m.nenner.rps)}/s)`);
      } finally {
        log(`  removed ${await fx.removeFormPostsSince(started)} contacts created by the form posts`);
      }
      if (explain && encoding === 'json') {
        const { ingestLead } = await import('../src/modules/leads/leads.service.js');
        const body = JSON.parse(fx.formBodies('json')()) as Record<string, string>;
        const t0 = new Date().toISOString();
        await plan('ingestLead for a form post', (ctx) =>
          ingestLead(ctx, { ...body, consent: false, formId: null } as never, {
            form: null,
            actor: null,
            locale: 'de',
          }),
        );
        await fx.removeFormPostsSince(t0);
      }
    }

    if (benches.includes('sla')) {
      const { from, to, handoffs } = fx.slaPeriod;
      log(`  SLA report: GET /api/reports/sla?from=${from}&to=${to} (${handoffs.toLocaleString('en')} handoffs)`);
      await sequential(
        engine,
        'sla',
        `${handoffs.toLocaleString('en')} handoffs`,
        `${api}/api/reports/sla?from=${from}&to=${to}`,
        auth,
        nennerLog,
        500,
      );
      if (explain) {
        const { slaReport } = await import('../src/modules/reports/reports.service.js');
        await plan('SLA report', (ctx) => slaReport(ctx, { from, to }));
      }
    }
    if (benches.includes('board')) {
      log(
        `  board: GET /api/deals/board?pipelineId=${fx.pipelineId} (${fx.counts.openDeals.toLocaleString('en')} open deals)`,
      );
      await sequential(
        engine,
        'board',
        `${fx.counts.openDeals.toLocaleString('en')} open deals`,
        `${api}/api/deals/board?pipelineId=${fx.pipelineId}`,
        auth,
        nennerLog,
        150,
      );
      if (explain) {
        const { getBoard } = await import('../src/modules/deals/board.service.js');
        const actor = await actorOf();
        const { BoardQuery } = await import('@nenner/shared');
        await plan('board', (ctx) => getBoard(ctx, actor, BoardQuery.parse({ pipelineId: fx?.pipelineId })));
      }
    }
    if (benches.includes('timeline')) {
      const { id, entries } = fx.bigAccount;
      log(`  360° timeline: GET /api/accounts/${id}/timeline?scope=account (${entries.toLocaleString('en')} entries)`);
      await sequential(
        engine,
        'timeline',
        `${entries.toLocaleString('en')} entries`,
        `${api}/api/accounts/${id}/timeline?scope=account`,
        auth,
        nennerLog,
        20,
      );
      if (explain) {
        const { listTimeline } = await import('../src/modules/timeline/timeline.service.js');
        const actor = await actorOf();
        const { AccountTimelineQuery } = await import('@nenner/shared');
        await plan('360° timeline', (ctx) =>
          listTimeline(ctx, actor, 'account', id, AccountTimelineQuery.parse({ scope: 'account' })),
        );
      }
    }
    if (benches.includes('duplicates')) {
      const limit = 100;
      log(`  duplicate scan: GET /api/duplicates?type=contact&limit=${limit}, following nextCursor to the end`);
      const t0 = performance.now();
      let cursor: string | null = null;
      let pages = 0;
      let pairs = 0;
      let firstPageMs = 0;
      do {
        const q: string = `${api}/api/duplicates?type=contact&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const r = await fetch(q, { headers: auth });
        if (!r.ok) throw new Error(`duplicates: ${r.status} ${await r.text()}`);
        const page = (await r.json()) as { items: unknown[]; nextCursor: string | null };
        pages++;
        pairs += page.items.length;
        if (pages === 1) firstPageMs = performance.now() - t0;
        cursor = page.nextCursor;
      } while (cursor);
      const seconds = (performance.now() - t0) / 1000;
      scans.push({ engine, pages, pairs, seconds: round1(seconds), limit, firstPageMs: Math.round(firstPageMs) });
      log(
        `  duplicate scan: ${pairs.toLocaleString('en')} pairs in ${pages} pages, ${seconds.toFixed(1)} s` +
          ` (first page ${Math.round(firstPageMs)} ms); target ≤ 20 s: ${seconds <= 20 ? 'met' : 'MISSED'}`,
      );
      if (explain) {
        const { listDuplicates } = await import('../src/modules/quality/duplicates.service.js');
        const actor = await actorOf();
        await plan('duplicates, first page', (ctx) => listDuplicates(ctx, actor, { type: 'contact', limit }));
      }
    }
    if (benches.includes('attribution') || benches.includes('funnel')) {
      const { from, to, deals, won } = fx.reportPeriod;
      const { periodOf } = await import('../src/modules/reports/period.js');
      const { defaultSla } = await import('../src/modules/settings/settings.defaults.js');
      // the seed keeps the default SLA settings, so the workspace time zone is the default one
      const period = periodOf(from, to, defaultSla.timeZone, 1100);
      const scan = await openScan(engine, engine === 'sqlite' ? { file: target.file } : { url: pgUrl() });
      try {
        if (benches.includes('attribution')) {
          const [{ n: touchpoints }] = (await fx.query('select count(*) as n from touchpoints')) as [{ n: number }];
          log(
            `  attribution: GET /api/reports/attribution?from=${from}&to=${to}&measure=… (all seven models; ` +
              `${deals.toLocaleString('en')} deals, ${won.toLocaleString('en')} won, ${Number(touchpoints).toLocaleString('en')} touchpoints)`,
          );
          // The report cache is keyed by the attribution data version, which triggers bump on every write
          // that changes attribution; bumping it directly makes the next request compute afresh.
          const bump = () => fx?.query(`update data_versions set version = version + 1 where name = 'attribution'`);
          const [{ lookback }] = (await fx.query(
            `select coalesce((select value from settings where key = 'attribution'), '{}') as lookback`,
          )) as [{ lookback: string }];
          const lookbackDays = Number((JSON.parse(lookback) as { lookbackDays?: number }).lookbackDays ?? 365);
          const lookbackStart = new Date(Date.parse(period.from) - lookbackDays * 86_400_000).toISOString();
          for (const measure of ['pipeline', 'revenue'] as const) {
            const url = `${api}/api/reports/attribution?from=${from}&to=${to}&measure=${measure}`;
            const check = (await (await fetch(url, { headers: auth })).json()) as {
              models?: Record<string, { currency: string; rows: unknown[]; unattributed: number }>;
            };
            const models = Object.keys(check.models ?? {});
            if (models.length !== 7)
              throw new Error(`attribution: expected seven models, got ${JSON.stringify(check)}`);
            const first = check.models?.first;
            log(
              `  ${measure}: currency ${first?.currency}, ${first?.rows.length} campaigns credited, unattributed ${first?.unattributed}`,
            );
            const params = [lookbackStart, first?.currency ?? 'EUR', period.from, period.to];
            const baseline = {
              countMs: (await baselineOf(scan, attributionInputs(measure, 'count'), params, 'count')).ms,
              ...(await (async () => {
                const r = await baselineOf(scan, attributionInputs(measure, 'read'), params, 'read');
                return { readMs: r.ms, rows: r.rows };
              })()),
            };
            const bench = `attribution ${measure}`;
            recordReport(
              { engine, bench, phase: 'cold', baseline, targetMs: 2000 },
              await requestTimes(url, auth, nennerLog, coldSamples, bump),
            );
            // the entry the last cold request computed answers these
            recordReport(
              { engine, bench, phase: 'warm', baseline, targetMs: 200 },
              await requestTimes(url, auth, nennerLog, samples),
            );
          }
          if (explain) {
            const { attributionReport } = await import('../src/modules/attribution/attribution.service.js');
            const { AttributionQuery } = await import('@nenner/shared');
            await plan('attribution, pipeline, cold', (ctx) =>
              attributionReport(ctx, AttributionQuery.parse({ from, to, measure: 'pipeline' })),
            );
          }
        }
        if (benches.includes('funnel')) {
          for (const by of ['none', 'channel'] as const) {
            const url = `${api}/api/reports/funnel?from=${from}&to=${to}${by === 'none' ? '' : `&by=${by}`}`;
            log(`  funnel: GET ${url.slice(api.length)}`);
            const params = [period.from, period.to];
            const read = await baselineOf(scan, funnelInputs(by === 'channel', 'read'), params, 'read');
            const baseline = {
              countMs: (await baselineOf(scan, funnelInputs(by === 'channel', 'count'), params, 'count')).ms,
              readMs: read.ms,
              rows: read.rows,
            };
            for (let i = 0; i < 3; i++) await (await fetch(url, { headers: auth })).arrayBuffer();
            recordReport(
              {
                engine,
                bench: `funnel${by === 'none' ? '' : ` by ${by}`}`,
                phase: 'sequential',
                baseline,
                targetMs: 500,
              },
              await requestTimes(url, auth, nennerLog, samples),
            );
          }
          if (explain) {
            const { funnelReport } = await import('../src/modules/analytics/analytics.service.js');
            const { FunnelQuery } = await import('@nenner/shared');
            await plan('funnel by channel', (ctx) => funnelReport(ctx, FunnelQuery.parse({ from, to, by: 'channel' })));
          }
        }
      } finally {
        await scan.close();
      }
    }
    await explain?.close();
  } finally {
    await Promise.all([stopChild(nenner), stopChild(baseline)]);
    await fx.close();
  }
}

async function loginCookie(port: number, email: string, password: string) {
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!login.ok || !cookie) throw new Error(`Login failed: ${login.status} ${await login.text()}`);
  return cookie;
}

function toBaseline(p: string) {
  return p.replace('/api/contacts', '/contacts');
}

/** Both servers must answer the same rows, or the comparison means nothing. */
async function checkSamePages(nennerPort: number, basePort: number, paths: string[], cookie: string) {
  for (const p of paths.slice(0, 5)) {
    const a = (await (await fetch(`http://127.0.0.1:${nennerPort}${p}`, { headers: { cookie } })).json()) as {
      items: { id: string }[];
    };
    const b = (await (await fetch(`http://127.0.0.1:${basePort}${toBaseline(p)}`)).json()) as {
      items: { id: string }[];
    };
    const ids = (x: { items: { id: string }[] }) => x.items.map((r) => r.id).join();
    if (a.items.length !== 50 || ids(a) !== ids(b)) throw new Error(`Nenner and baseline disagree on ${p}`);
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const benchLabels: Record<string, string> = {
  list: 'list contacts',
  create: 'create contact',
  form: 'form post (JSON)',
  'form-urlencoded': 'form post (form-encoded)',
};
const toRow = (r: Result) => [
  benchLabels[r.bench] ?? r.bench,
  r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL',
  fmt(r.nenner.rps),
  `${r.nenner.p50} / ${r.nenner.p99}`,
  fmt(r.baseline.rps),
  `${r.baseline.p50} / ${r.baseline.p99}`,
  `${Math.round((r.nenner.rps / r.baseline.rps) * 100)}%`,
];
const header = ['benchmark', 'engine', 'Nenner req/s', 'p50 / p99 ms', 'baseline req/s', 'p50 / p99 ms', 'ratio'];
const tableOf = (rs: string[][], h: string[]) =>
  [h, h.map(() => '---'), ...rs].map((r) => `| ${r.join(' | ')} |`).join('\n');
if (results.length > 0) log(`\n${tableOf(results.map(toRow), header)}\n`);
// The results block of docs/performance.md is the list/create comparison (the first issue's).
const table = tableOf(results.filter((r) => r.bench === 'list' || r.bench === 'create').map(toRow), header);
const engineName = (e: string) => (e === 'sqlite' ? 'SQLite' : 'PostgreSQL');
if (latencies.length > 0) {
  log(
    '\n' +
      tableOf(
        latencies.map((l) => [
          l.bench,
          engineName(l.engine),
          l.what,
          String(l.samples),
          `${l.server.p50} / ${l.server.p99}`,
          `${l.client.p50} / ${l.client.p99}`,
          `${l.target} ${l.met ? 'met' : 'missed'}`,
        ]),
        ['benchmark', 'engine', 'data', 'samples', 'server p50 / p99 ms', 'client p50 / p99 ms', 'target (p50)'],
      ),
  );
}
if (reportLatencies.length > 0) {
  log(
    `\n${tableOf(
      reportLatencies.map((r) => [
        r.bench,
        engineName(r.engine),
        r.phase,
        String(r.samples),
        `${r.server.p50} / ${r.server.p99}`,
        `${r.client.p50} / ${r.client.p99}`,
        `${r.baseline.countMs} / ${r.baseline.readMs}`,
        r.baseline.rows.toLocaleString('en'),
        ratioText(r.server.p50 / r.baseline.readMs),
        `≤ ${r.targetMs.toLocaleString('en')} ms ${r.server.p50 <= r.targetMs ? 'met' : 'missed'}`,
      ]),
      [
        'report',
        'engine',
        'requests',
        'n',
        'server p50 / p99 ms',
        'client p50 / p99 ms',
        'baseline count / read ms',
        'rows read',
        'p50 ÷ read',
        'target (p50)',
      ],
    )}\n`,
  );
}
if (scans.length > 0) {
  log(
    `\n${tableOf(
      scans.map((x) => [
        engineName(x.engine),
        x.pairs.toLocaleString('en'),
        `${x.pages} × limit ${x.limit}`,
        `${x.firstPageMs} ms`,
        `${x.seconds} s`,
        x.seconds <= 20 ? 'met' : 'missed',
      ]),
      ['duplicate scan', 'pairs', 'pages', 'first page', 'full scan', 'target ≤ 20 s'],
    )}\n`,
  );
}
log(
  `load average (1/5/15 min) now: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`,
);

const listSqlite = results.find((r) => r.bench === 'list' && r.engine === 'sqlite');
if (listSqlite) {
  const ok = listSqlite.nenner.rps >= 2000 && listSqlite.nenner.rps / listSqlite.baseline.rps >= 0.6;
  log(`Target (SQLite list ≥ 2,000 req/s and ≥ 60% of the baseline): ${ok ? 'met' : 'MISSED'}`);
}

if (writeDocs && results.some((r) => r.bench === 'list' || r.bench === 'create')) {
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const load = os.loadavg().map((l) => l.toFixed(1));
  const block = [
    '<!-- bench:results:start (written by `npm run bench`) -->',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`${command}\` on this machine: ` +
      `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ` +
      `${connections} connections, ${warmup} s warm-up, then ${duration} s per server measured in the order baseline, Nenner, Nenner, baseline; ` +
      `load average (1/5/15 min) at the end ${load.join(' / ')}.`,
    '',
    table,
    '<!-- bench:results:end -->',
  ].join('\n');
  const doc = fs.existsSync(docsFile) ? fs.readFileSync(docsFile, 'utf8') : '# Performance\n\n';
  const marked = /<!-- bench:results:start[\s\S]*?<!-- bench:results:end -->/;
  fs.writeFileSync(docsFile, marked.test(doc) ? doc.replace(marked, block) : `${doc.trimEnd()}\n\n${block}\n`);
  log(`Wrote the figures to ${path.relative(process.cwd(), docsFile)}`);
}
