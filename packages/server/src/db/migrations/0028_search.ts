import { type Kysely, sql } from 'kysely';
import type { Engine } from '../dialect.js';
import { rebuildSearchDocs, searchTriggers, trigramOpclass } from '../search.js';

/**
 * Search that finds people (issue 14): a folded search document per contact and per account, kept by
 * triggers (db/search.ts), indexed for substring match: FTS5 with the trigram tokenizer on SQLite, pg_trgm's
 * GIN index on PostgreSQL. The documents of existing rows are written by one INSERT…SELECT per table.
 * (The documents as they were then: text only. 0039 added their keys and replaced the triggers.)
 */
export const search = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const run = async (statements: string[]) => {
      for (const s of statements) await sql.raw(s).execute(db);
    };
    if (engine === 'postgres') {
      await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
      const opclass = await trigramOpclass(db);
      await run([
        // `n` as on SQLite (where it is the FTS5 rowid), so both engines have the same table
        'CREATE TABLE contact_search_docs (n bigint GENERATED ALWAYS AS IDENTITY, contact_id text PRIMARY KEY, doc text NOT NULL)',
        'CREATE TABLE account_search_docs (n bigint GENERATED ALWAYS AS IDENTITY, account_id text PRIMARY KEY, doc text NOT NULL)',
        ...rebuildSearchDocs(engine, 0).filter((s) => !s.startsWith('DELETE')),
        `CREATE INDEX contact_search_docs_trgm ON contact_search_docs USING gin (doc ${opclass})`,
        `CREATE INDEX account_search_docs_trgm ON account_search_docs USING gin (doc ${opclass})`,
        ...searchTriggers(engine, 0).create,
      ]);
      return;
    }
    // `n` is the documents' stable rowid (a text primary key's implicit rowid may change on VACUUM)
    await run([
      'CREATE TABLE contact_search_docs (n integer PRIMARY KEY, contact_id text NOT NULL UNIQUE, doc text NOT NULL)',
      'CREATE TABLE account_search_docs (n integer PRIMARY KEY, account_id text NOT NULL UNIQUE, doc text NOT NULL)',
      ...rebuildSearchDocs(engine, 0).filter((s) => !s.startsWith('DELETE')),
      "CREATE VIRTUAL TABLE contact_search_fts USING fts5(doc, content='contact_search_docs', content_rowid='n', tokenize='trigram')",
      "CREATE VIRTUAL TABLE account_search_fts USING fts5(doc, content='account_search_docs', content_rowid='n', tokenize='trigram')",
      "INSERT INTO contact_search_fts (contact_search_fts) VALUES ('rebuild')",
      "INSERT INTO account_search_fts (account_search_fts) VALUES ('rebuild')",
      ...searchTriggers(engine, 0).create,
    ]);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const s of searchTriggers(engine, 0).drop) await sql.raw(s).execute(db);
    if (engine === 'postgres') {
      await sql.raw('DROP FUNCTION IF EXISTS nenner_contact_search_doc()').execute(db);
      await sql.raw('DROP FUNCTION IF EXISTS nenner_account_search_doc()').execute(db);
    } else {
      await sql.raw('DROP TABLE IF EXISTS contact_search_fts').execute(db);
      await sql.raw('DROP TABLE IF EXISTS account_search_fts').execute(db);
    }
    await sql.raw('DROP TABLE IF EXISTS contact_search_docs').execute(db);
    await sql.raw('DROP TABLE IF EXISTS account_search_docs').execute(db);
  },
});
