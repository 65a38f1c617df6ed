import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

export const foundation = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const ts = columnTypes(engine).timestamp;

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('locale', 'text')
      .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Berlin'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('expires_at', ts, (c) => c.notNull())
      .addColumn('last_seen_at', ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('last_used_at', ts)
      .addColumn('expires_at', ts)
      .addColumn('revoked_at', ts)
      .execute();
    await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort_name', 'text', (c) => c.notNull())
      .addColumn('domain', 'text')
      .addColumn('industry', 'text')
      .addColumn('employee_band', 'text')
      .addColumn('country', 'text')
      .addColumn('city', 'text')
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('deleted_at', ts)
      .execute();
    const live = sql<boolean>`deleted_at is null`;
    await db.schema.createIndex('accounts_name').on('accounts').columns(['sort_name', 'id']).where(live).execute();
    await db.schema
      .createIndex('accounts_owner_name')
      .on('accounts')
      .columns(['owner_id', 'sort_name', 'id'])
      .where(live)
      .execute();
    await db.schema.createIndex('accounts_domain').on('accounts').column('domain').execute();
    await db.schema.createIndex('accounts_created').on('accounts').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('accounts_updated').on('accounts').columns(['updated_at', 'id']).execute();
    await db.schema.createIndex('accounts_trash').on('accounts').columns(['deleted_at', 'id']).execute();

    await db.schema
      .createTable('contacts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('sort_first_name', 'text', (c) => c.notNull())
      .addColumn('sort_last_name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('emails', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('phone', 'text')
      .addColumn('job_title', 'text')
      .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('lifecycle_stage', 'text', (c) => c.notNull())
      .addColumn('source', 'text')
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('deleted_at', ts)
      .execute();
    await db.schema
      .createIndex('contacts_last_name')
      .on('contacts')
      .columns(['sort_last_name', 'id'])
      .where(live)
      .execute();
    await db.schema
      .createIndex('contacts_first_name')
      .on('contacts')
      .columns(['sort_first_name', 'id'])
      .where(live)
      .execute();
    await db.schema
      .createIndex('contacts_owner_last_name')
      .on('contacts')
      .columns(['owner_id', 'sort_last_name', 'id'])
      .where(live)
      .execute();
    await db.schema
      .createIndex('contacts_account_last_name')
      .on('contacts')
      .columns(['account_id', 'sort_last_name', 'id'])
      .execute();
    await db.schema
      .createIndex('contacts_stage_last_name')
      .on('contacts')
      .columns(['lifecycle_stage', 'sort_last_name', 'id'])
      .where(live)
      .execute();
    await db.schema.createIndex('contacts_email').on('contacts').column('email').execute();
    await db.schema.createIndex('contacts_created').on('contacts').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('contacts_updated').on('contacts').columns(['updated_at', 'id']).execute();
    await db.schema.createIndex('contacts_trash').on('contacts').columns(['deleted_at', 'id']).execute();

    await db.schema
      .createTable('timeline_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('action', 'text')
      .addColumn('actor_id', 'text', (c) => c.references('users.id'))
      .addColumn('department', 'text')
      .addColumn('body', 'text')
      .addColumn('data', 'text')
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('timeline_entity')
      .on('timeline_entries')
      .columns(['entity_type', 'entity_id', 'created_at', 'id'])
      .execute();

    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('window_ends_at', ts, (c) => c.notNull())
      .execute();
  },
});
