import { activityEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { createActivity, listActivities } from './activities.service.js';

export const registerActivityRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, activityEndpoints, {
    listActivities: (ctx, actor, { query }) => listActivities(ctx, actor, query),
    createActivity: (ctx, actor, { body }) => createActivity(ctx, actor, body),
  });
