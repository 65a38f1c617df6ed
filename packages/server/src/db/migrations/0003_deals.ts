import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/** Deals and pipelines, activities and tasks, competitors, merges; the account-wide timeline. */
export const deals = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts, money } = columnTypes(engine);

    await db.schema
      .createTable('pipelines')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('pipeline_stages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name_de', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('probability', 'integer', (c) => c.notNull())
      .addColumn('stale_after_days', 'integer')
      .addColumn('kind', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pipeline_stages_pipeline')
      .on('pipeline_stages')
      .columns(['pipeline_id', 'position'])
      .execute();

    await db.schema
      .createTable('competitors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort_name', 'text', (c) => c.notNull())
      .addColumn('website', 'text')
      .addColumn('positioning', 'text')
      .addColumn('strengths', 'text')
      .addColumn('weaknesses', 'text')
      .addColumn('pricing_notes', 'text')
      .addColumn('battlecard', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('deleted_at', ts)
      .execute();
    await db.schema.createIndex('competitors_name').on('competitors').columns(['sort_name', 'id']).execute();

    await db.schema
      .createTable('deals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort_name', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id'))
      .addColumn('stage_id', 'text', (c) => c.notNull().references('pipeline_stages.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('amount', money, (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('close_date', 'text')
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('handoff_id', 'text', (c) => c.references('handoffs.id'))
      .addColumn('campaign_key', 'text')
      .addColumn('next_step', 'text')
      .addColumn('close_reason', 'text')
      .addColumn('close_comment', 'text')
      .addColumn('lost_to_competitor_id', 'text', (c) => c.references('competitors.id'))
      .addColumn('closed_at', ts)
      .addColumn('stage_changed_at', ts, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('deleted_at', ts)
      .execute();
    const live = sql<boolean>`deleted_at is null`;
    await db.schema
      .createIndex('deals_board')
      .on('deals')
      .columns(['pipeline_id', 'status', 'stage_id', 'updated_at', 'id'])
      .where(live)
      .execute();
    await db.schema.createIndex('deals_account').on('deals').columns(['account_id', 'created_at']).execute();
    await db.schema.createIndex('deals_owner').on('deals').columns(['owner_id', 'close_date']).where(live).execute();
    await db.schema.createIndex('deals_close').on('deals').columns(['close_date', 'id']).where(live).execute();
    await db.schema.createIndex('deals_handoff').on('deals').column('handoff_id').execute();
    await db.schema.createIndex('deals_lost_to').on('deals').column('lost_to_competitor_id').execute();

    await db.schema
      .createTable('deal_contacts')
      .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
      .addColumn('role', 'text')
      .addPrimaryKeyConstraint('deal_contacts_pk', ['deal_id', 'contact_id'])
      .execute();
    await db.schema.createIndex('deal_contacts_contact').on('deal_contacts').column('contact_id').execute();

    await db.schema
      .createTable('deal_competitors')
      .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
      .addColumn('competitor_id', 'text', (c) => c.notNull().references('competitors.id'))
      .addPrimaryKeyConstraint('deal_competitors_pk', ['deal_id', 'competitor_id'])
      .execute();
    await db.schema.createIndex('deal_competitors_competitor').on('deal_competitors').column('competitor_id').execute();

    await db.schema
      .createTable('battlecard_ratings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('competitor_id', 'text', (c) => c.notNull().references('competitors.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('rating', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('battlecard_version', 'integer', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('battlecard_ratings_competitor')
      .on('battlecard_ratings')
      .columns(['competitor_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('competitor_intel')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('competitor_id', 'text', (c) => c.notNull().references('competitors.id'))
      .addColumn('deal_id', 'text', (c) => c.references('deals.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('competitor_intel_competitor')
      .on('competitor_intel')
      .columns(['competitor_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('activities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('summary', 'text')
      .addColumn('occurred_at', ts, (c) => c.notNull())
      .addColumn('duration_minutes', 'integer')
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('activities_entity')
      .on('activities')
      .columns(['entity_type', 'entity_id', 'occurred_at'])
      .execute();

    await db.schema
      .createTable('tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due_at', ts)
      .addColumn('remind_at', ts)
      .addColumn('reminded_at', ts)
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('entity_type', 'text')
      .addColumn('entity_id', 'text')
      .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('completed_at', ts)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tasks_owner').on('tasks').columns(['owner_id', 'status', 'due_at']).execute();
    await db.schema.createIndex('tasks_entity').on('tasks').columns(['entity_type', 'entity_id']).execute();
    await db.schema
      .createIndex('tasks_reminders')
      .on('tasks')
      .column('remind_at')
      .where(sql<boolean>`status = 'open' and reminded_at is null and remind_at is not null`)
      .execute();

    await db.schema
      .createTable('merges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('survivor_id', 'text', (c) => c.notNull())
      .addColumn('merged_id', 'text', (c) => c.notNull())
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('undone_at', ts)
      .addColumn('undone_by', 'text', (c) => c.references('users.id'))
      .execute();
    await db.schema.createIndex('merges_survivor').on('merges').columns(['entity_type', 'survivor_id']).execute();

    // The 360° view: every timeline entry of a contact or deal also carries its account.
    await db.schema.alterTable('timeline_entries').addColumn('account_id', 'text').execute();
    await sql`update timeline_entries set account_id = entity_id where entity_type = 'account'`.execute(db);
    await sql`update timeline_entries set account_id = (select c.account_id from contacts c where c.id = timeline_entries.entity_id) where entity_type = 'contact'`.execute(
      db,
    );
    await db.schema
      .createIndex('timeline_account')
      .on('timeline_entries')
      .columns(['account_id', 'created_at', 'id'])
      .where(sql<boolean>`account_id is not null`)
      .execute();
  },
});
