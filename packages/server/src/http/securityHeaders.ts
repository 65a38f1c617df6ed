import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { AppContext } from '../context.js';
import { readSetting } from '../modules/settings/settings.service.js';

/*
 * Security headers (issue 15), from helmet: a strict Content-Security-Policy without inline
 * script, nosniff, a same-origin referrer, and no framing of the app. `style-src` allows 'unsafe-inline'
 * because Mantine writes its theme variables and responsive style props into <style> elements at run time
 * (and the server-rendered public pages carry their small stylesheet inline); scripts stay 'self' only.
 * The public form and event pages (/f/…, /e/…) are made to be embedded: their own CSP names the sites an
 * admin allowed (Settings → Forms), any site when none is listed. HSTS only when the request came over
 * https (directly or from a trusted proxy), so a plain-http install does not lock browsers out.
 */

const APP_CSP = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const HSTS = 'max-age=31536000; includeSubDomains';

/** The embeddable visitor pages; the other public pages (confirmations, unsubscribes) are not framed. */
const isEmbeddable = (request: FastifyRequest): boolean => {
  const url = request.routeOptions.url ?? '';
  return url.startsWith('/f/') || url.startsWith('/e/');
};

/** The CSP of a public page: no script at all, its inline styles, posts to itself and the allowed redirects. */
export const publicPageCsp = (embedOrigins: string[], redirectHosts: string[]): string =>
  [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "base-uri 'none'",
    `form-action 'self'${redirectHosts.map((h) => ` ${h}`).join('')}`,
    `frame-ancestors ${embedOrigins.length ? `'self' ${embedOrigins.join(' ')}` : '*'}`,
  ].join('; ');

export const registerSecurityHeaders = async (app: FastifyInstance, ctx: AppContext): Promise<void> => {
  // built once: @fastify/helmet builds helmet's middleware anew for every request (about 2 % of a list
  // request's CPU); the headers are the same for every answer, so one middleware serves them all
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: APP_CSP },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    hsts: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined));
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!isEmbeddable(request)) return payload;
    const { embedOrigins, redirectHosts } = (await readSetting(ctx.db, 'forms')).value;
    reply.header('content-security-policy', publicPageCsp(embedOrigins, redirectHosts));
    reply.removeHeader('x-frame-options');
    return payload;
  });
};
