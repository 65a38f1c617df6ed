import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';
import { creditColumns } from './0031_attribution_credits.js';

/*
 * Credits recomputed page by page (issue 17): a recomputation wrote every credit row it computed in one
 * transaction at the end, so it held them all in memory first (a settings change at 1M contacts: peak RSS
 * 1.8 GB on SQLite, 1.3 GB on PostgreSQL). It now writes each page of deals' credits here under its own
 * run, and the transaction that claims the new version moves the run's rows into `attribution_credits`
 * with one INSERT … SELECT. `staged_at` lets a later full run remove what a stopped one left.
 */
export const attributionStaging = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts, money } = columnTypes(engine);
    // on PostgreSQL unlogged: what a crash loses is a recomputation that starts again anyway
    let staging = db.schema
      .createTable('attribution_credits_staging')
      .$call((b) => (engine === 'postgres' ? b.modifyFront(sql`unlogged`) : b))
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('deal_id', 'text', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('converted_at', ts, (c) => c.notNull());
    for (const column of creditColumns) staging = staging.addColumn(column, money, (c) => c.notNull());
    // no key and no index: rows are appended, and read, moved and removed a whole run at a time (the table
    // holds the running recomputations' rows only, so reading it whole is reading the run)
    await staging.addColumn('staged_at', ts, (c) => c.notNull()).execute();
  },
});
