import { type Kysely, sql } from 'kysely';

/*
 * The task list in its own order from indexes (issue 17). "My tasks" lists overdue tasks first, then the
 * other open ones, then the closed ones, each by due date (undated last), then by id. No index can hold
 * "overdue": it depends on the instant of the request. So the list is read group by group
 * (tasks.repository.ts `listTaskRows`), each group an index range in its order that stops after the page:
 *
 * - open tasks by status, due date and id (`tasks_status_due`; overdue is the range before the instant);
 * - closed tasks (done or cancelled) by due date and id (`tasks_closed_due`, partial);
 * - the same per owner (`tasks_owner` gains the id, `tasks_owner_closed_due`);
 * - one record's tasks by its id first (`tasks_entity`): a record id alone now finds them too.
 */
export const taskOrder = () => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('tasks_owner').execute();
    await db.schema.createIndex('tasks_owner').on('tasks').columns(['owner_id', 'status', 'due_at', 'id']).execute();
    await db.schema.createIndex('tasks_status_due').on('tasks').columns(['status', 'due_at', 'id']).execute();
    await db.schema
      .createIndex('tasks_closed_due')
      .on('tasks')
      .columns(['due_at', 'id'])
      .where(sql<boolean>`status <> 'open'`)
      .execute();
    await db.schema
      .createIndex('tasks_owner_closed_due')
      .on('tasks')
      .columns(['owner_id', 'due_at', 'id'])
      .where(sql<boolean>`status <> 'open'`)
      .execute();
    await db.schema.dropIndex('tasks_entity').execute();
    await db.schema.createIndex('tasks_entity').on('tasks').columns(['entity_id', 'entity_type']).execute();
  },
});
