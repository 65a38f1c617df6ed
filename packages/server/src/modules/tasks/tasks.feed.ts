import type { AppContext } from '../../context.js';
import type { FeedItem } from '../calendar/calendar.ics.js';
import { listOwnDueTaskRows } from './tasks.repository.js';

/** A user's open tasks due in [from, to), as calendar feed entries at their due time. */
export const tasksForFeed = async (
  ctx: AppContext,
  user: { id: string },
  window: { from: string; to: string },
  label: string,
): Promise<FeedItem[]> =>
  (await listOwnDueTaskRows(ctx.db, user.id, window.from, window.to)).map((t) => ({
    uid: `task-${t.id}@nenner`,
    title: `${label}: ${t.title}`,
    description: t.description,
    startsAt: new Date(t.due_at as string).toISOString(),
    endsAt: null,
    location: null,
    url: `${ctx.config.publicUrl}/tasks`,
    changedAt: new Date(t.updated_at).toISOString(),
  }));
