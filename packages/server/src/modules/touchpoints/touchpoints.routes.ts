import { touchpointEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { createTouchpoint } from './touchpoints.service.js';

export const registerTouchpointRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, touchpointEndpoints, {
    createTouchpoint: (ctx, actor, { body }) => createTouchpoint(ctx, actor, body),
  });
