import type { Kysely } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/**
 * DSGVO (issue 16): the consents table becomes a ledger — a withdrawal is a line of its own (`action`),
 * each line says who recorded it (null: the person on a public page) and whether it was given after the
 * email had been erased and suppressed. Suppressed emails are kept only as a keyed hash (HMAC).
 */
export const gdpr = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const ts = columnTypes(engine).timestamp;
    await db.schema
      .alterTable('consents')
      .addColumn('action', 'text', (c) => c.notNull().defaultTo('given'))
      .execute();
    await db.schema.alterTable('consents').addColumn('recorded_by', 'text').execute();
    await db.schema
      .alterTable('consents')
      .addColumn('after_suppression', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // an erased contact stays as an anonymous row, so counts keep their numbers
    await db.schema.alterTable('contacts').addColumn('erased_at', ts).execute();
    await db.schema
      .createTable('suppressions')
      .addColumn('email_hash', 'text', (c) => c.primaryKey())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
  },
});
