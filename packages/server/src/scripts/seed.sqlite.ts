import SQLite from 'better-sqlite3';
import { startRowFeed } from './seed.feed.js';
import { accountColumns, contactColumns, type SeedPlan } from './seed.rows.js';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
/** Wall and CPU seconds since a mark: on a busy machine the two differ a lot. */
const since = (mark: { wall: number; cpu: number }) =>
  `${((performance.now() - mark.wall) / 1000).toFixed(1)} s (cpu ${(cpu() - mark.cpu).toFixed(1)} s)`;
const markNow = () => ({ wall: performance.now(), cpu: cpu() });

const insertSql = (table: string, columns: readonly string[]) =>
  `insert into ${table} (${columns.join(',')}) values (${columns.map(() => '?').join(',')})`;

/**
 * Loads the plan into a migrated SQLite file through the raw driver. The secondary indexes of both tables
 * are dropped first and rebuilt afterwards from their own stored definitions (sqlite_master), so they come
 * back exactly as the migration made them; sorting once is much faster than updating ten B-trees per row.
 */
export const loadSqlite = async (file: string, plan: SeedPlan, log: (line: string) => void): Promise<void> => {
  const sqlite = new SQLite(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -1048576');
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('threads = 2');
    // Rows are generated with valid references; checked once at the end instead of per row.
    sqlite.pragma('foreign_keys = OFF');

    const indexes = sqlite
      .prepare<[], { name: string; sql: string }>(
        `select name, sql from sqlite_master
          where type = 'index' and tbl_name in ('accounts', 'contacts') and sql is not null`,
      )
      .all();
    // Rebuilding pays off when the load is large next to what is there (a fresh seed); not for a small append.
    const dropped = plan.contacts > plan.offset ? indexes : [];
    // One transaction: if anything fails, the dropped indexes come back with the rollback.
    sqlite.exec('begin');
    let started = markNow();
    for (const { name } of dropped) sqlite.exec(`drop index "${name.replace(/"/g, '""')}"`);

    const statements = {
      accounts: sqlite.prepare(insertSql('accounts', accountColumns)),
      contacts: sqlite.prepare(insertSql('contacts', contactColumns)),
    };
    const feed = startRowFeed(plan);
    try {
      for (let batch = feed.next(); !('done' in batch); batch = feed.next()) {
        const statement = statements[batch.table];
        for (const row of batch.rows ?? []) statement.run(row);
      }
    } finally {
      await feed.close();
    }
    const rows = plan.accounts + plan.contacts;
    log(`  inserted ${rows.toLocaleString('en')} rows in ${since(started)}`);

    started = markNow();
    for (const { sql } of dropped) sqlite.exec(sql);
    sqlite.exec('commit');
    log(`  rebuilt ${dropped.length} indexes in ${since(started)}`);

    started = markNow();
    const broken = sqlite.prepare('pragma foreign_key_check').all();
    if (broken.length > 0) throw new Error(`Seed produced ${broken.length} broken references`);
    log(`  checked references in ${since(started)}`);
    started = markNow();
    // Sampled statistics (as `pragma optimize` gathers them) take a fraction of a full scan per index.
    sqlite.pragma('analysis_limit = 1000');
    sqlite.exec('analyze');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    log(`  analyzed and checkpointed in ${since(started)}`);
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    throw error;
  } finally {
    sqlite.close();
  }
};
