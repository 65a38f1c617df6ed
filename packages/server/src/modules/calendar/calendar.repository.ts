import type { Db } from '../../db/db.js';
import type { CalendarFeedsTable } from '../../db/schema.js';

export const findFeedOfUser = (db: Db, userId: string) =>
  db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', userId).executeTakeFirst();

/** The feed behind a token hash, with its active owner (an inactive user's feed answers nothing). */
export const findFeedByHash = (db: Db, tokenHash: string) =>
  db
    .selectFrom('calendar_feeds as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select(['f.id', 'f.last_used_at', 'u.id as user_id', 'u.email', 'u.name', 'u.locale'])
    .where('f.token_hash', '=', tokenHash)
    .where('u.active', '=', 1)
    .executeTakeFirst();

export const deleteFeedOfUser = (db: Db, userId: string) =>
  db.deleteFrom('calendar_feeds').where('user_id', '=', userId).executeTakeFirst();

export const insertFeed = (db: Db, row: CalendarFeedsTable) => db.insertInto('calendar_feeds').values(row).execute();

export const touchFeed = (db: Db, id: string, now: string) =>
  db.updateTable('calendar_feeds').set({ last_used_at: now }).where('id', '=', id).execute();
