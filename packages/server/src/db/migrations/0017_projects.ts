import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/**
 * Joint projects and pilot customers (issue 12). A project has a lead from each department, a stage,
 * a plan of requirements tagged marketing or sales, the sign-offs given on that plan, links to
 * campaigns, goals, deals and accounts, and — in its pilot stage — pilot accounts with feedback.
 * Projects go to the trash (`deleted_at`) so their timeline and audit keep a name to show.
 */
export const projects = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts } = columnTypes(engine);
    await db.schema
      .createTable('projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('goal_statement', 'text')
      // idea | planning | pilot | rollout | done | cancelled
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
      .addColumn('marketing_lead_id', 'text', (c) => c.references('users.id'))
      .addColumn('sales_lead_id', 'text', (c) => c.references('users.id'))
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('stage_changed_at', ts, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('deleted_at', ts)
      .execute();
    await db.schema
      .createIndex('projects_live')
      .on('projects')
      .columns(['updated_at', 'id'])
      .where(sql<boolean>`deleted_at is null`)
      .execute();
    await db.schema.createIndex('projects_team').on('projects').column('team_id').execute();

    await db.schema
      .createTable('project_requirements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
      // marketing | sales
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('done_at', ts)
      .addColumn('author_id', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('project_requirements_project')
      .on('project_requirements')
      .columns(['project_id', 'created_at'])
      .execute();

    // one sign-off per person; it stands for the department they signed for
    await db.schema
      .createTable('project_signoffs')
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('project_signoffs_pk', ['project_id', 'user_id'])
      .execute();

    // campaign | goal | deal | account: the records may go to the trash; a link to one that is gone is not shown
    await db.schema
      .createTable('project_links')
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('record_type', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_links_pk', ['project_id', 'record_type', 'record_id'])
      .execute();
    await db.schema
      .createIndex('project_links_record')
      .on('project_links')
      .columns(['record_type', 'record_id'])
      .execute();

    await db.schema
      .createTable('project_pilots')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      // proposed | active | declined | ended
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('scope', 'text')
      // the first and last day (YYYY-MM-DD, inclusive); open when null
      .addColumn('starts_at', 'text')
      .addColumn('ends_at', 'text')
      .addColumn('proposed_by', 'text', (c) => c.references('users.id'))
      .addColumn('decided_by', 'text', (c) => c.references('users.id'))
      .addColumn('decided_at', ts)
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('project_pilots_project')
      .on('project_pilots')
      .columns(['project_id', 'created_at'])
      .execute();
    // the pilot badge: active pilots of a page of accounts
    await db.schema
      .createIndex('project_pilots_account')
      .on('project_pilots')
      .columns(['account_id', 'status'])
      .execute();

    await db.schema
      .createTable('pilot_feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('pilot_id', 'text', (c) => c.notNull().references('project_pilots.id').onDelete('cascade'))
      .addColumn('rating', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pilot_feedback_pilot')
      .on('pilot_feedback')
      .columns(['pilot_id', 'created_at'])
      .execute();
  },
});
