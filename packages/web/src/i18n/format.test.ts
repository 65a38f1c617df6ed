import { describe, expect, it } from 'vitest';
import { detectLocale, formatDate, formatDateTime, formatNumber, toIntlLocale } from './format';

describe('detectLocale', () => {
  it.each([
    [['de-DE', 'en'], 'de'],
    [['de-AT'], 'de'],
    [['DE-ch'], 'de'],
    [['de'], 'de'],
    [['en-US', 'de-DE'], 'en'],
    [['fr-FR'], 'en'],
    [[], 'en'],
  ] as const)('%j → %s', (languages, expected) => {
    expect(detectLocale(languages)).toBe(expected);
  });
});

describe('toIntlLocale', () => {
  it.each([
    ['de', 'de-DE'],
    ['en', 'en-GB'],
    ['de-AT', 'de-DE'],
  ])('%s → %s', (lng, expected) => expect(toIntlLocale(lng)).toBe(expected));
});

// Intl may use a narrow no-break space in times; normalise it for comparison.
const norm = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('formatDateTime', () => {
  it.each([
    // 13:05 UTC is 14:05 in Berlin in winter (CET, UTC+1)
    ['2026-11-27T13:05:00Z', 'de', 'Europe/Berlin', '27.11.2026, 14:05'],
    // summer time (CEST, UTC+2)
    ['2026-07-01T08:30:00Z', 'de', 'Europe/Berlin', '01.07.2026, 10:30'],
    // UTC+1 crosses midnight into the next day
    ['2026-12-31T23:30:00Z', 'de', 'Europe/Vienna', '01.01.2027, 00:30'],
    ['2026-11-27T13:05:00Z', 'en', 'Europe/Berlin', '27 Nov 2026, 14:05'],
    ['2026-11-27T13:05:00Z', 'en', 'UTC', '27 Nov 2026, 13:05'],
  ])('%s in %s (%s) → %s', (iso, lng, tz, expected) => {
    expect(norm(formatDateTime(iso, lng, tz))).toBe(expected);
  });
});

describe('formatDate', () => {
  it.each([
    ['2026-11-27T13:05:00Z', 'de', 'Europe/Berlin', '27.11.2026'],
    ['2026-03-05T23:30:00Z', 'de', 'Europe/Berlin', '06.03.2026'],
    ['2026-03-05T23:30:00Z', 'en', 'UTC', '5 Mar 2026'],
  ])('%s in %s (%s) → %s', (iso, lng, tz, expected) => {
    expect(formatDate(iso, lng, tz)).toBe(expected);
  });
});

describe('formatNumber', () => {
  it.each([
    [1234.5, 'de', '1.234,5'],
    [1234.5, 'en', '1,234.5'],
    [1000000, 'de', '1.000.000'],
    [0, 'de', '0'],
    [-42, 'en', '-42'],
  ])('%d in %s → %s', (n, lng, expected) => expect(norm(formatNumber(n, lng))).toBe(expected));
});

describe('lead formats', () => {
  it('formats spans, percentages, hours and signed points per locale', async () => {
    const { formatSpan, formatPercent, formatHours, formatPoints } = await import('./format');
    expect(formatSpan(3 * 3_600_000 + 5 * 60_000, 'de')).toBe('3 Std., 5 Min.');
    expect(formatSpan(26 * 3_600_000, 'de')).toBe('1 Tag, 2 Std.');
    expect(formatSpan(4 * 60_000, 'en')).toBe('4 mins');
    expect(formatPercent(2 / 3, 'de')).toBe('66,7\u00a0%');
    expect(formatPercent(null, 'de')).toBe('–');
    expect(formatHours(2.5, 'de')).toBe('2,5 Std.');
    expect(formatPoints(7.5, 'de')).toBe('+7,5');
  });
});
