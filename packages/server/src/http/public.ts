import { CONTROL_CHARACTER_MESSAGE, controlCharacterPaths } from '@nenner/shared';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { takeRateLimit } from '../modules/auth/auth.service.js';
import { AppError } from './errors.js';

/*
 * What every visitor-facing page shares (the lead forms at /f/…, the event pages at /e/…): the body
 * limit, URL-encoded posts parsed only in their own scope, HTML or JSON answers, the honeypot field and
 * the per-IP rate limit of public posts.
 */

export const PUBLIC_BODY_LIMIT = 16 * 1024;

/** The hidden field a person leaves empty and a bot fills in. */
export const HONEYPOT = 'website';

/** A post whose honeypot is filled: answer it like a success and keep nothing. */
export const caughtInHoneypot = (body: unknown): boolean => {
  if (typeof body !== 'object' || body === null) return false;
  const trap = (body as Record<string, unknown>)[HONEYPOT];
  return typeof trap === 'string' && trap !== '';
};

/** Takes one public post of this client from the shared per-minute budget; false when it is spent. */
export const takePublicPost = (ctx: AppContext, ip: string): Promise<boolean> =>
  takeRateLimit(ctx.db, `form:ip:${ip}`, ctx.config.formPostsPerMinute, 60_000);

export const wantsJson = (request: FastifyRequest): boolean =>
  (request.headers['content-type'] ?? '').includes('application/json') ||
  (request.headers.accept ?? '').split(',')[0]?.includes('application/json') === true;

export const html = (reply: FastifyReply, status: number, page: string) =>
  reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);

/** Only the expected "no such thing" becomes a page; anything else (a database error) stays a logged 500. */
export const isCode = (error: unknown, code: AppError['code']): error is AppError =>
  error instanceof AppError && error.code === code;

export type PublicScope = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * Registers visitor pages in their own scope: only there are URL-encoded bodies parsed (up to the
 * public body limit), so the API itself never accepts a cross-site form post.
 */
export const registerPublicScope = (app: FastifyInstance, routes: (scope: PublicScope) => void): void => {
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: PUBLIC_BODY_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    // A visitor's post is read by hand, not by a schema: refuse control characters here (issue 15).
    scope.addHook('preHandler', async (request) => {
      const paths = controlCharacterPaths(request.body);
      if (paths.length) {
        throw new AppError('validation_failed', undefined, {
          errors: paths.map((p) => ({ path: p.join('.'), message: CONTROL_CHARACTER_MESSAGE })),
        });
      }
    });
    routes(scope.withTypeProvider<ZodTypeProvider>());
  });
};
