/*
 * goals (issue 10): the progress of 50 goals (GET /api/goals?withProgress=true&limit=50) and the alignment
 * index for a year (GET /api/reports/alignment): warm (repeated requests to the running Nenner), cold (each
 * request after a bump of the facts data version, as any write to a table goal figures read does) and the
 * first request of a freshly started Nenner (new process and connection: nothing kept, statement and page
 * caches empty); each beside the bare driver running the very statements Nenner runs (captured in-process).
 */
import path from 'node:path';
import { addDays } from '@nenner/shared';
import type { KyselyPlugin } from 'kysely';
import type { AppContext } from '../../src/context.js';
import type { BenchContext, Benchmark } from '../lib/context.js';
import { benchDir, log, pgUrl } from '../lib/env.js';
import { reportLatency } from '../lib/reports.js';
import { startChild, stopChild } from '../lib/servers.js';
import { percentileOf, requestTimes, round1 } from '../lib/timing.js';
import { openCapturing } from '../queries.js';
import { openScan, type Scan } from '../scans.js';

/** Goals this benchmark creates carry this prefix, so a run removes them (and an aborted run's) again. */
const PREFIX = 'Bench · ';
/** Where the fresh Nenner of a cold request listens (the running one is on 3900, the baseline on 3901). */
const COLD_PORT = 3902;

type Period = 'year' | 'quarter' | 'quarter-1' | 'month' | 'month-1' | 'month-2' | 'month-3';
interface Template {
  metric: string;
  /** Per month (a quarter's is three times, a year's twelve), in minor units for money. */
  target: number;
  money?: boolean;
  /** A rate or a median: the same target for any period length. */
  level?: boolean;
  filters?: (ids: { campaign: string; pipeline: string }) => Record<string, string>;
  owners: 'marketing' | 'sales' | 'shared';
}

const t = {
  mqls: { metric: 'mqls', target: 9_000, owners: 'shared' },
  mqlsEmail: { metric: 'mqls', target: 1_500, filters: () => ({ channel: 'email' }), owners: 'marketing' },
  mqlsWebsite: { metric: 'mqls', target: 2_000, filters: () => ({ source: 'website' }), owners: 'marketing' },
  sqls: { metric: 'sqls', target: 2_500, owners: 'shared' },
  sals: { metric: 'sals', target: 6_000, owners: 'sales' },
  sla: { metric: 'handoff_sla_rate', target: 90, level: true, owners: 'shared' },
  slaWebsite: {
    metric: 'handoff_sla_rate',
    target: 95,
    level: true,
    filters: () => ({ source: 'website' }),
    owners: 'sales',
  },
  response: { metric: 'median_response_hours', target: 4, level: true, owners: 'sales' },
  acceptance: { metric: 'acceptance_rate', target: 80, level: true, owners: 'shared' },
  pipeline: { metric: 'pipeline_created', target: 150_000_000, money: true, owners: 'shared' },
  pipelineMarketing: {
    metric: 'pipeline_created',
    target: 60_000_000,
    money: true,
    filters: () => ({ department: 'marketing' }),
    owners: 'marketing',
  },
  influenced: { metric: 'pipeline_influenced', target: 100_000_000, money: true, owners: 'marketing' },
  revenue: { metric: 'revenue_won', target: 80_000_000, money: true, owners: 'shared' },
  revenuePipeline: {
    metric: 'revenue_won',
    target: 80_000_000,
    money: true,
    filters: (ids) => ({ pipeline: ids.pipeline }),
    owners: 'sales',
  },
  won: { metric: 'deals_won', target: 2_500, owners: 'sales' },
  wonCampaign: { metric: 'deals_won', target: 50, filters: (ids) => ({ campaign: ids.campaign }), owners: 'shared' },
  winRate: { metric: 'win_rate', target: 60, level: true, owners: 'sales' },
  customers: { metric: 'new_customers', target: 1_200, owners: 'shared' },
} satisfies Record<string, Template>;

/** 50 goals as a team sets them: this year, quarter and month, the quarter before, the three months before. */
const plan: [Period, Template[]][] = [
  ['year', [t.mqls, t.sqls, t.sals, t.sla, t.pipeline, t.influenced, t.revenue, t.won, t.winRate, t.customers]],
  [
    'quarter',
    [
      ...[t.mqls, t.mqlsEmail, t.sqls, t.sals, t.sla, t.response, t.acceptance],
      ...[t.pipeline, t.pipelineMarketing, t.revenue, t.revenuePipeline, t.won, t.wonCampaign],
    ],
  ],
  ['quarter-1', [t.mqls, t.sqls, t.sla, t.pipeline, t.revenue, t.winRate]],
  ['month', [t.mqls, t.sqls, t.sals, t.sla, t.response, t.pipeline, t.won]],
  ['month-1', [t.mqls, t.mqlsWebsite, t.sqls, t.sla, t.acceptance, t.pipeline, t.revenue]],
  ['month-2', [t.mqls, t.sqls, t.sla, t.slaWebsite]],
  ['month-3', [t.mqls, t.pipeline, t.won]],
];

const monthsOf = (p: Period) => (p.startsWith('year') ? 12 : p.startsWith('quarter') ? 3 : 1);

