import { type Kysely, sql } from 'kysely';

/**
 * The attribution feed's reads, covered by indexes alone: the deal indexes of 0009 lacked `deleted_at`
 * (SQLite reads a column named in the query from the table even when the partial index implies it),
 * and each deal contact's lead date was fetched from the wide contacts row.
 */
export const attributionCovering = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('deals_attribution_created').execute();
    await db.schema.dropIndex('deals_attribution_won').execute();
    await db.schema
      .createIndex('deals_attribution_created')
      .on('deals')
      .columns(['created_at', 'currency', 'id', 'account_id', 'amount', 'deleted_at'])
      .where(sql<boolean>`deleted_at is null`)
      .execute();
    await db.schema
      .createIndex('deals_attribution_won')
      .on('deals')
      .columns(['closed_at', 'currency', 'id', 'account_id', 'amount', 'created_at', 'status', 'deleted_at'])
      .where(sql<boolean>`deleted_at is null and status = 'won'`)
      .execute();
    await db.schema
      .createIndex('contacts_attribution')
      .on('contacts')
      .columns(['id', 'deleted_at', 'lead_at'])
      .execute();
  },
});
