import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Db } from '../db/db.js';
import { BUMP_FACTS } from '../db/migrations/0015_facts_version.js';
import { RECOMPUTE_ALL } from '../db/migrations/0031_attribution_credits.js';
import { emptySearchIndexes } from '../db/search.js';

/**
 * What `seed --force` empties, children before parents: the accounts, contacts and campaigns, every table
 * that refers to one of them (by a foreign key that must not dangle, or by id alone), and what is derived
 * from them. `seed-force.test.ts` checks the schema's foreign keys against this list.
 */
export const forcedTables = [
  'pilot_feedback',
  'project_pilots',
  'event_registrations',
  'event_invitations',
  'events',
  'campaign_members',
  'deal_contacts',
  'deal_competitors',
  'competitor_intel',
  'deals',
  'handoffs',
  'touchpoints',
  'consents',
  'form_submissions',
  'activities',
  'tasks',
  'merges',
  'duplicate_dismissals',
  'timeline_entries',
  'contacts',
  'accounts',
  'campaign_costs',
  'campaign_utm_keys',
  'campaigns',
  // derived from the records above
  'contact_search_docs',
  'account_search_docs',
  'deal_search_docs',
  'attribution_credits',
  'attribution_credits_staging',
  'attribution_dirty',
] as const;

/** References to an emptied table from rows that stay: cleared. */
export const clearedReferences = [{ table: 'forms', column: 'campaign_id', references: 'campaigns' }] as const;

/** What the emptied tables' triggers would have done, done once: TRUNCATE, and SQLite's emptying below, pass them by. */
const afterEmptied = [BUMP_FACTS, RECOMPUTE_ALL];

const refused = (references: string) =>
  new Error(`--force would leave references to deleted rows (${references}); nothing was deleted`);

/**
 * Empties `forcedTables` in one transaction; on failure (a reference from a table not in the list) nothing
 * changes. PostgreSQL truncates them, which refuses a table still referred to from outside (the tables of
 * `clearedReferences` are deleted from instead, after the references are cleared). SQLite deletes each
 * table whole with its triggers set aside (row by row, through them, a 1M re-seed spent about 11.5 of its
 * 13.6 minutes deleting), empties the search indexes at once, puts the triggers back from their stored
 * definitions, and checks every foreign key before it commits.
 */
export const emptyForcedTables = async (database: Database): Promise<void> => {
  const { db } = database;
  const clear = async (trx: Db) => {
    for (const { table, column } of clearedReferences) {
      await sql`update ${sql.table(table)} set ${sql.ref(column)} = null where ${sql.ref(column)} is not null`.execute(
        trx,
      );
    }
  };
  if (database.engine === 'postgres') {
    // TRUNCATE refuses a table that a kept one may refer to, even by a cleared reference: those are deleted
    const referred = new Set<string>(clearedReferences.map((r) => r.references));
    await db.transaction().execute(async (trx) => {
      await clear(trx);
      const truncated = forcedTables.filter((t) => !referred.has(t));
      await sql`truncate ${sql.join(truncated.map((t) => sql.table(t)))}`.execute(trx).catch((error) => {
        // feature_not_supported: a table not in the list refers to one in it
        const { code, detail } = error as { code?: string; detail?: string };
        throw code === '0A000' ? refused(detail ?? '') : error;
      });
      for (const table of referred) await sql`delete from ${sql.table(table)}`.execute(trx);
      for (const statement of afterEmptied) await sql.raw(statement).execute(trx);
    });
    return;
  }
  // SQLite takes this pragma outside a transaction only; the check below stands in for it
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      const { rows: triggers } = await sql<{ name: string; sql: string }>`
        select name, sql from sqlite_master
        where type = 'trigger' and tbl_name in (${sql.join([...forcedTables])})`.execute(trx);
      for (const { name } of triggers) await sql`drop trigger ${sql.id(name)}`.execute(trx);
      await clear(trx);
      // without triggers or enforced keys, SQLite empties a table by freeing its pages
      for (const table of forcedTables) await sql`delete from ${sql.table(table)}`.execute(trx);
      for (const statement of [...emptySearchIndexes, ...afterEmptied]) await sql.raw(statement).execute(trx);
      for (const trigger of triggers) await sql.raw(trigger.sql).execute(trx);
      const { rows: dangling } = await sql<{ table: string; parent: string }>`pragma foreign_key_check`.execute(trx);
      if (dangling.length > 0) {
        throw refused([...new Set(dangling.map((d) => `${d.table} → ${d.parent}`))].join(', '));
      }
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
};
