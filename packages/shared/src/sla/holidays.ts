/**
 * Public holidays in Germany: the nine nationwide ones ("DE") plus each state's own ("DE-BY", …).
 * Dates are local calendar dates (YYYY-MM-DD); movable feasts hang off Easter Sunday.
 */

export const holidayRegions = [
  'DE',
  'DE-BW',
  'DE-BY',
  'DE-BE',
  'DE-BB',
  'DE-HB',
  'DE-HH',
  'DE-HE',
  'DE-MV',
  'DE-NI',
  'DE-NW',
  'DE-RP',
  'DE-SL',
  'DE-SN',
  'DE-ST',
  'DE-SH',
  'DE-TH',
  'none',
] as const;
export type HolidayRegion = (typeof holidayRegions)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export const easterSunday = (year: number): { month: number; day: number } => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
};

const offsetFromEaster = (year: number, days: number): string => {
  const { month, day } = easterSunday(year);
  const t = new Date(Date.UTC(year, month - 1, day + days));
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
};

/** Buß- und Bettag: the Wednesday before 23 November. */
const repentanceDay = (year: number): string => {
  const nov22 = new Date(Date.UTC(year, 10, 22));
  const back = (nov22.getUTCDay() - 3 + 7) % 7;
  return ymd(year, 11, 22 - back);
};

type Rule = (year: number) => string | null;
const fixed =
  (month: number, day: number, since = 0): Rule =>
  (year) =>
    year >= since ? ymd(year, month, day) : null;
const easter =
  (days: number): Rule =>
  (year) =>
    offsetFromEaster(year, days);

const nationwide: Rule[] = [
  fixed(1, 1), // Neujahr
  easter(-2), // Karfreitag
  easter(1), // Ostermontag
  fixed(5, 1), // Tag der Arbeit
  easter(39), // Christi Himmelfahrt
  easter(50), // Pfingstmontag
  fixed(10, 3), // Tag der Deutschen Einheit
  fixed(12, 25), // 1. Weihnachtstag
  fixed(12, 26), // 2. Weihnachtstag
];

const epiphany = fixed(1, 6);
const corpusChristi = easter(60);
const allSaints = fixed(11, 1);
const reformationDay = fixed(10, 31);
const assumption = fixed(8, 15);

const byState: Record<Exclude<HolidayRegion, 'DE' | 'none'>, Rule[]> = {
  'DE-BW': [epiphany, corpusChristi, allSaints],
  'DE-BY': [epiphany, corpusChristi, allSaints],
  'DE-BE': [fixed(3, 8, 2019)],
  'DE-BB': [easter(0), easter(49), reformationDay],
  'DE-HB': [fixed(10, 31, 2018)],
  'DE-HH': [fixed(10, 31, 2018)],
  'DE-HE': [corpusChristi],
  'DE-MV': [fixed(3, 8, 2023), reformationDay],
  'DE-NI': [fixed(10, 31, 2018)],
  'DE-NW': [corpusChristi, allSaints],
  'DE-RP': [corpusChristi, allSaints],
  'DE-SL': [corpusChristi, assumption, allSaints],
  'DE-SN': [reformationDay, (y) => repentanceDay(y)],
  'DE-ST': [epiphany, reformationDay],
  'DE-SH': [fixed(10, 31, 2018)],
  'DE-TH': [reformationDay, fixed(9, 20, 2019)],
};

/** The holidays of a region in a year, sorted, as local dates. */
export const holidaysIn = (region: HolidayRegion, year: number): string[] => {
  if (region === 'none') return [];
  const rules = region === 'DE' ? nationwide : [...nationwide, ...byState[region]];
  return [...new Set(rules.map((r) => r(year)).filter((d): d is string => d !== null))].sort();
};
