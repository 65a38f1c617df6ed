import { ssoEndpoints } from '@nenner/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { setSessionCookie } from '../../http/auth.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { takeRateLimit } from '../auth/auth.service.js';
import {
  finishSsoLogin,
  getSsoPublicConfig,
  getSsoSettings,
  redirectUriOf,
  startSsoLogin,
  updateSsoSettings,
} from './sso.service.js';

/** The browser's handle of its pending sign-in: httpOnly, only sent to the SSO routes, ten minutes. */
export const SSO_COOKIE = 'nenner_sso';
const COOKIE_PATH = '/api/auth/sso';
const STARTS_PER_MINUTE = 30;

const wantsJson = (request: FastifyRequest): boolean => (request.headers.accept ?? '').includes('application/json');

/**
 * A refused sign-in: a browser goes back to the login page, which shows the code in the user's language;
 * a client that asks for JSON gets the problem+json.
 */
const refuse = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
  if (!(error instanceof AppError) || wantsJson(request)) throw error;
  return reply.redirect(`/login?sso_error=${encodeURIComponent(error.code)}`, 302);
};

// the query is whatever the provider sends back; openid-client checks it
const CallbackQuery = z.record(z.string(), z.union([z.string().max(4000), z.array(z.string().max(4000))]));

export const registerSsoRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  registerEndpoints(app, ctx, ssoEndpoints, {
    getSsoConfig: (ctx) => getSsoPublicConfig(ctx),
    getSsoSettings: (ctx, actor) => getSsoSettings(ctx, actor),
    updateSsoSettings: (ctx, actor, { body, version }) => updateSsoSettings(ctx, actor, body, version),
  });

  // The two browser legs of the authorization code flow are redirects, not JSON: hidden from the OpenAPI document.
  app.get('/api/auth/sso/start', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    try {
      if (!(await takeRateLimit(ctx.db, `sso:start:${request.ip}`, STARTS_PER_MINUTE, 60_000))) {
        throw new AppError('rate_limited', undefined, { headers: { 'retry-after': '60' } });
      }
      const { url, handle } = await startSsoLogin(ctx);
      reply.setCookie(SSO_COOKIE, handle, {
        httpOnly: true,
        // lax: the provider's redirect back is a top-level navigation from another site
        sameSite: 'lax',
        secure: request.protocol === 'https' || redirectUriOf(ctx).startsWith('https:'),
        path: COOKIE_PATH,
        maxAge: 600,
      });
      return reply.redirect(url, 302);
    } catch (error) {
      return refuse(request, reply, error);
    }
  });

  app.get(
    '/api/auth/sso/callback',
    { config: { public: true }, schema: { hide: true, querystring: CallbackQuery } },
    async (request, reply) => {
      const handle = request.cookies[SSO_COOKIE];
      reply.clearCookie(SSO_COOKIE, { path: COOKIE_PATH });
      // the URL the provider redirected to, as registered there (not as a proxy may have rewritten it)
      const callbackUrl = new URL(redirectUriOf(ctx));
      callbackUrl.search = new URL(request.url, 'http://localhost').search;
      try {
        const userAgent = request.headers['user-agent'];
        const session = await finishSsoLogin(ctx, handle, callbackUrl, {
          ip: request.ip,
          userAgent: userAgent ? userAgent.slice(0, 500) : null,
        });
        setSessionCookie(request, reply, session.token, ctx.config.sessionDays);
        return reply.redirect('/', 302);
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );
};
