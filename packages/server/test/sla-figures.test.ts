import { type SlaCell, slaFiguresByCells, slaFiguresOfCells } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { type SlaCellRow, slaFiguresByKeys, slaTotalsOf } from '../src/modules/reports/sla.figures.js';

/*
 * The SLA report's one-sort percentiles (sla.figures.ts) against the shared per-group arithmetic
 * (slaFiguresOfCells: every group's own list sorted), on hand-made cells.
 */

type Cell = SlaCellRow & { key: string | null };

const cell = (key: string | null, responses: number[], handoffs = responses.length + 1): Cell => ({
  key,
  handoffs,
  answered: responses.length,
  withinSla: Math.floor(responses.length / 2),
  judged: handoffs,
  accepted: 1,
  rejected: handoffs > 2 ? 1 : 0,
  converted: 0,
  responses: responses.length === 0 ? null : responses.join(','),
});

const asShared = (c: Cell): SlaCell & { key: string | null } => ({
  ...c,
  responses: c.responses === null ? [] : c.responses.split(',').map(Number),
});

const expectSame = (cells: Cell[]) => {
  const [all, byKey] = slaFiguresByKeys(cells, [() => null, (c) => c.key]);
  expect(slaTotalsOf(all ?? [])).toEqual(slaFiguresOfCells(cells.map(asShared)));
  const sorted = (g: { key: string | null; figures: unknown }[]) =>
    [...g].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : 1));
  expect(sorted(byKey ?? [])).toEqual(sorted(slaFiguresByCells(cells.map(asShared), (c) => c.key)));
};

describe('SLA figures from one sort of all response times', () => {
  it('median and p90 per group by nearest rank, as each group sorted alone', () => {
    // group a: 1,800 · 3,600 · 3,618 · 28,500 → median rank 2 (3,600 s = 1 h), p90 rank 4 (7.92 h)
    // group b: 18 · 54 → median 18 s (0.01 h), p90 54 s (0.02 h); group null: no answers
    const cells = [cell('a', [3618, 1800]), cell('b', [54, 18]), cell('a', [28500, 3600]), cell(null, [])];
    const [, byKey] = slaFiguresByKeys(cells, [() => null, (c) => c.key]);
    const a = byKey?.find((g) => g.key === 'a')?.figures;
    expect([a?.medianResponseHours, a?.p90ResponseHours]).toEqual([1, 7.92]);
    const b = byKey?.find((g) => g.key === 'b')?.figures;
    expect([b?.medianResponseHours, b?.p90ResponseHours]).toEqual([0.01, 0.02]);
    expect(byKey?.find((g) => g.key === null)?.figures.medianResponseHours).toBeNull();
    expectSame(cells);
  });

  it('no cells: zero counts and null rates', () => {
    const [all] = slaFiguresByKeys([], [() => null]);
    expect(slaTotalsOf(all ?? [])).toEqual(slaFiguresOfCells([]));
  });

  it('response times too large to pack with their cell still rank exactly (the index sort)', () => {
    const huge = 2 ** 52;
    expectSame([cell('a', [huge + 2, 5]), cell('b', [huge, 7, 3]), cell('a', [huge + 1])]);
  });

  it('largest groups first', () => {
    const [byKey] = slaFiguresByKeys([cell('x', [1]), cell('y', [1, 2, 3]), cell('z', [2, 2])], [(c) => c.key]);
    expect(byKey?.map((g) => g.key)).toEqual(['y', 'z', 'x']);
  });
});
