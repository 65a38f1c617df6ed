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

/** The p-th percentile (0..1) by the nearest-rank method; null for an empty list. */
export const percentile = (sortedAscending: number[], p: number): number | null => {
  if (sortedAscending.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sortedAscending.length));
  return sortedAscending[rank - 1] ?? null;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Figures for one group of handoffs, judged at `now`. */
export const slaFigures = (facts: HandoffFact[], now: string): SlaFigures => {
  let answered = 0;
  let withinSla = 0;
  let judged = 0;
  let accepted = 0;
  let rejected = 0;
  let converted = 0;
  const responses: number[] = [];
  for (const f of facts) {
    if (f.respondedAt) {
      answered++;
      judged++;
      if (f.respondedAt <= f.slaDueAt) withinSla++;
      if (f.responseSeconds !== null) responses.push(f.responseSeconds);
    } else if (f.slaDueAt < now) {
      judged++;
    }
    if (f.accepted) accepted++;
    if (f.rejected) rejected++;
    if (f.converted) converted++;
  }
  responses.sort((a, b) => a - b);
  const hours = (s: number | null) => (s === null ? null : round2(s / 3600));
  return {
    handoffs: facts.length,
    answered,
    withinSla,
    judged,
    withinSlaRate: judged === 0 ? null : withinSla / judged,
    medianResponseHours: hours(percentile(responses, 0.5)),
    p90ResponseHours: hours(percentile(responses, 0.9)),
    accepted,
    rejected,
    acceptanceRate: accepted + rejected === 0 ? null : accepted / (accepted + rejected),
    converted,
  };
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
