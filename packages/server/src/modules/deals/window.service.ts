import type { Deal } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { fieldChangesBetween } from '../timeline/timeline.service.js';
import { presentDeals } from './deals.present.js';
import { listClosedDealRows, listDealRowsByIds, listGoneStaleRows } from './deals.repository.js';

export interface CloseDateMove {
  deal: Deal;
  from: string | null;
  to: string | null;
  at: string;
}

/**
 * What happened to deals in [from, to) (a meeting's window): those that went stale by the existing rule
 * (their stage's stale_after_days ran out in the window and they still sit there), those won and lost,
 * and those whose close date was moved later (from the audit entries of deal edits).
 */
export const dealEventsBetween = async (
  ctx: AppContext,
  from: string,
  to: string,
): Promise<{ goneStale: Deal[]; won: Deal[]; lost: Deal[]; closeDateMoves: CloseDateMove[] }> => {
  const [stale, closed, moves] = await Promise.all([
    listGoneStaleRows(ctx.db, from, to),
    listClosedDealRows(ctx.db, from, to),
    fieldChangesBetween(ctx.db, 'deal', 'closeDate', from, to),
  ]);
  // moved out: later than before (a date set where there was none is not a slip)
  const out = moves.filter((m) => typeof m.from === 'string' && typeof m.to === 'string' && m.to > m.from);
  const latest = new Map<string, (typeof out)[number]>();
  for (const m of out) {
    const first = latest.get(m.entityId);
    // one item per deal: from its first date in the window to its last
    latest.set(m.entityId, first ? { ...m, from: first.from } : m);
  }
  const movedRows = await listDealRowsByIds(ctx.db, [...latest.keys()]);
  const [staleDeals, closedDeals, movedDeals] = await Promise.all([
    presentDeals(ctx.db, stale),
    presentDeals(ctx.db, closed),
    presentDeals(ctx.db, movedRows),
  ]);
  const byId = new Map(movedDeals.map((d) => [d.id, d]));
  return {
    goneStale: staleDeals.filter((d) => d.stale),
    won: closedDeals.filter((d) => d.status === 'won'),
    lost: closedDeals.filter((d) => d.status === 'lost'),
    closeDateMoves: [...latest.values()].flatMap((m) => {
      const deal = byId.get(m.entityId);
      return deal && deal.status === 'open' ? [{ deal, from: m.from as string, to: m.to as string, at: m.at }] : [];
    }),
  };
};
