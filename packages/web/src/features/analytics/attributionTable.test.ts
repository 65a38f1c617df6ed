import type { AttributionModel, AttributionModelResult } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { buildAttributionTable, chartBars, creditShare, UNATTRIBUTED } from './attributionTable';

const result = (
  model: AttributionModel,
  rows: [string, string, number][],
  unattributed: number,
): AttributionModelResult => ({
  model,
  measure: 'pipeline',
  currency: 'EUR',
  rows: rows.map(([id, name, credit]) => ({ id, name, credit })),
  unattributed,
});

/*
 * Two deals, 1,000.00 € (touches A then B) and 500.00 € (touch B only), and one 300.00 € deal without
 * touches. First touch: A 100000, B 50000. Last touch: B 150000. Linear: A 50000, B 100000.
 * Every model's total is 100000 + 50000 + 30000 = 180000.
 */
const answer = {
  first: result(
    'first',
    [
      ['a', 'Alpha', 100_000],
      ['b', 'Beta', 50_000],
    ],
    30_000,
  ),
  last: result('last', [['b', 'Beta', 150_000]], 30_000),
  linear: result(
    'linear',
    [
      ['b', 'Beta', 100_000],
      ['a', 'Alpha', 50_000],
    ],
    30_000,
  ),
};

describe('buildAttributionTable', () => {
  const table = buildAttributionTable(answer);

  it('keeps the models in the canonical order, whatever order the answer has', () => {
    expect(table.models).toEqual(['first', 'last', 'linear']);
    expect(table.currency).toBe('EUR');
  });

  it('puts every row of any model in the table, with 0 where a model gave it nothing', () => {
    const alpha = table.rows.find((r) => r.id === 'a');
    expect(alpha?.credits.first).toBe(100_000);
    expect(alpha?.credits.last).toBe(0);
    expect(alpha?.credits.linear).toBe(50_000);
  });

  it('orders rows by credit over all models: Beta 300000 before Alpha 150000', () => {
    expect(table.rows.map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('keeps unattributed apart and totals rows + unattributed per model', () => {
    expect(table.unattributed.first).toBe(30_000);
    expect(table.totals).toMatchObject({ first: 180_000, last: 180_000, linear: 180_000 });
    // Models the answer did not hold stay at 0.
    expect(table.totals.decay).toBe(0);
  });

  it('breaks ties by name, then id', () => {
    const tie = buildAttributionTable({
      first: result(
        'first',
        [
          ['z', 'Zeta', 10],
          ['y', 'Alpha', 10],
          ['x', 'Alpha', 10],
        ],
        0,
      ),
    });
    expect(tie.rows.map((r) => r.id)).toEqual(['x', 'y', 'z']);
  });

  it('answers an empty table for no models', () => {
    const empty = buildAttributionTable({});
    expect(empty).toMatchObject({ currency: '', models: [], rows: [] });
  });
});

describe('chartBars', () => {
  const table = buildAttributionTable(answer);

  it.each([
    // model, expected bars (id, credit)
    [
      'first',
      [
        ['a', 100_000],
        ['b', 50_000],
        [UNATTRIBUTED, 30_000],
      ],
    ],
    [
      'last',
      [
        ['b', 150_000],
        [UNATTRIBUTED, 30_000],
      ],
    ],
    [
      'linear',
      [
        ['b', 100_000],
        ['a', 50_000],
        [UNATTRIBUTED, 30_000],
      ],
    ],
  ] as const)('%s: largest first, no empty bars, unattributed last', (model, bars) => {
    expect(chartBars(table, model).map((b) => [b.id, b.credit])).toEqual(bars);
  });

  it('sums the rows past the limit into one bar', () => {
    const many = buildAttributionTable({
      first: result(
        'first',
        [
          ['a', 'A', 40],
          ['b', 'B', 30],
          ['c', 'C', 20],
          ['d', 'D', 10],
        ],
        0,
      ),
    });
    expect(chartBars(many, 'first', 2).map((b) => [b.id, b.credit])).toEqual([
      ['a', 40],
      ['b', 30],
      ['others', 30],
    ]);
  });
});

describe('creditShare', () => {
  it.each([
    [50_000, 180_000, 50_000 / 180_000],
    [0, 180_000, 0],
    [0, 0, null],
  ])('%d of %d → %s', (credit, total, share) => {
    expect(creditShare(credit, total)).toBe(share);
  });
});
