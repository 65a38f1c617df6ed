import { type Kysely, sql } from 'kysely';

/**
 * Campaign members remember which responded statuses already produced a touchpoint (each status counts
 * once, even when a member goes back and forth), and a campaign finds the leads it sourced by index.
 */
export const memberTouches = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('campaign_members')
      .addColumn('touched_statuses', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .createIndex('contacts_source_campaign')
      .on('contacts')
      .column('source_campaign_id')
      .where(sql<boolean>`source_campaign_id is not null`)
      .execute();
  },
});
