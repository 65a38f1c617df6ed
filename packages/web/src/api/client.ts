import type { FieldError, Problem } from '@nenner/shared';

/** A failed API call, carrying the server's problem details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldError[];

  constructor(problem: Pick<Problem, 'status' | 'title'> & { code: string; errors?: FieldError[] }) {
    super(problem.title);
    this.status = problem.status;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
  }

  /** Field errors keyed by their path (e.g. "emails.0" → message). */
  fieldErrors(): Record<string, string> {
    return toFieldErrors(this.errors);
  }
}

/** Field errors by path, and by the path's first segment ("emails.0" also marks "emails"); the first message wins. */
export const toFieldErrors = (errors: readonly FieldError[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const { path, message } of errors) {
    if (!(path in out)) out[path] = message;
    const root = path.split('.')[0];
    if (root && !(root in out)) out[root] = message;
  }
  return out;
};

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

type QueryValue = string | number | boolean | null | undefined;

/** Builds "?a=1&b=2", leaving out empty values. */
export const toQueryString = (params: Record<string, QueryValue>): string => {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
};

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  version?: number;
  signal?: AbortSignal;
}

/** Calls the Nenner API on the same origin with the session cookie. */
export const api = async <T>(path: string, options: RequestOptions = {}): Promise<T> => {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.version !== undefined) headers['If-Match'] = `"${options.version}"`;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network_error', title: 'Network error' });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const p = (data ?? {}) as Partial<Problem>;
    throw new ApiError({
      status: res.status,
      code: typeof p.code === 'string' ? p.code : 'internal_error',
      title: typeof p.title === 'string' ? p.title : res.statusText,
      errors: Array.isArray(p.errors) ? p.errors : [],
    });
  }
  return data as T;
};
