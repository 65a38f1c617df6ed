import { taskEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { createTask, listTasks, updateTask } from './tasks.service.js';

export const registerTaskRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, taskEndpoints, {
    listTasks: (ctx, actor, { query }) => listTasks(ctx, actor, query),
    createTask: (ctx, actor, { body }) => createTask(ctx, actor, body),
    updateTask: (ctx, actor, { params, version, body }) => updateTask(ctx, actor, params.id, version, body),
  });
