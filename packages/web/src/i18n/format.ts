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
