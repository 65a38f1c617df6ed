import type { FieldError } from '@nenner/shared';
import { toFieldErrors } from '../../api/client';

export { toFieldErrors };

/** One issue as zod 4 reports it; typed by shape so the web app needs no zod of its own. */
export interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
  /** The names of unknown keys (zod's `unrecognized_keys`), reported at their parent. */
  keys?: readonly string[];
}

/** What the form layer needs of a request schema from packages/shared. */
export interface BodySchema {
  safeParse(input: unknown): { success: true } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

/** zod issues as the API reports them: a dotted path, unknown keys named at the end, as the server does. */
export const schemaIssues = (issues: readonly SchemaIssue[]): FieldError[] =>
  issues.map((issue) => ({
    path: [...issue.path.map(String), ...(issue.keys?.length ? [issue.keys.join(',')] : [])].join('.'),
    message: issue.message,
  }));

/** A form validator: parses the JSON body that would be sent with the server's own schema, so both report the same errors. */
export const zodResolver =
  <V>(schema: BodySchema, toInput: (values: V) => object) =>
  (values: V): Record<string, string> => {
    const result = schema.safeParse(JSON.parse(JSON.stringify(toInput(values))));
    return result.success ? {} : toFieldErrors(schemaIssues(result.error.issues));
  };
