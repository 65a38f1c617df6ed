import type { Kysely } from 'kysely';

/** Account pairs (issue 12): an account's marketing partner beside its sales owner. */
export const accountPartners = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('accounts')
      .addColumn('marketing_partner_id', 'text', (c) => c.references('users.id'))
      .execute();
    await db.schema.createIndex('accounts_marketing_partner').on('accounts').column('marketing_partner_id').execute();
  },
});
