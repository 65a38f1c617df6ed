import {
  type ExpandedOccurrence,
  expandOccurrences,
  isRuleStart,
  MAX_OCCURRENCE_WINDOW_DAYS,
  type Occurrence,
  type OccurrenceDetail,
  type OccurrenceListQuery,
  type OccurrenceStatus,
  parseOccurrenceId,
  type UpdateOccurrenceInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { MeetingOccurrencesTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { now } from '../../lib/clock.js';
import { nowIso } from '../../lib/ids.js';
import { recordAudit } from '../timeline/timeline.service.js';
import type { InvitationKind } from './meetings.invitations.js';
import {
  deleteOccurrenceRows,
  findOccurrenceRows,
  findParticipants,
  findSeriesRow,
  insertOccurrence,
  type SeriesRow,
  updateOccurrenceRow,
  updateSeriesRow,
} from './meetings.repository.js';
import {
  DAY_MS,
  invite,
  isoAt,
  loadRow,
  overridesOf,
  recipientsOf,
  recurrenceOf,
  seriesRecord,
} from './meetings.service.js';

/*
 * Single occurrences of a series: listed from the rule, read one by one, moved or cancelled alone.
 * An occurrence is stored only when something about it alone is (see migration 0013).
 */

/** The occurrences listed when no window is asked for: the next eight weeks. */
const DEFAULT_WINDOW_DAYS = 56;

const statusOf = (o: ExpandedOccurrence, row: MeetingOccurrencesTable | undefined): OccurrenceStatus =>
  o.cancelled ? 'cancelled' : ((row?.status ?? 'planned') as OccurrenceStatus);

const presentOccurrence = (
  o: ExpandedOccurrence,
  row: MeetingOccurrencesTable | undefined,
  seriesVersion: number,
): Occurrence => ({
  id: o.id,
  seriesId: o.seriesId,
  startsAt: o.startsAt,
  endsAt: o.endsAt,
  originalStartsAt: o.originalStartsAt,
  moved: o.moved,
  status: statusOf(o, row),
  seriesVersion,
});

/** The occurrences of a series starting in [from, to): by default the next eight weeks, at most a year. */
export const listOccurrences = async (
  ctx: AppContext,
  id: string,
  query: OccurrenceListQuery,
): Promise<Occurrence[]> => {
  const row = await loadRow(ctx.db, id);
  const from = query.from ? Date.parse(query.from) : now();
  const to = query.to ? Date.parse(query.to) : from + DEFAULT_WINDOW_DAYS * DAY_MS;
  if (!(to > from))
    throw new AppError('validation_failed', undefined, { errors: [{ path: 'to', message: 'Must come after `from`' }] });
  if (to - from > MAX_OCCURRENCE_WINDOW_DAYS * DAY_MS) {
    throw new AppError('validation_failed', undefined, {
      errors: [{ path: 'to', message: `At most ${MAX_OCCURRENCE_WINDOW_DAYS} days after \`from\`` }],
    });
  }
  const stored = await findOccurrenceRows(ctx.db, id);
  const byId = new Map(stored.map((o) => [o.id, o]));
  return expandOccurrences(id, recurrenceOf(row), overridesOf(stored), { from: isoAt(from), to: isoAt(to) }).map((o) =>
    presentOccurrence(o, byId.get(o.id), row.version),
  );
};

/** One occurrence as the series' rule and what is stored about it make it, or 404. */
const occurrenceOf = async (db: Db, occurrenceId: string) => {
  const parsed = parseOccurrenceId(occurrenceId);
  const row = parsed && (await findSeriesRow(db, parsed.seriesId));
  if (!parsed || !row) throw new AppError('occurrence_not_found');
  const recurrence = recurrenceOf(row);
  if (!isRuleStart(recurrence, parsed.originalStartsAt)) throw new AppError('occurrence_not_found');
  const stored = await findOccurrenceRows(db, row.id);
  const original = Date.parse(parsed.originalStartsAt);
  const own = stored.find((o) => Date.parse(o.original_start) === original);
  // where it is now: its original start, or where it was moved to
  const at = own ? Date.parse(own.starts_at) : original;
  const [o] = expandOccurrences(row.id, recurrence, own ? overridesOf([own]) : [], {
    from: isoAt(at),
    to: isoAt(at + 1),
  });
  if (!o) throw new AppError('occurrence_not_found');
  return { row, recurrence, stored, own, occurrence: o };
};

const detailOf = (
  row: SeriesRow,
  o: ExpandedOccurrence,
  own: MeetingOccurrencesTable | undefined,
): OccurrenceDetail => ({
  ...presentOccurrence(o, own, row.version),
  title: row.title,
  timeZone: row.time_zone,
  location: row.location,
  // the generated agenda comes with the next part of issue 11
  agenda: [],
});

/** One occurrence with its agenda. */
export const getOccurrence = async (ctx: AppContext, id: string): Promise<OccurrenceDetail> => {
  const { row, occurrence, own } = await occurrenceOf(ctx.db, id);
  return detailOf(row, occurrence, own);
};

/**
 * Moves one occurrence or cancels it (or takes a cancellation back), for the series' participants and
 * admins, if the caller saw the series' latest version. Only what has not begun can change; a move may
 * not overlap another occurrence. The series' SEQUENCE goes up and everyone gets the new calendar.
 */
export const updateOccurrence = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateOccurrenceInput,
): Promise<OccurrenceDetail> =>
  ctx.db.transaction().execute(async (trx) => {
    const { row, recurrence, stored, own, occurrence } = await occurrenceOf(trx, id);
    const people = await findParticipants(trx, [row.id]);
    assertCan(actor, 'meetings.edit', seriesRecord(people), "Only the series' participants and admins can change it");
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    const status = statusOf(occurrence, own);
    if (status === 'closed') throw new AppError('occurrence_closed');
    const at = now();
    if (status === 'running' || Date.parse(occurrence.startsAt) <= at) throw new AppError('occurrence_past');

    let startsAt = occurrence.startsAt;
    let nextStatus: 'planned' | 'cancelled' = input.status ?? (status === 'cancelled' ? 'cancelled' : 'planned');
    if (input.startsAt !== undefined) {
      const wanted = Date.parse(input.startsAt);
      if (wanted <= at) {
        throw new AppError('validation_failed', undefined, {
          errors: [{ path: 'startsAt', message: 'Not in the past' }],
        });
      }
      const duration = recurrence.durationMinutes * 60_000;
      const clash = expandOccurrences(row.id, recurrence, overridesOf(stored), {
        from: isoAt(wanted - duration + 1),
        to: isoAt(wanted + duration),
      }).find((x) => x.id !== occurrence.id && !x.cancelled);
      if (clash) throw new AppError('occurrence_slot_taken', `It would overlap the occurrence at ${clash.startsAt}`);
      startsAt = isoAt(wanted);
      nextStatus = 'planned';
    }
    if (startsAt === occurrence.startsAt && nextStatus === status) return detailOf(row, occurrence, own);

    const stamp = nowIso();
    const original = occurrence.originalStartsAt;
    const carriesNothing = nextStatus === 'planned' && startsAt === original;
    if (own && carriesNothing) await deleteOccurrenceRows(trx, [own.id]);
    else if (own)
      await updateOccurrenceRow(trx, own.id, own.version, {
        starts_at: startsAt,
        status: nextStatus,
        updated_at: stamp,
      });
    else if (!carriesNothing) {
      await insertOccurrence(trx, {
        id: occurrence.id,
        series_id: row.id,
        original_start: original,
        starts_at: startsAt,
        status: nextStatus,
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      });
    }
    const result = await updateSeriesRow(trx, row.id, expectedVersion, {
      sequence: row.sequence + 1,
      updated_at: stamp,
    });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    const moved = startsAt !== occurrence.startsAt;
    const kind: InvitationKind =
      nextStatus === 'cancelled' ? 'occurrence_cancelled' : moved ? 'occurrence_moved' : 'updated';
    await recordAudit(trx, actor, 'meeting', row.id, kind === 'updated' ? 'occurrence_restored' : kind, [
      { field: 'occurrence', from: null, to: occurrence.id },
      ...(moved ? [{ field: 'startsAt', from: occurrence.startsAt, to: startsAt }] : []),
      ...(nextStatus !== status ? [{ field: 'status', from: status, to: nextStatus }] : []),
    ]);
    await invite(ctx, trx, row.id, kind, recipientsOf(people), startsAt);
    const after = await occurrenceOf(trx, id);
    return detailOf(after.row, after.occurrence, after.own);
  });
