import path from 'node:path';
import type { KyselyPlugin } from 'kysely';
import type { AppContext } from '../../src/context.js';
import type { openCapturing } from '../queries.js';
import { openScan, type Scan } from '../scans.js';
import type { BenchContext } from './context.js';
import { benchDir, log, pgUrl } from './env.js';
import { reportLatency } from './reports.js';
import { startChild, stopChild } from './servers.js';
import { percentileOf, requestTimes, round1 } from './timing.js';

/*
 * The phases a report is measured in, shared by the benchmarks that time one HTTP report (goals,
 * meetings): the statements of each phase captured in-process and replayed by the bare driver, warm
 * requests, cold ones after a bump of the data versions, and the first request of fresh processes.
 */

/** Where the fresh Nenner of a cold request listens (the running one is on 3900, the baseline on 3901). */
const COLD_PORT = 3902;

export type Statement = { sql: string; parameters: readonly unknown[] };

/**
 * GET that fails on a non-2xx answer. After minutes of replays the running Nenner has closed the idle
 * keep-alive connection, and fetch's first write on it can fail (EPIPE): one retry on a new connection.
 */
export const get = async (url: string, headers: Record<string, string>, retried = false): Promise<unknown> => {
  try {
    const r = await fetch(url, { headers });
    if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
    return await r.json();
  } catch (e) {
    if (retried || !(e instanceof TypeError)) throw e;
    return get(url, headers, true);
  }
};

/**
 * Runs `fn` in-process and returns the statements it issued, with their parameters (for the bare driver),
 * their time in Kysely and their plans.
 */
