import { hasControlCharacter } from '@nenner/shared';
import { AppError } from '../http/errors.js';

/**
 * An opaque keyset cursor: the sort value and id of the last row of a page, and the sort it belongs to,
 * so that a cursor replayed with another sort is refused instead of comparing unlike values.
 */
export const encodeCursor = (value: string | number, id: string, sort?: string): string =>
  Buffer.from(JSON.stringify(sort === undefined ? [value, id] : [value, id, sort])).toString('base64url');

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The type of the column a cursor's value is compared with; a forged value of another type is refused. */
export type CursorValue = 'text' | 'timestamp' | 'date' | 'integer';

const fitsColumn = (value: unknown, type: CursorValue): value is string | number => {
  if (type === 'integer') return typeof value === 'number' && Number.isSafeInteger(value);
  if (typeof value !== 'string' || hasControlCharacter(value)) return false;
  if (type === 'timestamp') return ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
  if (type === 'date') return ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
  return true;
};

const invalid = () =>
  new AppError('invalid_cursor', undefined, {
    errors: [{ path: 'query.cursor', message: 'Not a cursor of this list; start again without it' }],
  });

/**
 * Reads a cursor; `sort` must match the one it was made for and the value must fit its column's type
 * (`value`, text unless said; `timestamp: true` is short for a timestamp), so that nothing a client forged
 * reaches the database (PostgreSQL would answer a mistyped comparison with a 500).
 */
export const decodeCursor = (
  cursor: string,
  expect: { sort?: string; timestamp?: boolean; value?: CursorValue } = {},
): [string | number, string] => {
  const type: CursorValue = expect.value ?? (expect.timestamp ? 'timestamp' : 'text');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === (expect.sort === undefined ? 2 : 3) &&
    fitsColumn(parsed[0], type) &&
    typeof parsed[1] === 'string' &&
    parsed[1].length <= 64 &&
    !hasControlCharacter(parsed[1]) &&
    (expect.sort === undefined || parsed[2] === expect.sort)
  ) {
    return [parsed[0], parsed[1]];
  }
  throw invalid();
};

/** Splits `-name` into the column and direction. */
export const parseSort = <S extends string>(sort: S) =>
  sort.startsWith('-')
    ? { field: sort.slice(1) as S extends `-${infer F}` ? F : S, desc: true }
    : { field: sort as S extends `-${infer F}` ? F : S, desc: false };

export const parseJsonList = (text: string | null): string[] => {
  if (!text) return [];
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.map(String) : [];
};
