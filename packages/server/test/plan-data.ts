import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect, type RawBuilder, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { type Database, migrateToLatest } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { createTestDatabase, type TestDatabase } from './harness.js';

/*
 * Data and plan reading for the query-plan test: a workspace whose statistics were taken while it was
 * small and odd (half of its 100 contacts in the trash, each at its own time, so `deleted_at` looks
 * almost unique), which then grew without a new ANALYZE. Rows are made in SQL, many at once.
 */

export const users = ['pu1', 'pu2', 'pu3', 'pu4', 'pu5'];
export const stages = ['ps1', 'ps2', 'ps3', 'ps4'];

const series = (n: number) =>
  sql`with recursive s(i) as (select 1 union all select i + 1 from s where i < ${sql.lit(n)})`;

/** The timestamp `minutes` minutes after 2025-01-01 (an SQL expression over the series' `i`). */
const at = (db: Database, minutes: RawBuilder<number>) =>
  db.engine === 'postgres'
    ? sql`(timestamptz '2025-01-01T00:00:00Z' + (${minutes}) * interval '1 minute')`
    : sql`strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (${minutes}) || ' minutes')`;

/** One of `values`, cycling with the row number. */
const pick = (values: readonly string[], k: string) =>
  sql.raw(`(case ${values.map((v, n) => `when ${k} % ${values.length} = ${n} then '${v}'`).join(' ')} end)`);

/** The base rows every table refers to: users, a team, the default pipeline. */
export const insertBase = async ({ db, engine }: Database) => {
  const now = engine === 'postgres' ? sql`now()` : sql`'2025-01-01T00:00:00.000Z'`;
  for (const [n, id] of users.entries()) {
    await sql`insert into users (id, email, name, password_hash, department, role, created_at, updated_at)
      values (${id}, ${`${id}@example.com`}, ${`User ${n}`}, 'x', ${n < 3 ? 'sales' : 'marketing'}, 'member', ${now}, ${now})`.execute(
      db,
    );
  }
  await sql`insert into teams (id, name, created_at, updated_at) values ('pt1', 'Team', ${now}, ${now})`.execute(db);
  for (const user of ['pu2', 'pu3']) {
    await sql`insert into team_members (team_id, user_id) values ('pt1', ${user})`.execute(db);
  }
  await sql`insert into pipelines (id, name, is_default, created_at, updated_at) values ('pp1', 'Default', 1, ${now}, ${now})`.execute(
    db,
  );
  for (const [n, id] of stages.entries()) {
    await sql`insert into pipeline_stages (id, pipeline_id, position, name_de, name_en, probability, kind)
      values (${id}, 'pp1', ${n}, ${id}, ${id}, ${n * 25}, ${n === 3 ? 'won' : 'open'})`.execute(db);
  }
};

/**
 * Rows `from`..`from + n - 1` of each list's table. `trashEvery`: every so many contacts and accounts are
 * in the trash, each deleted at its own minute.
 */
