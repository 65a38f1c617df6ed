import type { Goal, GoalStatus, MetricUnit } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import {
  formatActualOfTarget,
  formatChartDay,
  formatGoalPeriod,
  formatGoalValue,
  formatScore,
  formatTrendMonth,
  progressBarValue,
} from './goalFormat';

// Intl separates a number from its unit with a (narrow) no-break space; compare with plain spaces.
const norm = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('formatGoalValue', () => {
  it.each<[number, MetricUnit, string | null, string, string]>([
    // counts are whole, grouped in the locale
    [3, 'count', null, 'de', '3'],
    [1234.4, 'count', null, 'de', '1.234'],
    [1234.6, 'count', null, 'en', '1,235'],
    // money from minor units: 5.000.000 cents are 50.000 €, shown without cents when whole
    [5_000_000, 'money', 'EUR', 'de', '50.000 €'],
    [5_000_000, 'money', 'EUR', 'en', '€50,000'],
    [123_456, 'money', 'EUR', 'de', '1.234,56 €'],
    [123_456, 'money', 'EUR', 'en', '€1,234.56'],
    [5, 'money', 'EUR', 'de', '0,05 €'],
    [250_000, 'money', 'CHF', 'de', '2.500 CHF'],
    // the JPY has no minor units
    [5000, 'money', 'JPY', 'de', '5.000 ¥'],
    // no currency stored: euro
    [100, 'money', null, 'de', '1 €'],
    // percentages 0–100 with at most one decimal
    [66.66, 'percent', null, 'de', '66,7 %'],
    [66.66, 'percent', null, 'en', '66.7%'],
    [100, 'percent', null, 'de', '100 %'],
    [0, 'percent', null, 'en', '0%'],
    // business hours with at most one decimal and the unit
    [4.25, 'business_hours', null, 'de', '4,3 Std.'],
    [4.25, 'business_hours', null, 'en', '4.3 h'],
    [2, 'business_hours', null, 'de', '2 Std.'],
    [12.04, 'business_hours', null, 'en', '12 h'],
  ])('%d %s (%s) in %s → %s', (value, unit, currency, lng, expected) => {
    expect(norm(formatGoalValue(value, unit, currency, lng))).toBe(expected);
  });
});

describe('formatGoalValue for estimates', () => {
  it.each<[number, MetricUnit, string, string]>([
    // a forecast of 499.255,32 € reads as 499.255 €; half a euro rounds up
    [49_925_532, 'money', 'de', '499.255 €'],
    [49_925_550, 'money', 'en', '€499,256'],
    // other units are not touched
    [12.34, 'count', 'de', '12'],
    [66.66, 'percent', 'de', '66,7 %'],
  ])('%d %s in %s → %s', (value, unit, lng, expected) => {
    expect(norm(formatGoalValue(value, unit, 'EUR', lng, true))).toBe(expected);
  });
});

describe('formatActualOfTarget', () => {
  it.each<[number, number, MetricUnit, string | null, string, string]>([
    [3, 5, 'count', null, 'de', '3 / 5'],
    [1200, 5000, 'count', null, 'de', '1.200 / 5.000'],
    [1_250_050, 5_000_000, 'money', 'EUR', 'de', '12.500,50 € / 50.000 €'],
    [1_250_050, 5_000_000, 'money', 'EUR', 'en', '€12,500.50 / €50,000'],
    [72.5, 80, 'percent', null, 'de', '72,5 % / 80 %'],
    [6.5, 4, 'business_hours', null, 'en', '6.5 h / 4 h'],
  ])('%d of %d %s → %s', (actual, target, unit, currency, lng, expected) => {
    expect(norm(formatActualOfTarget(actual, target, unit, currency, lng))).toBe(expected);
  });
});

describe('progressBarValue', () => {
  it.each<[number | null, GoalStatus, number]>([
    [60, 'at_risk', 60],
    [0, 'off_track', 0],
    // past the target the bar is full, not longer
    [140, 'on_track', 100],
    // a zero target has no attainment: full once it is on track
    [null, 'on_track', 100],
    [null, 'off_track', 0],
    [-5, 'off_track', 0],
  ])('attainment %s, %s → %d', (attainment, status, expected) => {
    expect(progressBarValue({ attainment, status })).toBe(expected);
  });
});

describe('formatGoalPeriod', () => {
  const p = (type: Goal['period']['type'], from: string, to: string): Goal['period'] => ({ type, from, to });
  it.each<[Goal['period'], string, string]>([
    [p('month', '2026-12-01', '2026-12-31'), 'de', 'Dezember 2026'],
    [p('month', '2026-12-01', '2026-12-31'), 'en', 'December 2026'],
    [p('month', '2027-02-01', '2027-02-28'), 'de', 'Februar 2027'],
    [p('quarter', '2026-10-01', '2026-12-31'), 'de', 'Oktober – Dezember 2026'],
    [p('quarter', '2026-10-01', '2026-12-31'), 'en', 'October – December 2026'],
    [p('year', '2026-01-01', '2026-12-31'), 'de', '2026'],
    // a fiscal year from April
    [p('year', '2026-04-01', '2027-03-31'), 'de', 'April 2026 – März 2027'],
    [p('year', '2026-04-01', '2027-03-31'), 'en', 'April 2026 – March 2027'],
    [p('quarter', '2026-12-01', '2027-02-28'), 'de', 'Dezember 2026 – Februar 2027'],
    // custom periods read as dates, even when they cover whole months
    [p('custom', '2026-12-01', '2026-12-24'), 'de', '01.12.2026 – 24.12.2026'],
    [p('custom', '2026-12-01', '2026-12-24'), 'en', '1 Dec 2026 – 24 Dec 2026'],
    [p('custom', '2026-12-01', '2026-12-31'), 'de', '01.12.2026 – 31.12.2026'],
  ])('%j in %s → %s', (period, lng, expected) => {
    expect(formatGoalPeriod(period, lng)).toBe(expected);
  });
});

describe('chart labels and scores', () => {
  it.each([
    ['2026-12-01', 'de', '01.12.'],
    ['2026-12-01', 'en', '1 Dec'],
    ['2027-01-31', 'de', '31.01.'],
  ])('day %s in %s → %s', (day, lng, expected) => expect(formatChartDay(day, lng)).toBe(expected));

  it.each([
    ['2026-12', 'de', 'Dez. 26'],
    ['2026-03', 'de', 'März 26'],
    ['2026-12', 'en', 'Dec 26'],
  ])('month %s in %s → %s', (month, lng, expected) => expect(formatTrendMonth(month, lng)).toBe(expected));

  it.each([
    [72.44, 'de', '72,4'],
    [72.44, 'en', '72.4'],
    [100, 'de', '100'],
    [12.5, 'de', '12,5'],
  ])('score %d in %s → %s', (value, lng, expected) => expect(formatScore(value, lng)).toBe(expected));
});
