import { describe, expect, it } from 'vitest';
import { doneOf, formatDays, formatMonth, formatRating, formatRotationPeriod } from './rotationFormat';

describe('rotation formatting', () => {
  it.each([
    ['de', '2027-03-08', '2027-03-19', '8.–19. März 2027'],
    ['en', '2027-03-08', '2027-03-19', '8–19 March 2027'],
    ['de', '2027-03-22', '2027-04-09', '22. März – 9. Apr. 2027'],
    ['en', '2027-03-22', '2027-04-09', '22 Mar – 9 Apr 2027'],
    ['de', '2027-12-20', '2028-01-08', '20. Dez. 2027 – 8. Jan. 2028'],
    ['de', '2027-03-31', '2027-03-31', '31. März 2027'],
  ])('%s: %s to %s → %s', (lng, from, to, text) => {
    // ICU versions differ in the (thin) spaces around the dash; the words and their order are what counts
    const plain = (s: string) => s.replace(/\s+/g, ' ').replace(/ ?– ?/g, '–');
    expect(plain(formatRotationPeriod(from, to, lng))).toBe(plain(text));
  });

  it('days, ratings and months in the locale', () => {
    expect(formatDays(12, 'de')).toBe('12 Tage');
    expect(formatDays(1, 'de')).toBe('1 Tag');
    expect(formatDays(12, 'en')).toBe('12 days');
    expect(formatRating(4.5, 'de')).toBe('4,5');
    expect(formatRating(4, 'en')).toBe('4');
    expect(formatRating(null, 'de')).toBe('–');
    expect(formatMonth('2027-03', 'de')).toBe('März 2027');
    expect(formatMonth('2027-03', 'en')).toBe('March 2027');
  });

  it('counts what is done or met', () => {
    expect(doneOf([{ met: true }, { met: false }])).toEqual({ done: 1, total: 2 });
    expect(doneOf([{ done: true }])).toEqual({ done: 1, total: 1 });
    expect(doneOf([])).toEqual({ done: 0, total: 0 });
  });
});
