import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/**
 * Shared goals (issue 10). A goal names a metric of the catalogue with its filters, a period of local
 * dates and a target; its progress is computed from the records and never stored, except the two facts
 * the notices need to fire once: the last status seen and the highest share of the target reached.
 * A repeating goal renews as a new row of the same series, so each period keeps its own history.
 *
 * The indexes let each metric read its period as one index range: contacts by the day they became MQL
 * or SQL, handoffs by acceptance, closed deals by closing day; and the alignment index reads a window of
 * account activity without the audit entries.
 */
export const goals = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts } = columnTypes(engine);
    await db.schema
      .createTable('goals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('series_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('filters', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('period_type', 'text', (c) => c.notNull())
      // local dates in the workspace's time zone, both inclusive
      .addColumn('period_from', 'text', (c) => c.notNull())
      .addColumn('period_to', 'text', (c) => c.notNull())
      .addColumn('target', 'double precision', (c) => c.notNull())
      .addColumn('currency', 'text')
      .addColumn('parent_id', 'text', (c) => c.references('goals.id').onDelete('set null'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('repeat', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      // what the notices last saw: a status, and 0/50/90/100 (% of the target reached)
      .addColumn('noticed_status', 'text')
      .addColumn('noticed_percent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('goals_period').on('goals').columns(['period_to', 'period_from', 'id']).execute();
    await db.schema.createIndex('goals_parent').on('goals').column('parent_id').execute();
    await db.schema.createIndex('goals_series').on('goals').columns(['series_id', 'period_from']).execute();

    await db.schema
      .createTable('goal_owners')
      .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addPrimaryKeyConstraint('goal_owners_pk', ['goal_id', 'user_id'])
      .execute();
    await db.schema.createIndex('goal_owners_user').on('goal_owners').columns(['user_id', 'goal_id']).execute();

    await db.schema
      .createIndex('contacts_mql_at')
      .on('contacts')
      .columns(['mql_at', 'source', 'source_campaign_id'])
      .where(sql<boolean>`deleted_at is null and mql_at is not null`)
      .execute();
    await db.schema
      .createIndex('contacts_sql_at')
      .on('contacts')
      .columns(['sql_at', 'source', 'source_campaign_id'])
      .where(sql<boolean>`deleted_at is null and sql_at is not null`)
      .execute();
    await db.schema
      .createIndex('handoffs_accepted')
      .on('handoffs')
      .columns(['accepted_at', 'team_id', 'source'])
      .where(sql<boolean>`accepted_at is not null`)
      .execute();
    await db.schema
      .createIndex('deals_closed')
      .on('deals')
      .columns(['closed_at', 'status', 'source', 'currency', 'amount', 'account_id'])
      .where(sql<boolean>`deleted_at is null and closed_at is not null`)
      .execute();
    // the alignment index's two-sided accounts: a window of activity (not audit) on accounts
    await db.schema
      .createIndex('timeline_activity_window')
      .on('timeline_entries')
      .columns(['created_at', 'account_id', 'department', 'kind'])
      .where(sql<boolean>`kind <> 'audit' and account_id is not null`)
      .execute();
  },
});
