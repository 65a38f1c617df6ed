import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/** Lead capture, scoring, routing and the SLA handoff; jobs and notifications. */
export const leads = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const ts = columnTypes(engine).timestamp;

    await db.schema.alterTable('accounts').addColumn('postcode', 'text').execute();
    for (const [name, type] of [
      ['score', 'integer'],
      ['first_utm_source', 'text'],
      ['last_utm_source', 'text'],
      ['consent_status', 'text'],
    ] as const) {
      await db.schema
        .alterTable('contacts')
        .addColumn(name, type, (c) => (name === 'score' ? c.notNull().defaultTo(0) : c))
        .execute();
    }

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('users.id'))
      .execute();

    await db.schema
      .createTable('sla_proposals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.references('users.id'))
      .addColumn('decided_at', ts)
      .execute();

    await db.schema
      .createTable('teams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('team_members')
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('forms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('consent', 'text', (c) => c.notNull())
      .addColumn('double_opt_in', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('campaign_key', 'text')
      .addColumn('thank_you_message', 'text')
      .addColumn('redirect_url', 'text')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('deleted_at', ts)
      .execute();

    await db.schema
      .createTable('form_submissions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('form_id', 'text', (c) => c.references('forms.id'))
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('form_submissions_dedupe')
      .on('form_submissions')
      .columns(['form_id', 'email', 'created_at'])
      .execute();

    await db.schema
      .createTable('touchpoints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('occurred_at', ts, (c) => c.notNull())
      .addColumn('form_id', 'text', (c) => c.references('forms.id'))
      .addColumn('campaign_key', 'text')
      .addColumn('utm_source', 'text')
      .addColumn('utm_medium', 'text')
      .addColumn('utm_campaign', 'text')
      .addColumn('utm_term', 'text')
      .addColumn('utm_content', 'text')
      .addColumn('referrer', 'text')
      .addColumn('landing_page', 'text')
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('touchpoints_contact')
      .on('touchpoints')
      .columns(['contact_id', 'occurred_at'])
      .execute();

    await db.schema
      .createTable('consents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('text_version', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('given_at', ts, (c) => c.notNull())
      .addColumn('confirm_token_hash', 'text', (c) => c.unique())
      .addColumn('confirmed_at', ts)
      .execute();
    await db.schema.createIndex('consents_contact').on('consents').column('contact_id').execute();

    await db.schema
      .createTable('handoffs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('qualified_at', ts, (c) => c.notNull())
      .addColumn('qualified_by', 'text', (c) => c.references('users.id'))
      .addColumn('qualified_reason', 'text', (c) => c.notNull())
      .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('routing_rule', 'text', (c) => c.notNull())
      .addColumn('sla_due_at', ts, (c) => c.notNull())
      .addColumn('accepted_at', ts)
      .addColumn('rejected_at', ts)
      .addColumn('reject_reason', 'text')
      .addColumn('reject_comment', 'text')
      .addColumn('first_touch_at', ts)
      .addColumn('converted_at', ts)
      .addColumn('converted_stage', 'text')
      .addColumn('recycled_at', ts)
      .addColumn('recycle_note', 'text')
      .addColumn('responded_at', ts)
      .addColumn('response_seconds', 'integer')
      .addColumn('breached_at', ts)
      .addColumn('source', 'text')
      .addColumn('form_id', 'text', (c) => c.references('forms.id'))
      .addColumn('utm_campaign', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('handoffs_contact').on('handoffs').column('contact_id').execute();
    await db.schema.createIndex('handoffs_qualified').on('handoffs').columns(['qualified_at', 'id']).execute();
    await db.schema
      .createIndex('handoffs_assignee')
      .on('handoffs')
      .columns(['assignee_id', 'status', 'qualified_at'])
      .execute();
    await db.schema
      .createIndex('handoffs_open_due')
      .on('handoffs')
      .columns(['sla_due_at'])
      .where(sql<boolean>`responded_at is null and breached_at is null`)
      .execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('data', 'text')
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('read_at', ts)
      .execute();
    await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'created_at']).execute();

    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('run_at', ts, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', ts)
      .addColumn('last_error', 'text')
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
  },
});
