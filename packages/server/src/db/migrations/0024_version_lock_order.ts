import { type Kysely, sql } from 'kysely';
import type { Engine } from '../dialect.js';

/*
 * The data-version bumps (statement triggers on the tables reports and goal figures read) each locked
 * their own version row, in the order a transaction's statements happened to fire them: one transaction
 * held `attribution` and waited for `facts`, another the reverse, and PostgreSQL aborted one with a
 * deadlock (40P01). Seen with concurrent public form posts over several instances. Every bump now takes
 * both rows first, in name order; a transaction that bumps holds both until it commits.
 */
export const VERSION_LOCK = `PERFORM 1 FROM data_versions WHERE name IN ('attribution', 'facts') ORDER BY name FOR UPDATE;`;

const bumpFunction = (
  fn: string,
  name: string,
) => `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${VERSION_LOCK}
  UPDATE data_versions SET version = version + 1 WHERE name = '${name}';
  RETURN NULL;
END $$`;

/** The two bump functions (PostgreSQL); 0007 and 0015 create the same ones on a fresh database. */
export const versionBumpFunctions = {
  attribution: bumpFunction('nenner_bump_attribution', 'attribution'),
  facts: bumpFunction('nenner_bump_facts', 'facts'),
};

export const versionLockOrder = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    // SQLite has one writer at a time: its bumps cannot deadlock
    if (engine !== 'postgres') return;
    await sql.raw(versionBumpFunctions.attribution).execute(db);
    await sql.raw(versionBumpFunctions.facts).execute(db);
  },
});
