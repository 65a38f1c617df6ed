import type { AppContext } from '../../context.js';
import type { FeedItem } from '../calendar/calendar.ics.js';
import { listEventRowsOfUser } from './events.repository.js';

/** The events a user owns or holds a place at, overlapping [from, to), as calendar feed entries. */
export const eventsForFeed = async (
  ctx: AppContext,
  user: { id: string; email: string },
  window: { from: string; to: string },
): Promise<FeedItem[]> =>
  (await listEventRowsOfUser(ctx.db, user, window.from, window.to)).map((e) => ({
    uid: `event-${e.id}@nenner`,
    title: e.title,
    description: e.description,
    startsAt: new Date(e.starts_at).toISOString(),
    endsAt: new Date(e.ends_at).toISOString(),
    location: [e.venue, e.online_url].filter(Boolean).join(' · ') || null,
    url: `${ctx.config.publicUrl}/events/${e.id}`,
    changedAt: new Date(e.updated_at).toISOString(),
  }));
