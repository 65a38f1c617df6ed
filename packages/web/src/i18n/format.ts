import type { Locale } from '@nenner/shared';

const intlLocale: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

/** The app language for a browser's preferred languages: de* → de, everything else → en. */
export const detectLocale = (languages: readonly string[]): Locale =>
  languages[0]?.toLowerCase().startsWith('de') ? 'de' : 'en';

/** A BCP 47 tag for Intl from the app language. */
export const toIntlLocale = (lng: string): string => (lng.startsWith('de') ? intlLocale.de : intlLocale.en);

/** Date and time, e.g. de: 27.11.2026, 14:05 / en: 27 Nov 2026, 14:05. */
export const formatDateTime = (iso: string, lng: string, timeZone?: string): string =>
  new Intl.DateTimeFormat(toIntlLocale(lng), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));

/** Date only, e.g. de: 27.11.2026. */
export const formatDate = (iso: string, lng: string, timeZone?: string): string =>
  new Intl.DateTimeFormat(toIntlLocale(lng), { dateStyle: 'medium', timeZone }).format(new Date(iso));

/** A number with the locale's grouping, e.g. de: 1.234,5. */
export const formatNumber = (n: number, lng: string): string => new Intl.NumberFormat(toIntlLocale(lng)).format(n);

/** A percentage from a 0..1 share, e.g. de: 66,7 %; null → an en dash. */
export const formatPercent = (share: number | null, lng: string): string =>
  share === null
    ? '–'
    : new Intl.NumberFormat(toIntlLocale(lng), { style: 'percent', maximumFractionDigits: 1 }).format(share);

/** Hours with at most one decimal, e.g. de: 2,5 Std. / en: 2.5 hr; null → an en dash. */
export const formatHours = (hours: number | null, lng: string): string =>
  hours === null
    ? '–'
    : new Intl.NumberFormat(toIntlLocale(lng), {
        style: 'unit',
        unit: 'hour',
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      }).format(hours);

/** A span of time as its two largest units, e.g. de: „1 Tag, 3 Std.“, „2 Std., 5 Min.“, „4 Min.“. */
export const formatSpan = (ms: number, lng: string): string => {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (value: number, u: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(toIntlLocale(lng), {
      style: 'unit',
      unit: u,
      unitDisplay: u === 'day' ? 'long' : 'short',
    }).format(value);
  const parts: string[] = [];
  if (days > 0) parts.push(unit(days, 'day'));
  if (hours > 0) parts.push(unit(hours, 'hour'));
  if (days === 0) parts.push(unit(mins, 'minute'));
  return parts.slice(0, 2).join(', ');
};

/**
 * A span of business time in hours and minutes (de: "7 Std., 5 Min."): no days, since a business day is
 * as long as the SLA's hours say, not 24 hours.
 */
export const formatBusinessSpan = (ms: number, lng: string): string => {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const hours = Math.floor(minutes / 60);
  const unit = (value: number, u: 'hour' | 'minute') =>
    new Intl.NumberFormat(toIntlLocale(lng), { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  if (hours === 0) return unit(minutes, 'minute');
  return minutes % 60 === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')}, ${unit(minutes % 60, 'minute')}`;
};

/** A plain number with up to one decimal, e.g. de: 7,5. */
export const formatPoints = (n: number, lng: string): string =>
  new Intl.NumberFormat(toIntlLocale(lng), { maximumFractionDigits: 1, signDisplay: 'always' }).format(n);

/** How many minor units a currency has (EUR, CHF: 2; JPY: 0). */
export const currencyDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** Money from minor units, e.g. de: 12.345,00 € / en: €12,345.00; `whole` drops the cents (for totals). */
export const formatMoney = (minor: number, currency: string, lng: string, whole = false): string => {
  const digits = currencyDigits(currency);
  const value = minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(toIntlLocale(lng), {
      style: 'currency',
      currency,
      ...(whole && { minimumFractionDigits: 0, maximumFractionDigits: 0 }),
    }).format(value);
  } catch {
    return `${formatNumber(value, lng)} ${currency}`;
  }
};

/** A major-unit amount typed by the user (12.5) in minor units (1250). */
export const toMinorUnits = (major: number, currency: string): number =>
  Math.round(major * 10 ** currencyDigits(currency));

/** Minor units as the major-unit number an input shows. */
export const fromMinorUnits = (minor: number, currency: string): number => minor / 10 ** currencyDigits(currency);

/** The calendar quarter of a date, e.g. 2027-Q1. */
export const quarterOf = (d: Date): string => `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;

/** A quarter moved by n quarters: shiftQuarter('2026-Q4', 1) = '2027-Q1'. */
export const shiftQuarter = (quarter: string, n: number): string => {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return quarter;
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + n;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
};

/** A local calendar date (yyyy-mm-dd, as stored for close dates) shown in the locale, e.g. de: 31.03.2027. */
export const formatDay = (day: string, lng: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(toIntlLocale(lng), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
};
