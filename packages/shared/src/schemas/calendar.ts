import { z } from 'zod';
import { IsoDateTime } from './common.js';

/** Your calendar feed as the settings show it: whether there is one, since when, and when it was last fetched. */
export const CalendarFeed = z.object({
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime.nullable(),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;

export const CalendarFeedStatus = z.object({ feed: CalendarFeed.nullable() });
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatus>;

/** The only answer that carries the secret feed URL (`…/cal/{token}.ics`): it is stored only as a hash. */
export const CreatedCalendarFeed = CalendarFeed.extend({ url: z.string() });
export type CreatedCalendarFeed = z.infer<typeof CreatedCalendarFeed>;
