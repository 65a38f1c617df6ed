import { calendarEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { calendarFeedFile, createCalendarFeed, getCalendarFeed, revokeCalendarFeed } from './calendar.service.js';

const FeedParams = z.object({ file: z.string().max(100) });

/** The feed settings under /api, and the feed itself at `/cal/{token}.ics` (no session: the token is the key). */
export const registerCalendarRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  registerEndpoints(app, ctx, calendarEndpoints, {
    getCalendarFeed: (ctx, actor) => getCalendarFeed(ctx, actor),
    createCalendarFeed: (ctx, actor) => createCalendarFeed(ctx, actor),
    revokeCalendarFeed: (ctx, actor) => revokeCalendarFeed(ctx, actor),
  });
  app.get('/cal/:file', { schema: { hide: true, params: FeedParams } }, async (request, reply) => {
    const { file } = request.params as z.infer<typeof FeedParams>;
    const body = await calendarFeedFile(ctx, file.endsWith('.ics') ? file.slice(0, -4) : '');
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .send(body);
  });
};
