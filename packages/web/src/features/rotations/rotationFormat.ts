import type { RotationStatus } from '@nenner/shared';
import { toIntlLocale } from '../../i18n/format';

const utcDate = (day: string): Date => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

/**
 * A period of local dates as one range, both days included, e.g. de: „8.–19. März 2027“,
 * „29. März – 9. Apr. 2027“; en: "8–19 March 2027".
 */
export const formatRotationPeriod = (startsOn: string, endsOn: string, lng: string): string => {
  const f = new Intl.DateTimeFormat(toIntlLocale(lng), {
    day: 'numeric',
    month: startsOn.slice(0, 7) === endsOn.slice(0, 7) ? 'long' : 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return startsOn === endsOn ? f.format(utcDate(startsOn)) : f.formatRange(utcDate(startsOn), utcDate(endsOn));
};

/** A number of days with the locale's word, e.g. de: „12 Tage“, „1 Tag“; en: "12 days". */
export const formatDays = (days: number, lng: string): string =>
  new Intl.NumberFormat(toIntlLocale(lng), { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(days);

/** A mean rating of 1–5 with at most one decimal, e.g. de: „4,5“; null → an en dash. */
export const formatRating = (rating: number | null, lng: string): string =>
  rating === null ? '–' : new Intl.NumberFormat(toIntlLocale(lng), { maximumFractionDigits: 1 }).format(rating);

/** A month (YYYY-MM) as the calendar's scale names it, e.g. de: „März 2027“, en: "March 2027". */
export const formatMonth = (month: string, lng: string): string =>
  new Intl.DateTimeFormat(toIntlLocale(lng), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    utcDate(`${month}-01`),
  );

export const rotationStatusColor: Record<RotationStatus, string> = {
  planned: 'blue',
  active: 'teal',
  completed: 'gray',
  cancelled: 'red',
};

/** Done of all, e.g. „1 von 2“ as its parts: the caller words it. */
export const doneOf = (items: readonly { done?: boolean; met?: boolean }[]): { done: number; total: number } => ({
  done: items.filter((i) => i.done ?? i.met).length,
  total: items.length,
});
