import { type Kysely, sql } from 'kysely';
import type { Engine } from '../dialect.js';
import { wordIndexes } from '../search.js';

/**
 * Ranked search over thousands of matches on SQLite (issue 14): a word index (FTS5, unicode61) beside the
 * trigram index of the contacts', accounts' and deals' documents, kept by its own triggers. A ranked page
 * takes its whole-word and word-beginning matches from it (db/search.ts `rankedDocPage`): at 1M contacts
 * `mueller` went from ~70 to 14 ms (docs/performance.md). PostgreSQL keeps its trigram index alone.
 */
export const searchWords = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (engine !== 'sqlite') return;
    for (const s of [...wordIndexes.tables, ...wordIndexes.rebuild, ...wordIndexes.create]) {
      await sql.raw(s).execute(db);
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    if (engine !== 'sqlite') return;
    for (const s of wordIndexes.drop) await sql.raw(s).execute(db);
    for (const t of ['contact', 'account', 'deal']) await sql.raw(`DROP TABLE IF EXISTS ${t}_search_words`).execute(db);
  },
});
