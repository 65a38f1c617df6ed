import { describe, expect, it } from 'vitest';
import { type HandoffFact, percentile, slaFigures, slaFiguresBy, weekOf } from '../src/reports/slaReport.js';

const fact = (f: Partial<HandoffFact>): HandoffFact => ({
  assigneeId: 'a',
  teamId: null,
  source: 'website',
  qualifiedAt: '2026-11-23T09:00:00.000Z',
  slaDueAt: '2026-11-23T13:00:00.000Z',
  respondedAt: null,
  responseSeconds: null,
  accepted: false,
  rejected: false,
  converted: false,
  rejectReason: null,
  ...f,
});

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9, 10],
  ])('%j p%s → %s', (list, p, expected) => {
    expect(percentile(list, p)).toBe(expected);
  });
});

describe('slaFigures', () => {
  const now = '2026-11-25T12:00:00.000Z';
  const facts = [
    // answered in 1h (within), accepted
    fact({ respondedAt: '2026-11-23T10:00:00.000Z', responseSeconds: 3600, accepted: true }),
    // answered in 3h (within), rejected
    fact({
      respondedAt: '2026-11-23T12:00:00.000Z',
      responseSeconds: 10800,
      rejected: true,
      rejectReason: 'no_budget',
    }),
    // answered after due: 6h, accepted and converted
    fact({ respondedAt: '2026-11-23T15:00:00.000Z', responseSeconds: 21600, accepted: true, converted: true }),
    // never answered, due passed → judged, not within
    fact({}),
    // never answered, not yet due → not judged
    fact({ slaDueAt: '2026-11-26T09:00:00.000Z' }),
  ];

  it('counts by hand', () => {
    expect(slaFigures(facts, now)).toEqual({
      handoffs: 5,
      answered: 3,
      withinSla: 2,
      judged: 4,
      withinSlaRate: 0.5, // 2 of 4
      medianResponseHours: 3, // [1h, 3h, 6h] → 3h
      p90ResponseHours: 6, // rank ceil(2.7) = 3 → 6h
      accepted: 2,
      rejected: 1,
      acceptanceRate: 2 / 3,
      converted: 1,
    });
  });

  it('has no rates for an empty period', () => {
    expect(slaFigures([], now)).toMatchObject({
      handoffs: 0,
      withinSlaRate: null,
      acceptanceRate: null,
      medianResponseHours: null,
    });
  });

  it('groups and sorts by size', () => {
    const grouped = slaFiguresBy(
      [fact({ source: 'event' }), fact({ source: 'website' }), fact({ source: 'website' })],
      (f) => f.source,
      now,
    );
    expect(grouped.map((g) => [g.key, g.figures.handoffs])).toEqual([
      ['website', 2],
      ['event', 1],
    ]);
  });
});

describe('weekOf', () => {
  it.each([
    ['2026-11-27T12:00:00Z', '2026-11-23'], // Friday → Monday
    ['2026-11-23T00:00:00Z', '2026-11-23'], // Monday itself
    ['2026-11-29T23:59:59Z', '2026-11-23'], // Sunday
    ['2027-01-01T10:00:00Z', '2026-12-28'], // across the year
  ])('%s → %s', (iso, monday) => {
    expect(weekOf(iso)).toBe(monday);
  });
});
