import SQLite from 'better-sqlite3';
import { BUMP_FACTS, factsVersionTriggers } from '../db/migrations/0015_facts_version.js';
import { bulkLoadTriggers, RECOMPUTE_ALL } from '../db/migrations/0031_attribution_credits.js';
import { openDealTriggers, SETTLE_OPEN_DEALS } from '../db/migrations/0049_account_open_deals.js';
import { searchBulkLoad } from '../db/search.js';
import { startRowFeed } from './seed.feed.js';
import { loadedCounts, type SeedPlan, type SeedTable, seedTables } from './seed.rows.js';
import { searchIndexBuild } from './seed.search.js';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
/** Wall and CPU seconds since a mark: on a busy machine the two differ a lot. */
const since = (mark: { wall: number; cpu: number }) =>
  `${((performance.now() - mark.wall) / 1000).toFixed(1)} s (cpu ${(cpu() - mark.cpu).toFixed(1)} s)`;
const markNow = () => ({ wall: performance.now(), cpu: cpu() });

/** The page cache of the load (KiB, negative as the pragma takes it): the rows and the search indexes. */
const LOAD_CACHE = -1048576;
/**
 * The page cache while the secondary indexes are built, which also sizes the sorter's runs: 8 MiB runs on two
 * threads built the 43 indexes of 1M contacts and 200,000 accounts in 25–26 s against 35–37 s for one sort in
 * memory (2 cores, 2026-12-07; 4 MiB the same, 32–64 MiB no faster than memory).
 */
const SORT_CACHE = -8192;

const insertSql = (table: string, columns: readonly string[]) =>
  `insert into ${table} (${columns.join(',')}) values (${columns.map(() => '?').join(',')})`;

/** Sets the journal mode unless another connection holds the file open (SQLITE_BUSY); returns the mode in force. */
const setJournal = (sqlite: SQLite.Database, mode: 'delete' | 'wal'): string => {
  try {
    return String(sqlite.pragma(`journal_mode = ${mode}`, { simple: true }));
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    return String(sqlite.pragma('journal_mode', { simple: true }));
  }
};

/**
 * `DROP TRIGGER IF EXISTS x` in `main`: unqualified, SQLite looks for it in every attached file and holds a
 * read lock on each until the commit, which would keep the search index build (seed.search.ts) from its file.
 */
const inMain = (statement: string) =>
  statement.replace(/^DROP TRIGGER IF EXISTS (?!main\.)/i, 'DROP TRIGGER IF EXISTS main.');

/**
 * Loads the plan into a migrated SQLite file through the raw driver. The secondary indexes of both tables
 * are dropped first and rebuilt afterwards from their own stored definitions (sqlite_master), so they come
 * back exactly as the migration made them; sorting once is much faster than updating ten B-trees per row.
 */
