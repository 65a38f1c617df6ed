import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';
import { searchTriggers } from '../search.js';

/**
 * Ranked search over many matches (issue 14): `mueller` matches ~8,800 of 1M contacts, and ranking them
 * then ordering by name read every match's contact by its key before the page could be cut (PostgreSQL
 * 190–490 ms). The documents now carry the record's sort keys and deletion time, kept by the triggers, so
 * the rank, the order and the live filter come from the documents alone and only the page's records are
 * read (db/search.ts `rankedDocPage`).
 */
export const searchDocKeys = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const run = async (statements: string[]) => {
      for (const s of statements) await sql.raw(s).execute(db);
    };
    const ts = columnTypes(engine).timestamp;
    const fill = [
      `UPDATE contact_search_docs SET sort_last_name = c.sort_last_name, sort_first_name = c.sort_first_name, deleted_at = c.deleted_at FROM contacts c WHERE c.id = contact_search_docs.contact_id`,
      `UPDATE account_search_docs SET sort_name = a.sort_name, deleted_at = a.deleted_at FROM accounts a WHERE a.id = account_search_docs.account_id`,
    ];
    const columns = [
      `ALTER TABLE contact_search_docs ADD COLUMN sort_last_name text NOT NULL DEFAULT ''`,
      `ALTER TABLE contact_search_docs ADD COLUMN sort_first_name text NOT NULL DEFAULT ''`,
      `ALTER TABLE contact_search_docs ADD COLUMN deleted_at ${ts}`,
      `ALTER TABLE account_search_docs ADD COLUMN sort_name text NOT NULL DEFAULT ''`,
      `ALTER TABLE account_search_docs ADD COLUMN deleted_at ${ts}`,
    ];
    await run(searchTriggers(engine, 0).drop);
    if (engine === 'postgres') {
      // every row gets a new version: without the trigram indexes, then building them once is far cheaper
      // than a million index insertions
      const { rows } = await sql<{ def: string }>`
        select indexdef as def from pg_indexes
        where schemaname = current_schema() and indexname in ('contact_search_docs_trgm', 'account_search_docs_trgm')`.execute(
        db,
      );
      await run([
        'DROP INDEX IF EXISTS contact_search_docs_trgm',
        'DROP INDEX IF EXISTS account_search_docs_trgm',
        ...columns,
        ...fill,
        ...rows.map((r) => r.def),
      ]);
    } else {
      // the FTS5 indexes follow `doc` only (their triggers fire on UPDATE OF doc): untouched here
      await run([...columns, ...fill]);
    }
    await run(searchTriggers(engine, 1).create);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    const run = async (statements: string[]) => {
      for (const s of statements) await sql.raw(s).execute(db);
    };
    await run(searchTriggers(engine, 1).drop);
    await run([
      'ALTER TABLE contact_search_docs DROP COLUMN sort_last_name',
      'ALTER TABLE contact_search_docs DROP COLUMN sort_first_name',
      'ALTER TABLE contact_search_docs DROP COLUMN deleted_at',
      'ALTER TABLE account_search_docs DROP COLUMN sort_name',
      'ALTER TABLE account_search_docs DROP COLUMN deleted_at',
    ]);
    await run(searchTriggers(engine, 0).create);
  },
});
