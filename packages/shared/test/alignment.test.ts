import { describe, expect, it } from 'vitest';
import {
  type AlignmentPartInput,
  acceptanceScore,
  alignmentIndex,
  alignmentPartKeys,
  defaultAlignmentWeights,
  type GoalOutcome,
  sharedGoalAttainment,
  shareScore,
} from '../src/goals/alignment.js';

const w = defaultAlignmentWeights;
// Default weights: SLA 20, acceptance 15, reasoned 10, returned 10, shared goals 20, two-sided 10, data 5, actions 10.
const allParts: AlignmentPartInput[] = [
  { key: 'sla_compliance', value: 90, weight: w.sla_compliance },
  { key: 'acceptance_vs_minimum', value: 100, weight: w.acceptance_vs_minimum },
  { key: 'reasoned_rejections', value: 70, weight: w.reasoned_rejections },
  { key: 'returned_lead_follow_up', value: 50, weight: w.returned_lead_follow_up },
  { key: 'shared_goal_attainment', value: 80, weight: w.shared_goal_attainment },
  { key: 'two_sided_accounts', value: 40, weight: w.two_sided_accounts },
  { key: 'data_completeness', value: 60, weight: w.data_completeness },
  { key: 'action_item_completion', value: 30, weight: w.action_item_completion },
];
const withoutActions = allParts.map((p) => (p.key === 'action_item_completion' ? { ...p, value: null } : p));

