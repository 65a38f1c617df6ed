import type { z } from 'zod';
import type { PolicyAction } from '../policies/policies.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Whether a write needs the record's version: required, optional (settings), or not at all. */
export type IfMatch = boolean | 'optional';

/**
 * One endpoint of the HTTP contract, as data: the server registers its route from it, the OpenAPI
 * document is generated from it, and the web app's typed client calls it.
 */
export interface Endpoint<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType | undefined = z.ZodType | undefined,
  V extends IfMatch = IfMatch,
> {
  method: HttpMethod;
  /** Fastify style, e.g. `/api/campaigns/:id/costs/:costId`. */
  path: string;
  /** The OpenAPI group. */
  tag: string;
  summary: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The success body; without one (and without `produces`) the endpoint answers 204 No Content. */
  response?: R;
  /** A download: the endpoint answers 200 with a file the handler builds (a CSV, a calendar), not a JSON body. */
  produces?: 'text/csv' | 'text/calendar';
  /** The success status when there is a body (200 unless it creates). */
  status?: 200 | 201;
  /** Other success statuses with the same body shape (e.g. 200 for a duplicate beside 201). */
  alsoStatus?: readonly (200 | 201 | 202)[];
  /** The policy the actor must pass before the request is read; `public` needs no login. */
  action: PolicyAction | 'public';
  /** Writes carry `If-Match: "<version>"` (`optional`: when sent, a stale version is refused). */
  ifMatch?: V;
}

/** Declares an endpoint, keeping its schemas' exact types for the server and the client. */
export const endpoint = <
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
  V extends IfMatch = false,
>(
  e: Endpoint<P, Q, B, R, V>,
): Endpoint<P, Q, B, R, V> => e;

type Out<S> = [S] extends [z.ZodType] ? z.output<S> : undefined;
type In<S> = [S] extends [z.ZodType] ? z.input<S> : undefined;
type Parts<E> =
  E extends Endpoint<infer P, infer Q, infer B, infer R, infer V>
    ? { params: P; query: Q; body: B; response: R; ifMatch: V }
    : never;

/** What a handler receives: the validated params, query and body, and the If-Match version. */
export interface EndpointInput<E extends Endpoint> {
  params: Out<Parts<E>['params']>;
  query: Out<Parts<E>['query']>;
  body: Out<Parts<E>['body']>;
  version: [Parts<E>['ifMatch']] extends [true]
    ? number
    : [Parts<E>['ifMatch']] extends ['optional']
      ? number | null
      : undefined;
}

/** What a caller sends (schema inputs: before defaults and transforms). */
export type EndpointRequest<E extends Endpoint> = ([Parts<E>['params']] extends [z.ZodType]
  ? { params: In<Parts<E>['params']> }
  : { params?: undefined }) &
  ([Parts<E>['query']] extends [z.ZodType] ? { query?: In<Parts<E>['query']> } : { query?: undefined }) &
  ([Parts<E>['body']] extends [z.ZodType] ? { body: In<Parts<E>['body']> } : { body?: undefined }) &
  ([Parts<E>['ifMatch']] extends [true]
    ? { version: number }
    : [Parts<E>['ifMatch']] extends ['optional']
      ? { version?: number }
      : { version?: undefined });

/** What the endpoint answers on success (nothing, for a 204). */
export type EndpointResponse<E extends Endpoint> = [Parts<E>['response']] extends [z.ZodType]
  ? z.output<Parts<E>['response']>
  : // biome-ignore lint/suspicious/noConfusingVoidType: services that answer 204 return Promise<void>
    void;

/** `/api/campaigns/:id` with `{ id: 'c1' }` → `/api/campaigns/c1`. */
export const pathOf = (path: string, params: Record<string, string | number> | undefined): string =>
  path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
