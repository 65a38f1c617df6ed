import { describe, expect, it } from 'vitest';
import {
  type AttributionModel,
  attributeJourney,
  attributeJourneys,
  attributionModels,
  eligibleTouches,
  type Journey,
  splitAmount,
  type Touch,
} from '../src/attribution/attribution.js';

const DAY = 86_400_000;
/** The conversion moment of every journey below. */
const T = Date.UTC(2027, 0, 31, 12);
/** `n` days before the conversion. */
const before = (n: number) => T - n * DAY;
const touch = (id: string, daysBefore: number, key = id): Touch => ({ id, at: before(daysBefore), key });

const journey = (j: Partial<Journey> & Pick<Journey, 'touches'>): Journey => ({
  amount: 1000,
  convertedAt: T,
  leadCreatedAt: null,
  dealCreatedAt: T,
  wonAt: null,
  ...j,
});

/** Credits by touch id, for readable expectations. */
const credits = (j: Journey, model: AttributionModel, options = { lookbackDays: 365, halfLifeDays: 7 }) =>
  Object.fromEntries(attributeJourney(j, model, options).map((c) => [c.touch.id, c.credit]));

describe('a single touch takes the whole amount under every model', () => {
  const single = journey({ touches: [touch('a', 3)], leadCreatedAt: before(3) });
  it.each(attributionModels)('%s', (model) => {
    expect(credits(single, model)).toEqual({ a: 1000 });
  });
});

describe('three touches, lead created at the second, pipeline (converted at deal creation)', () => {
  // a −30 d (first), b −20 d (lead creation), c −10 d (last before the deal was created)
  const three = journey({ touches: [touch('c', 10), touch('a', 30), touch('b', 20)], leadCreatedAt: before(20) });
  it.each<[AttributionModel, Record<string, number>]>([
    ['first', { a: 1000, b: 0, c: 0 }],
    ['last', { a: 0, b: 0, c: 1000 }],
    // 333.33 each; the one unit left goes to the earliest of the equal remainders
    ['linear', { a: 334, b: 333, c: 333 }],
    // first 40, lead 40, middle 20
    ['u', { a: 400, b: 400, c: 200 }],
    // first 30, lead 30, deal 30, no middle touch: its 10 go to the three in proportion → a third each
    ['w', { a: 334, b: 333, c: 333 }],
    // first, lead, deal 22.5 each; not won yet and no middle: 67.5 shared in proportion → a third each
    ['full', { a: 334, b: 333, c: 333 }],
  ])('%s', (model, expected) => {
    expect(credits(three, model)).toEqual(expected);
  });
});

describe('five touches, revenue (converted at the win)', () => {
  // a −60, b −50, lead created −45 → lead touch b; c −40, deal created −35 → deal touch c; d −30; e −5, won at T → won touch e
  const five = journey({
    amount: 10_000,
    touches: [touch('a', 60), touch('b', 50), touch('c', 40), touch('d', 30), touch('e', 5)],
    leadCreatedAt: before(45),
    dealCreatedAt: before(35),
    wonAt: T,
  });
  it.each<[AttributionModel, Record<string, number>]>([
    ['first', { a: 10_000, b: 0, c: 0, d: 0, e: 0 }],
    ['last', { a: 0, b: 0, c: 0, d: 0, e: 10_000 }],
    ['linear', { a: 2000, b: 2000, c: 2000, d: 2000, e: 2000 }],
    // first 40 (a), lead 40 (b), middle 20 over c, d, e: 666.67 each; two units left go to c and d
    ['u', { a: 4000, b: 4000, c: 667, d: 667, e: 666 }],
    // first 30 (a), lead 30 (b), deal 30 (c), middle 10 over d and e
    ['w', { a: 3000, b: 3000, c: 3000, d: 500, e: 500 }],
    // 22.5 to first (a), lead (b), deal (c) and won (e); 10 to the middle (d)
    ['full', { a: 2250, b: 2250, c: 2250, d: 1000, e: 2250 }],
  ])('%s', (model, expected) => {
    expect(credits(five, model)).toEqual(expected);
  });
});

