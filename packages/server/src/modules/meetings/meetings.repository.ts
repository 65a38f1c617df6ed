import type { Db } from '../../db/db.js';
import type { MeetingOccurrencesTable, MeetingSeriesTable } from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

const selectSeries = (db: Db) =>
  db
    .selectFrom('meeting_series as s')
    .innerJoin('users as h', 'h.id', 's.host_id')
    .leftJoin('users as c', 'c.id', 's.created_by')
    .selectAll('s')
    .select([
      'h.name as host_name',
      'h.department as host_department',
      'h.email as host_email',
      'c.name as creator_name',
      'c.department as creator_department',
    ])
    .where('s.deleted_at', 'is', null);

export type SeriesRow = Awaited<ReturnType<ReturnType<typeof selectSeries>['executeTakeFirstOrThrow']>>;

/** A live (not deleted) series with its host's and creator's names. */
export const findSeriesRow = (db: Db, id: string) => selectSeries(db).where('s.id', '=', id).executeTakeFirst();

/** Live series, newest first, keyset on (created_at desc, id desc). */
export const listSeriesRows = (db: Db, f: { participantId?: string; limit: number; cursor?: string }) => {
  let q = selectSeries(db);
  if (f.participantId) {
    const userId = f.participantId;
    q = q.where('s.id', 'in', (eb) =>
      eb.selectFrom('meeting_participants').select('series_id').where('user_id', '=', userId),
    );
  }
  if (f.cursor) {
    const [createdAt, id] = decodeCursor(f.cursor, { sort: 'created', timestamp: true });
    q = q.where((eb) =>
      eb.or([
        eb('s.created_at', '<', String(createdAt)),
        eb.and([eb('s.created_at', '=', String(createdAt)), eb('s.id', '<', id)]),
      ]),
    );
  }
  return q
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(f.limit + 1)
    .execute();
};

/** The participants of these series with what invitations need (name, email, language). */
export const findParticipants = (db: Db, seriesIds: string[]) =>
  seriesIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('meeting_participants as p')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select(['p.series_id', 'u.id', 'u.name', 'u.department', 'u.email', 'u.locale'])
        .where('p.series_id', 'in', seriesIds)
        .orderBy('u.name')
        .orderBy('u.id')
        .execute();

export type ParticipantRow = Awaited<ReturnType<typeof findParticipants>>[number];

export const insertSeries = (db: Db, row: MeetingSeriesTable) => db.insertInto('meeting_series').values(row).execute();

/** Updates a series if it is still at `version`; bumps the version. */
export const updateSeriesRow = (db: Db, id: string, version: number, set: Partial<MeetingSeriesTable>) =>
  db
    .updateTable('meeting_series')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

export const replaceParticipants = async (db: Db, seriesId: string, userIds: string[]): Promise<void> => {
  await db.deleteFrom('meeting_participants').where('series_id', '=', seriesId).execute();
  if (userIds.length > 0) {
    await db
      .insertInto('meeting_participants')
      .values(userIds.map((user_id) => ({ series_id: seriesId, user_id })))
      .execute();
  }
};

/** The occurrences of a series that have a row (moved, cancelled, later with agenda and minutes). */
export const findOccurrenceRows = (db: Db, seriesId: string) =>
  db.selectFrom('meeting_occurrences').selectAll().where('series_id', '=', seriesId).execute();

export const insertOccurrence = (db: Db, row: MeetingOccurrencesTable) =>
  db.insertInto('meeting_occurrences').values(row).execute();

export const updateOccurrenceRow = (db: Db, id: string, version: number, set: Partial<MeetingOccurrencesTable>) =>
  db
    .updateTable('meeting_occurrences')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

export const deleteOccurrenceRows = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve()
    : db
        .deleteFrom('meeting_occurrences')
        .where('id', 'in', ids)
        .execute()
        .then(() => undefined);
