import { koelnerPhonetik, normalizeCompanyName, normalizePersonName, normalizePhone } from '@nenner/shared';

/*
 * Duplicate keys, computed once per write and stored beside the record, so the scan groups by an indexed
 * column in SQL instead of comparing pairs. Pure: the contacts and accounts services call these when they
 * write a record, the duplicate scan calls them for rows written by other paths (bulk seed, older rows).
 */

const PHONE_DIGITS_MIN = 6;

/** A phone number's digits with the country code (089 … = +49 89 …); null when too short to mean anything. */
export const phoneKey = (phone: string | null | undefined): string | null => {
  if (!phone) return null;
  const digits = normalizePhone(phone);
  return digits.length >= PHONE_DIGITS_MIN ? digits : null;
};

/** First-name initial and the Kölner Phonetik of the last name: "Jörg Meier" and "J. Mayer" share "j:67". */
export const personNameKey = (firstName: string, lastName: string): string | null => {
  const last = normalizePersonName(lastName);
  const code = last
    .split(' ')
    .map((w) => koelnerPhonetik(w))
    .join(' ')
    .trim();
  if (code === '') return null;
  return `${normalizePersonName(firstName).slice(0, 1)}:${code}`;
};

/** The phonetic code of each word of the normalized company name ("meier technik" → "67 2464"). */
export const companyPhoneticKey = (normalizedName: string): string | null => {
  const code = normalizedName
    .split(' ')
    .map((w) => (/^\d+$/.test(w) ? w : koelnerPhonetik(w)))
    .filter(Boolean)
    .join(' ');
  return code === '' ? null : code;
};

export interface ContactKeyInput {
  firstName: string;
  lastName: string;
  phone: string | null | undefined;
}

/** The stored key columns of a contact; `at` must be the row's new updated_at (that marks them fresh). */
export const contactKeyColumns = (c: ContactKeyInput, at: string) => ({
  phone_key: phoneKey(c.phone),
  name_key: personNameKey(c.firstName, c.lastName),
  keys_at: at,
});

/** The stored key columns of an account; `at` must be the row's new updated_at. */
export const accountKeyColumns = (a: { name: string }, at: string) => {
  const name = normalizeCompanyName(a.name);
  return { name_key: name === '' ? null : name, phonetic_key: companyPhoneticKey(name), keys_at: at };
};

/** Memoizes a key function over its arguments: bulk re-keying sees the same names again and again. */
export const memoize = <A extends unknown[], R>(fn: (...args: A) => R, max = 100_000) => {
  const cache = new Map<string, R>();
  return (...args: A): R => {
    const k = JSON.stringify(args);
    const hit = cache.get(k);
    if (hit !== undefined || cache.has(k)) return hit as R;
    if (cache.size >= max) cache.clear();
    const v = fn(...args);
    cache.set(k, v);
    return v;
  };
};
