import { z } from 'zod';
import { IdParams } from '../schemas/common.js';
import { CreatePipelineInput, Pipeline, UpdatePipelineInput } from '../schemas/deals.js';
import { endpoint } from './endpoint.js';

const tag = 'pipelines';
const PipelineList = z.object({ items: z.array(Pipeline) });

export const pipelineEndpoints = {
  listPipelines: endpoint({
    method: 'GET',
    path: '/api/pipelines',
    tag,
    summary: 'Pipelines with their ordered stages, the default first',
    response: PipelineList,
    action: 'pipelines.read',
  }),
  createPipeline: endpoint({
    method: 'POST',
    path: '/api/pipelines',
    tag,
    summary: 'Create a pipeline (admins)',
    body: CreatePipelineInput,
    response: Pipeline,
    status: 201,
    action: 'pipelines.manage',
  }),
  getPipeline: endpoint({
    method: 'GET',
    path: '/api/pipelines/:id',
    tag,
    summary: 'One pipeline',
    params: IdParams,
    response: Pipeline,
    action: 'pipelines.read',
  }),
  updatePipeline: endpoint({
    method: 'PATCH',
    path: '/api/pipelines/:id',
    tag,
    summary:
      'Rename, set as default, or edit the stages (the complete new list: with id kept, without id added, missing removed) — admins, If-Match',
    params: IdParams,
    body: UpdatePipelineInput,
    response: Pipeline,
    ifMatch: true,
    action: 'pipelines.manage',
  }),
};
