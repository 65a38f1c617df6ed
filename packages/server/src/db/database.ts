import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, type MigrationProvider, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Engine } from './dialect.js';
import { migrations } from './migrations/index.js';
import { keepStatisticsFresh } from './optimize.js';
import type { DB } from './schema.js';
import { NennerSqliteDialect, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-dialect.js';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** PostgreSQL's connection pool (for /metrics: in use, idle, waiting). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

/** PostgreSQL hands timestamps back as ISO strings, so rows read the same as on SQLite. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ_OID) return (v: string) => new Date(v).toISOString();
    if (oid === INT8_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs about as much as running a one-row
 * lookup, so reuse statements by SQL text (the queries are built from a fixed set of shapes). Kysely holds
 * its single connection for a whole query or stream, so a cached statement is never used twice at once.
 */
const withStatementCache = (sqlite: SQLite.Database) => {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
        cache.set(sql, statement);
      }
      return statement;
    },
  };
};

/**
 * How Nenner opens an SQLite file: WAL, foreign keys on, and a 256 MiB page cache (the default is 2 MiB,
 * far below a workspace's working set; reads of a list page then stay out of the kernel).
 */
export const configureSqlite = (sqlite: SQLite.Database): SQLite.Database => {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // deleted and rewritten content is overwritten in the file, so an erasure (DSGVO) leaves nothing readable
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -262144');
  return sqlite;
};

/** Opens the configured database; nothing else in the server knows which engine it talks to. */
export const openDatabase = (database: Config['database']): Database => {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10, types: pgTypes });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', pool, close: () => db.destroy() };
  }
  fs.mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = configureSqlite(new SQLite(database.file));
  // still with configureSqlite's busy timeout: at open it may wait for another process's write lock
  keepStatisticsFresh(sqlite);
  // the server waits for another process's lock without blocking its event loop (see sqlite-dialect.ts)
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const db = new Kysely<DB>({ dialect: new NennerSqliteDialect(withStatementCache(sqlite)) });
  return { db, engine: 'sqlite', close: () => db.destroy() };
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly set: Record<string, Migration>) {}
  async getMigrations() {
    return this.set;
  }
}

/**
 * Applies every pending migration, all in one transaction on both engines (see sqlite-dialect.ts): when one
 * fails, none of this run's is kept and the error names the failing one and the version the database stays
 * at. `set` is for tests that inject a migration.
 */
export const migrateToLatest = async (
  { db, engine }: Database,
  set: Record<string, Migration> = migrations(engine),
): Promise<void> => {
  // Kysely looks for its migration tables in every schema; name ours, or another schema's tables (a second
  // workspace in the same PostgreSQL database) would make it skip creating them here.
  const schema =
    engine === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(set),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const applied = await migrator.getMigrations().catch(() => []);
    const current = applied.filter((m) => m.executedAt).at(-1)?.name ?? 'none (empty)';
    const what = failed ? `Migration ${failed.migrationName} failed` : 'Migrating failed';
    throw new Error(`${what}: ${String(error)}. The database stays at migration ${current}.`, { cause: error });
  }
};
