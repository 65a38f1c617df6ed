import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

const fastifyCodes: Record<string, AppError['code']> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
};

const toPath = (context: string | undefined, instancePath: string, params: unknown): string => {
  const parts = instancePath.split('/').filter(Boolean);
  // zod reports an unknown key at its parent; name the key itself
  const keys = (params as { keys?: unknown } | undefined)?.keys;
  if (Array.isArray(keys) && keys.length) parts.push(keys.join(','));
  const path = parts.join('.');
  if (context === 'body' || !context) return path;
  const where = context === 'querystring' ? 'query' : context;
  return path ? `${where}.${path}` : where;
};

const toAppError = (error: FastifyError): AppError => {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError('validation_failed', undefined, {
      errors: error.validation.map((v) => ({
        path: toPath(error.validationContext, v.instancePath, v.params),
        message: v.message ?? 'Invalid value',
      })),
    });
  }
  const code = error.code ? fastifyCodes[error.code] : undefined;
  if (code) return new AppError(code);
  if (error.statusCode === 400 && error instanceof SyntaxError) return new AppError('malformed_json');
  return new AppError('internal_error');
};

/** Every error leaves as RFC 9457 problem+json with a stable code; internals are logged, never sent. */
export const registerProblems = (app: FastifyInstance): void => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'internal_error') request.log.error({ err: error }, 'unhandled error');
    if (appError.headers) reply.headers(appError.headers);
    return reply.status(appError.status).type(PROBLEM).send(appError.toProblem());
  });
};
