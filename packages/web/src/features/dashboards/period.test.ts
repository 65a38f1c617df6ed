import type { WidgetPeriod } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { todayIso, widgetPeriodRange } from './period';

describe('widgetPeriodRange', () => {
  it.each<[WidgetPeriod, string, string, string]>([
    // last 30 days: today and the 29 before it
    ['last30', '2026-11-27', '2026-10-29', '2026-11-27'],
    ['last30', '2026-03-01', '2026-01-31', '2026-03-01'],
    ['last30', '2024-03-01', '2024-02-01', '2024-03-01'], // 2024 is a leap year: Feb has 29 days
    // this quarter: from its first day to today
    ['thisQuarter', '2026-11-27', '2026-10-01', '2026-11-27'],
    ['thisQuarter', '2026-01-01', '2026-01-01', '2026-01-01'],
    ['thisQuarter', '2026-06-30', '2026-04-01', '2026-06-30'],
    // last quarter: the whole previous calendar quarter, across a year boundary too
    ['lastQuarter', '2026-11-27', '2026-07-01', '2026-09-30'],
    ['lastQuarter', '2026-02-14', '2025-10-01', '2025-12-31'],
    ['lastQuarter', '2024-05-31', '2024-01-01', '2024-03-31'],
    ['lastQuarter', '2026-07-01', '2026-04-01', '2026-06-30'],
    // this year: 1 January to today
    ['thisYear', '2026-11-27', '2026-01-01', '2026-11-27'],
    ['thisYear', '2027-01-01', '2027-01-01', '2027-01-01'],
    // last 365 days: today and the 364 before it
    ['last365', '2026-11-27', '2025-11-28', '2026-11-27'],
    ['last365', '2024-12-31', '2024-01-02', '2024-12-31'], // 366-day year: 1 Jan falls out
    ['last365', '2025-03-01', '2024-03-02', '2025-03-01'],
  ])('%s on %s is %s … %s', (period, today, from, to) => {
    expect(widgetPeriodRange(period, today)).toEqual({ from, to });
  });

  it("reads today from the browser's calendar", () => {
    expect(todayIso(new Date(2026, 10, 27, 23, 59))).toBe('2026-11-27');
    expect(todayIso(new Date(2027, 0, 1, 0, 0))).toBe('2027-01-01');
  });
});