describe('alignmentIndex', () => {
  it.each<[string, AlignmentPartInput[], number | null, number[]]>([
    // 90·20 + 100·15 + 70·10 + 50·10 + 80·20 + 40·10 + 60·5 + 30·10
    // = 1800 + 1500 + 700 + 500 + 1600 + 400 + 300 + 300 = 7100; ÷ 100 = 71.
    ['all parts, default weights', allParts, 71, [20, 15, 10, 10, 20, 10, 5, 10]],
    // Without action items: 7100 − 300 = 6800 over weight 90 → 75.555… → 75.6.
    // Effective weights scale by 100/90: 20 → 22.222, 15 → 16.667, 10 → 11.111, 5 → 5.556; actions 0.
    [
      'action items not measurable: weight spread',
      withoutActions,
      75.6,
      [22.222, 16.667, 11.111, 11.111, 22.222, 11.111, 5.556, 0],
    ],
    ['no part measurable', allParts.map((p) => ({ ...p, value: null })), null, [0, 0, 0, 0, 0, 0, 0, 0]],
    ['all weights zero', allParts.map((p) => ({ ...p, weight: 0 })), null, [0, 0, 0, 0, 0, 0, 0, 0]],
    // Only the zero-weight part is measurable: nothing carries weight → null.
    [
      'the only measurable part weighs 0',
      [
        { key: 'a', value: 80, weight: 0 },
        { key: 'b', value: null, weight: 5 },
      ],
      null,
      [0, 0],
    ],
    // (80·1 + 50·3) ÷ 4 = 230 ÷ 4 = 57.5.
    [
      'two parts',
      [
        { key: 'a', value: 80, weight: 1 },
        { key: 'b', value: 50, weight: 3 },
      ],
      57.5,
      [1, 3],
    ],
    // 100·1 ÷ 3 = 33.33… → 33.3 (one decimal).
    [
      'rounding down',
      [
        { key: 'a', value: 100, weight: 1 },
        { key: 'b', value: 0, weight: 2 },
      ],
      33.3,
      [1, 2],
    ],
    // 100·2 ÷ 3 = 66.66… → 66.7.
    [
      'rounding up',
      [
        { key: 'a', value: 100, weight: 2 },
        { key: 'b', value: 0, weight: 1 },
      ],
      66.7,
      [2, 1],
    ],
    // A zero-weight part stays out even when measurable: 50·2 ÷ 2 = 50; c (missing, weight 2) is spread
    // over b alone: b's effective weight 2 × 4/2 = 4.
    [
      'zero weight and a missing part',
      [
        { key: 'a', value: 10, weight: 0 },
        { key: 'b', value: 50, weight: 2 },
        { key: 'c', value: null, weight: 2 },
      ],
      50,
      [0, 4, 0],
    ],
  ])('%s', (_name, parts, index, effective) => {
    const r = alignmentIndex(parts);
    expect(r.index).toBe(index);
    expect(r.parts.map((p) => p.key)).toEqual(parts.map((p) => p.key));
    r.parts.forEach((p, i) => {
      expect(p.effectiveWeight).toBeCloseTo(effective[i] ?? Number.NaN, 3);
    });
  });

  it('keeps the weights, values and keys it was given', () => {
    const r = alignmentIndex(withoutActions);
    expect(r.parts[7]).toEqual({ key: 'action_item_completion', value: null, weight: 10, effectiveWeight: 0 });
  });

  it.each([
    ['a value above 100', [{ key: 'a', value: 101, weight: 1 }]],
    ['a negative value', [{ key: 'a', value: -1, weight: 1 }]],
    ['a negative weight', [{ key: 'a', value: 50, weight: -1 }]],
  ])('rejects %s', (_name, parts) => {
    expect(() => alignmentIndex(parts)).toThrow(RangeError);
  });

  it('has a default weight for every part, adding up to 100', () => {
    expect(Object.keys(defaultAlignmentWeights)).toEqual([...alignmentPartKeys]);
    expect(Object.values(defaultAlignmentWeights).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('part formulas', () => {
  it.each<[string, number, number, number | null]>([
    ['17 of 20 within the SLA', 17, 20, 85],
    ['none of 5', 0, 5, 0],
    ['nothing to measure', 0, 0, null],
  ])('shareScore: %s', (_name, part, whole, expected) => {
    expect(shareScore(part, whole)).toBe(expected);
  });

  it('shareScore: 1 of 3 → 33.33…', () => {
    expect(shareScore(1, 3)).toBeCloseTo(33.333, 3);
  });

  it.each<[string, number | null, number, number | null]>([
    // 60 % ÷ 80 % = 0.75 → 75.
    ['60 % against a committed 80 %', 0.6, 80, 75],
    ['exactly the minimum', 0.8, 80, 100],
    ['above the minimum is capped', 0.9, 80, 100],
    ['nothing accepted', 0, 50, 0],
    ['no minimum committed', 0.3, 0, 100],
    ['no decided handoffs', null, 80, null],
  ])('acceptanceScore: %s', (_name, rate, minimum, expected) => {
    expect(acceptanceScore(rate, minimum)).toBe(expected);
  });

  it.each<[string, GoalOutcome[], number | null]>([
    // (3/5 = 0.6, min(7/5, 1) = 1) → mean 0.8 → 80.
    [
      'one short, one over',
      [
        { actual: 3, target: 5, direction: 'higher' },
        { actual: 7, target: 5, direction: 'higher' },
      ],
      80,
    ],
    ['a zero target is met', [{ actual: 0, target: 0, direction: 'higher' }], 100],
    ['lower is better, under target', [{ actual: 3, target: 4, direction: 'lower' }], 100],
    // (min(0/10, 1) = 0, lower 4 h of 4 h = 1) → 0.5 → 50.
    [
      'mixed',
      [
        { actual: 0, target: 10, direction: 'higher' },
        { actual: 4, target: 4, direction: 'lower' },
      ],
      50,
    ],
    ['lower is better, zero target missed', [{ actual: 2, target: 0, direction: 'lower' }], 0],
    ['no shared goals ended', [], null],
  ])('sharedGoalAttainment: %s', (_name, goals, expected) => {
    expect(sharedGoalAttainment(goals)).toBe(expected);
  });

  it('sharedGoalAttainment: a median of 6 h against 4 h attains 4/6 → 66.67', () => {
    expect(sharedGoalAttainment([{ actual: 6, target: 4, direction: 'lower' }])).toBeCloseTo(66.667, 3);
  });
});
