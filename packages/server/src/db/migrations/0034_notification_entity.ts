import { type Kysely, type Migration, sql } from 'kysely';

/*
 * Notifications read themselves when the thing they point to is handled (issue 14): a lead answered, a task
 * done, a pilot decided. That write finds the unread notifications of one record, so they are indexed by
 * record, partial on unread ones (the read ones are never looked up this way and stay out of the index).
 */
export const notificationEntity = (): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('notifications_unread_entity')
      .on('notifications')
      .columns(['entity_type', 'entity_id'])
      .where(sql.ref('read_at'), 'is', null)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('notifications_unread_entity').execute();
  },
});