describe('anchors that fall on the same touch add up', () => {
  // a −10 is first and lead touch; b −5 is the deal touch (pipeline)
  const two = journey({ touches: [touch('a', 10), touch('b', 5)], leadCreatedAt: before(10) });
  it.each<[AttributionModel, Record<string, number>]>([
    // a: 40 + 40, b: the middle 20
    ['u', { a: 800, b: 200 }],
    // a: 30 + 30, b: 30, no middle → 60 : 30 = 666.67 : 333.33
    ['w', { a: 667, b: 333 }],
    // a: 22.5 + 22.5, b: 22.5 (deal), not won → 2 : 1
    ['full', { a: 667, b: 333 }],
  ])('%s', (model, expected) => {
    expect(credits(two, model)).toEqual(expected);
  });
});

describe('a lead created before any touch has no lead-creation touch', () => {
  // U: first 40 (a), lead share has no touch, middle 20 over b and c → 40 : 10 : 10
  const late = journey({
    amount: 600,
    touches: [touch('a', 30), touch('b', 20), touch('c', 10)],
    leadCreatedAt: before(40),
  });
  it('u gives the missing share to the others in proportion', () => {
    expect(credits(late, 'u')).toEqual({ a: 400, b: 100, c: 100 });
  });
  it('unknown lead creation behaves the same', () => {
    expect(credits({ ...late, leadCreatedAt: null }, 'u')).toEqual({ a: 400, b: 100, c: 100 });
  });
});

describe('time decay (worked example)', () => {
  // half-life 7 days: touches 14, 7 and 0 days before → weights 1/4, 1/2, 1 → 1/7, 2/7, 4/7 of the amount
  const decaying = journey({ touches: [touch('a', 14), touch('b', 7), touch('c', 0)] });
  it('700 splits exactly into 100, 200, 400', () => {
    expect(credits({ ...decaying, amount: 700 }, 'decay')).toEqual({ a: 100, b: 200, c: 400 });
  });
  it('1000 → 142.86, 285.71, 571.43: floors 142, 285, 571 and the two units left go to a and b', () => {
    expect(credits(decaying, 'decay')).toEqual({ a: 143, b: 286, c: 571 });
  });
  it('the half-life is a setting: 14 days makes a touch 14 days before count half', () => {
    const j = journey({ amount: 900, touches: [touch('a', 14), touch('c', 0)] });
    expect(credits(j, 'decay', { lookbackDays: 365, halfLifeDays: 14 })).toEqual({ a: 300, c: 600 });
  });
});

describe('the lookback window and the conversion moment', () => {
  const j = journey({ touches: [touch('old', 400), touch('a', 100), touch('b', 1), touch('after', -1)] });
  it('ignores touches before the window and after the conversion', () => {
    expect(eligibleTouches(j, { lookbackDays: 365, halfLifeDays: 7 }).map((t) => t.id)).toEqual(['a', 'b']);
    expect(credits(j, 'first')).toEqual({ a: 1000, b: 0 });
    expect(credits(j, 'last')).toEqual({ a: 0, b: 1000 });
  });
  it('a shorter window keeps fewer touches', () => {
    expect(credits(j, 'first', { lookbackDays: 30, halfLifeDays: 7 })).toEqual({ b: 1000 });
  });
  it('a touch exactly at the edge of the window counts', () => {
    const edge = journey({ touches: [touch('edge', 365), touch('b', 1)] });
    expect(credits(edge, 'first')).toEqual({ edge: 1000, b: 0 });
  });
  it('nothing eligible → no credits', () => {
    expect(attributeJourney(journey({ touches: [touch('old', 400)] }), 'linear')).toEqual([]);
  });
});

describe('ties in time are ordered by id', () => {
  const tied = journey({ amount: 3, touches: [touch('b', 10), touch('a', 10)] });
  it.each<[AttributionModel, Record<string, number>]>([
    ['first', { a: 3, b: 0 }],
    ['last', { a: 0, b: 3 }],
    // 1.5 each: the unit left goes to the earlier (a)
    ['linear', { a: 2, b: 1 }],
  ])('%s', (model, expected) => {
    expect(credits(tied, model)).toEqual(expected);
  });
});

