import type { AttributionModel, AttributionModelResult } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { attributionCurrencies, buildAttributionTable, chartBars, creditShare, UNATTRIBUTED } from './attributionTable';

type Rows = [string, string, number][];

const block = (currency: string, deals: number, rows: Rows, unattributed: number) => {
  const credited = rows.map(([id, name, credit]) => ({ id, name, credit }));
  return {
    currency,
    deals,
    rows: credited,
    unattributed,
    total: credited.reduce((s, r) => s + r.credit, unattributed),
  };
};

/** One model's answer in EUR (three deals), and in the further currencies given. */
const result = (
  model: AttributionModel,
  rows: Rows,
  unattributed: number,
  others: ReturnType<typeof block>[] = [],
): AttributionModelResult => ({
  model,
  measure: 'pipeline',
  currency: 'EUR',
  rows: rows.map(([id, name, credit]) => ({ id, name, credit })),
  unattributed,
  byCurrency: [block('EUR', 3, rows, unattributed), ...others],
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

/*
 * The same EUR deals, and two CHF deals: 900.01 CHF (touches A then B: linear A 450.01, B 450.00; first
 * A 900.01; last B 900.01) and 200.00 CHF without touches. Every CHF total: 90001 + 20000 = 110001.
 */
const withChf = {
  first: result(
    'first',
    [
      ['a', 'Alpha', 100_000],
      ['b', 'Beta', 50_000],
    ],
    30_000,
    [block('CHF', 2, [['a', 'Alpha', 90_001]], 20_000)],
  ),
  last: result('last', [['b', 'Beta', 150_000]], 30_000, [block('CHF', 2, [['b', 'Beta', 90_001]], 20_000)]),
  linear: result(
    'linear',
    [
      ['b', 'Beta', 100_000],
      ['a', 'Alpha', 50_000],
    ],
    30_000,
    [
      block(
        'CHF',
        2,
        [
          ['a', 'Alpha', 45_001],
          ['b', 'Beta', 45_000],
        ],
        20_000,
      ),
    ],
  ),
};

describe('every currency side by side', () => {
  it('lists each currency with its deals and total, the leading one first', () => {
    expect(attributionCurrencies(withChf)).toEqual([
      { currency: 'EUR', deals: 3, total: 180_000 },
      { currency: 'CHF', deals: 2, total: 110_001 },
    ]);
    expect(attributionCurrencies({})).toEqual([]);
  });

  it('builds the table of the leading currency by default, with EUR amounts only', () => {
    const eur = buildAttributionTable(withChf);
    expect(eur.currency).toBe('EUR');
    expect(eur.totals).toMatchObject({ first: 180_000, last: 180_000, linear: 180_000 });
  });

  it('builds the CHF table from the CHF blocks, never mixing in EUR', () => {
    const chf = buildAttributionTable(withChf, 'CHF');
    expect(chf.currency).toBe('CHF');
    expect(chf.rows.map((r) => [r.id, r.credits.first, r.credits.last, r.credits.linear])).toEqual([
      // Alpha 90001 + 0 + 45001 = 135002 before Beta 0 + 90001 + 45000 = 135001
      ['a', 90_001, 0, 45_001],
      ['b', 0, 90_001, 45_000],
    ]);
    expect(chf.unattributed).toMatchObject({ first: 20_000, last: 20_000, linear: 20_000 });
    // no deal left out: each model adds up to the CHF deals' 110001
    expect(chf.totals).toMatchObject({ first: 110_001, last: 110_001, linear: 110_001 });
  });

  it('sums over the currencies to every deal, each in its own currency', () => {
    const totals = attributionCurrencies(withChf).map((c) => [
      c.currency,
      buildAttributionTable(withChf, c.currency).totals.linear,
    ]);
    expect(totals).toEqual([
      ['EUR', 180_000],
      ['CHF', 110_001],
    ]);
  });

  it('answers an empty table for a currency the answer does not hold', () => {
    const usd = buildAttributionTable(withChf, 'USD');
    expect(usd).toMatchObject({ currency: 'USD', rows: [] });
    expect(usd.totals.first).toBe(0);
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
