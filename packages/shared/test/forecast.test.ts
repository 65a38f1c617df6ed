import { describe, expect, it } from 'vitest';
import { type ForecastDeal, forecastBy, forecastQuarter, quarterRange } from '../src/deals/forecast.js';

const deal = (d: Partial<ForecastDeal>): ForecastDeal => ({
  amount: 0,
  currency: 'EUR',
  probability: 0,
  status: 'open',
  closeDate: '2027-02-01',
  ownerId: 'a',
  ...d,
});

describe('quarterRange', () => {
  it.each([
    ['2027-Q1', '2027-01-01', '2027-04-01'],
    ['2027-Q2', '2027-04-01', '2027-07-01'],
    ['2026-Q4', '2026-10-01', '2027-01-01'],
  ])('%s', (q, from, to) => {
    expect(quarterRange(q)).toEqual({ from, to });
  });

  it('refuses anything else', () => {
    expect(() => quarterRange('2027-Q5')).toThrow();
  });
});

describe('forecastQuarter (worked example)', () => {
  const deals = [
    deal({ amount: 100_000, status: 'won', probability: 100, closeDate: '2027-01-15' }),
    deal({ amount: 200_000, probability: 80, closeDate: '2027-02-10', ownerId: 'b' }),
    deal({ amount: 50_000, probability: 50, closeDate: '2027-03-31' }),
    deal({ amount: 30_000, probability: 10, closeDate: '2027-03-01' }),
    deal({ amount: 40_000, status: 'lost', closeDate: '2027-02-01' }),
    deal({ amount: 70_000, probability: 90, closeDate: '2027-04-01' }),
    deal({ amount: 12_345, currency: 'CHF', probability: 33, closeDate: '2027-01-01' }),
  ];

  it('sums by hand', () => {
    expect(forecastQuarter(deals, '2027-Q1')).toEqual([
      // CHF: 12,345 at 33 % → best case only; weighted 4,073.85 → 4,074
      { currency: 'CHF', won: 0, committed: 0, bestCase: 12_345, weighted: 4_074, pipeline: 12_345, deals: 1 },
      // EUR: won 100,000; commit +200,000 (80 %); best case +50,000 (50 %); 30,000 at 10 % pipeline only
      // weighted 100,000 + 160,000 + 25,000 + 3,000 = 288,000; lost and next-quarter deals left out
      {
        currency: 'EUR',
        won: 100_000,
        committed: 300_000,
        bestCase: 350_000,
        weighted: 288_000,
        pipeline: 280_000,
        deals: 4,
      },
    ]);
  });

  it('splits by owner', () => {
    const byOwner = forecastBy(deals, '2027-Q1', (d) => d.ownerId);
    expect(byOwner.map((g) => [g.key, g.figures.map((f) => [f.currency, f.weighted])])).toEqual([
      [
        'a',
        [
          ['CHF', 4_074],
          ['EUR', 128_000],
        ],
      ],
      ['b', [['EUR', 160_000]]],
    ]);
  });
});
