import { type Kysely, sql } from 'kysely';
import type { Engine } from '../dialect.js';
import { dealNameIndex, trigramOpclass } from '../search.js';

/**
 * The deal list's text filter by an index (issue 17): `q` walked the sort's index and tested every deal's
 * name on the way, which for a rare name read most of the 100,000 deals (1M contacts, a name in two deals: up
 * to 296 ms on SQLite and 167 ms on PostgreSQL). SQLite gets an FTS5 trigram index of the sort keys (db/search.ts
 * `dealNameIndex`), PostgreSQL a pg_trgm GIN index on them, which its planner uses for a substring it
 * expects in few deals.
 */
export const dealNameSearch = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (engine === 'postgres') {
      const opclass = sql.raw(await trigramOpclass(db));
      await sql`create index deals_name_trgm on deals using gin (sort_name ${opclass})`.execute(db);
      return;
    }
    for (const s of [dealNameIndex.table, ...dealNameIndex.rebuild, ...dealNameIndex.create]) {
      await sql.raw(s).execute(db);
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    if (engine === 'postgres') {
      await sql`drop index if exists deals_name_trgm`.execute(db);
      return;
    }
    for (const s of [...dealNameIndex.drop, 'DROP TABLE IF EXISTS deal_name_fts']) await sql.raw(s).execute(db);
  },
});
