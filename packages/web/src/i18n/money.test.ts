import { describe, expect, it } from 'vitest';
import { formatDay, formatMoney, quarterOf, shiftQuarter, toMinorUnits } from './format';

// Intl puts a narrow no-break space between number and symbol in German; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it.each([
    [123456, 'EUR', 'de', false, '1.234,56 €'],
    [123456, 'EUR', 'en', false, '€1,234.56'],
    [123456, 'EUR', 'de', true, '1.235 €'],
    [9_700_000, 'CHF', 'de', true, '97.000 CHF'],
    [500, 'JPY', 'en', false, 'JP¥500'],
  ] as const)('%d %s in %s (whole: %s) → %s', (minor, currency, lng, whole, expected) => {
    expect(plain(formatMoney(minor, currency, lng, whole))).toBe(expected);
  });

  it('turns typed amounts into minor units', () => {
    expect(toMinorUnits(12.5, 'EUR')).toBe(1250);
    expect(toMinorUnits(0.1 + 0.2, 'EUR')).toBe(30);
    expect(toMinorUnits(500, 'JPY')).toBe(500);
  });
});

describe('quarters', () => {
  it('finds and shifts quarters across years', () => {
    expect(quarterOf(new Date(2026, 10, 27))).toBe('2026-Q4');
    expect(quarterOf(new Date(2027, 0, 1))).toBe('2027-Q1');
    expect(shiftQuarter('2026-Q4', 1)).toBe('2027-Q1');
    expect(shiftQuarter('2027-Q1', -1)).toBe('2026-Q4');
    expect(shiftQuarter('2026-Q2', 6)).toBe('2027-Q4');
  });

  it('shows a close date as the calendar day it is', () => {
    expect(formatDay('2027-03-31', 'de')).toBe('31.03.2027');
    expect(formatDay('2027-03-31', 'en')).toBe('31 Mar 2027');
  });
});
