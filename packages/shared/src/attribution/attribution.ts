/*
 * Multi-touch attribution: how a deal's amount is credited to the campaign touches before it.
 *
 * Rules, the same for every model:
 * - A journey is one deal: its amount in minor units, the moment it converted (deal creation for
 *   pipeline, the win for revenue) and the touches of its contacts.
 * - Eligible touches happened at or before the conversion and no earlier than the lookback window.
 *   They are ordered by time, ties by id, so every run gives the same answer.
 * - Position models (u, w, full) anchor shares on the first touch, the lead-creation touch (the last
 *   touch at or before the lead was created), the deal-creation touch (the last touch at or before the
 *   deal was created) and the won touch (the last touch at or before the win). A touch that is several
 *   anchors gets their sum; the middle share is split evenly over the touches that are no anchor. A
 *   share with no touch to take it (no middle touches, a lead created before any touch, a deal not won
 *   yet) goes to the others in proportion to what they already have.
 * - Credits are whole minor units: each touch gets the floor of its exact share, and the units left go
 *   one by one to the largest remainders (earlier touch first on a tie). A journey's credits always add
 *   up to exactly its amount. A journey without eligible touches is unattributed.
 */

export const attributionModels = ['first', 'last', 'linear', 'u', 'w', 'full', 'decay'] as const;
export type AttributionModel = (typeof attributionModels)[number];

export interface Touch {
  id: string;
  /** Epoch milliseconds (UTC). */
  at: number;
  /** What the credit is summed by, usually the campaign id. */
  key: string;
}

export interface Journey {
  /** Minor units, a non-negative integer. */
  amount: number;
  /** The conversion being credited: deal creation (pipeline) or the win (revenue), epoch ms. */
  convertedAt: number;
  /** When the first of the deal's contacts became a lead; null when unknown. */
  leadCreatedAt: number | null;
  dealCreatedAt: number;
  /** Null while the deal is not won. */
  wonAt: number | null;
  touches: readonly Touch[];
}

export interface AttributionOptions {
  lookbackDays: number;
  /** Time decay: a touch this many days before the conversion counts half as much as one at it. */
  halfLifeDays: number;
}

export const defaultAttributionOptions: AttributionOptions = { lookbackDays: 365, halfLifeDays: 7 };

const DAY_MS = 86_400_000;

type Anchor = 'first' | 'lead' | 'deal' | 'won';
interface PositionShares {
  anchors: Partial<Record<Anchor, number>>;
  middle: number;
}

/** The position models' shares, in percent. */
const positionShares: Record<'u' | 'w' | 'full', PositionShares> = {
  u: { anchors: { first: 40, lead: 40 }, middle: 20 },
  w: { anchors: { first: 30, lead: 30, deal: 30 }, middle: 10 },
  full: { anchors: { first: 22.5, lead: 22.5, deal: 22.5, won: 22.5 }, middle: 10 },
};

const byTimeThenId = (a: Touch, b: Touch): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The touches that may take credit for a journey, in order. */
export const eligibleTouches = (journey: Journey, options: AttributionOptions): Touch[] => {
  const earliest = journey.convertedAt - options.lookbackDays * DAY_MS;
  return journey.touches.filter((t) => t.at <= journey.convertedAt && t.at >= earliest).sort(byTimeThenId);
};

/** Index of the last touch at or before `moment`, or -1. Touches are sorted. */
const lastAtOrBefore = (touches: readonly Touch[], moment: number | null): number => {
  if (moment === null) return -1;
  let found = -1;
  for (let i = 0; i < touches.length; i += 1) {
    if ((touches[i] as Touch).at <= moment) found = i;
    else break;
  }
  return found;
};

const positionWeights = (touches: readonly Touch[], journey: Journey, shares: PositionShares): number[] => {
  const weights = new Array<number>(touches.length).fill(0);
  const anchorIndex: Record<Anchor, number> = {
    first: 0,
    lead: lastAtOrBefore(touches, journey.leadCreatedAt),
    deal: lastAtOrBefore(touches, journey.dealCreatedAt),
    won: lastAtOrBefore(touches, journey.wonAt),
  };
  const isAnchor = new Array<boolean>(touches.length).fill(false);
  for (const [anchor, share] of Object.entries(shares.anchors) as [Anchor, number][]) {
    const index = anchorIndex[anchor];
    if (index < 0) continue;
    weights[index] = (weights[index] as number) + share;
    isAnchor[index] = true;
  }
  const middle = isAnchor.reduce((n, anchor) => (anchor ? n : n + 1), 0);
  if (middle > 0) {
    for (let i = 0; i < touches.length; i += 1) if (!isAnchor[i]) weights[i] = shares.middle / middle;
  }
  return weights;
};

/** Relative weights of the eligible touches under a model (any scale; they are normalised later). */
export const modelWeights = (
  model: AttributionModel,
  touches: readonly Touch[],
  journey: Journey,
  options: AttributionOptions,
): number[] => {
  const n = touches.length;
  switch (model) {
    case 'first':
      return touches.map((_, i) => (i === 0 ? 1 : 0));
    case 'last':
      return touches.map((_, i) => (i === n - 1 ? 1 : 0));
    case 'linear':
      return touches.map(() => 1);
    case 'decay':
      return touches.map((t) => 2 ** -((journey.convertedAt - t.at) / DAY_MS / options.halfLifeDays));
    case 'u':
    case 'w':
    case 'full':
      return positionWeights(touches, journey, positionShares[model]);
  }
};

