import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BUMP_FACTS, factsVersionTriggers } from '../db/migrations/0015_facts_version.js';
import { bulkLoadTriggers, RECOMPUTE_ALL } from '../db/migrations/0031_attribution_credits.js';
import { openDealTriggers, SETTLE_OPEN_DEALS } from '../db/migrations/0049_account_open_deals.js';
import { searchBulkLoad } from '../db/search.js';
import { type SeedBatch, startRowFeed } from './seed.feed.js';
import { loadedCounts, type SeedPlan, type SeedTable, seedTables } from './seed.rows.js';

type Feed = ReturnType<typeof startRowFeed>;

/** Streams the feed's COPY text for one table; stops at the first batch of another table. */
const copyTable = async (
  client: pg.PoolClient,
  feed: Feed,
  state: { batch: Exclude<SeedBatch, { error: string }> },
  table: string,
  columns: readonly string[],
  counts: Record<string, number>,
) => {
  const chunks = function* () {
    for (let b = state.batch; !('done' in b) && b.table === table; b = state.batch) {
      counts[table] = (counts[table] ?? 0) + b.count;
      yield b.text ?? '';
      state.batch = feed.next();
    }
  };
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`copy ${table} (${columns.join(',')}) from stdin`)));
};

/**
 * Loads the plan into a migrated PostgreSQL database with COPY, in one transaction. Secondary indexes and
 * foreign keys of both tables are dropped first and recreated from their own definitions (pg_indexes,
 * pg_get_constraintdef), so they come back exactly as the migration made them, and re-validated.
 */
export const loadPostgres = async (url: string, plan: SeedPlan, log: (line: string) => void): Promise<number> => {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`set local maintenance_work_mem = '512MB'`);
    const tables = Object.keys(seedTables) as SeedTable[];
    // The search documents come with the rows (`searchDocOf`): their indexes go and come back with the others.
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `select i.indexname as name, i.indexdef as def
         from pg_indexes i
        where i.schemaname = current_schema() and i.tablename = any($1)
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname
                           and c.connamespace = current_schema()::regnamespace)`,
      [tables],
    );
    const { rows: foreignKeys } = await client.query<{ tbl: string; name: string; def: string }>(
      `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
         from pg_constraint
        where contype = 'f' and connamespace = current_schema()::regnamespace
          and conrelid::regclass::text = any($1)`,
      [tables],
    );
    // Rebuilding pays off when the load is large next to what is there (a fresh seed); not for a small append.
    const bulk = plan.contacts > plan.offset;
    if (!bulk) {
      indexes.length = 0;
      foreignKeys.length = 0;
    }
    let started = performance.now();
    for (const fk of foreignKeys) await client.query(`alter table ${fk.tbl} drop constraint "${fk.name}"`);
    for (const ix of indexes) await client.query(`drop index "${ix.name}"`);
    // The stage stamps are in the rows already (the row trigger would cost a function call per contact);
    // the facts version is bumped once at the end and the attribution credits recomputed as a whole.
    const triggers = bulkLoadTriggers('postgres');
    const factsTriggers = factsVersionTriggers('postgres');
    // The search documents (migration 0028) come with the rows, made on the generating thread (`searchDocOf`),
    // instead of a trigger function call per row (or one INSERT…SELECT after the load: 152 s of 367 s at 1M
    // contacts, folding in SQL). For a small append the triggers stay.
    const search = bulk ? searchBulkLoad('postgres') : { before: [], after: [], create: [] };
    // whether each account has an open deal is asked once after the load instead of by a trigger per deal
    const openDeals = openDealTriggers('postgres');
    for (const statement of [...triggers.drop, ...factsTriggers.drop, ...search.before, ...openDeals.drop]) {
      await client.query(statement);
    }

    // The worker generates and formats on the other core; accounts arrive first, as the references need.
    const feed = startRowFeed({ ...plan, searchDocs: bulk }, 'copy');
    const counts: Record<string, number> = {};
    try {
      const state = { batch: feed.next() };
      // One COPY per run of batches of one table; the generator sends each table's rows in one run.
      while (!('done' in state.batch)) {
        const table = state.batch.table;
        await copyTable(client, feed, state, table, seedTables[table], counts);
      }
    } finally {
      await feed.close();
    }
    const { rows, summary } = loadedCounts(counts);
    log(`  generated and copied ${summary} in ${secondsSince(started)} s`);

    for (const statement of [...SETTLE_OPEN_DEALS, ...search.after]) await client.query(statement);
    started = performance.now();
    for (const ix of indexes) await client.query(ix.def);
    for (const fk of foreignKeys) await client.query(`alter table ${fk.tbl} add constraint "${fk.name}" ${fk.def}`);
    for (const statement of [...triggers.create, ...factsTriggers.create, ...search.create, ...openDeals.create])
      await client.query(statement);
    await client.query(BUMP_FACTS);
    // no deal was marked during the load: every deal's attribution credits are recomputed on the next read
    await client.query(RECOMPUTE_ALL);
    log(`  rebuilt ${indexes.length} indexes and ${foreignKeys.length} foreign keys in ${secondsSince(started)} s`);
    await client.query('commit');
    started = performance.now();
    // VACUUM as well: right after COPY no page is marked all-visible, so index-only scans (the board's sums,
    // the duplicate scan's grouping) would visit the heap for every row until autovacuum comes by.
    for (const table of tables) await client.query(`vacuum (analyze) ${table}`);
    log(`  vacuumed and analyzed in ${secondsSince(started)} s`);
    return rows;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
    await pool.end();
  }
};

const secondsSince = (t: number) => ((performance.now() - t) / 1000).toFixed(1);
