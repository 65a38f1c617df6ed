import { CreatePipelineInput, IdParams, Pipeline, UpdatePipelineInput } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireVersion } from '../../http/access.js';
import { requireActor } from '../../http/auth.js';
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
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['pipelines'];

  r.get(
    '/api/pipelines',
    {
      schema: {
        tags,
        summary: 'Pipelines with their ordered stages, the default first',
        response: { 200: z.object({ items: z.array(Pipeline) }) },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: await listPipelines(ctx) };
    },
  );
  r.post(
    '/api/pipelines',
    { schema: { tags, summary: 'Create a pipeline (admins)', body: CreatePipelineInput, response: { 201: Pipeline } } },
    async (request, reply) => reply.status(201).send(await createPipeline(ctx, requireActor(request), request.body)),
  );
  r.get(
    '/api/pipelines/:id',
    { schema: { tags, summary: 'One pipeline', params: IdParams, response: { 200: Pipeline } } },
    async (request) => {
      requireActor(request);
      return getPipeline(ctx, request.params.id);
    },
  );
  r.patch(
    '/api/pipelines/:id',
    {
      schema: {
        tags,
        summary:
          'Rename, set as default, or edit the stages (the complete new list: with id kept, without id added, missing removed) — admins, If-Match',
        params: IdParams,
        body: UpdatePipelineInput,
        response: { 200: Pipeline },
      },
    },
    async (request) =>
      updatePipeline(
        ctx,
        requireActor(request),
        request.params.id,
        requireVersion(request.headers['if-match']),
        request.body,
      ),
  );
};
