import { type Kysely, sql } from 'kysely';
import type { Engine } from '../dialect.js';
import { pgWordVector } from '../search.js';

/**
 * Ranked search over thousands of matches on PostgreSQL (issue 14): a word index (GIN over the document's
 * words, `pgWordVector`) beside the trigram index of the contacts', accounts' and deals' documents. A
 * ranked page takes its whole-word and word-beginning matches from it, as SQLite takes them from its FTS5
 * word index (0040): one posting list instead of the intersection of every trigram's, and no recheck of
 * each match's text. It is an expression index, kept by PostgreSQL itself: no trigger.
 */
export const searchWordsPostgres = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (engine !== 'postgres') return;
    for (const t of ['contact', 'account', 'deal']) {
      await sql`create index ${sql.id(`${t}_search_docs_words`)} on ${sql.table(`${t}_search_docs`)} using gin (${sql.raw(pgWordVector())})`.execute(
        db,
      );
    }
  },
});
