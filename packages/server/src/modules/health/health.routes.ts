import { systemEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';

export const registerHealthRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, systemEndpoints, {
    getHealth: async () => ({ status: 'ok' as const }),
  });
