import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/**
 * Data quality: duplicate keys stored on contacts and accounts (computed in JS, grouped in SQL) and the
 * pairs a user dismissed as "not a duplicate". Rows whose `keys_at` differs from `updated_at` were changed
 * by a path that does not compute keys (bulk seed, older rows); the duplicate scan re-keys them first.
 */
export const quality = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts } = columnTypes(engine);
    const live = sql<boolean>`deleted_at is null`;

    await db.schema.alterTable('contacts').addColumn('phone_key', 'text').execute();
    await db.schema.alterTable('contacts').addColumn('name_key', 'text').execute();
    await db.schema.alterTable('contacts').addColumn('keys_at', ts).execute();
    await db.schema.createIndex('contacts_dup_email').on('contacts').column('email').where(live).execute();
    await db.schema.createIndex('contacts_dup_phone').on('contacts').column('phone_key').where(live).execute();
    await db.schema
      .createIndex('contacts_dup_name')
      .on('contacts')
      .columns(['account_id', 'name_key'])
      .where(live)
      .execute();

    await db.schema.alterTable('accounts').addColumn('name_key', 'text').execute();
    await db.schema.alterTable('accounts').addColumn('phonetic_key', 'text').execute();
    await db.schema.alterTable('accounts').addColumn('keys_at', ts).execute();
    await db.schema.createIndex('accounts_dup_domain').on('accounts').column('domain').where(live).execute();
    await db.schema.createIndex('accounts_dup_name').on('accounts').column('name_key').where(live).execute();
    await db.schema.createIndex('accounts_dup_phonetic').on('accounts').column('phonetic_key').where(live).execute();

    await db.schema
      .createTable('duplicate_dismissals')
      .addColumn('entity_type', 'text', (c) => c.notNull())
      // the pair in id order, so (a, b) and (b, a) are one row
      .addColumn('id_a', 'text', (c) => c.notNull())
      .addColumn('id_b', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('duplicate_dismissals_pk', ['entity_type', 'id_a', 'id_b'])
      .execute();

    await db.schema.createIndex('merges_merged').on('merges').columns(['entity_type', 'merged_id']).execute();
  },
});
