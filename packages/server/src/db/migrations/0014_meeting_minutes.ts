import type { Kysely } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/**
 * What a meeting occurrence holds once its agenda is generated (issue 11, part 2): the agenda items
 * (generated ones with their figures as of the generation, and participants' topics), decisions,
 * ratings, the snapshot frozen at the start and the minutes stored at the close (JSON text: they are
 * records of what was seen, never queried by field). Action items are tasks; a task names the
 * occurrence it came from.
 */
export const meetingMinutes = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts } = columnTypes(engine);
    await db.schema.alterTable('meeting_occurrences').addColumn('agenda_generated_at', ts).execute();
    await db.schema.alterTable('meeting_occurrences').addColumn('started_at', ts).execute();
    await db.schema.alterTable('meeting_occurrences').addColumn('closed_at', ts).execute();
    // JSON: the agenda items with their figures as they stood at the start
    await db.schema.alterTable('meeting_occurrences').addColumn('agenda_snapshot', 'text').execute();
    // JSON: snapshot, notes, decisions, action items and ratings at the close
    await db.schema.alterTable('meeting_occurrences').addColumn('minutes', 'text').execute();

    await db.schema
      .createTable('meeting_agenda_items')
      .addColumn('occurrence_id', 'text', (c) => c.notNull().references('meeting_occurrences.id').onDelete('cascade'))
      // generated items: a key stable across refreshes (`handoffs.breach.<handoff id>`); topics: a UUID
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('section', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      // JSON: [{ type, id }]
      .addColumn('refs', 'text', (c) => c.notNull())
      // JSON: { name: number } and { name: text }
      .addColumn('figures', 'text')
      .addColumn('details', 'text')
      .addColumn('generated', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('dropped', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('presenter_id', 'text', (c) => c.references('users.id'))
      .addColumn('notes', 'text')
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('meeting_agenda_items_pk', ['occurrence_id', 'id'])
      .execute();

    await db.schema
      .createTable('meeting_decisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('occurrence_id', 'text', (c) => c.notNull().references('meeting_occurrences.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull())
      // JSON: [{ type, id }]
      .addColumn('refs', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('meeting_decisions_occurrence')
      .on('meeting_decisions')
      .columns(['occurrence_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('meeting_ratings')
      .addColumn('occurrence_id', 'text', (c) => c.notNull().references('meeting_occurrences.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('rating', 'integer', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('meeting_ratings_pk', ['occurrence_id', 'user_id'])
      .execute();

    // tasks that are a meeting's action items name the occurrence (`<series id>:<original start>`)
    await db.schema.alterTable('tasks').addColumn('meeting_occurrence_id', 'text').execute();
    await db.schema
      .createIndex('tasks_meeting_occurrence')
      .on('tasks')
      .columns(['meeting_occurrence_id', 'due_at'])
      .execute();
  },
});