export const insertRows = async (database: Database, from: number, n: number, trashEvery: number) => {
  const { db } = database;
  const k = `(i + ${from - 1})`;
  const i = sql.raw<number>(k);
  const owner = sql.raw(`(case when (i % 10) = 0 then null else 'pu' || ((i % 5) + 1) end)`);
  const trashed = sql`(case when (i % ${sql.lit(trashEvery)}) = 0 then ${at(database, i)} end)`;
  const accounts = Math.max(1, Math.floor(n / 2));
  await sql`${series(accounts)} insert into accounts (id, name, sort_name, owner_id, country, industry, employee_band,
      tags, created_at, updated_at, deleted_at, team_id, marketing_partner_id)
    select 'a' || ${i}, 'Account ' || ${i}, 'account ' || ((${i} * 7919) % 10007), ${owner}, ${pick(['DE', 'AT', 'CH'], k)},
      ${pick(['Chemie', 'Bau', 'Software'], k)}, ${pick(['1-10', '11-50', '51-200'], k)},
      (case when (i % 20) = 0 then '["vip"]' else '[]' end), ${at(database, i)}, ${at(database, sql`${i} * 3`)},
      ${trashed}, (case when (i % 3) = 0 then 'pt1' end), (case when (i % 4) = 0 then 'pu4' end) from s`.execute(db);
  const account = sql`'a' || (${sql.lit(from)} + (i % ${sql.lit(accounts)}))`;
  await sql`${series(n)} insert into contacts (id, first_name, last_name, sort_first_name, sort_last_name, email,
      account_id, owner_id, lifecycle_stage, source, tags, created_at, updated_at, deleted_at)
    select 'c' || ${i}, 'First', 'Last', 'first ' || ((${i} * 31) % 1009), 'last ' || ((${i} * 7919) % 10007),
      'c' || ${i} || '@example.com', ${account}, ${owner}, ${pick(['lead', 'mql', 'sql', 'customer', 'subscriber'], k)},
      ${pick(['website', 'event', 'referral'], k)}, (case when (i % 20) = 0 then '["vip"]' else '[]' end),
      ${at(database, i)}, ${at(database, sql`${i} * 3`)}, ${trashed} from s`.execute(db);
  await sql`${series(n)} insert into deals (id, name, sort_name, account_id, pipeline_id, stage_id, status, amount, currency,
      close_date, owner_id, source, stage_changed_at, created_at, updated_at, deleted_at)
    select 'd' || ${i}, 'Deal', 'deal ' || ((${i} * 7919) % 10007), ${account}, 'pp1', ${pick(stages, k)},
      ${pick(['open', 'open', 'won', 'lost'], k)}, (${i} * 37) % 100000, 'EUR',
      (case when (i % 7) = 0 then null else '2026-0' || ((i % 9) + 1) || '-1' || (i % 10) end), ${owner},
      ${pick(['marketing', 'sales', 'partner'], k)}, ${at(database, i)}, ${at(database, i)}, ${at(database, sql`${i} * 3`)},
      ${trashed} from s`.execute(db);
  await sql`${series(n)} insert into handoffs (id, contact_id, status, qualified_at, qualified_by, qualified_reason,
      assignee_id, routing_rule, sla_due_at, created_at, updated_at)
    select 'h' || ${i}, 'c' || ${i}, ${pick(['open', 'accepted', 'rejected', 'converted'], k)}, ${at(database, i)},
      'pu4', 'score', ${owner}, 'round_robin', ${at(database, sql`${i} + 60`)}, ${at(database, i)}, ${at(database, i)} from s`.execute(
    db,
  );
  await sql`${series(n)} insert into campaigns (id, name, sort_name, channel, status, owner_id, team_id, department,
      currency, created_at, updated_at, deleted_at)
    select 'k' || ${i}, 'Campaign', 'campaign ' || ((${i} * 7919) % 10007), ${pick(['email', 'event', 'paid_search'], k)},
      ${pick(['planned', 'active', 'completed'], k)}, ${owner}, (case when (i % 3) = 0 then 'pt1' end), 'marketing',
      'EUR', ${at(database, i)}, ${at(database, i)}, ${trashed} from s`.execute(db);
  await sql`${series(n)} insert into tasks (id, title, status, due_at, owner_id, entity_type, entity_id, created_by,
      created_at, updated_at)
    select 't' || ${i}, 'Task', ${pick(['open', 'open', 'done'], k)}, (case when (i % 5) = 0 then null else ${at(database, i)} end),
      'pu' || ((i % 5) + 1), 'contact', 'c' || ${i}, 'pu1', ${at(database, i)}, ${at(database, i)} from s`.execute(db);
};

/** A migrated test database with the base rows and rows 1..n of each table (`insertRows`). */
export const planDatabase = async (n: number, trashEvery: number): Promise<TestDatabase> => {
  const test = await createTestDatabase();
  await migrateToLatest(test.database);
  await insertBase(test.database);
  await insertRows(test.database, 1, n, trashEvery);
  return test;
};

/** Users `from`..`from + n - 1` (`gu…`), each with a session (`sess…`) and an API token (hash `hash…`). */
export const insertAuthRows = async (database: Database, from: number, n: number) => {
  const { db } = database;
  const i = sql.raw<number>(`(i + ${from - 1})`);
  await sql`${series(n)} insert into users (id, email, name, password_hash, department, role, created_at, updated_at)
    select 'gu' || ${i}, 'gu' || ${i} || '@example.com', 'User', 'x', 'sales', 'member', ${at(database, i)},
      ${at(database, i)} from s`.execute(db);
  await sql`${series(n)} insert into sessions (id, user_id, created_at, expires_at, last_seen_at)
    select 'sess' || ${i}, 'gu' || ${i}, ${at(database, i)}, ${at(database, i)}, ${at(database, i)} from s`.execute(db);
  await sql`${series(n)} insert into api_tokens (id, user_id, name, prefix, token_hash, created_at)
    select 'tok' || ${i}, 'gu' || ${i}, 'Token', 'nen_', 'hash' || ${i}, ${at(database, i)} from s`.execute(db);
};

