import { AppError } from '../http/errors.js';

/** An opaque keyset cursor: the sort value and id of the last row of a page. */
export const encodeCursor = (value: string | number, id: string): string =>
  Buffer.from(JSON.stringify([value, id])).toString('base64url');

export const decodeCursor = (cursor: string): [string | number, string] => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string'
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
