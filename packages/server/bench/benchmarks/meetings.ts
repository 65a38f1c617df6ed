/*
 * meetings (issue 11): the generated agenda of one occurrence (GET /api/occurrences/:id: generated on the
 * read, not stored) of a weekly series whose previous occurrence lies a week before the bench data's last
 * day, so its window holds a week of handoffs, rejections, SLA breaches and deal events. Warm (repeated
 * requests to the running Nenner), cold (each request after a bump of the facts and attribution data
 * versions, as a write to the tables they cover does) and the first request of a freshly started Nenner;
 * each beside the bare driver running the very statements Nenner runs (captured in-process). Structure
 * and helpers as in goals.ts.
 */
import path from 'node:path';
import type { KyselyPlugin } from 'kysely';
import type { AppContext } from '../../src/context.js';
import type { BenchContext, Benchmark } from '../lib/context.js';
import { benchDir, log, pgUrl } from '../lib/env.js';
import { reportLatency } from '../lib/reports.js';
import { startChild, stopChild } from '../lib/servers.js';
import { percentileOf, requestTimes, round1 } from '../lib/timing.js';
import { openCapturing } from '../queries.js';
import { openScan, type Scan } from '../scans.js';

/** Series this benchmark creates carry this prefix, so a run removes them (and an aborted run's) again. */
const PREFIX = 'Bench · ';
/** Where the fresh Nenner of a cold request listens (the running one is on 3900, the baseline on 3901). */
const COLD_PORT = 3902;
/** The agenda target of issue 11 (p50, SQLite). */
const TARGET_MS = 500;

/** Removes this benchmark's series with everything stored about them, their audit entries and queued invitations. */
const removeBenchSeries = async (fx: BenchContext['fx']) => {
  const ours = `select id from meeting_series where title like '${PREFIX}%'`;
  const occurrences = `select id from meeting_occurrences where series_id in (${ours})`;
  await fx.query(`delete from meeting_agenda_items where occurrence_id in (${occurrences})`);
  await fx.query(`delete from meeting_decisions where occurrence_id in (${occurrences})`);
  await fx.query(`delete from meeting_ratings where occurrence_id in (${occurrences})`);
  await fx.query(`delete from meeting_occurrences where series_id in (${ours})`);
  await fx.query(`delete from meeting_participants where series_id in (${ours})`);
  await fx.query(`delete from timeline_entries where entity_type = 'meeting' and entity_id in (${ours})`);
  await fx.query(`delete from jobs where name = 'send_email' and payload like '%${PREFIX}%'`);
  const [r] = await fx.query(`delete from meeting_series where title like '${PREFIX}%'`);
  return Number(r?.changes ?? 0);
};

/**
 * Creates a weekly series through the meetings service (the admin as host; a marketing and a sales user
 * take part), first meeting `first` at 09:00 in the workspace's zone, so its second occurrence's window
 * runs from the first to the second.
 */
const createBenchSeries = async (ctx: AppContext, fx: BenchContext['fx'], first: string) => {
  const { createMeeting } = await import('../../src/modules/meetings/meetings.service.js');
  const { CreateMeetingInput } = await import('@nenner/shared');
  const userOf = async (email: string) => {
    const [u] = await fx.query('select id, name from users where email = ?', [email]);
    if (!u) throw new Error(`meetings: no user ${email} in the bench data`);
    return { id: String(u.id), name: String(u.name), email };
  };
  const admin = await userOf('sabine.brandt@nenner.demo');
  const actor = {
    ...admin,
    department: 'management' as const,
    role: 'admin' as const,
    locale: 'de' as const,
    timeZone: 'Europe/Berlin',
    via: 'session' as const,
    credentialId: '',
  };
  const marketing = (await userOf('lena.vogt@nenner.demo')).id;
  const sales = (await userOf(fx.actorEmail)).id;
  return createMeeting(
    ctx,
    actor,
    CreateMeetingInput.parse({
      title: `${PREFIX}Marketing & Sales weekly`,
      cadence: 'weekly',
      startsAt: `${first}T09:00`,
      durationMinutes: 60,
      participantIds: [marketing, sales],
    }),
  );
};

type Statement = { sql: string; parameters: readonly unknown[] };

/**
 * GET that fails on a non-2xx answer. After minutes of replays the running Nenner has closed the idle
 * keep-alive connection, and fetch's first write on it can fail (EPIPE): one retry on a new connection.
 */
