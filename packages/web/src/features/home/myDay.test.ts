import { describe, expect, it } from 'vitest';
import { dueFirst, staleFirst } from './myDay';

describe('dueFirst', () => {
  const h = (id: string, slaDueAt: string, breached = false, respondedAt: string | null = null) => ({
    id,
    slaDueAt,
    breached,
    respondedAt,
  });
  it.each([
    ['by due time when none is late', [h('b', '2026-12-07T10:00:00Z'), h('a', '2026-12-07T09:00:00Z')], ['a', 'b']],
    [
      'an overdue unanswered lead before an earlier-due one that is fine',
      [h('fine', '2026-12-01T08:00:00Z'), h('late', '2026-12-04T13:00:00Z', true)],
      ['late', 'fine'],
    ],
    [
      'an answered lead past its time is no longer urgent',
      [h('answered', '2026-12-03T08:00:00Z', true, '2026-12-03T09:00:00Z'), h('next', '2026-12-02T08:00:00Z')],
      ['next', 'answered'],
    ],
    [
      'two late ones by due time, then the rest',
      [
        h('ok', '2026-12-05T08:00:00Z'),
        h('late2', '2026-12-04T12:00:00Z', true),
        h('late1', '2026-12-03T12:00:00Z', true),
      ],
      ['late1', 'late2', 'ok'],
    ],
  ])('%s', (_label, rows, expected) => {
    expect(dueFirst(rows).map((r) => r.id)).toEqual(expected);
  });
});

describe('staleFirst', () => {
  it('keeps the stale deals only, the longest in its stage first', () => {
    const rows = [
      { id: 'fresh', stale: false, stageChangedAt: '2026-01-01T00:00:00Z' },
      { id: 'newer', stale: true, stageChangedAt: '2026-10-01T00:00:00Z' },
      { id: 'older', stale: true, stageChangedAt: '2026-08-15T00:00:00Z' },
    ];
    expect(staleFirst(rows).map((r) => r.id)).toEqual(['older', 'newer']);
  });
});