export const captureStatements = async (
  capturing: ReturnType<typeof openCapturing>,
  fn: (ctx: AppContext) => Promise<unknown>,
) => {
  const statements: Statement[] = [];
  const executor = capturing.ctx.db.getExecutor();
  const recorder: KyselyPlugin = {
    transformQuery(args) {
      const c = executor.compileQuery(args.node, args.queryId);
      statements.push({ sql: c.sql, parameters: c.parameters });
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const { plans } = await capturing.capture(() => fn({ ...capturing.ctx, db: capturing.ctx.db.withPlugin(recorder) }));
  // the reads, and the settings a read ran under (a ranked search on PostgreSQL sets its own for its transaction)
  const reads = statements.filter((s) => /^\s*(select|with)/i.test(s.sql) || SET_LOCAL.test(s.sql));
  return { statements: reads, plans };
};

const SET_LOCAL = /^\s*set\s+local\b/i;

/**
 * The bare driver running `statements` one after another: total milliseconds and rows. Statements that set
 * a value for their transaction (`set local`) run with the rest in one, as Nenner ran them: the begin and
 * commit are timed too.
 */
export const replay = async (scan: Scan, statements: Statement[], mode: 'count' | 'read') => {
  let ms = 0;
  let rows = 0;
  const inTransaction = statements.some((s) => SET_LOCAL.test(s.sql));
  const control = async (text: string) => {
    ms += (await scan.run(text, [], 'read')).ms;
  };
  if (inTransaction) await control('begin');
  for (const s of statements) {
    const set = SET_LOCAL.test(s.sql);
    const text = mode === 'count' && !set ? `select count(*) from (${s.sql}) q` : s.sql;
    const r = await scan.run(text, s.parameters as (string | number)[], set ? 'read' : mode);
    ms += r.ms;
    rows += mode === 'count' || set ? 0 : r.rows;
  }
  if (inTransaction) await control('commit');
  return { ms, rows };
};

export type Phase = 'warm' | 'cold' | 'fresh';
type Baseline = { countMs: number; readMs: number; rows: number };

/**
 * What each phase's statements cost through the bare driver (median of 5 runs; `count` has the engine run
 * each statement and count its result rows, `read` hands every result row to JavaScript): warm and cold on
 * one connection after an unmeasured run (in a running Nenner only its kept answers are cold), fresh on a
 * new connection each run.
 */
export const baselinesOf = async (b: BenchContext, statements: Record<Phase, Statement[]>) => {
  const median = (v: number[]) => round1(percentileOf(v, 50));
  const measure = async (list: Statement[], connection: () => Promise<Scan>, reuse: boolean): Promise<Baseline> => {
    const times = { count: [] as number[], read: [] as number[] };
    let rows = 0;
    let scan = await connection();
    try {
      if (reuse) await replay(scan, list, 'read');
      for (let i = 0; i < 5; i++) {
        for (const mode of ['count', 'read'] as const) {
          if (!reuse) {
            await scan.close();
            scan = await connection();
          }
          const r = await replay(scan, list, mode);
          times[mode].push(r.ms);
          if (mode === 'read') rows = r.rows;
        }
      }
    } finally {
      await scan.close();
    }
    return { countMs: median(times.count), readMs: median(times.read), rows };
  };
  const open = () => openScan(b.engine, b.target);
  return {
    warm: await measure(statements.warm, open, true),
    cold: await measure(statements.cold, open, true),
    fresh: await measure(statements.fresh, open, false),
  };
};

/** Makes kept figures compute afresh: bumps the data versions their answers are keyed by (migrations 0007, 0015). */
const bumpVersions = (fx: BenchContext['fx'], versions: readonly string[]) =>
  fx.query(
    `update data_versions set version = version + 1 where name in (${versions.map((v) => `'${v}'`).join(', ')})`,
  );

/** The first request of each of `n` freshly started Nenner processes (the health check aside). */
export const coldRequests = async (b: BenchContext, pathAndQuery: string, n: number) => {
  const dbEnv: Record<string, string> =
    b.engine === 'sqlite' ? { NENNER_DATA_DIR: path.join(benchDir, 'sqlite') } : { DATABASE_URL: pgUrl() };
  const name = `nenner-${b.engine}-cold`;
  const env = { ...dbEnv, PORT: String(COLD_PORT), HOST: '127.0.0.1', NENNER_DEMO: '0', NODE_ENV: 'production' };
  const times = { server: [] as number[], client: [] as number[] };
  for (let i = 0; i < n; i++) {
    // as the running Nenner: no job worker (it writes once a second), see bench/lib/servers.ts
    const child = await startChild(
      name,
      'src/main.ts',
      { ...env, NENNER_WORKER: '0' },
      `http://127.0.0.1:${COLD_PORT}/api/health`,
    );
    try {
      const url = `http://127.0.0.1:${COLD_PORT}${pathAndQuery}`;
      const r = await requestTimes(url, { cookie: b.cookie }, path.join(benchDir, `${name}.log`), 1);
      times.server.push(...r.server);
      times.client.push(...r.client);
    } finally {
      await stopChild(child);
    }
  }
  return times;
};

/**
 * One report: the statements of each phase captured in-process and replayed by the bare driver, then
 * warm requests (repeated), cold ones (each after a bump of `versions`: kept figures compute afresh, other
 * kept answers stay) and the first request of fresh Nenner processes (nothing kept).
 */
export const measureReport = async (
  b: BenchContext,
  capturing: ReturnType<typeof openCapturing>,
  m: { bench: string; pathAndQuery: string; targetMs: Record<Phase, number>; versions: readonly string[] },
  run: (ctx: AppContext) => Promise<unknown>,
) => {
  // The first run of a report in this process keeps nothing yet: a fresh process's statements.
  await bumpVersions(b.fx, m.versions);
  const fresh = await captureStatements(capturing, run);
  await bumpVersions(b.fx, m.versions);
  const cold = await captureStatements(capturing, run);
  const warm = await captureStatements(capturing, run);
  const captured = { warm, cold, fresh };
  for (const phase of ['fresh', 'cold', 'warm'] as const) {
    const { statements, plans } = captured[phase];
    const total = plans.reduce((s, p) => s + p.ms, 0);
    log(
      `  ${m.bench}, ${phase}: ${statements.length} statements, ${round1(total)} ms in Kysely in-process; the slowest:`,
    );
    for (const p of [...plans].sort((x, y) => y.ms - x.ms).slice(0, 5)) {
      log(`    ${p.ms} ms  ${p.sql.replace(/\s+/g, ' ').slice(0, 180)}`);
    }
  }
  const base = await baselinesOf(b, { warm: warm.statements, cold: cold.statements, fresh: fresh.statements });
  const url = `${b.nenner.url}${m.pathAndQuery}`;
  const auth = { cookie: b.cookie };
  for (let i = 0; i < 3; i++) await get(url, auth);
  const { engine, results, options } = b;
  const record = (phase: Phase, label: string, times: { server: number[]; client: number[] }) =>
    results.reportLatencies.push(
      reportLatency(
        { engine, bench: m.bench, phase: label, baseline: base[phase], targetMs: m.targetMs[phase] },
        times,
      ),
    );
  record('warm', 'warm', await requestTimes(url, auth, b.nenner.log, options.samples));
  record(
    'cold',
    'cold',
    await requestTimes(url, auth, b.nenner.log, options.coldSamples, () => bumpVersions(b.fx, m.versions)),
  );
  record('fresh', 'fresh process', await coldRequests(b, m.pathAndQuery, options.coldSamples));
};