/**
 * Splits a whole amount in proportion to weights into whole units that add up to the amount exactly
 * (largest remainder; on equal remainders the earlier position wins).
 */
export const splitAmount = (amount: number, weights: readonly number[]): number[] => {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i += 1) total += weights[i] as number;
  const parts = new Array<number>(n).fill(0);
  if (n === 0 || total <= 0) return parts;
  const rests = new Array<number>(n);
  let used = 0;
  for (let i = 0; i < n; i += 1) {
    let x = (amount * (weights[i] as number)) / total;
    // snap float noise (28.999999999999996) to the whole number it stands for before flooring
    const whole = Math.round(x);
    if (Math.abs(x - whole) < 1e-7) x = whole;
    const floor = Math.floor(x);
    parts[i] = floor;
    rests[i] = x - floor;
    used += floor;
  }
  const left = amount - used;
  if (left === 0) return parts;
  if (left > 0 && left < n) {
    // the units left go to the largest remainders, the earlier position first on a tie
    const taken = new Array<boolean>(n).fill(false);
    for (let k = 0; k < left; k += 1) {
      let best = -1;
      for (let i = 0; i < n; i += 1) {
        if (!taken[i] && (best < 0 || (rests[i] as number) > (rests[best] as number))) best = i;
      }
      taken[best] = true;
      parts[best] = (parts[best] as number) + 1;
    }
    return parts;
  }
  // only reachable when snapping overshot: take units back from the smallest remainders, keeping the sum exact
  const order = rests.map((rest, i) => ({ i, rest })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; k < Math.abs(left); k += 1) {
    const pick = left > 0 ? order[k % n] : order[n - 1 - (k % n)];
    const i = (pick as { i: number }).i;
    parts[i] = (parts[i] as number) + Math.sign(left);
  }
  return parts;
};

export interface TouchCredit {
  touch: Touch;
  credit: number;
}

/** The credit of each eligible touch of one journey under one model; empty when nothing is eligible. */
export const attributeJourney = (
  journey: Journey,
  model: AttributionModel,
  options: AttributionOptions = defaultAttributionOptions,
): TouchCredit[] => {
  const touches = eligibleTouches(journey, options);
  if (touches.length === 0) return [];
  const credits = splitAmount(journey.amount, modelWeights(model, touches, journey, options));
  return touches.map((touch, i) => ({ touch, credit: credits[i] as number }));
};

export interface ModelTotals {
  /** Credit per touch key, in minor units. */
  byKey: Map<string, number>;
  /** Amount of journeys without an eligible touch. */
  unattributed: number;
  /** Journeys without an eligible touch. */
  unattributedCount: number;
}

/**
 * The credits of one journey's eligible touches under one model, added by touch position into `into`
 * (indexed by the touch's key number in `keys`). First, last, linear and a single touch take short cuts
 * that give exactly what `splitAmount` gives.
 */
const addJourneyCredits = (
  into: number[],
  keys: readonly number[],
  model: AttributionModel,
  touches: readonly Touch[],
  journey: Journey,
  options: AttributionOptions,
) => {
  const n = touches.length;
  const amount = journey.amount;
  if (n === 1 || model === 'first' || model === 'last') {
    const chosen = keys[model === 'last' ? n - 1 : 0] as number;
    into[chosen] = (into[chosen] as number) + amount;
    return;
  }
  if (model === 'linear') {
    // equal shares: the units left go to the earliest touches
    const base = Math.floor(amount / n);
    const left = amount - base * n;
    for (let i = 0; i < n; i += 1) {
      const k = keys[i] as number;
      into[k] = (into[k] as number) + base + (i < left ? 1 : 0);
    }
    return;
  }
  const credits = splitAmount(amount, modelWeights(model, touches, journey, options));
  for (let i = 0; i < n; i += 1) {
    const k = keys[i] as number;
    into[k] = (into[k] as number) + (credits[i] as number);
  }
};

/**
 * Sums every journey's credits per touch key, for each model, in one pass over the journeys. Every key
 * with an eligible touch appears under every model, with 0 where a model gives it nothing.
 */
export const attributeJourneys = (
  journeys: Iterable<Journey>,
  models: readonly AttributionModel[] = attributionModels,
  options: AttributionOptions = defaultAttributionOptions,
): Record<AttributionModel, ModelTotals> => {
  // keys become small numbers once, so the inner loops add into arrays instead of hashing strings
  const keyNumbers = new Map<string, number>();
  const sums = models.map(() => [] as number[]);
  const unattributed = models.map(() => 0);
  let unattributedCount = 0;
  for (const journey of journeys) {
    const touches = eligibleTouches(journey, options);
    if (touches.length === 0) {
      for (let m = 0; m < models.length; m += 1) unattributed[m] = (unattributed[m] as number) + journey.amount;
      unattributedCount += 1;
      continue;
    }
    const keys = touches.map((t) => {
      let k = keyNumbers.get(t.key);
      if (k === undefined) {
        k = keyNumbers.size;
        keyNumbers.set(t.key, k);
        for (const into of sums) into.push(0);
      }
      return k;
    });
    for (let m = 0; m < models.length; m += 1) {
      addJourneyCredits(sums[m] as number[], keys, models[m] as AttributionModel, touches, journey, options);
    }
  }
  const totals = {} as Record<AttributionModel, ModelTotals>;
  models.forEach((model, m) => {
    const byKey = new Map<string, number>();
    for (const [key, k] of keyNumbers) byKey.set(key, (sums[m] as number[])[k] as number);
    totals[model] = { byKey, unattributed: unattributed[m] as number, unattributedCount };
  });
  return totals;
};
