import { z } from 'zod';
import { limits } from '../limits.js';

export const Id = z.uuid();
export const IdParams = z.strictObject({ id: Id });
export type IdParams = z.infer<typeof IdParams>;

export const IsoDateTime = z.iso.datetime();

// ——— Control characters (issue 15) ——————————————————————————————————————————————————————————————
// No field needs NUL or the other C0 controls (PostgreSQL refuses NUL in text with a 500); multi-line text
// keeps tab, line feed and carriage return. This is the one place the rule lives: the string helpers below
// use it, and the server checks every request part with `controlCharacterPaths` before its schema runs.

const isForbiddenControl = (code: number, multiLine: boolean): boolean =>
  code === 0x7f || (code < 0x20 && !(multiLine && (code === 0x09 || code === 0x0a || code === 0x0d)));

/** Whether a string holds a control character no field needs (`multiLine`: tab, LF and CR are allowed). */
export const hasControlCharacter = (value: string, multiLine = true): boolean => {
  for (let i = 0; i < value.length; i += 1) if (isForbiddenControl(value.charCodeAt(i), multiLine)) return true;
  return false;
};

export const CONTROL_CHARACTER_MESSAGE = 'Contains a control character';

/** The paths of every string (or object key) inside `value` that holds a forbidden control character. */
export const controlCharacterPaths = (value: unknown, at: (string | number)[] = []): (string | number)[][] => {
  if (typeof value === 'string') return hasControlCharacter(value) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => controlCharacterPaths(v, [...at, i]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) =>
      hasControlCharacter(k, false) ? [[...at, k]] : controlCharacterPaths(v, [...at, k]),
    );
  }
  return [];
};

/** A single-line string: no control character at all. */
export const Line = z.string().refine((v) => !hasControlCharacter(v, false), CONTROL_CHARACTER_MESSAGE);
/** A multi-line string: tab, line feed and carriage return allowed, no other control character. */
export const MultiLine = z.string().refine((v) => !hasControlCharacter(v, true), CONTROL_CHARACTER_MESSAGE);

/** A trimmed single-line text; empty input becomes null so a field can be cleared. */
export const optionalText = (max: number) =>
  MultiLine.trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable();

export const Tags = z
  .array(Line.trim().min(1).max(limits.tagMax))
  .max(limits.tagsPerRecord)
  .transform((tags) => [...new Set(tags)]);

export const Email = z
  .email()
  .max(limits.emailMax)
  .transform((v) => v.trim());

export const Limit = z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault);
export const Cursor = Line.max(limits.cursorMax);
export const Query = Line.trim().max(limits.queryMax);
/** Query-string booleans: only the literal strings count. */
export const QueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const UserRef = z.object({
  id: Id,
  name: z.string(),
  department: z.string(),
});
export type UserRef = z.infer<typeof UserRef>;

export const Versioned = {
  id: Id,
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** An IANA time zone this runtime knows, e.g. Europe/Berlin. */
export const TimeZoneName = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone');
