import { leadEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { answer, registerEndpoints } from '../../http/endpoints.js';
import { ingestApiLead } from './leads.service.js';
import { explainScore } from './scoring.service.js';

export const registerLeadRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, leadEndpoints, {
    ingestApiLead: async (ctx, actor, { body }) => {
      const result = await ingestApiLead(ctx, actor, body);
      return result.duplicate ? answer(200, result) : result;
    },
    explainScore: (ctx, _actor, { params }) => explainScore(ctx, params.id),
  });
