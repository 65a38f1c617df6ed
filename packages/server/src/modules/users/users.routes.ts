import { userEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { createUser, getUser, listUsers, updateUser } from './users.service.js';

export const registerUserRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, userEndpoints, {
    listUsers: (ctx, _actor, { query }) => listUsers(ctx, query),
    createUser: (ctx, actor, { body }) => createUser(ctx, actor, body),
    getUser: (ctx, _actor, { params }) => getUser(ctx, params.id),
    updateUser: (ctx, actor, { params, version, body }) => updateUser(ctx, actor, params.id, version, body),
  });
