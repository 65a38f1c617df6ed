/*
 * Runs a service function in-process against the bench database and captures every SQL statement it
 * issues (Kysely's query log), then asks the engine for each statement's plan: EXPLAIN QUERY PLAN on
 * SQLite, EXPLAIN on PostgreSQL. So the plans shown are of exactly the statements Nenner runs.
 */
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import type { AppContext } from '../src/context.js';
import type { DB } from '../src/db/schema.js';

export interface Captured {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

export const openCapturing = (engine: 'sqlite' | 'postgres', target: { file?: string; url?: string }) => {
  const captured: Captured[] = [];
  const log = (event: {
    level: string;
    query: { sql: string; parameters: readonly unknown[] };
    queryDurationMillis: number;
  }) => {
    captured.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
  };
  let explain: (c: Captured) => Promise<string[]>;
  let db: Kysely<DB>;
  if (engine === 'sqlite') {
    const sqlite = new SQLite(target.file ?? '');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), log });
    explain = async (c) =>
      (
        sqlite.prepare(`explain query plan ${c.sql}`).all(c.parameters as unknown[]) as {
          detail: string;
          id: number;
          parent: number;
        }[]
      ).map((r) => r.detail);
  } else {
    const TIMESTAMPTZ_OID = 1184;
    const INT8_OID = 20;
    const types = {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        if (oid === TIMESTAMPTZ_OID) return (v: string) => new Date(v).toISOString();
        if (oid === INT8_OID) return (v: string) => Number(v);
        return pg.types.getTypeParser(oid, format);
      },
    };
    const pool = new pg.Pool({ connectionString: target.url, max: 2, types });
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
    explain = async (c) =>
      (await pool.query(`explain ${c.sql}`, c.parameters as unknown[])).rows.map((r) => String(r['QUERY PLAN']));
  }
  const config = {
    ...loadConfig(),
    database:
      engine === 'sqlite'
        ? { kind: 'sqlite' as const, file: target.file ?? '' }
        : { kind: 'postgres' as const, url: target.url ?? '' },
  };
  const ctx: AppContext = { db, engine, config };
  return {
    ctx,
    /** Runs fn, returns the statements it ran with their plans. */
    async capture<T>(fn: (ctx: AppContext) => Promise<T>) {
      captured.length = 0;
      const result = await fn(ctx);
      const statements = [...captured];
      const plans: { sql: string; ms: number; plan: string[] }[] = [];
      for (const c of statements) {
        plans.push({
          sql: c.sql,
          ms: Math.round(c.ms * 10) / 10,
          plan: /^\s*(select|with)/i.test(c.sql) ? await explain(c) : [],
        });
      }
      return { result, plans };
    },
    close: () => db.destroy(),
  };
};

/** Prints each captured statement (shortened) with its plan. */
export const printPlans = (log: (line: string) => void, plans: { sql: string; ms: number; plan: string[] }[]) => {
  for (const p of plans) {
    log(
      `    ${p.ms} ms  ${p.sql.replace(/\s+/g, ' ').slice(0, process.env.BENCH_SQL_WIDTH ? Number(process.env.BENCH_SQL_WIDTH) : 220)}`,
    );
    for (const line of p.plan) log(`        ${line}`);
  }
};
