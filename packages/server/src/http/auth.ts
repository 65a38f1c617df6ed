import { twoFactorEnrollmentPaths } from '@nenner/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, AppContext } from '../context.js';
import { authenticate } from '../modules/auth/auth.service.js';
import { AppError } from './errors.js';

export const SESSION_COOKIE = 'nenner_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a login (health, login, docs). */
    public?: boolean;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Browsers send cookies with cross-site requests; a write that rides on a cookie must come from our
 * own pages. Bearer-token requests carry no ambient credential and need no such check.
 */
const assertSameOrigin = (request: FastifyRequest): void => {
  const site = request.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') throw new AppError('cross_site_request');
  const origin = request.headers.origin;
  if (origin) {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new AppError('cross_site_request');
    }
    if (host !== request.headers.host) throw new AppError('cross_site_request');
  }
};

export const requireActor = (request: FastifyRequest): Actor => {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
};

export const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string, days: number) =>
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: days * 86_400,
  });

/** Authenticates every /api request before its body is read; public routes opt out. */
export const registerAuth = (app: FastifyInstance, ctx: AppContext): void => {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const authorization = request.headers.authorization;
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    const sessionToken = bearer ? undefined : request.cookies[SESSION_COOKIE];
    if (unsafeMethods.has(request.method) && !bearer) assertSameOrigin(request);
    if (bearer || sessionToken) request.actor = await authenticate(ctx, { bearer, sessionToken });
    if (!request.actor && !request.routeOptions.config.public) throw new AppError('unauthenticated');
    // a user the workspace requires a second factor of reaches only its enrollment until it is set up
    if (
      request.actor?.mustEnrollTwoFactor &&
      !request.routeOptions.config.public &&
      !twoFactorEnrollmentPaths.includes(request.routeOptions.url ?? '')
    ) {
      throw new AppError('two_factor_enrollment_required');
    }
  });
};
