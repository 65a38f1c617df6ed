import { Cursor, IdParams, Limit } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { listNotifications, Notification, readNotifications } from './notifications.service.js';

export const registerNotificationRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first, with the unread count',
        querystring: z.strictObject({ limit: Limit, cursor: Cursor.optional() }),
        response: {
          200: z.object({ items: z.array(Notification), nextCursor: z.string().nullable(), unread: z.number() }),
        },
      },
    },
    async (request) => listNotifications(ctx, requireActor(request), request.query.limit, request.query.cursor),
  );
  r.post(
    '/api/notifications/:id/read',
    { schema: { tags, summary: 'Mark one as read', params: IdParams } },
    async (request, reply) => {
      await readNotifications(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );
  r.post('/api/notifications/read-all', { schema: { tags, summary: 'Mark all as read' } }, async (request, reply) => {
    await readNotifications(ctx, requireActor(request));
    return reply.status(204).send();
  });
};
