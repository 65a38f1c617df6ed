import type { Db } from '../../db/db.js';
import type { TouchpointsTable } from '../../db/schema.js';

/** A live contact and whether it has a source campaign yet. */
export const findTouchedContact = (db: Db, id: string) =>
  db
    .selectFrom('contacts')
    .select(['id', 'source_campaign_id'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

export const insertTouchpoint = (db: Db, row: TouchpointsTable) => db.insertInto('touchpoints').values(row).execute();
