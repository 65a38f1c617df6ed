import type { Db } from '../../db/db.js';
import type {
  MeetingAgendaItemsTable,
  MeetingDecisionsTable,
  MeetingOccurrencesTable,
  MeetingRatingsTable,
  MeetingSeriesTable,
} from '../../db/schema.js';
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

// ——— Agenda, decisions and ratings of one occurrence (migration 0014) ——————————————————————————————

export const findOccurrenceRow = (db: Db, id: string) =>
  db.selectFrom('meeting_occurrences').selectAll().where('id', '=', id).executeTakeFirst();

/** The stored agenda of an occurrence in its order. */
export const listAgendaItemRows = (db: Db, occurrenceId: string) =>
  db
    .selectFrom('meeting_agenda_items')
    .selectAll()
    .where('occurrence_id', '=', occurrenceId)
    .orderBy('position')
    .orderBy('id')
    .execute();

export const insertAgendaItems = async (db: Db, rows: MeetingAgendaItemsTable[]): Promise<void> => {
  // a few hundred rows at most; chunks keep PostgreSQL's parameter limit far away
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('meeting_agenda_items')
      .values(rows.slice(i, i + 200))
      .execute();
  }
};

export const updateAgendaItemRow = (
  db: Db,
  occurrenceId: string,
  id: string,
  set: Partial<Omit<MeetingAgendaItemsTable, 'occurrence_id' | 'id'>>,
) =>
  db
    .updateTable('meeting_agenda_items')
    .set(set)
    .where('occurrence_id', '=', occurrenceId)
    .where('id', '=', id)
    .execute();

export const deleteAgendaItemRows = (db: Db, occurrenceId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve()
    : db
        .deleteFrom('meeting_agenda_items')
        .where('occurrence_id', '=', occurrenceId)
        .where('id', 'in', ids)
        .execute()
        .then(() => undefined);

/** Decisions of an occurrence, oldest first, with their author. */
export const listDecisionRows = (db: Db, occurrenceId: string) =>
  db
    .selectFrom('meeting_decisions as d')
    .innerJoin('users as u', 'u.id', 'd.created_by')
    .selectAll('d')
    .select(['u.name as creator_name', 'u.department as creator_department'])
    .where('d.occurrence_id', '=', occurrenceId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();

export const insertDecision = (db: Db, row: MeetingDecisionsTable) =>
  db.insertInto('meeting_decisions').values(row).execute();

export const listRatingRows = (db: Db, occurrenceId: string) =>
  db.selectFrom('meeting_ratings').selectAll().where('occurrence_id', '=', occurrenceId).orderBy('user_id').execute();

/** A participant's rating; a second one replaces the first. */
export const upsertRating = (db: Db, row: MeetingRatingsTable) =>
  db
    .insertInto('meeting_ratings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['occurrence_id', 'user_id']).doUpdateSet({ rating: row.rating, updated_at: row.updated_at }),
    )
    .execute();

/** The live series a user takes part in (the host is among the participants): their calendar feed's (issue 19). */
export const listSeriesRowsOfParticipant = (db: Db, userId: string) =>
  selectSeries(db)
    .where('s.id', 'in', (eb) =>
      eb.selectFrom('meeting_participants').select('series_id').where('user_id', '=', userId),
    )
    .orderBy('s.id')
    .execute();

/** The stored occurrences of these series (moved, cancelled, with an agenda). */
export const findOccurrenceRowsOf = (db: Db, seriesIds: string[]) =>
  seriesIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('meeting_occurrences').selectAll().where('series_id', 'in', seriesIds).execute();
