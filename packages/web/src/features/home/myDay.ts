import type { Deal, Handoff } from '@nenner/shared';

/** How many items each block of "Mein Tag" shows; the link beside its title leads to all of them. */
export const SHOWN = 5;

/**
 * Leads in the order a rep works them: those past their SLA and still unanswered first, then by due time
 * (the earliest first); equal due times keep the server's order.
 */
export const dueFirst = <H extends Pick<Handoff, 'breached' | 'respondedAt' | 'slaDueAt'>>(rows: readonly H[]): H[] => {
  const late = (h: H) => (h.breached && !h.respondedAt ? 0 : 1);
  return [...rows].sort(
    (a, b) => late(a) - late(b) || (a.slaDueAt < b.slaDueAt ? -1 : a.slaDueAt > b.slaDueAt ? 1 : 0),
  );
};

/** The stale deals only, the one longest in its stage first. */
export const staleFirst = <D extends Pick<Deal, 'stale' | 'stageChangedAt'>>(rows: readonly D[]): D[] =>
  rows
    .filter((d) => d.stale)
    .sort((a, b) => (a.stageChangedAt < b.stageChangedAt ? -1 : a.stageChangedAt > b.stageChangedAt ? 1 : 0));
