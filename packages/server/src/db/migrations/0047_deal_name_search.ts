import { type Kysely, sql } from 'kysely';
import type { Engine } from '../dialect.js';
import { dealNameIndex } from '../search.js';

/**
 * The deal list's text filter by an index (issue 17): `q` walked the sort's index and tested every deal's
 * name on the way, which for a rare name read most of the 100,000 deals (1M contacts: 73–196 ms on SQLite,
 * 104–158 ms on PostgreSQL). SQLite gets an FTS5 trigram index of the sort keys (db/search.ts
 * `dealNameIndex`), PostgreSQL a pg_trgm GIN index on them, which its planner uses for a substring it
 * expects in few deals.
 */
export const dealNameSearch = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (engine === 'postgres') {
      // 0028 installed pg_trgm; its operator class lives in the extension's schema
      const { rows } = await sql<{ schema: string }>`
        select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
        where e.extname = 'pg_trgm'`.execute(db);
      const opclass = sql.raw(`"${rows[0]?.schema ?? 'public'}".gin_trgm_ops`);
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
