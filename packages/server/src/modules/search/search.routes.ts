import { searchEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { globalSearch } from './search.service.js';

export const registerSearchRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  registerEndpoints(app, ctx, searchEndpoints, {
    globalSearch: (ctx, actor, { query }) => globalSearch(ctx, actor, query),
  });
};
