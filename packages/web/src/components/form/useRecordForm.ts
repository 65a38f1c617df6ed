import { type FormErrors, type UseFormReturnType, useForm } from '@mantine/form';
import { ApiError, isApiError } from '../../api/client';
import { type BodySchema, toFieldErrors, zodResolver } from './fieldErrors';

export interface RecordFormOptions<V, I> {
  initialValues: V;
  /** The request body for these values (what is sent, and what the schema checks). Defaults to the values. */
  toInput?: (values: V) => I;
  /** The body's schema from packages/shared: the server's own check, run before anything is sent. */
  schema?: BodySchema;
  /** Checks with the form's own translated messages; they win over the schema's at the same field. */
  rules?: (values: V) => Record<string, string>;
  /** Fields whose own checks run again on every change (by default errors stay until the next submit). */
  validateOnChange?: string[];
  /** The request's error: its field errors show on the same fields as the form's own. */
  error: unknown;
  disabled?: boolean;
}

/** The props that bind one input to a field; `onChange` takes the input's value or its change event. */
export interface BoundField<T> {
  value: T;
  onChange: (next: unknown) => void;
  error: string | undefined;
  disabled: boolean;
}

/** The props that bind a checkbox or switch to a boolean field. */
export interface BoundCheckbox {
  checked: boolean;
  onChange: (next: unknown) => void;
  error: string | undefined;
  disabled: boolean;
}

/** A Mantine form plus `field(key)`, which binds an input to a field with its error (own or the server's). */
export type RecordForm<V, I = unknown> = UseFormReturnType<V, I> & {
  field: <K extends keyof V & string>(key: K) => BoundField<V[K]>;
  /** `field` for a checkbox or switch: `checked` instead of `value`. */
  checkbox: <K extends keyof V & string>(key: K) => BoundCheckbox;
  disabled: boolean;
  /** Every field error by path: the form's own checks first, then the server's. */
  fieldErrors: Record<string, string>;
  /** What to explain above the fields: the form's own failed check (as the server would answer it), else the request's error. */
  problem: unknown;
};

/** One form for a record: values, the shared schema as validator, server errors on the same fields. */
export function useRecordForm<V extends Record<string, unknown>, I extends object = V>({
  initialValues,
  toInput = (values) => values as unknown as I,
  schema,
  rules,
  validateOnChange = [],
  error,
  disabled = false,
}: RecordFormOptions<V, I>): RecordForm<V, I> {
  const server = isApiError(error) ? toFieldErrors(error.errors) : {};
  const check = schema && zodResolver(schema, toInput);
  const form = useForm<V, I>({
    mode: 'controlled',
    initialValues,
    transformValues: toInput,
    // errors stay until the next submit, as the server's do
    clearInputErrorOnChange: false,
    validateInputOnChange: validateOnChange,
    validate: (values: V): FormErrors => ({ ...check?.(values), ...rules?.(values) }),
  });
  // the form's own errors are strings: the schema's messages and the rules'
  const own = Object.entries(form.errors as Record<string, string>);
  const fieldErrors = { ...server, ...Object.fromEntries(own) };
  const field = <K extends keyof V & string>(key: K): BoundField<V[K]> => ({
    value: form.values[key],
    onChange: form.getInputProps(key).onChange as (next: unknown) => void,
    error: fieldErrors[key],
    disabled,
  });
  const checkbox = <K extends keyof V & string>(key: K): BoundCheckbox => {
    const { value, ...rest } = field(key);
    return { checked: Boolean(value), ...rest };
  };
  const problem = own.length > 0 ? validationProblem(form.errors) : error;
  return Object.assign(form, { field, checkbox, disabled, fieldErrors, problem });
}

/** A failed own check as the server's 400 answer, so alerts and notifications explain both the same way. */
export const validationProblem = (errors: FormErrors): ApiError =>
  new ApiError({
    status: 400,
    title: 'Bad Request',
    code: 'validation_failed',
    errors: Object.entries(errors).map(([path, message]) => ({ path, message: String(message) })),
  });

/** Only the fields that differ from `base`, so an update sends (and the audit trail records) real changes only. */
export const diffDraft = <D extends object>(base: D, draft: D): Partial<D> => {
  const out: Partial<D> = {};
  for (const key of Object.keys(draft) as (keyof D)[]) {
    if (JSON.stringify(base[key]) !== JSON.stringify(draft[key])) out[key] = draft[key];
  }
  return out;
};
