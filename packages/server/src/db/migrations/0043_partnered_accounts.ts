import type { Kysely } from 'kysely';

/**
 * The accounts with a marketing partner (issue 17): `accounts_marketing_partner` becomes partial, on
 * accounts that have one. A lookup by partner uses it as before; the list's pairs (`pair=both`) read the
 * few partnered accounts from it while they are few (accounts.repository.ts `manyPartners`): with every
 * account's empty partner in the index, SQLite costed it as a whole-table read and scanned the accounts
 * instead (290 ms at 200,000 accounts).
 */
export const partneredAccounts = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('accounts_marketing_partner').execute();
    await db.schema
      .createIndex('accounts_marketing_partner')
      .on('accounts')
      .column('marketing_partner_id')
      .where('marketing_partner_id', 'is not', null)
      .execute();
  },
});
