import { type Kysely, sql } from 'kysely';
import type { Engine } from '../dialect.js';
import { dealSearchTriggers, rebuildDealSearchDocs, trigramOpclass } from '../search.js';

/**
 * The global search's deals by an index (issue 14): it folded every deal's name per query, a scan that took
 * seconds at 100,000 deals on SQLite. Now a folded document per deal as 0028 keeps for contacts and
 * accounts (db/search.ts): FTS5 trigram on SQLite, pg_trgm's GIN index on PostgreSQL, kept by triggers.
 */
export const dealSearch = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const run = async (statements: string[]) => {
      for (const s of statements) await sql.raw(s).execute(db);
    };
    const fill = rebuildDealSearchDocs(engine).filter((s) => !s.startsWith('DELETE'));
    if (engine === 'postgres') {
      const opclass = await trigramOpclass(db);
      await run([
        'CREATE TABLE deal_search_docs (n bigint GENERATED ALWAYS AS IDENTITY, deal_id text PRIMARY KEY, doc text NOT NULL)',
        ...fill,
        `CREATE INDEX deal_search_docs_trgm ON deal_search_docs USING gin (doc ${opclass})`,
        ...dealSearchTriggers(engine).create,
      ]);
      return;
    }
    await run([
      'CREATE TABLE deal_search_docs (n integer PRIMARY KEY, deal_id text NOT NULL UNIQUE, doc text NOT NULL)',
      ...fill,
      "CREATE VIRTUAL TABLE deal_search_fts USING fts5(doc, content='deal_search_docs', content_rowid='n', tokenize='trigram')",
      "INSERT INTO deal_search_fts (deal_search_fts) VALUES ('rebuild')",
      ...dealSearchTriggers(engine).create,
    ]);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const s of dealSearchTriggers(engine).drop) await sql.raw(s).execute(db);
    if (engine === 'postgres') await sql.raw('DROP FUNCTION IF EXISTS nenner_deal_search_doc()').execute(db);
    else await sql.raw('DROP TABLE IF EXISTS deal_search_fts').execute(db);
    await sql.raw('DROP TABLE IF EXISTS deal_search_docs').execute(db);
  },
});
