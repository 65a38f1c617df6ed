import { nearestRank, type SlaCounts, type SlaFigures, slaFiguresOfCounts } from '@nenner/shared';

/** A cell as the database aggregates it: its counts, and its response seconds joined by commas (or null). */
export interface SlaCellRow extends SlaCounts {
  responses: string | null;
}

export interface SlaGroup {
  key: string | null;
  figures: SlaFigures;
}

/** Every cell's response seconds in ascending order, each with its cell, and how many each cell has. */
interface TaggedResponses {
  seconds: Float64Array;
  cell: Int32Array;
  perCell: Int32Array;
}

/** Appends the integers of a comma-joined list (as the database joins them) to `into`; returns how many. */
const pushIntegers = (list: string, into: number[]): number => {
  let value = 0;
  let negative = false;
  let n = 0;
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 44;
    if (c === 44) {
      into.push(negative ? -value : value);
      n++;
      value = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else value = value * 10 + (c - 48);
  }
  return n;
};

/**
 * All response times in one sort. Each is packed with its cell as `seconds · cells + cell` into a float
 * array, which sorts natively by number: exact while |seconds| · cells < 2^53, i.e. for any response under
 * 285 years with a million cells. Past that bound, an index sort does the same more slowly.
 */
const sortResponses = (cells: readonly SlaCellRow[]): TaggedResponses => {
  const perCell = new Int32Array(cells.length);
  const values: number[] = [];
  for (const [i, c] of cells.entries()) if (c.responses) perCell[i] = pushIntegers(c.responses, values);
  const owner = new Int32Array(values.length);
  let largest = 0;
  for (let i = 0, k = 0; i < cells.length; i++) {
    for (let j = 0; j < (perCell[i] ?? 0); j++) owner[k++] = i;
  }
  for (const v of values) if (Math.abs(v) > largest) largest = Math.abs(v);
  const m = Math.max(1, cells.length);
  const seconds = new Float64Array(values.length);
  const cell = new Int32Array(values.length);
  if ((largest + 1) * m < 2 ** 53) {
    const packed = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) packed[i] = (values[i] ?? 0) * m + (owner[i] ?? 0);
    packed.sort();
    for (let i = 0; i < packed.length; i++) {
      const s = Math.floor((packed[i] ?? 0) / m);
      seconds[i] = s;
      cell[i] = (packed[i] ?? 0) - s * m;
    }
  } else {
    const order = Uint32Array.from(values.keys()).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
    for (let i = 0; i < order.length; i++) {
      seconds[i] = values[order[i] ?? 0] ?? 0;
      cell[i] = owner[order[i] ?? 0] ?? 0;
    }
  }
  return { seconds, cell, perCell };
};

const zero = (): SlaCounts => ({
  handoffs: 0,
  answered: 0,
  withinSla: 0,
  judged: 0,
  accepted: 0,
  rejected: 0,
  converted: 0,
});

/** One grouping's figures from the cells and their sorted responses, largest groups first. */
const groupFigures = <T extends SlaCellRow>(
  cells: readonly T[],
  keyOf: (c: T) => string | null,
  responses: TaggedResponses,
): SlaGroup[] => {
  const index = new Map<string | null, number>();
  const groups: { key: string | null; counts: SlaCounts; responses: number }[] = [];
  const groupOfCell = new Int32Array(cells.length);
  for (const [i, c] of cells.entries()) {
    const key = keyOf(c);
    let g = index.get(key);
    if (g === undefined) {
      g = groups.length;
      index.set(key, g);
      groups.push({ key, counts: zero(), responses: 0 });
    }
    groupOfCell[i] = g;
    const group = groups[g] as (typeof groups)[number];
    for (const k of Object.keys(group.counts) as (keyof SlaCounts)[]) group.counts[k] += c[k];
    group.responses += responses.perCell[i] ?? 0;
  }
  // every group's responses arrive in ascending order; its nearest ranks pick the median and p90
  const median = groups.map((g) => nearestRank(g.responses, 0.5));
  const p90 = groups.map((g) => nearestRank(g.responses, 0.9));
  const medianSeconds: (number | null)[] = groups.map(() => null);
  const p90Seconds: (number | null)[] = groups.map(() => null);
  const seen = new Int32Array(groups.length);
  const { seconds, cell } = responses;
  for (let i = 0; i < seconds.length; i++) {
    const g = groupOfCell[cell[i] ?? 0] ?? 0;
    const rank = (seen[g] ?? 0) + 1;
    seen[g] = rank;
    if (rank === median[g]) medianSeconds[g] = seconds[i] ?? 0;
    if (rank === p90[g]) p90Seconds[g] = seconds[i] ?? 0;
  }
  return groups
    .map((g, i) => ({
      key: g.key,
      figures: slaFiguresOfCounts(g.counts, medianSeconds[i] ?? null, p90Seconds[i] ?? null),
    }))
    .sort((a, b) => b.figures.handoffs - a.figures.handoffs);
};

/**
 * Figures per group for several groupings of the same cells, each largest group first (equal groups in
 * the order the cells name them first). The response times are sorted once for all groupings instead of
 * once per group: the same nearest ranks as slaFiguresByCells, at a fraction of the cost.
 */
export const slaFiguresByKeys = <T extends SlaCellRow>(
  cells: readonly T[],
  keys: readonly ((c: T) => string | null)[],
): SlaGroup[][] => {
  const responses = sortResponses(cells);
  return keys.map((key) => groupFigures(cells, key, responses));
};

/** The figures of all cells together (zero counts and null rates for none). */
export const slaTotalsOf = (groups: SlaGroup[]): SlaFigures =>
  groups[0]?.figures ?? slaFiguresOfCounts(zero(), null, null);
