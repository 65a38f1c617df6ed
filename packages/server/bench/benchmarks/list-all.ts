/*
 * list-all (issue 17, "Lists and search at scale"): every list endpoint × every sort (asc and desc) × (no
 * filter | each filter alone) × (first page | a deep cursor), enumerated from the endpoints' own query
 * schemas in the contract (packages/shared), so a sort or filter added there is benchmarked (or, without a
 * value below, fails the run loudly). Each filter gets a realistic value read from the bench data at run time.
 * The deep cursor is reached by following next cursors (`--deep-pages` pages of the largest page size).
 *
 * For each combination: `--samples` sequential requests (server time from Nenner's request log: p50/p99)
 * beside the bare driver running the statements Nenner ran for the same request (captured in-process,
 * replayed through better-sqlite3 or one pg client; half before Nenner's requests, half after). Target:
 * p50 ≤ 5 ms and p99 ≤ 20 ms. Then, per endpoint, throughput at `--connections` over all its combinations
 * in ABBA rounds against the baseline process replaying the same statements (target ≥ 60 %; `--skip-load`
 * leaves it out). Prints the worst combinations first (`--list-rows`, all of them in
 * <BENCH_DIR>/list-all-<engine>.md) and a summary line per engine. Opt-in: `--only list-all`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { contract, limits } from '@nenner/shared';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../src/context.js';
import type { BenchContext, Benchmark } from '../lib/context.js';
import { benchDir, engineName, log, pause } from '../lib/env.js';
import { compare, cycle } from '../lib/load.js';
import { captureStatements, get, replay, type Statement } from '../lib/phases.js';
import { loginCookie } from '../lib/servers.js';
import { percentileOf, round1, serverTimes } from '../lib/timing.js';
import { openCapturing } from '../queries.js';
import { openScan } from '../scans.js';

const TARGET_P50_MS = 5;
const TARGET_P99_MS = 20;
const TARGET_RATIO = 0.6;
const PAGE = 50;
/** A combination whose statements took longer than this in-process is measured with SLOW_SAMPLES requests only. */
const SLOW_MS = 300;
const SLOW_SAMPLES = 3;
const SLOW_HOPS_MS = 5000;

type Query = BenchContext['fx']['query'];
type Run = (ctx: AppContext, actor: Actor, query: never) => Promise<unknown>;

/** The list endpoints of the issue: their contract entry and the service function its route calls. */
const endpointsOf = async () => {
  const { listAccounts } = await import('../../src/modules/accounts/accounts.service.js');
  const { listContacts } = await import('../../src/modules/contacts/contacts.service.js');
  const { listDeals } = await import('../../src/modules/deals/deals.service.js');
  const { listHandoffs } = await import('../../src/modules/handoffs/handoffs.service.js');
  const { listCampaigns } = await import('../../src/modules/campaigns/campaigns.service.js');
  const { listTasks } = await import('../../src/modules/tasks/tasks.service.js');
  const list = (key: string, name: keyof typeof contract, run: Run) => {
    const e = contract[name] as { method: string; path: string; query?: z.ZodType };
    if (e.method !== 'GET' || !e.query || !('shape' in e.query)) throw new Error(`list-all: ${name} is no list`);
    return { key, name, path: e.path, schema: e.query as z.ZodObject, run };
  };
  return [
    list('accounts', 'listAccounts', listAccounts as Run),
    list('contacts', 'listContacts', listContacts as Run),
    list('deals', 'listDeals', listDeals as Run),
    list('handoffs', 'listHandoffs', listHandoffs as Run),
    list('campaigns', 'listCampaigns', listCampaigns as Run),
    list('tasks', 'listTasks', listTasks as Run),
  ];
};
type ListEndpoint = Awaited<ReturnType<typeof endpointsOf>>[number];

/** The options of an enum field (through `.optional()` / `.default()`), or undefined. */
const enumOptions = (field: unknown): string[] | undefined => {
  let f = field as { options?: unknown; unwrap?: () => unknown } | undefined;
  for (let i = 0; f && i < 5; i++) {
    if (Array.isArray(f.options) && f.options.every((o) => typeof o === 'string')) return f.options as string[];
    f = typeof f.unwrap === 'function' ? (f.unwrap() as typeof f) : undefined;
  }
  return undefined;
};

