import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';
import { searchTriggers } from '../search.js';

/**
 * A search sorted by creation or change date (issue 17): the documents carried the name keys only (0039),
 * so a search sorted by date read every match's record to order them (1M contacts, `q=Pfeiffer&sort=
 * -createdAt`: SQLite 83–134 ms, PostgreSQL 148–175 ms). The documents now carry the record's creation and
 * change times too, kept by the triggers, and the ranked page orders by them in the documents alone.
 */
export const searchDocDates = (engine: Engine) => ({
  // PostgreSQL writes a new version of every document: their indexes are rebuilt after the commit
  reindex: engine === 'postgres' ? ['contact_search_docs', 'account_search_docs'] : [],
  async up(db: Kysely<unknown>): Promise<void> {
    const run = async (statements: string[]) => {
      for (const s of statements) await sql.raw(s).execute(db);
    };
    const ts = columnTypes(engine).timestamp;
    const tables = [
      ['contact_search_docs', 'contact_id', 'contacts'],
      ['account_search_docs', 'account_id', 'accounts'],
    ] as const;
    const columns = tables.flatMap(([t]) => [
      `ALTER TABLE ${t} ADD COLUMN created_at ${ts}`,
      `ALTER TABLE ${t} ADD COLUMN updated_at ${ts}`,
    ]);
    const fill = tables.map(
      ([t, id, records]) =>
        `UPDATE ${t} SET created_at = r.created_at, updated_at = r.updated_at FROM ${records} r WHERE r.id = ${t}.${id}`,
    );
    await run(searchTriggers(engine, 1).drop);
    if (engine === 'postgres') {
      // every row gets a new version: without the documents' own indexes, then building them once is far
      // cheaper than a million insertions into each (and rebuilt once more after the commit: `reindex`)
      const { rows } = await sql<{ name: string; def: string }>`
        select indexname as name, indexdef as def from pg_indexes
        where schemaname = current_schema() and tablename in ('contact_search_docs', 'account_search_docs')
          and indexname not like '%_pkey'`.execute(db);
      await run([...rows.map((r) => `DROP INDEX IF EXISTS ${r.name}`), ...columns, ...fill, ...rows.map((r) => r.def)]);
    } else {
      // the FTS5 indexes follow `doc` only (their triggers fire on UPDATE OF doc): untouched here
      await run([...columns, ...fill]);
    }
    await run(searchTriggers(engine, 2).create);
  },
});
