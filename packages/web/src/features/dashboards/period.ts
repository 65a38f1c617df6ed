import type { WidgetPeriod } from '@nenner/shared';

/** Local calendar dates (yyyy-mm-dd), both ends included, as the report endpoints take them. */
export interface DateRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Calendar arithmetic on UTC dates, so no time zone or daylight-saving change shifts a day. */
const day = (y: number, m: number, d: number): string => {
  const x = new Date(Date.UTC(y, m, d));
  return `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())}`;
};

/** Today in the browser's calendar. */
export const todayIso = (now = new Date()): string =>
  `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

/**
 * The dates a widget period covers on `today`. Periods that include today end today (the future holds no
 * data); last quarter is the whole previous calendar quarter.
 */
export const widgetPeriodRange = (period: WidgetPeriod, today: string): DateRange => {
  const [y = 1970, m1 = 1, d = 1] = today.split('-').map(Number);
  const m = m1 - 1;
  const q = m - (m % 3);
  switch (period) {
    case 'last30':
      return { from: day(y, m, d - 29), to: today };
    case 'thisQuarter':
      return { from: day(y, q, 1), to: today };
    case 'lastQuarter':
      return { from: day(y, q - 3, 1), to: day(y, q, 0) };
    case 'thisYear':
      return { from: day(y, 0, 1), to: today };
    case 'last365':
      return { from: day(y, m, d - 364), to: today };
  }
};
