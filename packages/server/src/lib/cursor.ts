import { AppError } from '../http/errors.js';

/**
 * An opaque keyset cursor: the sort value and id of the last row of a page, and the sort it belongs to,
 * so that a cursor replayed with another sort is refused instead of comparing unlike values.
 */
export const encodeCursor = (value: string | number, id: string, sort?: string): string =>
  Buffer.from(JSON.stringify(sort === undefined ? [value, id] : [value, id, sort])).toString('base64url');

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** Reads a cursor; `sort` must match the one it was made for, `timestamp` says the value is one (PostgreSQL casts it). */
export const decodeCursor = (
  cursor: string,
  expect: { sort?: string; timestamp?: boolean } = {},
): [string | number, string] => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === (expect.sort === undefined ? 2 : 3) &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string' &&
      (expect.sort === undefined || parsed[2] === expect.sort) &&
      (!expect.timestamp ||
        (typeof parsed[0] === 'string' && ISO_TIMESTAMP.test(parsed[0]) && !Number.isNaN(Date.parse(parsed[0]))))
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // fall through
  }
  throw new AppError('invalid_cursor');
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
