import { localDateTimeOf, zonedTimeToEpoch } from '@nenner/shared';
import { toIntlLocale } from '../../i18n/format';

/*
 * What the shared date, time and money fields show and accept, in the user's language rather than the
 * operating system's: German 31.12.2026 and 17:00, English (en-GB, as the rest of the app) 31 Dec 2026
 * and 17:00. The fields hand the API's formats on: a calendar day as YYYY-MM-DD, a time of day as HH:MM,
 * an instant as an ISO string in UTC.
 */

const pad = (n: number) => String(n).padStart(2, '0');

const isRealDay = (y: number, m: number, d: number): boolean => {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
};

const day = (y: number, m: number, d: number): string | null =>
  isRealDay(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;

/** Two-digit years are this century's (26 → 2026). */
const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));

/** Month names (long and short, German and English, lower case) → month number. */
const monthNames: ReadonlyMap<string, number> = (() => {
  const names = new Map<string, number>();
  for (const locale of ['de-DE', 'en-GB']) {
    for (const month of ['long', 'short'] as const) {
      const f = new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' });
      for (let m = 1; m <= 12; m++) {
        const name = f
          .format(new Date(Date.UTC(2026, m - 1, 15)))
          .toLowerCase()
          .replace(/\.$/, '');
        names.set(name, m);
        names.set(name.slice(0, 3), m);
      }
    }
  }
  names.set('mrz', 3);
  return names;
})();

const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const NUMERIC_DAY = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})$/;
const NAMED_DAY = /^(\d{1,2})\.?\s+([\p{L}]+)\.?,?\s+(\d{4})$/u;

/**
 * A typed calendar day as YYYY-MM-DD, or null when it is not one. Accepts the day first, as both the
 * German and the British English UI write it (31.12.2026, 31/12/2026, 31.12.26, 31 Dec 2026,
 * 31. Dezember 2026), and the ISO form (2026-12-31).
 */
export const parseDay = (text: string): string | null => {
  const s = text.trim();
  let m = ISO_DAY.exec(s);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC_DAY.exec(s);
  if (m) return day(fullYear(m[3] as string), Number(m[2]), Number(m[1]));
  m = NAMED_DAY.exec(s);
  if (m) {
    const name = (m[2] as string).toLowerCase();
    const month = monthNames.get(name) ?? (name.length >= 3 ? monthNames.get(name.slice(0, 3)) : undefined);
    return month ? day(Number(m[3]), month, Number(m[1])) : null;
  }
  return null;
};

/** A calendar day (YYYY-MM-DD) as the field shows it: de 31.12.2026, en 31 Dec 2026; '' stays ''. */
export const formatDayInput = (value: string, lng: string): string => {
  const m = ISO_DAY.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const de = lng.startsWith('de');
  return new Intl.DateTimeFormat(toIntlLocale(lng), {
    day: de ? '2-digit' : 'numeric',
    month: de ? '2-digit' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
};

const TIME = /^(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(?:uhr)?\s*(a\.?m\.?|p\.?m\.?)?$/i;
const COMPACT_TIME = /^(\d{2})(\d{2})$/;

/**
 * A typed time of day as HH:MM (24 hours), or null: 17:00, 17.00, 17 Uhr, 9:05, 1700, and the English
 * 5 pm / 5:30 PM. 24:00 and 13 pm are not times.
 */
export const parseTime = (text: string): string | null => {
  const s = text.trim();
  const compact = COMPACT_TIME.exec(s);
  const m = compact ? ([s, compact[1], compact[2], undefined] as const) : TIME.exec(s);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase().replaceAll('.', '');
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return `${pad(hour)}:${pad(minute)}`;
};

/**
 * A day and a time of day on the wall clock of `timeZone` as an ISO instant (UTC). A time the spring-forward
 * change skips moves past the gap (02:30 → 03:30 CEST); an hour that happens twice in autumn is its first.
 */
export const wallToInstant = (dayValue: string, time: string, timeZone: string): string | null => {
  const d = ISO_DAY.exec(dayValue);
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!d || !t || !isRealDay(Number(d[1]), Number(d[2]), Number(d[3]))) return null;
  const at = zonedTimeToEpoch(
    { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]) },
    Number(t[1]),
    Number(t[2]),
    timeZone,
  );
  return new Date(at).toISOString();
};

/** An instant as the day (YYYY-MM-DD) and time of day (HH:MM) on the wall clock of `timeZone`. */
export const instantToWall = (iso: string, timeZone: string): { day: string; time: string } => {
  const { date, time } = localDateTimeOf(iso, timeZone);
  return { day: date, time };
};

/** The separators a money field uses in the user's language: de 1.234,56 / en 1,234.56. */
export const numberSeparators = (lng: string): { thousandSeparator: string; decimalSeparator: string } => {
  const parts = new Intl.NumberFormat(toIntlLocale(lng)).formatToParts(1234.5);
  return {
    thousandSeparator: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimalSeparator: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
};

/** The browser's own time zone: the fallback while the user's is unknown. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
