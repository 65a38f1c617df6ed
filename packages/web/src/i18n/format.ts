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

/** A plain number with up to one decimal, e.g. de: 7,5. */
export const formatPoints = (n: number, lng: string): string =>
  new Intl.NumberFormat(toIntlLocale(lng), { maximumFractionDigits: 1, signDisplay: 'always' }).format(n);
