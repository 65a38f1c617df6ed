import { zonedTimeToEpoch } from '@nenner/shared';
import { fieldError } from '../../http/errors.js';

export interface Period {
  /** First instant of the first day, ISO UTC. */
  from: string;
  /** First instant after the last day, ISO UTC (exclusive). */
  to: string;
}

/** The first instant of a local date (plus some days) in a time zone, as epoch milliseconds. */
export const startOfLocalDay = (date: string, timeZone: string, plusDays = 0): number => {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 0) + plusDays));
  return zonedTimeToEpoch(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() },
    0,
    0,
    timeZone,
  );
};

/**
 * A report period of local dates (both inclusive) in the workspace's time zone, as the half-open UTC
 * interval the queries use. Refuses periods that end before they start or run longer than `maxDays`.
 */
export const periodOf = (fromDate: string, toDate: string, timeZone: string, maxDays: number): Period => {
  if (toDate < fromDate) throw fieldError('query.to', 'The period ends before it starts');
  const start = startOfLocalDay(fromDate, timeZone);
  const end = startOfLocalDay(toDate, timeZone, 1);
  if (end - start > maxDays * 86_400_000) throw fieldError('query.to', `At most ${maxDays} days per report`);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
};
