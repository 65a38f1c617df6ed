import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/**
 * Job rotations (issue 12, Perspektivwechsel): a person visits the other department for a period of local
 * dates (both inclusive) with a mentor from there, learning goals and planned activities (each with its
 * checkbox), check-ins, the person's closing report and the mentor's rating. The status (planned, active,
 * completed) follows from the dates and is never stored; only a cancellation is.
 *
 * `rotations_user` answers the one question every authenticated request asks: does this user have a
 * rotation running today (and so the host department's rights)? `timeline_actor` lets a rotation list what
 * its person logged in the period without reading every entry.
 */
export const rotations = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts } = columnTypes(engine);
    await db.schema
      .createTable('rotations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      // the person's department when the rotation was planned, and the one they visit
      .addColumn('home_department', 'text', (c) => c.notNull())
      .addColumn('host_department', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('mentor_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('cancelled_at', ts)
      .addColumn('report', 'text')
      .addColumn('reported_at', ts)
      .addColumn('rating', 'integer')
      .addColumn('rating_comment', 'text')
      .addColumn('rated_at', ts)
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('rotations_user')
      .on('rotations')
      .columns(['user_id', 'ends_on', 'starts_on'])
      .execute();
    await db.schema.createIndex('rotations_period').on('rotations').columns(['starts_on', 'ends_on', 'id']).execute();
    await db.schema.createIndex('rotations_mentor').on('rotations').column('mentor_id').execute();

    await db.schema
      .createTable('rotation_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rotation_id', 'text', (c) => c.notNull().references('rotations.id').onDelete('cascade'))
      // 'goal' (a learning goal, done = met) or 'activity' (a planned activity, done = done)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('rotation_items_rotation')
      .on('rotation_items')
      .columns(['rotation_id', 'kind', 'position'])
      .execute();

    await db.schema
      .createTable('rotation_checkins')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rotation_id', 'text', (c) => c.notNull().references('rotations.id').onDelete('cascade'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('rotation_checkins_rotation')
      .on('rotation_checkins')
      .columns(['rotation_id', 'date', 'id'])
      .execute();

    await db.schema
      .createIndex('timeline_actor')
      .on('timeline_entries')
      .columns(['actor_id', 'created_at', 'id'])
      .where(sql<boolean>`actor_id is not null`)
      .execute();
  },
});
