import { type WinLossReport, type WinLossRow, zonedTimeToEpoch } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { fieldError } from '../../http/errors.js';
import { readSetting } from '../settings/settings.service.js';
import { findClosedDealFacts, findCompetitorNames } from './competitors.repository.js';

const MAX_DAYS = 800;
const TOP_REASONS = 5;

/** One closed deal as the report sees it. */
export interface ClosedDealFact {
  id: string;
  status: 'won' | 'lost';
  amount: number;
  currency: string;
  closeReason: string | null;
  lostToCompetitorId: string | null;
  /** Competitors recorded on the deal (deal_competitors). */
  competitorIds: string[];
}

/**
 * Per competitor: the closed deals it met (involved, or lost to it), won and lost among them, the win
 * rate won / (won + lost), the lost amounts per currency and the most frequent loss reasons. Pure.
 */
export const winLossRows = (deals: ClosedDealFact[], names: Map<string, string>): WinLossRow[] => {
  const met = new Map<string, ClosedDealFact[]>();
  for (const d of deals) {
    const ids = new Set([...d.competitorIds, ...(d.lostToCompetitorId ? [d.lostToCompetitorId] : [])]);
    for (const id of ids) met.set(id, [...(met.get(id) ?? []), d]);
  }
  const rows = [...met.entries()].map(([id, list]): WinLossRow => {
    const won = list.filter((d) => d.status === 'won').length;
    const lostDeals = list.filter((d) => d.status === 'lost');
    const amounts = new Map<string, number>();
    const reasons = new Map<string, number>();
    for (const d of lostDeals) {
      amounts.set(d.currency, (amounts.get(d.currency) ?? 0) + d.amount);
      if (d.closeReason) reasons.set(d.closeReason, (reasons.get(d.closeReason) ?? 0) + 1);
    }
    const decided = won + lostDeals.length;
    return {
      competitor: { id, name: names.get(id) ?? '' },
      met: list.length,
      won,
      lost: lostDeals.length,
      lostTo: lostDeals.filter((d) => d.lostToCompetitorId === id).length,
      winRate: decided === 0 ? null : Math.round((won / decided) * 10_000) / 10_000,
      lostAmount: [...amounts.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, amount]) => ({ currency, amount })),
      topLossReasons: [...reasons.entries()]
        .sort(([ra, a], [rb, b]) => b - a || ra.localeCompare(rb))
        .slice(0, TOP_REASONS)
        .map(([reason, count]) => ({ reason, count })),
    };
  });
  return rows.sort((a, b) => b.met - a.met || a.competitor.name.localeCompare(b.competitor.name));
};

const parseDate = (s: string) => {
  const [year, month, day] = s.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 0, day: day ?? 0 };
};

/** The win/loss report over deals closed between two local dates (inclusive) in the workspace's time zone. */
export const winLossReport = async (ctx: AppContext, query: { from: string; to: string }): Promise<WinLossReport> => {
  if (query.to < query.from) throw fieldError('query.to', 'The period ends before it starts');
  const { timeZone } = (await readSetting(ctx.db, 'sla')).value;
  const start = zonedTimeToEpoch(parseDate(query.from), 0, 0, timeZone);
  const to = parseDate(query.to);
  const next = new Date(Date.UTC(to.year, to.month - 1, to.day + 1));
  const end = zonedTimeToEpoch(
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() },
    0,
    0,
    timeZone,
  );
  if (end - start > MAX_DAYS * 86_400_000) throw fieldError('query.to', `At most ${MAX_DAYS} days per report`);

  const facts = await findClosedDealFacts(ctx.db, new Date(start).toISOString(), new Date(end).toISOString());
  const deals = new Map<string, ClosedDealFact>();
  for (const f of facts) {
    const deal = deals.get(f.id) ?? {
      id: f.id,
      status: f.status as ClosedDealFact['status'],
      amount: Number(f.amount),
      currency: f.currency,
      closeReason: f.close_reason,
      lostToCompetitorId: f.lost_to_competitor_id,
      competitorIds: [],
    };
    if (f.competitor_id) deal.competitorIds.push(f.competitor_id);
    deals.set(f.id, deal);
  }
  const ids = [
    ...new Set(
      [...deals.values()].flatMap((d) => [...d.competitorIds, ...(d.lostToCompetitorId ? [d.lostToCompetitorId] : [])]),
    ),
  ];
  const names = new Map((await findCompetitorNames(ctx.db, ids)).map((c) => [c.id, c.name]));
  return { from: query.from, to: query.to, timeZone, competitors: winLossRows([...deals.values()], names) };
};
