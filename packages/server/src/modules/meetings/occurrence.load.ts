import {
  type ExpandedOccurrence,
  expandOccurrences,
  isRuleStart,
  type Occurrence,
  type OccurrenceStatus,
  parseOccurrenceId,
} from '@nenner/shared';
import type { Db } from '../../db/db.js';
import type { MeetingOccurrencesTable } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { findOccurrenceRows, findSeriesRow } from './meetings.repository.js';
import { isoAt, overridesOf, recurrenceOf } from './meetings.service.js';

/** An occurrence's status: cancelled by its override, else what its row says (planned without one). */
export const statusOf = (o: ExpandedOccurrence, row: MeetingOccurrencesTable | undefined): OccurrenceStatus =>
  o.cancelled ? 'cancelled' : ((row?.status ?? 'planned') as OccurrenceStatus);

export const presentOccurrence = (
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

/** One occurrence as the series' rule and what is stored about it make it, or 404. */
export const occurrenceOf = async (db: Db, occurrenceId: string) => {
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

export type LoadedOccurrence = Awaited<ReturnType<typeof occurrenceOf>>;
