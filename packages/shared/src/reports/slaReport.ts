/**
 * The SLA report's arithmetic, kept pure: both departments read the same figures from it.
 */

export interface HandoffFact {
  assigneeId: string | null;
  teamId: string | null;
  source: string | null;
  qualifiedAt: string;
  slaDueAt: string;
  respondedAt: string | null;
  /** Business seconds from qualification to the first answer. */
  responseSeconds: number | null;
  accepted: boolean;
  rejected: boolean;
  converted: boolean;
  rejectReason: string | null;
}

export interface SlaFigures {
  handoffs: number;
  answered: number;
  /** Answered by the due time. */
  withinSla: number;
  /** Due time passed, or answered: the ones the SLA can be judged on. */
  judged: number;
  /** withinSla ÷ judged, 0..1; null when nothing can be judged yet. */
  withinSlaRate: number | null;
  medianResponseHours: number | null;
  p90ResponseHours: number | null;
  accepted: number;
  rejected: number;
  /** accepted ÷ (accepted + rejected). */
  acceptanceRate: number | null;
  converted: number;
}

/** Counts of a group of handoffs plus their response times: what the database aggregates per group. */
export interface SlaCell {
  handoffs: number;
  answered: number;
  withinSla: number;
  judged: number;
  accepted: number;
  rejected: number;
  converted: number;
  /** Business seconds to the first answer, one per answered handoff (any order). */
  responses: number[];
}

/** The 1-based rank of the p-th percentile (0..1) of `length` values by the nearest-rank method (0 for none). */
export const nearestRank = (length: number, p: number): number =>
  length === 0 ? 0 : Math.max(1, Math.ceil(p * length));

/** The p-th percentile (0..1) by the nearest-rank method; null for an empty list. */
export const percentile = (sortedAscending: number[], p: number): number | null => {
  if (sortedAscending.length === 0) return null;
  return sortedAscending[nearestRank(sortedAscending.length, p) - 1] ?? null;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

const hours = (seconds: number | null) => (seconds === null ? null : round2(seconds / 3600));

/** A cell's counts, without its response times. */
export type SlaCounts = Omit<SlaCell, 'responses'>;

/** Figures from a group's summed counts and the median and p90 of its response times (seconds; null for none). */
export const slaFiguresOfCounts = (
  c: SlaCounts,
  medianSeconds: number | null,
  p90Seconds: number | null,
): SlaFigures => ({
  handoffs: c.handoffs,
  answered: c.answered,
  withinSla: c.withinSla,
  judged: c.judged,
  withinSlaRate: c.judged === 0 ? null : c.withinSla / c.judged,
  medianResponseHours: hours(medianSeconds),
  p90ResponseHours: hours(p90Seconds),
  accepted: c.accepted,
  rejected: c.rejected,
  acceptanceRate: c.accepted + c.rejected === 0 ? null : c.accepted / (c.accepted + c.rejected),
  converted: c.converted,
});

/** Figures from aggregated cells: counts add up, response times are merged for the percentiles. */
export const slaFiguresOfCells = (cells: SlaCell[]): SlaFigures => {
  const sum = (k: keyof SlaCounts) => cells.reduce((n, c) => n + c[k], 0);
  const responses = cells.flatMap((c) => c.responses).sort((a, b) => a - b);
  return slaFiguresOfCounts(
    {
      handoffs: sum('handoffs'),
      answered: sum('answered'),
      withinSla: sum('withinSla'),
      judged: sum('judged'),
      accepted: sum('accepted'),
      rejected: sum('rejected'),
      converted: sum('converted'),
    },
    percentile(responses, 0.5),
    percentile(responses, 0.9),
  );
};

/** One handoff as a cell, judged at `now`. */
export const cellOf = (f: HandoffFact, now: string): SlaCell => {
  const answered = f.respondedAt !== null;
  return {
    handoffs: 1,
    answered: answered ? 1 : 0,
    withinSla: answered && (f.respondedAt ?? '') <= f.slaDueAt ? 1 : 0,
    judged: answered || f.slaDueAt < now ? 1 : 0,
    accepted: f.accepted ? 1 : 0,
    rejected: f.rejected ? 1 : 0,
    converted: f.converted ? 1 : 0,
    responses: answered && f.responseSeconds !== null ? [f.responseSeconds] : [],
  };
};

/** Figures for one group of handoffs, judged at `now`. */
export const slaFigures = (facts: HandoffFact[], now: string): SlaFigures =>
  slaFiguresOfCells(facts.map((f) => cellOf(f, now)));

/** Figures per key over cells, largest groups first. */
export const slaFiguresByCells = <T extends SlaCell>(
  cells: T[],
  key: (c: T) => string | null,
): { key: string | null; figures: SlaFigures }[] => {
  const groups = new Map<string | null, T[]>();
  for (const c of cells) {
    const k = key(c);
    const list = groups.get(k);
    if (list) list.push(c);
    else groups.set(k, [c]);
  }
  return [...groups.entries()]
    .map(([k, list]) => ({ key: k, figures: slaFiguresOfCells(list) }))
    .sort((a, b) => b.figures.handoffs - a.figures.handoffs);
};

/** Figures per group key, largest groups first. */
export const slaFiguresBy = <T extends HandoffFact>(
  facts: T[],
  key: (f: T) => string | null,
  now: string,
): { key: string | null; figures: SlaFigures }[] => {
  const groups = new Map<string | null, T[]>();
  for (const f of facts) {
    const k = key(f);
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  return [...groups.entries()]
    .map(([k, list]) => ({ key: k, figures: slaFigures(list, now) }))
    .sort((a, b) => b.figures.handoffs - a.figures.handoffs);
};

/** Monday (UTC date) of the ISO week an instant falls in: the chart's buckets. */
export const weekOf = (iso: string): string => {
  const d = new Date(iso);
  const day = (d.getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
  return monday.toISOString().slice(0, 10);
};
