import { type Deal, localDateTimeOf } from '@nenner/shared';

const DAY_MS = 86_400_000;

const dayNumber = (day: string): number | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : null;
};

/**
 * How many calendar days an open deal's close date lies behind today in the user's time zone, or null
 * when it is not overdue. The close date is a calendar day, so "today" is the user's, not UTC's: at
 * 00:30 in Berlin a deal due yesterday is already one day late, though UTC still has yesterday. The
 * close day itself is not overdue; won and lost deals never are.
 */
export const closeOverdueDays = (
  deal: Pick<Deal, 'status' | 'closeDate'>,
  now: Date,
  timeZone: string,
): number | null => {
  if (deal.status !== 'open' || !deal.closeDate) return null;
  const close = dayNumber(deal.closeDate);
  const today = dayNumber(localDateTimeOf(now.toISOString(), timeZone).date);
  if (close === null || today === null) return null;
  const days = today - close;
  return days > 0 ? days : null;
};
