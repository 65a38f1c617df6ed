import { CONTROL_CHARACTER_MESSAGE, controlCharacterPaths } from '@nenner/shared';
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/*
 * Every request part (params, query, body, headers a route declares) is checked for control characters
 * before its own schema runs: a NUL byte would otherwise reach PostgreSQL, which refuses it with a 500
 * (issue 15). The rule itself lives in the shared schemas (`controlCharacterPaths`); refused input is an
 * ordinary 400 validation_failed naming the field.
 */
const ControlFree = z.unknown().superRefine((value, ctx) => {
  for (const path of controlCharacterPaths(value)) {
    ctx.addIssue({ code: 'custom', path, message: CONTROL_CHARACTER_MESSAGE, input: value });
  }
});

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) =>
  zodValidatorCompiler({ ...route, schema: ControlFree.pipe(route.schema) });
