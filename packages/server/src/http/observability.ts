import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { addMetricsSource, metrics, type PoolStats, renderMetrics } from '../lib/metrics.js';

/*
 * What an operator sees of a running instance: a request id on every request and log line (taken from
 * X-Request-Id when a proxy sent a sane one, else generated; echoed in the answer), the user id on the
 * lines of an authenticated request, request durations by route pattern, and GET /metrics.
 */

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's genReqId: the proxy's X-Request-Id when it looks like an id, else a fresh UUID. */
export const requestIdOf = (raw: IncomingMessage): string => {
  const given = raw.headers['x-request-id'];
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
};

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const sendMetrics = async (reply: FastifyReply) => {
  const { contentType, body } = await renderMetrics();
  return reply.header('cache-control', 'no-store').type(contentType).send(body);
};

/**
 * Request ids, user ids in the log, request metrics and /metrics (behind NENNER_METRICS_TOKEN; not on
 * this port when NENNER_METRICS_PORT is set, see startMetricsServer). Register right after registerAuth.
 */
export const registerObservability = (app: FastifyInstance, ctx: AppContext, pool: () => PoolStats): void => {
  const remove = addMetricsSource(ctx, pool);
  app.addHook('onClose', async () => {
    remove();
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // registerAuth's hook ran before this one: the lines of this request name who made it
    // on the request's own logger: a child logger compiles the redaction anew, ~11 µs a request (the null
    // logger of `logger: false` has no bindings)
    const log = request.log as typeof request.log & { setBindings?: (bindings: Record<string, unknown>) => void };
    if (request.actor) log.setBindings?.({ userId: request.actor.id });
  });

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });

  const { token, port } = ctx.config.metrics;
  if (port !== null || token === null) return; // without a token or a port of its own, /metrics is not served
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const auth = request.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice(7).trim(), token)) {
      return reply.status(401).header('www-authenticate', 'Bearer').type('text/plain').send('unauthorized\n');
    }
    return sendMetrics(reply);
  });
};

/** GET /metrics alone, on NENNER_METRICS_PORT (bind it to an address only Prometheus reaches). */
export const startMetricsServer = async (host: string, port: number): Promise<FastifyInstance> => {
  const server = Fastify({ logger: false });
  server.get('/metrics', async (_request, reply) => sendMetrics(reply));
  await server.listen({ host, port });
  return server;
};
