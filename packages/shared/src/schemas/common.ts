import { z } from 'zod';
import { limits } from '../limits.js';

export const Id = z.uuid();
export const IdParams = z.strictObject({ id: Id });
export type IdParams = z.infer<typeof IdParams>;

export const IsoDateTime = z.iso.datetime();

/** A trimmed single-line text; empty input becomes null so a field can be cleared. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable();

export const Tags = z
  .array(z.string().trim().min(1).max(limits.tagMax))
  .max(limits.tagsPerRecord)
  .transform((tags) => [...new Set(tags)]);

export const Email = z
  .email()
  .max(limits.emailMax)
  .transform((v) => v.trim());

export const Limit = z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault);
export const Cursor = z.string().max(limits.cursorMax);
export const Query = z.string().trim().max(limits.queryMax);
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
