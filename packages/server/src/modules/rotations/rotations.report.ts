import {
  addDays,
  type Department,
  daysWithin,
  type Page,
  parseLocalDate,
  quarterDates,
  type RotationActivityEntry,
  type RotationQuarterReport,
  type RotationReportLine,
  rotationDepartments,
  zonedTimeToEpoch,
} from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { interactionsOf } from '../timeline/timeline.service.js';
import { findRotationsOverlapping } from './rotations.repository.js';
import { workspaceToday } from './rotations.rights.js';
import { findRotation } from './rotations.service.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

type QuarterRow = Awaited<ReturnType<typeof findRotationsOverlapping>>[number];

const lineOf = (department: Department | null, rows: QuarterRow[], from: string, to: string): RotationReportLine => {
  const ratings = rows.flatMap((r) => (r.rating === null ? [] : [r.rating]));
  return {
    department,
    rotations: rows.length,
    people: new Set(rows.map((r) => r.user_id)).size,
    days: rows.reduce((sum, r) => sum + daysWithin(r.starts_on, r.ends_on, from, to), 0),
    goalsMet: rows.reduce((sum, r) => sum + Number(r.goals_met ?? 0), 0),
    goalsTotal: rows.reduce((sum, r) => sum + Number(r.goals_total ?? 0), 0),
    meanRating: ratings.length === 0 ? null : round2(ratings.reduce((a, b) => a + b, 0) / ratings.length),
    ratings: ratings.length,
  };
};

/**
 * A calendar quarter per host department. A rotation counts when it is not cancelled and its period
 * overlaps the quarter (one that spans two quarters counts in both); its days are the calendar days of
 * its period inside the quarter, both ends included, weekends too (planned days of a rotation still
 * running count as well); goals met and the mentors' ratings are those recorded so far.
 */
export const rotationQuarterReport = async (ctx: AppContext, quarter: string): Promise<RotationQuarterReport> => {
  const { from, to } = quarterDates(quarter);
  const rows = await findRotationsOverlapping(ctx.db, from, to);
  return {
    quarter,
    from,
    to,
    departments: rotationDepartments.map((d) =>
      lineOf(
        d,
        rows.filter((r) => r.host_department === d),
        from,
        to,
      ),
    ),
    total: lineOf(null, rows, from, to),
  };
};

/** Midnight at the start of a local date in the zone, as an ISO instant. */
const startOfDay = (date: string, timeZone: string): string => {
  const d = parseLocalDate(date);
  if (!d) throw new RangeError(`not a date: ${date}`);
  return new Date(zonedTimeToEpoch(d, 0, 0, timeZone)).toISOString();
};

/**
 * The customer interactions the person logged during the rotation (from the first day's midnight to the
 * last day's end in the workspace's time zone; a cancelled rotation ends when it was cancelled), newest
 * first; `hostRights` marks what only the host department's rights allowed.
 */
export const rotationActivity = async (
  ctx: AppContext,
  id: string,
  page: { limit: number; cursor?: string },
): Promise<Page<RotationActivityEntry>> => {
  const row = await findRotation(ctx.db, id);
  const { timeZone } = await workspaceToday(ctx.db);
  const from = startOfDay(row.starts_on, timeZone);
  const end = startOfDay(addDays(row.ends_on, 1), timeZone);
  const to = row.cancelled_at && row.cancelled_at < end ? row.cancelled_at : end;
  if (to <= from) return { items: [], nextCursor: null };
  const found = await interactionsOf(ctx.db, row.user_id, from, to, page);
  return {
    items: found.items.map(({ data, ...entry }) => ({ ...entry, hostRights: data.rotationId === row.id })),
    nextCursor: found.nextCursor,
  };
};