/** Sorts (each with its direction) and filters of a list, from its query schema. */
const axesOf = (ep: ListEndpoint) => {
  const shape = ep.schema.shape as Record<string, unknown>;
  const sorts = shape.sort ? enumOptions(shape.sort) : undefined;
  if (shape.sort && !sorts) throw new Error(`list-all: the sort of ${ep.name} is no enum`);
  const filters = Object.keys(shape).filter((k) => !['sort', 'limit', 'cursor'].includes(k));
  return { sorts: sorts ?? [undefined], filters };
};

/**
 * One value of a column from the data: the row at a fixed offset (by id) among those that have one, so a
 * frequent value is likelier than a rare one, as in use. Undefined when no row has one.
 */
const pick = async (query: Query, table: string, column: string, where = 'true', order = 'id') => {
  for (const offset of [997, 0]) {
    const [r] = await query(
      `select ${column} as v from ${table} where ${column} is not null and ${where} order by ${order} limit 1 offset ${offset}`,
    );
    if (r?.v !== undefined && r.v !== null && r.v !== '') return String(r.v);
  }
  return undefined;
};
const live = 'deleted_at is null';
/** The first word of at least three letters of a name: what someone types into a list's search. */
const wordOf = (name: string | undefined) => name?.split(/[^\p{L}]+/u).find((w) => w.length >= 3);
const tagOf = (tags: string | undefined) => (tags ? (JSON.parse(tags) as string[])[0] : undefined);
const quarterOf = (date: string | undefined) =>
  date ? `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}` : undefined;

/**
 * A realistic value for each filter, read from the bench data. A filter without a line here fails the run:
 * a new filter in a list's schema needs its value.
 */
const valueResolvers: Record<string, Record<string, (q: Query) => Promise<string | undefined>>> = {
  accounts: {
    q: async (q) => wordOf(await pick(q, 'accounts', 'name', live)),
    ownerId: (q) => pick(q, 'accounts', 'owner_id', live),
    country: (q) => pick(q, 'accounts', 'country', live),
    industry: (q) => pick(q, 'accounts', 'industry', live),
    employeeBand: (q) => pick(q, 'accounts', 'employee_band', live),
    tag: async (q) => tagOf(await pick(q, 'accounts', 'tags', `${live} and tags <> '[]'`)),
    pair: async () => 'both',
    teamId: (q) => pick(q, 'accounts', 'team_id', live),
    openDeals: async () => 'true',
    trash: async () => 'true',
  },
  contacts: {
    q: (q) => pick(q, 'contacts', 'last_name', live),
    ownerId: (q) => pick(q, 'contacts', 'owner_id', live),
    accountOwnerId: (q) => pick(q, 'accounts', 'owner_id', live),
    accountId: (q) => pick(q, 'contacts', 'account_id', live),
    lifecycleStage: (q) => pick(q, 'contacts', 'lifecycle_stage', live),
    source: (q) => pick(q, 'contacts', 'source', live),
    tag: async (q) => tagOf(await pick(q, 'contacts', 'tags', `${live} and tags <> '[]'`)),
    trash: async () => 'true',
  },
  deals: {
    q: async (q) => wordOf(await pick(q, 'deals', 'name', live)),
    pipelineId: (q) => pick(q, 'deals', 'pipeline_id', live),
    stageId: (q) => pick(q, 'deals', 'stage_id', live),
    status: (q) => pick(q, 'deals', 'status', live),
    ownerId: (q) => pick(q, 'deals', 'owner_id', live),
    teamId: (q) => pick(q, 'team_members', 'team_id', 'true', 'team_id, user_id'),
    accountId: (q) => pick(q, 'deals', 'account_id', live),
    contactId: (q) => pick(q, 'deal_contacts', 'contact_id', 'true', 'deal_id, contact_id'),
    source: (q) => pick(q, 'deals', 'source', live),
    closeQuarter: async (q) => quarterOf(await pick(q, 'deals', 'close_date', live)),
    competitorId: (q) => pick(q, 'competitors', 'id'),
  },
  handoffs: {
    status: (q) => pick(q, 'handoffs', 'status'),
    assignee: (q) => pick(q, 'handoffs', 'assignee_id'),
    contactId: (q) => pick(q, 'handoffs', 'contact_id'),
    qualifiedBy: (q) => pick(q, 'handoffs', 'qualified_by'),
  },
  campaigns: {
    q: async (q) => wordOf(await pick(q, 'campaigns', 'name', live)),
    status: (q) => pick(q, 'campaigns', 'status', live),
    channel: (q) => pick(q, 'campaigns', 'channel', live),
    ownerId: (q) => pick(q, 'campaigns', 'owner_id', live),
    teamId: (q) => pick(q, 'campaigns', 'team_id', live),
  },
  tasks: {
    ownerId: (q) => pick(q, 'tasks', 'owner_id'),
    status: (q) => pick(q, 'tasks', 'status'),
    entityType: (q) => pick(q, 'tasks', 'entity_type'),
    entityId: (q) => pick(q, 'tasks', 'entity_id'),
  },
};

