import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type DatabaseIntrospector,
  type DatabaseMetadataOptions,
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  sql,
  type TableMetadata,
} from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Engine } from './dialect.js';
import { migrations, type NennerMigration } from './migrations/index.js';
import { keepStatisticsFresh } from './optimize.js';
import { kyselyPool } from './pg-pool.js';
import type { DB } from './schema.js';
import { NennerSqliteDialect, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-dialect.js';
import { withStatementCache } from './sqlite-statements.js';

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

/**
 * PostgreSQL: what Kysely's introspection (the migrator's "does my table exist?") sees is Nenner's own
 * schema, the first of the search path. Kysely's own reads the columns of every schema in the database,
 * and fails when another workspace's schema is dropped or altered during that read ("schema … does not
 * exist"), as tests on one database do all the time, each in a schema of its own.
 */
class OwnSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}
  async getSchemas() {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.db);
    return rows.filter((r) => r.name);
  }
  async getTables(options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
    const { rows } = await sql<{
      schema: string;
      table: string;
      type: string;
      column: string;
      data_type: string;
      nullable: string;
      default_value: string | null;
    }>`select c.table_schema as schema, c.table_name as "table", t.table_type as type, c.column_name as "column",
        c.udt_name as data_type, c.is_nullable as nullable, c.column_default as default_value
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema()
      order by c.table_name, c.ordinal_position`.execute(this.db);
    const tables = new Map<string, TableMetadata>();
    for (const r of rows) {
      if (!options?.withInternalKyselyTables && r.table.startsWith('kysely_migration')) continue;
      const table = tables.get(r.table) ?? { name: r.table, schema: r.schema, isView: r.type === 'VIEW', columns: [] };
      tables.set(r.table, table);
      table.columns.push({
        name: r.column,
        dataType: r.data_type,
        isNullable: r.nullable === 'YES',
        hasDefaultValue: r.default_value !== null,
        isAutoIncrementing: r.default_value?.startsWith('nextval(') ?? false,
      });
    }
    return [...tables.values()];
  }
  async getMetadata(options?: DatabaseMetadataOptions) {
    return { tables: await this.getTables(options) };
  }
}

class OwnSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new OwnSchemaIntrospector(db);
  }
}

/** Opens the configured database; nothing else in the server knows which engine it talks to. */
export const openDatabase = (database: Config['database']): Database => {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10, types: pgTypes });
    const db = new Kysely<DB>({ dialect: new OwnSchemaPostgresDialect({ pool: kyselyPool(pool) }) });
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
  set: Record<string, NennerMigration> = migrations(engine),
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
  // outside the migrations' transaction, so the rewritten rows' old versions are gone (NennerMigration)
  const applied = (results ?? []).filter((r) => r.status === 'Success');
  for (const table of new Set(applied.flatMap((r) => set[r.migrationName]?.reindex ?? []))) {
    await sql`reindex ${sql.raw(engine === 'postgres' ? 'table ' : '')}${sql.table(table)}`.execute(db);
  }
};
