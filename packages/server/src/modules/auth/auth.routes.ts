import { authEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { SESSION_COOKIE, setSessionCookie } from '../../http/auth.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { presentMe } from '../rotations/rotations.rights.js';
import { getUser, updateMe } from '../users/users.service.js';
import { checkPassword, createToken, listTokens, logout, revokeToken } from './auth.service.js';
import { clientOf, DEVICE_COOKIE, setChallengeCookie } from './twoFactor.routes.js';
import { continueLogin } from './twoFactor.service.js';

export const registerAuthRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, authEndpoints, {
    // the session lives in a cookie: only these two handlers touch the raw request and reply
    // a user with a second factor gets a challenge cookie, not yet a session (unless this device is remembered)
    login: async (ctx, _actor, { body }, { request, reply }) => {
      const userId = await checkPassword(ctx, body, request.ip);
      const step = await continueLogin(ctx, userId, clientOf(request), request.cookies[DEVICE_COOKIE]);
      if (step.kind === 'challenge') {
        setChallengeCookie(request, reply, step.token);
        return { twoFactorRequired: true as const, expiresAt: step.expiresAt };
      }
      setSessionCookie(request, reply, step.token, ctx.config.sessionDays);
      return presentMe(ctx, await getUser(ctx, userId));
    },
    logout: async (ctx, _actor, _input, { request, reply }) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(ctx, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
    getMe: async (ctx, actor) => presentMe(ctx, await getUser(ctx, actor.id)),
    getSession: async (ctx, actor) => ({
      user: actor ? await presentMe(ctx, await getUser(ctx, actor.id)) : null,
      ...(actor?.mustEnrollTwoFactor && { twoFactorEnrollmentRequired: true }),
    }),
    updateMe: async (ctx, actor, { body }) => presentMe(ctx, await updateMe(ctx, actor, body)),
    listTokens: async (ctx, actor) => ({ items: await listTokens(ctx, actor) }),
    createToken: (ctx, actor, { body }) => createToken(ctx, actor, body),
    revokeToken: (ctx, actor, { params }) => revokeToken(ctx, actor, params.id),
  });