export const loadSqlite = async (file: string, plan: SeedPlan, log: (line: string) => void): Promise<number> => {
  const sqlite = new SQLite(file);
  // Rebuilding pays off when the load is large next to what is there (a fresh seed); not for a small append.
  const bulk = plan.contacts > plan.offset;
  let searchBuild: ReturnType<typeof searchIndexBuild> | null = null;
  try {
    // A large load writes through a rollback journal. In WAL mode its one transaction put every new page
    // into the WAL first and copied it into the file at the checkpoint: twice the writes, and twice the
    // database's size on disk meanwhile (5M contacts, ~35 GB: the WAL alone held 24 GB before the indexes
    // were built, and the checkpoint would not have fit on the disk). The rollback journal holds only the
    // pages that were there before, few in a fresh file. WAL again after the commit; unchanged (WAL) while
    // another connection holds the file open (the tests' own).
    const journal = setJournal(sqlite, bulk ? 'delete' : 'wal');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma(`cache_size = ${LOAD_CACHE}`);
    // The index builds sort in runs of the page cache's size, each run by a helper thread while the table is
    // read on (see below). A sort in memory (`temp_store = MEMORY`) is one run on one thread, whatever
    // `threads` says; the runs' files are temporary and mostly stay in the OS's file cache.
    sqlite.pragma('temp_store = FILE');
    sqlite.pragma('threads = 2');
    // Rows are generated with valid references; checked once at the end instead of per row.
    sqlite.pragma('foreign_keys = OFF');

    const tables = Object.keys(seedTables) as SeedTable[];
    const indexes = sqlite
      .prepare<string[], { name: string; sql: string }>(
        `select name, sql from sqlite_master
          where type = 'index' and tbl_name in (${tables.map(() => '?').join(',')}) and sql is not null`,
      )
      .all(...tables);
    const dropped = bulk ? indexes : [];
    // The search documents (migration 0028) come with the rows, made on the generating thread (`searchDocOf`),
    // instead of a trigger per record that folds in SQL, and their FTS5 indexes are built anew after the load
    // on a thread of their own (`searchIndexBuild`). For a small append the triggers stay.
    const search = bulk ? searchBulkLoad('sqlite') : { before: [], indexed: [], after: [], create: [] };
    searchBuild = search.indexed.length > 0 ? searchIndexBuild(sqlite, file, search.indexed) : null;
    // One transaction: if anything fails, the dropped indexes come back with the rollback.
    sqlite.exec('begin');
    let started = markNow();
    for (const { name } of dropped) sqlite.exec(`drop index "${name.replace(/"/g, '""')}"`);
    // The stage stamps are in the rows already, and the facts version is bumped once at the end instead
    // of once per row; the attribution credits are recomputed as a whole instead of marking deals per row.
    const triggers = bulkLoadTriggers('sqlite');
    const factsTriggers = factsVersionTriggers('sqlite');
    // whether each account has an open deal is asked once after the load instead of by a trigger per deal
    const openDeals = openDealTriggers('sqlite');
    for (const statement of [...triggers.drop, ...factsTriggers.drop, ...search.before, ...openDeals.drop]) {
      sqlite.exec(inMain(statement));
    }

    const statements = Object.fromEntries(
      tables.map((t) => [t, sqlite.prepare(insertSql(t, seedTables[t]))]),
    ) as Record<SeedTable, SQLite.Statement>;
    const counts = Object.fromEntries(tables.map((t) => [t, 0])) as Record<SeedTable, number>;
    const feed = startRowFeed({ ...plan, searchDocs: bulk });
    try {
      for (let batch = feed.next(); !('done' in batch); batch = feed.next()) {
        const statement = statements[batch.table];
        for (const row of batch.rows ?? []) statement.run(row);
        counts[batch.table] += batch.count;
      }
    } finally {
      await feed.close();
    }
    const { rows, summary } = loadedCounts(counts);
    log(`  inserted ${summary} in ${since(started)}; journal: ${journal}`);

    started = markNow();
    searchBuild?.start();
    const perIndex: [string, number][] = [];
    sqlite.pragma(`cache_size = ${SORT_CACHE}`);
    for (const { name, sql } of dropped) {
      const t = performance.now();
      sqlite.exec(sql);
      perIndex.push([name, (performance.now() - t) / 1000]);
    }
    sqlite.pragma(`cache_size = ${LOAD_CACHE}`);
    const indexesTook = since(started);
    started = markNow();
    const perStatement: [string, number][] = [];
    for (const statement of search.after) {
      const t = performance.now();
      sqlite.exec(statement);
      perStatement.push([statement.slice(0, 60), (performance.now() - t) / 1000]);
    }
    await searchBuild?.finish();
    const searchTook = since(started);
    for (const statement of SETTLE_OPEN_DEALS) sqlite.exec(statement);
    for (const statement of [...triggers.create, ...factsTriggers.create, ...search.create, ...openDeals.create]) {
      sqlite.exec(statement);
    }
    sqlite.exec(BUMP_FACTS);
    // no deal was marked during the load: every deal's attribution credits are recomputed on the next read
    sqlite.exec(RECOMPUTE_ALL);
    sqlite.exec('commit');
    searchBuild?.close();
    if (journal !== 'wal') setJournal(sqlite, 'wal');
    log(`  rebuilt ${dropped.length} indexes in ${indexesTook}`);
    const slowest = perIndex.sort((a, b) => b[1] - a[1]).slice(0, 8);
    log(`    slowest: ${slowest.map(([n, s]) => `${n} ${s.toFixed(1)} s`).join(', ')}`);
    if (searchBuild) log(`  then waited for and copied in the FTS5 indexes of the search documents: ${searchTook}`);
    const slowSearch = perStatement.filter(([, s]) => s >= 0.1).sort((a, b) => b[1] - a[1]);
    if (slowSearch.length > 0)
      log(`    slowest: ${slowSearch.map(([st, s]) => `${s.toFixed(1)} s ${st}…`).join(', ')}`);

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
    return rows;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    throw error;
  } finally {
    searchBuild?.close();
    sqlite.close();
  }
};
