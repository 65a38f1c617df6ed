import { CreateTaskInput, IdParams, ListTasksQuery, pageOf, Task, UpdateTaskInput } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireVersion } from '../../http/access.js';
import { requireActor } from '../../http/auth.js';
import { createTask, listTasks, updateTask } from './tasks.service.js';

export const registerTaskRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tasks'];
  r.get(
    '/api/tasks',
    {
      schema: {
        tags,
        summary: 'Tasks: overdue first, then by due date; ownerId=me is "My tasks"',
        querystring: ListTasksQuery,
        response: { 200: pageOf(Task) },
      },
    },
    async (request) => listTasks(ctx, requireActor(request), request.query),
  );
  r.post(
    '/api/tasks',
    {
      schema: {
        tags,
        summary: 'Create a task (owner defaults to the caller), optionally linked to an account, contact or deal',
        body: CreateTaskInput,
        response: { 201: Task },
      },
    },
    async (request, reply) => reply.status(201).send(await createTask(ctx, requireActor(request), request.body)),
  );
  r.patch(
    '/api/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Edit a task: owner, due date, reminder, status (If-Match: "<version>" required)',
        params: IdParams,
        body: UpdateTaskInput,
        response: { 200: Task },
      },
    },
    async (request) =>
      updateTask(
        ctx,
        requireActor(request),
        request.params.id,
        requireVersion(request.headers['if-match']),
        request.body,
      ),
  );
};
