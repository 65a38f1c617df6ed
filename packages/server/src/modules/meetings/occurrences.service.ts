import {
  expandOccurrences,
  MAX_OCCURRENCE_WINDOW_DAYS,
  type Occurrence,
  type OccurrenceDetail,
  type OccurrenceListQuery,
  type UpdateOccurrenceInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
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
  insertOccurrence,
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
import { occurrenceDetail } from './occurrence.detail.js';
import { occurrenceOf, presentOccurrence, statusOf } from './occurrence.load.js';

/*
 * Single occurrences of a series: listed from the rule, read one by one, moved or cancelled alone.
 * An occurrence is stored only when something about it alone is (see migration 0013).
 */

/** The occurrences listed when no window is asked for: the next eight weeks. */
const DEFAULT_WINDOW_DAYS = 56;

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

/** One occurrence with its agenda, decisions, action items and ratings. */
export const getOccurrence = async (ctx: AppContext, id: string): Promise<OccurrenceDetail> =>
  occurrenceDetail(ctx, ctx.db, await occurrenceOf(ctx.db, id));

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
): Promise<OccurrenceDetail> => {
  await ctx.db.transaction().execute(async (trx) => {
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
    if (startsAt === occurrence.startsAt && nextStatus === status) return;

    const stamp = nowIso();
    const original = occurrence.originalStartsAt;
    // an occurrence whose agenda was stored keeps its row (and with it the agenda)
    const carriesNothing = nextStatus === 'planned' && startsAt === original && !own?.agenda_generated_at;
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
        agenda_generated_at: null,
        started_at: null,
        closed_at: null,
        agenda_snapshot: null,
        minutes: null,
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
  });
  // read after the commit: a planned occurrence's agenda is generated through other modules' services
  return getOccurrence(ctx, id);
};
