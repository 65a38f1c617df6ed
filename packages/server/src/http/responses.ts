import type { FastifySerializerCompiler } from 'fastify';
import { z } from 'zod';

/** A response body that does not match its documented schema: a bug on our side, answered 500 and logged. */
export class ResponseShapeError extends Error {
  constructor(
    readonly route: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(`The response of ${route} does not match its schema: ${z.prettifyError(new z.ZodError(issues))}`);
  }
}

/**
 * Serializes responses. With `validate` (development and tests) every body is checked against the
 * endpoint's response schema first, so the OpenAPI document describes what is really sent. In
 * production the check is off: re-validating every row costs about a third of the list throughput.
 */
export const responseSerializer =
  (validate: boolean): FastifySerializerCompiler<unknown> =>
  ({ schema, method, url }) => {
    if (!validate || !(schema instanceof z.ZodType)) return (data: unknown) => JSON.stringify(data);
    return (data: unknown) => {
      const result = schema.safeParse(data);
      if (!result.success) throw new ResponseShapeError(`${method} ${url}`, result.error.issues);
      return JSON.stringify(data);
    };
  };
