import { expandOccurrences } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import type { FeedItem } from '../calendar/calendar.ics.js';
import { findOccurrenceRowsOf, listSeriesRowsOfParticipant } from './meetings.repository.js';
import { overridesOf, recurrenceOf } from './meetings.service.js';

/**
 * The occurrences starting in [from, to) of the series a user takes part in, as calendar feed entries:
 * moved ones at their new time, cancelled ones left out (the window may be at most a year).
 */
export const meetingsForFeed = async (
  ctx: AppContext,
  user: { id: string },
  window: { from: string; to: string },
): Promise<FeedItem[]> => {
  const series = await listSeriesRowsOfParticipant(ctx.db, user.id);
  const stored = await findOccurrenceRowsOf(
    ctx.db,
    series.map((s) => s.id),
  );
  return series.flatMap((s) =>
    expandOccurrences(s.id, recurrenceOf(s), overridesOf(stored.filter((o) => o.series_id === s.id)), window)
      .filter((o) => !o.cancelled)
      .map((o) => ({
        uid: `meeting-${o.id}@nenner`,
        title: s.title,
        description: null,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        location: s.location,
        url: `${ctx.config.publicUrl}/occurrences/${encodeURIComponent(o.id)}`,
        changedAt: new Date(s.updated_at).toISOString(),
      })),
  );
};