export const planTables = [
  'accounts',
  'contacts',
  'deals',
  'handoffs',
  'campaigns',
  'tasks',
  'users',
  'sessions',
  'api_tokens',
] as const;

/** Statistics of the tables as they are now; on PostgreSQL autovacuum is kept from taking newer ones. */
export const analyze = async ({ db, engine }: Database) => {
  if (engine === 'sqlite') {
    await sql`analyze`.execute(db);
    return;
  }
  for (const t of planTables) {
    await sql`alter table ${sql.table(t)} set (autovacuum_enabled = false)`.execute(db);
    await sql`analyze ${sql.table(t)}`.execute(db);
  }
};

/** pg's own conversion of a parameter to its text (arrays, dates, JSON), which its types leave out. */
const { prepareValue } = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils;

/** A second connection to the same database that records every statement a repository function runs. */
export const capturingDb = (test: Pick<TestDatabase, 'config'>) => {
  const captured: CompiledQuery[] = [];
  const log = (event: { query: CompiledQuery }) => {
    captured.push(event.query);
  };
  const cfg = test.config.database;
  if (cfg.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: cfg.url, max: 1 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
    return {
      db,
      captured,
      explain: async (q: CompiledQuery): Promise<PlanNode> => {
        const r = await pool.query(`explain (format json) ${q.sql}`, [...q.parameters]);
        return (r.rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]?.Plan as PlanNode;
      },
      /**
       * The generic plan: the one a named statement (db/pg-statements.ts) may keep after its fifth run,
       * made without the values. PostgreSQL 15 has no EXPLAIN (GENERIC_PLAN): the statement is prepared
       * and its execution explained while generic plans are forced.
       */
      explainGeneric: async (q: CompiledQuery): Promise<PlanNode> => {
        const client = await pool.connect();
        try {
          await client.query('set plan_cache_mode = force_generic_plan');
          await client.query(`prepare plan_check as ${q.sql}`);
          // EXECUTE takes its values as literals (a utility statement has no parameters of its own)
          const values = q.parameters
            .map((v) => (v === null ? 'null' : client.escapeLiteral(String(prepareValue(v)))))
            .join(', ');
          const r = await client.query(`explain (format json) execute plan_check${values ? `(${values})` : ''}`);
          return (r.rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]?.Plan as PlanNode;
        } finally {
          await client.query('deallocate all');
          await client.query('reset plan_cache_mode');
          client.release();
        }
      },
      close: () => db.destroy(),
    };
  }
  const sqlite = new SQLite(cfg.file);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), log });
  return {
    db,
    captured,
    explain: async (q: CompiledQuery): Promise<PlanNode> => {
      const rows = sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as {
        id: number;
        parent: number;
        detail: string;
      }[];
      return { 'Node Type': 'sqlite', Plans: rows.map((r) => ({ 'Node Type': r.detail, parent: r.parent })) };
    },
    close: () => db.destroy(),
  };
};

/** A PostgreSQL plan node (EXPLAIN FORMAT JSON); on SQLite one node per line of EXPLAIN QUERY PLAN. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Parent Relationship'?: string;
  /** SQLite: the line this one belongs to (0: the statement itself). */
  parent?: number;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
export const nodes = (p: PlanNode): PlanNode[] => [p, ...(p.Plans ?? []).flatMap(nodes)];

/** The nodes of the statement itself, without its subqueries' (SubPlan, InitPlan). */
export const ownNodes = (p: PlanNode): PlanNode[] => [
  p,
  ...(p.Plans ?? []).filter((c) => !/Plan$/.test(c['Parent Relationship'] ?? '')).flatMap(ownNodes),
];

/** The plan in one line per node, for failure messages. */
export const describePlan = (p: PlanNode): string =>
  nodes(p)
    .map((n) =>
      [n['Node Type'], n['Relation Name'], n['Index Name'] && `using ${n['Index Name']}`, n['Index Cond']]
        .filter(Boolean)
        .join(' '),
    )
    .join(' | ');