/** A date inside the period, counted back from the month of `last` (the bench data's last day). */
const startIn = (p: Period, last: string) => {
  const back = Number(p.split('-')[1] ?? 0) * monthsOf(p);
  const d = new Date(`${last.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 10);
};

/** Removes this benchmark's goals, with their owners and audit entries. */
const removeBenchGoals = async (fx: BenchContext['fx']) => {
  const ours = `select id from goals where name like '${PREFIX}%'`;
  await fx.query(`delete from timeline_entries where entity_type = 'goal' and entity_id in (${ours})`);
  await fx.query(`delete from goal_owners where goal_id in (${ours})`);
  const [r] = await fx.query(`delete from goals where name like '${PREFIX}%'`);
  return Number(r?.changes ?? 0);
};

/** Creates the 50 goals through the goals service, as an admin naming the owners. */
const createBenchGoals = async (ctx: AppContext, fx: BenchContext['fx'], last: string) => {
  const { createGoal } = await import('../../src/modules/goals/goals.service.js');
  const { CreateGoalInput } = await import('@nenner/shared');
  const userOf = async (email: string) => {
    const [u] = await fx.query('select id, name from users where email = ?', [email]);
    if (!u) throw new Error(`goals: no user ${email} in the bench data`);
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
  const [campaign] = await fx.query(
    `select id from campaigns where deleted_at is null and channel = 'email' order by id limit 1`,
  );
  const ids = { campaign: String(campaign?.id), pipeline: fx.pipelineId };
  let n = 0;
  for (const [period, templates] of plan) {
    for (const tp of templates) {
      await createGoal(
        ctx,
        actor,
        CreateGoalInput.parse({
          name: `${PREFIX}${tp.metric} ${period} ${++n}`,
          metric: tp.metric,
          filters: tp.filters?.(ids),
          period: { type: period.split('-')[0], start: startIn(period, last) },
          target: tp.target * (tp.level ? 1 : monthsOf(period)),
          currency: tp.money ? 'EUR' : undefined,
          ownerIds: tp.owners === 'shared' ? [marketing, sales] : [tp.owners === 'marketing' ? marketing : sales],
        }),
      );
    }
  }
  return n;
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

/** Makes the next goal figures compute afresh: the data version their kept answers are keyed by (migration 0015). */
const bumpFacts = (fx: BenchContext['fx']) =>
  fx.query(`update data_versions set version = version + 1 where name = 'facts'`);

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
 * warm requests (repeated), cold ones (each after a bump of the facts version: goal figures compute
 * afresh, other kept answers stay) and the first request of fresh Nenner processes (nothing kept).
 */
const measureReport = async (
  b: BenchContext,
  capturing: ReturnType<typeof openCapturing>,
  m: { bench: string; pathAndQuery: string; targetMs: Record<Phase, number> },
  run: (ctx: AppContext) => Promise<unknown>,
) => {
  // The first run of a report in this process keeps nothing yet: a fresh process's statements.
  await bumpFacts(b.fx);
  const fresh = await captureStatements(capturing, run);
  await bumpFacts(b.fx);
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
  record('cold', 'cold', await requestTimes(url, auth, b.nenner.log, options.coldSamples, () => bumpFacts(b.fx)));
  record('fresh', 'fresh process', await coldRequests(b, m.pathAndQuery, options.coldSamples));
};

export const goals: Benchmark = async (b) => {
  const { engine, target, fx, nenner, cookie, explain } = b;
  const { listGoals } = await import('../../src/modules/goals/goals.service.js');
  const { alignmentReport } = await import('../../src/modules/reports/alignment.service.js');
  const { GoalListQuery } = await import('@nenner/shared');
  const capturing = openCapturing(engine, target);
  try {
    const removed = await removeBenchGoals(fx);
    if (removed > 0) log(`  goals: removed ${removed} goals of an earlier run`);
    const last = fx.reportPeriod.to;
    const created = await createBenchGoals(capturing.ctx, fx, last);
    const [{ n: all }] = (await fx.query('select count(*) as n from goals')) as [{ n: number }];
    log(`  goals: created ${created} goals around ${last} (the bench data's last day); ${all} goals in all`);

    const listPath = '/api/goals?withProgress=true&limit=50';
    const check = (await get(`${nenner.url}${listPath}`, { cookie })) as {
      items?: { metric: string; progress?: { status: string } }[];
    };
    const statuses = new Map<string, number>();
    for (const g of check.items ?? []) {
      const s = g.progress?.status ?? 'none';
      statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    if (check.items?.length !== 50 || statuses.has('none')) throw new Error('goals: expected 50 goals with progress');
    log(`  goals: GET ${listPath}: ${[...statuses].map(([s, n]) => `${n} ${s}`).join(', ')}`);
    const query = GoalListQuery.parse({ withProgress: 'true', limit: '50' });
    await measureReport(
      b,
      capturing,
      { bench: 'goals progress (50)', pathAndQuery: listPath, targetMs: { warm: 300, cold: 2000, fresh: 2000 } },
      (ctx) => listGoals(ctx, query),
    );

    const year = { from: addDays(last, -364), to: last };
    const alignmentPath = `/api/reports/alignment?from=${year.from}&to=${year.to}`;
    const report = (await get(`${nenner.url}${alignmentPath}`, { cookie })) as {
      index?: number | null;
      parts?: { key: string; value: number | null }[];
    };
    if (!report.parts) throw new Error(`alignment: ${JSON.stringify(report)}`);
    log(
      `  alignment: GET ${alignmentPath}: index ${report.index}; ` +
        report.parts.map((p) => `${p.key} ${p.value === null ? '–' : round1(p.value)}`).join(', '),
    );
    await measureReport(
      b,
      capturing,
      { bench: 'alignment (a year)', pathAndQuery: alignmentPath, targetMs: { warm: 1000, cold: 1000, fresh: 1000 } },
      (ctx) => alignmentReport(ctx, year),
    );

    if (explain) {
      await explain.plan('progress of 50 goals', (ctx) => listGoals(ctx, query));
      await explain.plan('alignment for a year', (ctx) => alignmentReport(ctx, year));
    }
  } finally {
    const n = await removeBenchGoals(fx);
    log(`  goals: removed the ${n} bench goals`);
    await capturing.close();
  }
};
