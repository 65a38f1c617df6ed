import { ApiToken, CreatedToken, CreateTokenInput, IdParams, LoginInput, UpdateMeInput, User } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireActor, SESSION_COOKIE, setSessionCookie } from '../../http/auth.js';
import { getUser, updateMe } from '../users/users.service.js';
import { createToken, listTokens, login, logout, revokeToken } from './auth.service.js';

export const registerAuthRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags, summary: 'Log in; sets the session cookie', body: LoginInput, response: { 200: User } },
    },
    async (request, reply) => {
      const session = await login(ctx, request.body, request.ip);
      setSessionCookie(request, reply, session.token, ctx.config.sessionDays);
      return getUser(ctx, session.userId);
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { public: true }, schema: { tags, summary: 'Log out; ends the session' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(ctx, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  r.get('/api/auth/me', { schema: { tags, summary: 'The logged-in user', response: { 200: User } } }, async (request) =>
    getUser(ctx, requireActor(request).id),
  );

  r.patch(
    '/api/auth/me',
    {
      schema: {
        tags,
        summary: 'Change your own name, language or time zone',
        body: UpdateMeInput,
        response: { 200: User },
      },
    },
    async (request) => updateMe(ctx, requireActor(request), request.body),
  );

  r.get(
    '/api/tokens',
    {
      schema: { tags, summary: 'Your personal API tokens', response: { 200: z.object({ items: z.array(ApiToken) }) } },
    },
    async (request) => ({ items: await listTokens(ctx, requireActor(request)) }),
  );

  r.post(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'Create a personal API token (the secret is shown once)',
        body: CreateTokenInput,
        response: { 201: CreatedToken },
      },
    },
    async (request, reply) => reply.status(201).send(await createToken(ctx, requireActor(request), request.body)),
  );

  r.delete(
    '/api/tokens/:id',
    { schema: { tags, summary: 'Revoke a token', params: IdParams } },
    async (request, reply) => {
      await revokeToken(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );
};
