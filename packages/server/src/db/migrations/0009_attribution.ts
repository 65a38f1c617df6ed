import { type Kysely, sql } from 'kysely';
import type { Engine } from '../dialect.js';

/**
 * The attribution report reads the deals converting in a period: created (pipeline) or won (revenue).
 * Two partial indexes make that an index range holding every column it needs. Moving a contact to the
 * trash (or back) changes whose touches count, so it bumps the attribution data version like the
 * other sources (migration 0007).
 */
export const attribution = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('deals_attribution_created')
      .on('deals')
      .columns(['created_at', 'currency', 'id', 'account_id', 'amount'])
      .where(sql<boolean>`deleted_at is null`)
      .execute();
    await db.schema
      .createIndex('deals_attribution_won')
      .on('deals')
      .columns(['closed_at', 'currency', 'id', 'account_id', 'amount', 'created_at'])
      .where(sql<boolean>`deleted_at is null and status = 'won'`)
      .execute();
    const trigger =
      engine === 'postgres'
        ? 'CREATE TRIGGER contacts_attribution_trash AFTER UPDATE OF deleted_at ON contacts FOR EACH STATEMENT EXECUTE FUNCTION nenner_bump_attribution()'
        : `CREATE TRIGGER contacts_attribution_trash AFTER UPDATE OF deleted_at ON contacts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'attribution'; END`;
    await sql.raw(trigger).execute(db);
  },
});
