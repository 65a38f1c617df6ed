import { CreateUserInput, IdParams, ListUsersQuery, pageOf, UpdateUserInput, User } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireVersion } from '../../http/access.js';
import { requireActor } from '../../http/auth.js';
import { createUser, getUser, listUsers, updateUser } from './users.service.js';

export const registerUserRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    '/api/users',
    { schema: { tags, summary: 'List users', querystring: ListUsersQuery, response: { 200: pageOf(User) } } },
    async (request) => {
      requireActor(request);
      return listUsers(ctx, request.query);
    },
  );

  r.post(
    '/api/users',
    { schema: { tags, summary: 'Create a user (admins)', body: CreateUserInput, response: { 201: User } } },
    async (request, reply) => reply.status(201).send(await createUser(ctx, requireActor(request), request.body)),
  );

  r.get(
    '/api/users/:id',
    { schema: { tags, summary: 'One user', params: IdParams, response: { 200: User } } },
    async (request) => {
      requireActor(request);
      return getUser(ctx, request.params.id);
    },
  );

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Change role, department, status or password (admins; If-Match required)',
        params: IdParams,
        body: UpdateUserInput,
        response: { 200: User },
      },
    },
    async (request) =>
      updateUser(
        ctx,
        requireActor(request),
        request.params.id,
        requireVersion(request.headers['if-match']),
        request.body,
      ),
  );
};
