import { describe, expect, it } from 'vitest';
import { isoFormatter, seededId } from '../src/scripts/seed.rows.js';

/*
 * The seed's own formatting of ids and timestamps (made fast for millions of rows) against what it stands
 * for: a UUID version 7 from a timestamp and four random draws, and Date#toISOString.
 */

describe('seededId', () => {
  const draws = (values: number[]) => {
    const queue = [...values];
    return () => queue.shift() ?? 0;
  };
  it.each([
    // 2024-01-08T08:00:00Z = 0x018ce815ec00 ms; 0.5 · 0x1000 = 0x800, 0.25 · 0x4000 = 0x1000, 0.5 · 2²⁴ = 0x800000
    [1_704_700_800_000, [0.5, 0.25, 0, 0.5], '018ce815-ec00-7800-9000-000000800000'],
    // the epoch; 0.999999 · 2²⁴ = 16777199.2 → 0xffffef, 0.0625 · 2²⁴ = 0x100000
    [0, [0, 0, 0.999999, 0.0625], '00000000-0000-7000-8000-ffffef100000'],
    // the largest 48-bit time; 0.99999 · 0x1000 = 4095.96 → 0xfff, 0.99999 · 0x4000 = 16383.8 → 0x3fff
    [2 ** 48 - 1, [0.99999, 0.99999, 0, 0], 'ffffffff-ffff-7fff-bfff-000000000000'],
  ])('%d with draws %j is %s', (ms, values, expected) => {
    expect(seededId(ms, draws(values))).toBe(expected);
  });
});

describe('isoFormatter', () => {
  it('writes what Date#toISOString writes, in any order of timestamps', () => {
    const iso = isoFormatter();
    const cases: [number, string][] = [
      [1_704_700_800_000, '2024-01-08T08:00:00.000Z'],
      [1_704_700_800_001, '2024-01-08T08:00:00.001Z'],
      [1_704_700_800_010, '2024-01-08T08:00:00.010Z'],
      [1_704_700_800_100, '2024-01-08T08:00:00.100Z'],
      [1_704_758_399_999, '2024-01-08T23:59:59.999Z'],
      [1_704_758_400_000, '2024-01-09T00:00:00.000Z'],
      [0, '1970-01-01T00:00:00.000Z'],
      [946_684_799_999, '1999-12-31T23:59:59.999Z'],
      // back to a day formatted before
      [1_704_745_845_678, '2024-01-08T20:30:45.678Z'],
    ];
    for (const [ms, expected] of cases) {
      expect(iso(ms)).toBe(expected);
      expect(new Date(ms).toISOString()).toBe(expected);
    }
  });
});
