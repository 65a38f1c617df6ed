/** A report period as local calendar dates (yyyy-mm-dd), both ends included. */
export interface Period {
  from: string;
  to: string;
}

export const periodPresets = ['thisYear', 'lastYear', 'thisQuarter', 'lastQuarter', 'thisMonth', 'lastMonth'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

const pad = (n: number) => String(n).padStart(2, '0');
/** The local calendar day of a date. */
export const isoDay = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** First to last day of `months` months starting at (year, month); month may run past 0..11. */
const span = (year: number, month: number, months: number): Period => ({
  from: isoDay(new Date(year, month, 1)),
  to: isoDay(new Date(year, month + months, 0)),
});

/** The period a preset stands for, in the browser's calendar. */
export const presetPeriod = (preset: PeriodPreset, now = new Date()): Period => {
  const y = now.getFullYear();
  const m = now.getMonth();
  const q = m - (m % 3);
  switch (preset) {
    case 'thisYear':
      return span(y, 0, 12);
    case 'lastYear':
      return span(y - 1, 0, 12);
    case 'thisQuarter':
      return span(y, q, 3);
    case 'lastQuarter':
      return span(y, q - 3, 3);
    case 'thisMonth':
      return span(y, m, 1);
    case 'lastMonth':
      return span(y, m - 1, 1);
  }
};

/** The preset a period matches, or null for a custom one. */
export const matchPreset = (period: Period, now = new Date()): PeriodPreset | null =>
  periodPresets.find((p) => {
    const x = presetPeriod(p, now);
    return x.from === period.from && x.to === period.to;
  }) ?? null;

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
/** Both ends are dates and `from` is not after `to`. */
export const isValidPeriod = (p: Period): boolean => dayPattern.test(p.from) && dayPattern.test(p.to) && p.from <= p.to;
