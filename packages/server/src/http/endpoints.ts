import type { Readable } from 'node:stream';
import {
  areaOfPath,
  can,
  type Endpoint,
  type EndpointInput,
  type EndpointResponse,
  type PolicyAction,
  type PolicyRecord,
  scopesAllow,
} from '@nenner/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import type { Actor, AppContext } from '../context.js';
import { requireVersion } from './access.js';
import { requireActor } from './auth.js';
import { AppError } from './errors.js';

/** A success answered with another status than the endpoint's usual one (e.g. 200 for a duplicate). */
export class Answer<T> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}
export const answer = <T>(status: 200 | 201 | 202, body: T): Answer<T> => new Answer(status, body);

/** A download (an endpoint that `produces` a file): sent as an attachment with its own content type. */
export class FileAnswer {
  constructor(
    readonly filename: string,
    /** A stream for a large export, written as it is read. */
    readonly body: string | Buffer | Readable,
    readonly contentType = 'text/csv; charset=utf-8',
  ) {}
}
export const csvFile = (filename: string, body: string): FileAnswer => new FileAnswer(filename, body);
export const calendarFile = (filename: string, body: string): FileAnswer =>
  new FileAnswer(filename, body, 'text/calendar; charset=utf-8; method=REQUEST');

/** The raw request and reply, for the few handlers that need headers, cookies or the client's address. */
export interface Http {
  request: FastifyRequest;
  reply: FastifyReply;
}

type ActorOf<E extends Endpoint> = E['action'] extends 'public' ? Actor | null : Actor;

/** The one shape every route handler has: context, actor, validated input → the service's result. */
/** The body of an `answer`: the documented response, or anything for a download's JSON alternative. */
// biome-ignore lint/suspicious/noConfusingVoidType: EndpointResponse is void for an endpoint without a body
type AnswerBody<E extends Endpoint> = [EndpointResponse<E>] extends [void] ? unknown : EndpointResponse<E>;

export type Handler<E extends Endpoint> = (
  ctx: AppContext,
  actor: ActorOf<E>,
  input: EndpointInput<E>,
  http: Http,
) => Promise<EndpointResponse<E> | Answer<AnswerBody<E>> | FileAnswer>;

export type Handlers<C extends Record<string, Endpoint>> = { [K in keyof C]: Handler<C[K]> };

/**
 * Throws 403 unless the policy allows `action` (for `record`, when given). Call before writing. When only
 * the host department of the actor's job rotation allows it, notes that on the actor, so the audit entries
 * the request writes say it happened "im Perspektivwechsel".
 */
export const assertCan = (actor: Actor, action: PolicyAction, record?: PolicyRecord, detail?: string): void => {
  if (!can(actor, action, record)) throw new AppError('forbidden', detail);
  if (actor.hostDepartment && !can({ ...actor, hostDepartment: null }, action, record)) actor.usedHostRights = true;
};

/** The OpenAPI statuses of an endpoint: its success body, or 204 without one. */
const responses = (e: Endpoint): Record<number, z.ZodType> | undefined => {
  if (!e.response) return undefined;
  const out: Record<number, z.ZodType> = { [e.status ?? 200]: e.response };
  for (const s of e.alsoStatus ?? []) out[s] = e.response;
  return out;
};

// documented as an empty 204; the serializer never runs for an empty body
const noContent = { 204: z.null().describe('No Content') };

/** The Fastify route schema of an endpoint: what validates the request and documents it in OpenAPI. */
const routeSchema = (e: Endpoint) => ({
  tags: [e.tag],
  summary: e.summary,
  ...(e.params && { params: e.params }),
  ...(e.query && { querystring: e.query }),
  ...(e.body && { body: e.body }),
  // a download has no JSON schema: documented as a plain 200
  ...(!e.produces && { response: responses(e) ?? noContent }),
});

/** The If-Match version an endpoint wants: required (428 without it), optional (null without it), or none. */
const versionOf = (e: Endpoint, header: string | string[] | undefined): number | null | undefined => {
  if (e.ifMatch === 'optional') return header === undefined ? null : requireVersion(header);
  return e.ifMatch ? requireVersion(header) : undefined;
};

/**
 * Refuses before validation: a request outside the API token's scopes (by the method and the endpoint's
 * area, see tokens/scopes.ts) is 403 `insufficient_scope`, and one the role may never make is 403
 * `forbidden`, whatever it carries.
 */
const gate = (e: Endpoint) => {
  const area = areaOfPath(e.path);
  return async (request: FastifyRequest): Promise<void> => {
    if (e.action === 'public') return;
    const actor = requireActor(request);
    if (!scopesAllow(actor.scopes, e.method, area)) throw new AppError('insufficient_scope');
    assertCan(actor, e.action);
  };
};

/** The route options of an endpoint with the generic handler around `handler`. */
const routeOf = <E extends Endpoint>(ctx: AppContext, e: E, handler: Handler<E>): RouteOptions => ({
  method: e.method,
  url: e.path,
  schema: routeSchema(e),
  config: { public: e.action === 'public' },
  preValidation: gate(e),
  handler: async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = (e.action === 'public' ? request.actor : requireActor(request)) as ActorOf<E>;
    const input = {
      params: request.params,
      query: request.query,
      body: request.body,
      version: versionOf(e, request.headers['if-match']),
    } as EndpointInput<E>;
    const result = await handler(ctx, actor, input, { request, reply });
    if (result instanceof FileAnswer) {
      return reply
        .status(200)
        .type(result.contentType)
        .header('content-disposition', `attachment; filename="${result.filename}"`)
        .send(result.body);
    }
    if (result instanceof Answer) return reply.status(result.status).send(result.body);
    if (!e.response) return reply.status(204).send();
    return reply.status(e.status ?? 200).send(result);
  },
});

/** Registers every endpoint of a contract section with its handler. */
export const registerEndpoints = <C extends Record<string, Endpoint>>(
  app: FastifyInstance,
  ctx: AppContext,
  contract: C,
  handlers: Handlers<C>,
): void => {
  for (const name of Object.keys(contract) as (keyof C & string)[]) {
    app.route(routeOf(ctx, contract[name] as C[typeof name], handlers[name]));
  }
};
