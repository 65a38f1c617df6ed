import { type Kysely, sql } from 'kysely';
import type { Engine } from '../dialect.js';
import { dealNameIndex } from '../search.js';

/**
 * The deal list's text filter by an index on SQLite (issue 17): `q` walked the sort's index and tested
 * every deal's name on the way, which for a rare name at a deep cursor read most of the 100,000 deals
 * (1M contacts: 62 ms for `-closeDate q=Egger`). An FTS5 trigram index of the sort keys (db/search.ts
 * `dealNameIndex`) finds a rare name's deals, which the list then sorts.
 */
export const dealNameSearch = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (engine !== 'sqlite') return;
    for (const s of [dealNameIndex.table, ...dealNameIndex.rebuild, ...dealNameIndex.create]) {
      await sql.raw(s).execute(db);
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    if (engine !== 'sqlite') return;
    for (const s of [...dealNameIndex.drop, 'DROP TABLE IF EXISTS deal_name_fts']) await sql.raw(s).execute(db);
  },
});
