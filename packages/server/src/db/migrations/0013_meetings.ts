import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/**
 * Meeting series (issue 11). A series stores its rule as parts (cadence, weekday, nth, the first start's
 * local date and time in its zone) and expands into occurrences on read. An occurrence gets a row only
 * when something about it alone is stored: moved or cancelled now, later its status, agenda snapshot
 * and minutes. It is keyed by the start the rule gave it, so its id stays the same when it moves.
 */
export const meetings = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts } = columnTypes(engine);
    await db.schema
      .createTable('meeting_series')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('cadence', 'text', (c) => c.notNull())
      // RRULE BYDAY: the weekday (MO…SU) and, monthly, which one of the month (1–4, -1 = last)
      .addColumn('weekday', 'text', (c) => c.notNull())
      .addColumn('nth', 'integer')
      .addColumn('time_zone', 'text', (c) => c.notNull())
      // the first occurrence's wall time in time_zone: YYYY-MM-DD and HH:MM
      .addColumn('local_date', 'text', (c) => c.notNull())
      .addColumn('local_time', 'text', (c) => c.notNull())
      // the first start as an instant, for ordering and windows
      .addColumn('starts_at', ts, (c) => c.notNull())
      .addColumn('duration_minutes', 'integer', (c) => c.notNull())
      .addColumn('location', 'text')
      .addColumn('host_id', 'text', (c) => c.notNull().references('users.id'))
      // JSON array of { section, minutes }
      .addColumn('agenda_template', 'text', (c) => c.notNull())
      .addColumn('ical_uid', 'text', (c) => c.notNull().unique())
      .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('deleted_at', ts)
      .execute();
    await db.schema
      .createIndex('meeting_series_live')
      .on('meeting_series')
      .columns(['created_at', 'id'])
      .where(sql<boolean>`deleted_at is null`)
      .execute();

    await db.schema
      .createTable('meeting_participants')
      .addColumn('series_id', 'text', (c) => c.notNull().references('meeting_series.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addPrimaryKeyConstraint('meeting_participants_pk', ['series_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('meeting_participants_user')
      .on('meeting_participants')
      .columns(['user_id', 'series_id'])
      .execute();

    await db.schema
      .createTable('meeting_occurrences')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('series_id', 'text', (c) => c.notNull().references('meeting_series.id').onDelete('cascade'))
      // the start the rule gave it (the id's second half); starts_at differs when moved
      .addColumn('original_start', ts, (c) => c.notNull())
      .addColumn('starts_at', ts, (c) => c.notNull())
      // planned | running | closed | cancelled
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addUniqueConstraint('meeting_occurrences_original', ['series_id', 'original_start'])
      .execute();
    await db.schema
      .createIndex('meeting_occurrences_start')
      .on('meeting_occurrences')
      .columns(['series_id', 'starts_at'])
      .execute();
  },
});