const get = async (url: string, headers: Record<string, string>, retried = false): Promise<unknown> => {
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
const captureStatements = async (
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
  const reads = statements.filter((s) => /^\s*(select|with)/i.test(s.sql));
  return { statements: reads, plans };
};

/** The bare driver running `statements` one after another: total milliseconds and rows. */
const replay = async (scan: Scan, statements: Statement[], mode: 'count' | 'read') => {
  let ms = 0;
  let rows = 0;
  for (const s of statements) {
    const text = mode === 'count' ? `select count(*) from (${s.sql}) q` : s.sql;
    const r = await scan.run(text, s.parameters as (string | number)[], mode);
    ms += r.ms;
    rows += mode === 'count' ? 0 : r.rows;
  }
  return { ms, rows };
};

type Phase = 'warm' | 'cold' | 'fresh';
type Baseline = { countMs: number; readMs: number; rows: number };

/**
 * What each phase's statements cost through the bare driver (median of 5 runs; `count` has the engine run
 * each statement and count its result rows, `read` hands every result row to JavaScript): warm and cold on
 * one connection after an unmeasured run (in a running Nenner only its kept answers are cold), fresh on a
 * new connection each run.
 */
const baselinesOf = async (b: BenchContext, statements: Record<Phase, Statement[]>) => {
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

/** Makes kept figures compute afresh: the data versions their kept answers are keyed by (migrations 0007, 0015). */
const bumpVersions = (fx: BenchContext['fx']) =>
  fx.query(`update data_versions set version = version + 1 where name in ('facts', 'attribution')`);

/** The first request of each of `n` freshly started Nenner processes (the health check aside). */
const coldRequests = async (b: BenchContext, pathAndQuery: string, n: number) => {
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
 * warm requests (repeated), cold ones (each after a bump of the facts and attribution versions: kept
 * figures compute afresh, other kept answers stay) and the first request of fresh Nenner processes (nothing kept).
 */
const measureReport = async (
  b: BenchContext,
  capturing: ReturnType<typeof openCapturing>,
  m: { bench: string; pathAndQuery: string; targetMs: Record<Phase, number> },
  run: (ctx: AppContext) => Promise<unknown>,
) => {
  // The first run of a report in this process keeps nothing yet: a fresh process's statements.
  await bumpVersions(b.fx);
  const fresh = await captureStatements(capturing, run);
  await bumpVersions(b.fx);
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
  record('cold', 'cold', await requestTimes(url, auth, b.nenner.log, options.coldSamples, () => bumpVersions(b.fx)));
  record('fresh', 'fresh process', await coldRequests(b, m.pathAndQuery, options.coldSamples));
};

export const meetings: Benchmark = async (b) => {
  const { engine, target, fx, nenner, cookie, explain } = b;
  const { addDays } = await import('@nenner/shared');
  const { getOccurrence, listOccurrences } = await import('../../src/modules/meetings/occurrences.service.js');
  const capturing = openCapturing(engine, target);
  try {
    const removed = await removeBenchSeries(fx);
    if (removed > 0) log(`  meetings: removed ${removed} series of an earlier run`);
    const last = fx.reportPeriod.to;
    const first = addDays(last, -7);
    const series = await createBenchSeries(capturing.ctx, fx, first);
    const [occurrence] = await listOccurrences(capturing.ctx, series.id, {
      from: `${last}T00:00:00Z`,
      to: `${addDays(last, 1)}T00:00:00Z`,
    });
    if (!occurrence) throw new Error(`meetings: no occurrence of the series on ${last}`);
    log(
      `  meetings: created a weekly series from ${first} (${series.participants.map((p) => `${p.name}, ${p.department}`).join('; ')}); occurrence ${occurrence.startsAt}`,
    );

    const occurrencePath = `/api/occurrences/${encodeURIComponent(occurrence.id)}`;
    const check = (await get(`${nenner.url}${occurrencePath}`, { cookie })) as {
      windowFrom?: string | null;
      windowTo?: string | null;
      generatedAt?: string | null;
      agenda?: { section: string; kind: string }[];
    };
    if (!check.agenda || check.generatedAt !== null)
      throw new Error(`meetings: ${JSON.stringify(check).slice(0, 300)}`);
    const kinds = new Map<string, number>();
    for (const i of check.agenda) kinds.set(`${i.section}.${i.kind}`, (kinds.get(`${i.section}.${i.kind}`) ?? 0) + 1);
    log(
      `  meetings: GET ${occurrencePath}: window ${check.windowFrom} – ${check.windowTo}, ${check.agenda.length} items: ` +
        [...kinds].map(([k, n]) => `${n} ${k}`).join(', '),
    );
    await measureReport(
      b,
      capturing,
      {
        bench: `agenda (${check.agenda.length} items)`,
        pathAndQuery: occurrencePath,
        targetMs: { warm: TARGET_MS, cold: TARGET_MS, fresh: TARGET_MS },
      },
      (ctx) => getOccurrence(ctx, occurrence.id),
    );

    if (explain) await explain.plan('agenda of an occurrence', (ctx) => getOccurrence(ctx, occurrence.id));
  } finally {
    const n = await removeBenchSeries(fx);
    log(`  meetings: removed the ${n} bench series`);
    await capturing.close();
  }
};
