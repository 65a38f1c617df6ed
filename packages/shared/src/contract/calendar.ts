import { CalendarFeedStatus, CreatedCalendarFeed } from '../schemas/calendar.js';
import { endpoint } from './endpoint.js';

const tag = 'calendar';

/** Your own secret calendar feed (`GET /cal/{token}.ics`, outside the API): create or rotate it, revoke it. */
export const calendarEndpoints = {
  getCalendarFeed: endpoint({
    method: 'GET',
    path: '/api/calendar-feed',
    tag,
    summary: 'Whether you have a calendar feed, since when, and when it was last fetched (never its URL)',
    response: CalendarFeedStatus,
    action: 'self.manage',
  }),
  createCalendarFeed: endpoint({
    method: 'POST',
    path: '/api/calendar-feed',
    tag,
    summary: 'Create your calendar feed URL, or rotate it: the old URL stops working (the new one is shown once)',
    response: CreatedCalendarFeed,
    status: 201,
    action: 'self.manage',
  }),
  revokeCalendarFeed: endpoint({
    method: 'DELETE',
    path: '/api/calendar-feed',
    tag,
    summary: 'Revoke your calendar feed URL: it answers 404 from now on',
    action: 'self.manage',
  }),
};
