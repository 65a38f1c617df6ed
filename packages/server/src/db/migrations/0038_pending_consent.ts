import { type Kysely, type Migration, sql } from 'kysely';

/*
 * The hourly sweep of unconfirmed double opt-ins (DSGVO) looks for contacts still waiting for their
 * confirmation past the retention period. Without an index it read every contact (2 s and a page cache
 * filled with the whole table on 1M contacts, at every start); the waiting ones are few, so the index is
 * partial on them, by creation.
 */
export const pendingConsent = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('contacts_consent_pending')
      .on('contacts')
      .column('created_at')
      .where((eb) => eb.and([eb(sql.ref('consent_status'), '=', 'pending'), eb(sql.ref('erased_at'), 'is', null)]))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('contacts_consent_pending').execute();
  },
});
