import type { FunnelGroup } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { funnelRows } from './funnel';
import { isValidPeriod, matchPreset, presetPeriod } from './period';
import { attainment, ratio, total } from './ratios';

describe('presetPeriod', () => {
  // 15 May 2026, local time: Q2.
  const now = new Date(2026, 4, 15, 10, 0);
  it.each([
    ['thisYear', '2026-01-01', '2026-12-31'],
    ['lastYear', '2025-01-01', '2025-12-31'],
    ['thisQuarter', '2026-04-01', '2026-06-30'],
    ['lastQuarter', '2026-01-01', '2026-03-31'],
    ['thisMonth', '2026-05-01', '2026-05-31'],
    ['lastMonth', '2026-04-01', '2026-04-30'],
  ] as const)('%s → %s … %s', (preset, from, to) => {
    expect(presetPeriod(preset, now)).toEqual({ from, to });
  });

  it('crosses the year for last quarter and last month in January', () => {
    const january = new Date(2027, 0, 10);
    expect(presetPeriod('lastQuarter', january)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetPeriod('lastMonth', january)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('knows February in a leap year', () => {
    expect(presetPeriod('thisMonth', new Date(2028, 1, 3))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('matches a period back to its preset, or null', () => {
    expect(matchPreset({ from: '2026-04-01', to: '2026-06-30' }, now)).toBe('thisQuarter');
    expect(matchPreset({ from: '2026-04-02', to: '2026-06-30' }, now)).toBeNull();
  });
});

describe('isValidPeriod', () => {
  it.each([
    ['2026-01-01', '2026-12-31', true],
    ['2026-05-05', '2026-05-05', true],
    ['2026-05-06', '2026-05-05', false],
    ['', '2026-05-05', false],
    ['2026-5-1', '2026-05-05', false],
  ])('%s … %s → %s', (from, to, valid) => {
    expect(isValidPeriod({ from, to })).toBe(valid);
  });
});

describe('ratio, attainment, total', () => {
  it.each([
    [3, 4, 0.75],
    [0, 4, 0],
    [0, 0, null],
    [5, 0, null],
  ])('ratio(%d, %d) = %s', (part, whole, expected) => {
    expect(ratio(part, whole)).toBe(expected);
  });

  it.each([
    [45, 50, 0.9],
    [60, 50, 1.2],
    [10, 0, null],
    [10, null, null],
  ])('attainment(%d, %s) = %s', (actual, commitment, expected) => {
    expect(attainment(actual, commitment)).toBe(expected);
  });

  it('total adds a column', () => {
    expect(total([100_000, 50_000, 30_000])).toBe(180_000);
    expect(total([])).toBe(0);
  });
});

const group = (counts: number[], rates: (number | null)[], days: (number | null)[]): FunnelGroup => {
  const [lead = 0, mql = 0, sal = 0, sql = 0, opportunity = 0, customer = 0] = counts;
  const [rm = null, rsa = null, rsq = null, ro = null, rc = null] = rates;
  const [dm = null, dsa = null, dsq = null, dop = null, dc = null] = days;
  return {
    key: null,
    name: null,
    counts: { lead, mql, sal, sql, opportunity, customer },
    rates: { mql: rm, sal: rsa, sql: rsq, opportunity: ro, customer: rc },
    medianDays: { mql: dm, sal: dsa, sql: dsq, opportunity: dop, customer: dc },
  };
};

describe('funnelRows', () => {
  it("keeps the server's step rates and adds the share of the cohort", () => {
    // 200 leads → 80 MQL (40 %) → 60 SAL (75 %) → 30 SQL (50 %) → 0 opp (0 %) → 0 customers (no rate)
    const rows = funnelRows(group([200, 80, 60, 30, 0, 0], [0.4, 0.75, 0.5, 0, null], [3, 1.5, 10, null, null]));
    expect(rows.map((r) => [r.stage, r.count, r.fromPrevious, r.fromStart, r.medianDays])).toEqual([
      ['lead', 200, null, 1, null],
      ['mql', 80, 0.4, 0.4, 3],
      ['sal', 60, 0.75, 0.3, 1.5],
      ['sql', 30, 0.5, 0.15, 10],
      ['opportunity', 0, 0, 0, null],
      ['customer', 0, null, 0, null],
    ]);
  });

  it('gives no share for an empty cohort', () => {
    const rows = funnelRows(group([0, 0, 0, 0, 0, 0], [], []));
    expect(rows.every((r) => r.fromStart === null && r.fromPrevious === null)).toBe(true);
  });
});