describe('splitAmount keeps the sum exact', () => {
  it.each<[number, number[], number[]]>([
    [1, [1, 1, 1], [1, 0, 0]],
    [2, [1, 1, 1], [1, 1, 0]],
    [100, [0.29, 0.71], [29, 71]],
    [10, [1, 2], [3, 7]],
    [0, [1, 1], [0, 0]],
    [5, [0, 1], [0, 5]],
  ])('%d over %j → %j', (amount, weights, expected) => {
    expect(splitAmount(amount, weights)).toEqual(expected);
  });

  it('adds up for awkward weights and large amounts', () => {
    const weights = [2 ** (-3 / 7), 2 ** (-11 / 7), 2 ** (-29 / 7), 1, 1 / 3, 0.1];
    for (const amount of [1, 7, 99, 1_000_003, 987_654_321_987]) {
      const parts = splitAmount(amount, weights);
      expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
      expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
    }
  });

  it('every model adds up to the amount of every journey', () => {
    const touches = [touch('a', 200), touch('b', 90), touch('c', 90), touch('d', 33), touch('e', 2)];
    const j = journey({ amount: 123_457, touches, leadCreatedAt: before(90), dealCreatedAt: before(20), wonAt: T });
    for (const model of attributionModels) {
      const sum = attributeJourney(j, model).reduce((s, c) => s + c.credit, 0);
      expect(sum, model).toBe(123_457);
    }
  });
});

describe('attributeJourneys sums per key and keeps unattributed deals', () => {
  const journeys = [
    journey({ touches: [touch('a', 30, 'X'), touch('b', 20, 'Y'), touch('c', 10, 'Y')], leadCreatedAt: before(20) }),
    journey({ amount: 500, touches: [] }),
    journey({ amount: 250, touches: [touch('z', 500, 'X')] }),
  ];
  const totals = attributeJourneys(journeys);
  it('linear: X gets a (334), Y gets b + c (666)', () => {
    expect(Object.fromEntries(totals.linear.byKey)).toEqual({ X: 334, Y: 666 });
  });
  it('u: X 400, Y 400 + 200', () => {
    expect(Object.fromEntries(totals.u.byKey)).toEqual({ X: 400, Y: 600 });
  });
  it('the deal without touches and the one with only an old touch are unattributed', () => {
    for (const model of attributionModels) {
      expect(totals[model].unattributed).toBe(750);
      expect(totals[model].unattributedCount).toBe(2);
    }
  });
});

describe('attributeJourneys agrees with attributeJourney journey by journey', () => {
  // a small deterministic generator (mulberry32) so the journeys are the same on every run
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  const next = random(42);
  const journeys = Array.from({ length: 300 }, (_, j): Journey => {
    const count = Math.floor(next() * 7);
    const touches = Array.from({ length: count }, (_, i) =>
      // whole days so that ties happen; keys from a few campaigns
      touch(`t${j}-${i}`, Math.floor(next() * 400) - 5, `C${Math.floor(next() * 4)}`),
    );
    return journey({
      amount: Math.floor(next() * 10_000_000),
      touches,
      leadCreatedAt: next() < 0.2 ? null : before(Math.floor(next() * 200)),
      dealCreatedAt: before(Math.floor(next() * 30)),
      wonAt: next() < 0.5 ? T : null,
    });
  });
  const totals = attributeJourneys(journeys);
  it.each(attributionModels)('%s', (model) => {
    const expected = new Map<string, number>();
    let unattributed = 0;
    for (const j of journeys) {
      const credits = attributeJourney(j, model);
      if (credits.length === 0) unattributed += j.amount;
      for (const c of credits) expected.set(c.touch.key, (expected.get(c.touch.key) ?? 0) + c.credit);
    }
    expect(Object.fromEntries(totals[model].byKey)).toEqual(Object.fromEntries(expected));
    expect(totals[model].unattributed).toBe(unattributed);
  });
});