/** Tasks this benchmark adds carry this prefix, so a run removes them (and an aborted run's) again. */
const TASK_PREFIX = 'Bench · list-all ';
const BENCH_TASKS = 20_000;

/**
 * The seed makes no tasks: when the workspace has fewer than 1,000, adds 20,000 on its contacts (owned by
 * the sales users, due from 60 days ago to 60 days ahead, 70 % open, 25 % done, 5 % cancelled), removed
 * after the run. Returns how many it added.
 */
const addBenchTasks = async (query: Query, endpoints: ListEndpoint[]) => {
  if (!endpoints.some((e) => e.key === 'tasks')) return 0;
  await query(`delete from tasks where title like ?`, [`${TASK_PREFIX}%`]);
  const [n] = await query('select count(*) as n from tasks');
  if (Number(n?.n ?? 0) >= 1000) return 0;
  const owners = (await query(`select id from users where department = 'sales' order by email`)).map((r) =>
    String(r.id),
  );
  const contacts = await query(
    `select id, account_id from contacts where deleted_at is null order by id limit ${BENCH_TASKS}`,
  );
  if (owners.length === 0 || contacts.length === 0) return 0;
  const now = Date.now();
  const day = 86_400_000;
  const rows = Array.from({ length: BENCH_TASKS }, (_, i) => {
    const c = contacts[i % contacts.length] as Record<string, unknown>;
    const status = i % 20 === 0 ? 'cancelled' : i % 4 === 1 ? 'done' : 'open';
    const at = new Date(now - 60 * day + ((i * 7919) % 120) * day + (i % 1440) * 60_000).toISOString();
    const created = new Date(now - 90 * day + (i % 90) * day).toISOString();
    const owner = owners[i % owners.length] as string;
    return [
      crypto.randomUUID(),
      `${TASK_PREFIX}${i}`,
      status,
      at,
      owner,
      'contact',
      String(c.id),
      c.account_id ?? null,
      owner,
      status === 'open' ? null : at,
      created,
      created,
    ];
  });
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await query(
      `insert into tasks (id, title, status, due_at, owner_id, entity_type, entity_id, account_id, created_by, completed_at, created_at, updated_at) values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flat(),
    );
  }
  // statistics as a workspace that grew its tasks over time would have (PostgreSQL's autovacuum lags a bulk insert)
  await query('analyze tasks');
  log(`  added ${rows.length.toLocaleString('en')} bench tasks and analyzed them (removed after the run)`);
  return rows.length;
};

interface Combo {
  ep: ListEndpoint;
  sort: string | undefined;
  filter: string | null;
  value: string | undefined;
  page: 'first' | 'deep';
  /** Rows before the page (deep: as far as the next cursors reached). */
  depth: number;
  params: Record<string, string>;
}

interface Row {
  engine: string;
  endpoint: string;
  sort: string;
  filter: string;
  page: string;
  rows: number;
  statements: number;
  /** Requests measured (fewer than --samples for a slow combination). */
  samples: number;
  server: { p50: number; p99: number };
  bare: { p50: number; p99: number };
  error?: string;
  /** The statements' plans (EXPLAIN QUERY PLAN / EXPLAIN), printed for the worst combinations. */
  plans?: { sql: string; ms: number; plan: string[] }[];
}

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();
const met = (r: Row) => !r.error && r.server.p50 <= TARGET_P50_MS && r.server.p99 <= TARGET_P99_MS;
/** How far a combination is from its targets (1 = just at them); failed ones are worst. */
const badness = (r: Row) =>
  r.error ? Number.POSITIVE_INFINITY : Math.max(r.server.p50 / TARGET_P50_MS, r.server.p99 / TARGET_P99_MS);
const label = (r: Row) => `${r.endpoint} ${r.sort} ${r.filter} ${r.page}`;

/**
 * A second value of a filter where one value does not tell the whole story. The deals' `q` above is a word
 * such as "Egger", in about 5 % of the deal names; an account's whole name (the part of a deal name before
 * its " – ") is in a handful, which SQLite finds by the trigram index of the sort keys instead of a walk.
 */
const moreValues: Record<string, [string, (q: Query) => Promise<string | undefined>][]> = {
  deals: [['q', async (q) => (await pick(q, 'deals', 'name', live))?.split(' – ')[0]]],
};

/** First page and deep cursor of one sort × filter; deep is left out when the list has one page only. */
const combosOf = async (b: BenchContext, ep: ListEndpoint, cookie: string, deepPages: number) => {
  const { sorts, filters } = axesOf(ep);
  const resolvers = valueResolvers[ep.key] ?? {};
  const missing = filters.filter((f) => !resolvers[f]);
  if (missing.length > 0) throw new Error(`list-all: no value for ${ep.key} filter(s) ${missing.join(', ')}`);
  const values = new Map<string, string | undefined>();
  for (const f of filters) values.set(f, await resolvers[f]?.(b.fx.query));
  const more: [string, string | undefined][] = [];
  for (const [f, resolve] of moreValues[ep.key] ?? []) more.push([f, await resolve(b.fx.query)]);
  const leftOut = filters.filter((f) => values.get(f) === undefined).map((f) => `${ep.key} ${f}`);
  if (leftOut.length > 0) log(`    no value in the data, left out: ${leftOut.join(', ')}`);
  log(
    `  ${ep.key}: sorts ${sorts.join(', ') || '(fixed)'}; filters ${[...values, ...more].map(([f, v]) => `${f}=${v}`).join(', ')}`,
  );
  const combos: Combo[] = [];
  for (const sort of sorts) {
    const axes: [string | null, string | undefined][] = [[null, undefined], ...values, ...more];
    for (const [filter, value] of axes) {
      if (filter && value === undefined) continue;
      const params: Record<string, string> = { ...(sort && { sort }), ...(filter && value && { [filter]: value }) };
      combos.push({ ep, sort, filter, value, page: 'first', depth: 0, params: { ...params, limit: String(PAGE) } });
      // the deep cursor: follow the next cursors with the largest page (or with pages of 50, when one large
      // page holds the whole list)
      let cursor: string | null = null;
      let depth = 0;
      let size: number = limits.pageSizeMax;
      // a slow list stops following after SLOW_HOPS_MS, so the run stays in minutes at 1M
      const hopsStarted = performance.now();
      try {
        for (let i = 0; i < deepPages && performance.now() - hopsStarted < SLOW_HOPS_MS; i++) {
          const page = (await get(
            `${b.nenner.url}${ep.path}?${qs({ ...params, limit: String(size), ...(cursor && { cursor }) })}`,
            { cookie },
          )) as { items: unknown[]; nextCursor: string | null };
          if (!page.nextCursor && !cursor && size > PAGE) {
            size = PAGE;
            i = -1;
            continue;
          }
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
          depth += page.items.length;
        }
      } catch {
        // the first page fails too: measured (and reported) there
      }
      if (cursor)
        combos.push({
          ep,
          sort,
          filter,
          value,
          page: 'deep',
          depth,
          params: { ...params, limit: String(PAGE), cursor },
        });
    }
  }
  return { combos, leftOut };
};

/**
 * `n` requests one after another after `warm` unmeasured ones; their server times from Nenner's request log
 * (waits for the log to hold them all instead of a fixed pause).
 */
const timeRequests = async (url: string, cookie: string, logFile: string, warm: number, n: number) => {
  const offset = fs.statSync(logFile).size;
  let rows = 0;
  for (let i = 0; i < warm + n; i++) {
    const r = await fetch(url, { headers: { cookie } });
    const body = await r.text();
    if (!r.ok) throw new Error(`${r.status} ${body.slice(0, 160)}`);
    rows = (JSON.parse(body) as { items: unknown[] }).items.length;
  }
  const pathname = new URL(url).pathname;
  for (let waited = 0; ; waited += 20) {
    const times = serverTimes(logFile, offset, pathname);
    if (times.length >= warm + n) return { server: times.slice(warm, warm + n), rows };
    if (waited > 3000) throw new Error(`found ${times.length} of ${warm + n} requests in the log`);
    await pause(20);
  }
};

const printRows = (rows: Row[], top: number, samples: number) => {
  const head = [
    'engine',
    'endpoint',
    'sort',
    'filter',
    'page',
    'rows',
    'stmts',
    'Nenner p50 / p99 ms',
    'bare p50 / p99 ms',
    'p50 ÷ bare',
    'target',
  ];
  const body = rows.map((r) => [
    engineName(r.engine),
    r.endpoint,
    r.sort,
    r.filter,
    r.page,
    String(r.rows),
    String(r.statements),
    r.error
      ? `failed: ${r.error}`
      : `${r.server.p50} / ${r.server.p99}${r.samples < samples ? ` (n=${r.samples})` : ''}`,
    `${r.bare.p50} / ${r.bare.p99}`,
    r.error ? '' : `${(r.server.p50 / Math.max(r.bare.p50, 0.1)).toFixed(1)}×`,
    met(r) ? 'met' : '**missed**',
  ]);
  return [head, head.map(() => '---'), ...body.slice(0, top > 0 ? top : body.length)]
    .map((r) => `| ${r.join(' | ')} |`)
    .join('\n');
};

export const listAll: Benchmark = async (b) => {
  const { engine, target, fx, nenner, options } = b;
  const { deepPages, rows: top, lists, load } = options.listAll;
  // an admin: the trash filters are theirs (records.trash)
  const [u] = await fx.query(
    `select id, name, email, department, locale, time_zone from users where role = 'admin' and active = 1 order by email limit 1`,
  );
  if (!u) throw new Error('list-all: no admin user in the bench data');
  const actor: Actor = {
    id: String(u.id),
    name: String(u.name),
    email: String(u.email),
    department: u.department as Actor['department'],
    role: 'admin',
    locale: (u.locale ?? null) as Actor['locale'],
    timeZone: String(u.time_zone ?? 'Europe/Berlin'),
    via: 'session',
    credentialId: '',
  };
  const cookie = await loginCookie(nenner.port, actor.email, fx.password);
  const endpoints = (await endpointsOf()).filter((e) => lists.length === 0 || lists.includes(e.key));
  log(
    `  list-all as ${actor.email} (admin); ${options.samples} samples per combination, deep cursor after ${deepPages} × ${limits.pageSizeMax} rows`,
  );

  const capturing = openCapturing(engine, target);
  const scan = await openScan(engine, target);
  const rows: Row[] = [];
  const byEndpoint = new Map<string, { paths: string[]; statements: Statement[][] }>();
  const leftOut: string[] = [];
  const started = performance.now();
  const tasks = await addBenchTasks(fx.query, endpoints);
  try {
    for (const ep of endpoints) {
      const { combos, leftOut: none } = await combosOf(b, ep, cookie, deepPages);
      leftOut.push(...none);
      const forLoad = { paths: [] as string[], statements: [] as Statement[][] };
      byEndpoint.set(ep.key, forLoad);
      for (const c of combos) {
        const row: Row = {
          engine,
          endpoint: ep.key,
          sort: c.sort ?? '(fixed)',
          filter: c.filter ? `${c.filter}=${c.value}` : '—',
          page: c.page === 'first' ? 'first' : `deep (${c.depth.toLocaleString('en')})`,
          rows: 0,
          statements: 0,
          samples: 0,
          server: { p50: NaN, p99: NaN },
          bare: { p50: NaN, p99: NaN },
        };
        rows.push(row);
        const pathAndQuery = `${ep.path}?${qs(c.params)}`;
        try {
          const parsed = ep.schema.parse(c.params);
          const { statements, plans } = await captureStatements(capturing, (ctx) =>
            ep.run(ctx, actor, parsed as never),
          );
          row.statements = statements.length;
          row.plans = plans;
          const inProcess = plans.reduce((t, s) => t + s.ms, 0);
          const n = inProcess > SLOW_MS ? Math.min(SLOW_SAMPLES, options.samples) : options.samples;
          row.samples = n;
          // the bare driver warm as Nenner is: one unmeasured run
          await replay(scan, statements, 'read');
          const bareRuns = async (n: number) => {
            const ms: number[] = [];
            for (let i = 0; i < n; i++) ms.push((await replay(scan, statements, 'read')).ms);
            return ms;
          };
          const bare = await bareRuns(Math.ceil(n / 2));
          const t = await timeRequests(`${nenner.url}${pathAndQuery}`, cookie, nenner.log, 2, n);
          bare.push(...(await bareRuns(Math.floor(n / 2))));
          row.rows = t.rows;
          row.server = { p50: round1(percentileOf(t.server, 50)), p99: round1(percentileOf(t.server, 99)) };
          row.bare = { p50: round1(percentileOf(bare, 50)), p99: round1(percentileOf(bare, 99)) };
          forLoad.paths.push(pathAndQuery);
          forLoad.statements.push(statements);
        } catch (e) {
          row.error = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 120);
        }
        if (!met(row))
          log(
            `    ${label(row)}: ${row.error ? `failed: ${row.error}` : `p50 ${row.server.p50} / p99 ${row.server.p99} ms, bare ${row.bare.p50} / ${row.bare.p99} ms`} — missed`,
          );
      }
      const mine = rows.filter((r) => r.endpoint === ep.key);
      log(`  ${ep.key}: ${mine.filter(met).length} of ${mine.length} combinations met`);
    }
  } finally {
    await scan.close();
    await capturing.close();
  }
  const seconds = Math.round((performance.now() - started) / 1000);
  try {
    report(b, rows, { top, seconds, tasks, leftOut });
    if (load) await throughput(b, cookie, byEndpoint);
  } finally {
    if (tasks > 0) await fx.query(`delete from tasks where title like ?`, [`${TASK_PREFIX}%`]);
  }
};

/** The table, worst first, and the summary line. */
const report = (
  { engine, options, results }: BenchContext,
  rows: Row[],
  { top, seconds, tasks, leftOut }: { top: number; seconds: number; tasks: number; leftOut: string[] },
) => {
  rows.sort((x, y) => badness(y) - badness(x));
  log('  the plans of the 3 worst (statements as captured in-process, ms in Kysely):');
  for (const r of rows.slice(0, 3)) {
    log(`  ${engineName(engine)} ${label(r)}:`);
    for (const s of r.plans ?? []) {
      log(`    ${s.ms} ms  ${s.sql.replace(/\s+/g, ' ').slice(0, 220)}`);
      for (const line of s.plan) log(`        ${line.slice(0, 200)}`);
    }
  }
  log(`\n${printRows(rows, top, options.samples)}`);
  if (top > 0 && rows.length > top) log(`(the ${top} worst of ${rows.length}; all of them in the file below)`);
  const file = path.join(benchDir, `list-all-${engine}.md`);
  fs.writeFileSync(file, `${printRows(rows, 0, options.samples)}\n`);
  log(`  all ${rows.length} combinations: ${file}`);

  const worst = rows[0];
  const summary =
    `list-all ${engineName(engine)}: ${rows.filter(met).length} of ${rows.length} combinations meet p50 ≤ ${TARGET_P50_MS} ms and p99 ≤ ${TARGET_P99_MS} ms` +
    ` (${options.samples} samples each, ${seconds} s${tasks > 0 ? `, ${tasks.toLocaleString('en')} bench tasks` : ''}` +
    `${leftOut.length > 0 ? `; no value in the data for ${leftOut.join(', ')}` : ''}); worst: ${worst ? `${label(worst)} ${worst.error ? `failed (${worst.error})` : `p50 ${worst.server.p50} / p99 ${worst.server.p99} ms (bare ${worst.bare.p50} / ${worst.bare.p99} ms)`}` : 'none'}`;
  log(summary);
  results.summaries.push(summary);
};

/**
 * Throughput: every combination of an endpoint in turn, `--connections` at once; the baseline replays the
 * statements Nenner ran for each.
 */
const throughput = async (
  b: BenchContext,
  cookie: string,
  byEndpoint: Map<string, { paths: string[]; statements: Statement[][] }>,
) => {
  const { engine, nenner, options, results } = b;
  for (const [key, { paths, statements }] of byEndpoint) {
    if (paths.length === 0) continue;
    const r = await fetch(`http://127.0.0.1:${b.baselinePort}/search/statements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(statements),
    });
    if (!r.ok) throw new Error(`list-all: the baseline took no statements: ${r.status} ${await r.text()}`);
    log(`  ${key}: ${paths.length} combinations in turn, ${options.connections} connections:`);
    const m = await compare(
      cycle(
        b.baselinePort,
        'GET',
        statements.map((_, i) => `/search/replay/${i}`),
        {},
      ),
      cycle(nenner.port, 'GET', paths, { cookie }),
      options,
    ).catch((e: unknown) => {
      log(`  ${key}: no throughput figure: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    });
    if (!m) continue;
    results.throughput.push({ engine, bench: `list-all ${key} (${paths.length})`, ...m });
    const ratio = m.nenner.rps / m.baseline.rps;
    results.summaries.push(
      `list-all ${engineName(engine)} ${key} at ${options.connections} connections: ${Math.round(m.nenner.rps)} req/s, ` +
        `${Math.round(ratio * 100)}% of the bare driver (${Math.round(m.baseline.rps)} req/s): ≥ ${TARGET_RATIO * 100}% ${ratio >= TARGET_RATIO ? 'met' : 'missed'}`,
    );
  }
};
