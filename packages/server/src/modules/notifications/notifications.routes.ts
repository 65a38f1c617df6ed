import { notificationEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { listNotifications, readNotifications } from './notifications.service.js';

export const registerNotificationRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, notificationEndpoints, {
    listNotifications: (ctx, actor, { query }) => listNotifications(ctx, actor, query.limit, query.cursor),
    readNotification: (ctx, actor, { params }) => readNotifications(ctx, actor, params.id),
    readAllNotifications: (ctx, actor) => readNotifications(ctx, actor),
  });
