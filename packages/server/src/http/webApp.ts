import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from './errors.js';

/** Files under assets/ carry a content hash in their name: a new build gives them new names. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashes, so browsers ask for it again (a 304 when nothing changed). */
export const REVALIDATE = 'no-cache';

/**
 * Serves the built web app: hashed assets cached for a year, index.html (also for every client-side
 * route) revalidated on each visit, each in the .br or .gz copy the build wrote when the browser accepts it.
 */
export const registerWebApp = async (app: FastifyInstance, ctx: AppContext): Promise<void> => {
  const root = path.resolve(ctx.config.webDist);
  const hasWeb = fs.existsSync(path.join(root, 'index.html'));
  const assets = path.join(root, 'assets') + path.sep;
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('cache-control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE);
        res.setHeader('vary', 'accept-encoding');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // A missing asset (an old hash after a deploy) is a 404, not the app's HTML under a script's name.
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/') || request.method !== 'GET') {
      throw new AppError('route_not_found');
    }
    if (!hasWeb) {
      return reply
        .type('text/plain; charset=utf-8')
        .send('The web app is not built yet. Run `npm run build:web` (npm start does it for you).');
    }
    return reply.header('cache-control', REVALIDATE).sendFile('index.html');
  });
};
