import { pipelineEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import {
  createPipeline,
  ensureDefaultPipeline,
  getPipeline,
  listPipelines,
  updatePipeline,
} from './pipelines.service.js';

export const registerPipelineRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  // every workspace has the default B2B pipeline from its first start on
  app.addHook('onReady', () => ensureDefaultPipeline(ctx));
  registerEndpoints(app, ctx, pipelineEndpoints, {
    listPipelines: async (ctx) => ({ items: await listPipelines(ctx) }),
    createPipeline: (ctx, actor, { body }) => createPipeline(ctx, actor, body),
    getPipeline: (ctx, _actor, { params }) => getPipeline(ctx, params.id),
    updatePipeline: (ctx, actor, { params, version, body }) => updatePipeline(ctx, actor, params.id, version, body),
  });
};
