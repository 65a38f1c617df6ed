import { type CampaignResults, memberStatuses } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { now } from '../../lib/clock.js';
import { campaignCredits, MAX_DAYS } from '../attribution/attribution.service.js';
import { readSetting } from '../settings/settings.service.js';
import {
  countMembersByStatus,
  countTouchpoints,
  findCampaignTotals,
  findHandoffFacts,
  findLeadCandidates,
} from './campaigns.repository.js';
import { loadCampaign } from './campaigns.service.js';

/** A form post made the contact a lead when the lead stamp lies this close to it. */
const POST_MAKES_LEAD_MS = 60_000;
const DAY_MS = 86_400_000;

const localDate = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

/** Integer minor units per unit, null when nothing was counted. */
const costPer = (cost: number, count: number) => (count === 0 ? null : Math.round(cost / count));

/**
 * The campaign page's figures: members by status, touches, the leads it brought (contacts it sourced, or
 * whose lead-making form post was its), their MQLs, SQLs and handoffs with sales' verdict, costs per
 * stage, and pipeline and revenue credited to it under the workspace's attribution model.
 */
export const campaignResults = async (ctx: AppContext, _actor: Actor, id: string): Promise<CampaignResults> => {
  const campaign = await loadCampaign(ctx.db, id);
  const [byStatus, touchpoints, candidates, totals, sla] = await Promise.all([
    countMembersByStatus(ctx.db, id),
    countTouchpoints(ctx.db, id),
    findLeadCandidates(ctx.db, id),
    findCampaignTotals(ctx.db, [id]),
    readSetting(ctx.db, 'sla'),
  ]);

  const members: Record<string, number> = Object.fromEntries(memberStatuses.map((s) => [s, 0]));
  for (const r of byStatus) members[r.status] = Number(r.n);

  const leads = new Map<string, { mql: boolean; sql: boolean }>();
  for (const c of candidates.sourced) leads.set(c.id, { mql: c.mql_at !== null, sql: c.sql_at !== null });
  for (const p of candidates.posts) {
    if (!p.lead_at || leads.has(p.id)) continue;
    if (Math.abs(Date.parse(p.lead_at) - Date.parse(p.occurred_at)) <= POST_MAKES_LEAD_MS) {
      leads.set(p.id, { mql: p.mql_at !== null, sql: p.sql_at !== null });
    }
  }
  const mqls = [...leads.values()].filter((l) => l.mql).length;
  const sqls = [...leads.values()].filter((l) => l.sql).length;

  const handoffRows = await findHandoffFacts(ctx.db, [...leads.keys()]);
  const withStatus = (s: string) => handoffRows.filter((h) => h.status === s).length;
  const reasons = new Map<string, number>();
  for (const h of handoffRows) {
    if (h.rejected_at && h.reject_reason) reasons.set(h.reject_reason, (reasons.get(h.reject_reason) ?? 0) + 1);
  }

  // attributed since the campaign started (or was created) until today, in the workspace's time zone
  const timeZone = sla.value.timeZone;
  const at = now();
  const to = localDate(at, timeZone);
  const earliest = localDate(at - (MAX_DAYS - 1) * DAY_MS, timeZone);
  let from = campaign.start_date ?? localDate(Date.parse(campaign.created_at), timeZone);
  if (from > to) from = to;
  if (from < earliest) from = earliest;
  const credits = await campaignCredits(ctx, { from, to, currency: campaign.currency });
  const attributedPipeline = credits.pipeline.get(id) ?? 0;
  const attributedRevenue = credits.revenue.get(id) ?? 0;
  const otherCurrencies = credits.others
    .map((c) => ({ currency: c.currency, pipeline: c.pipeline.get(id) ?? 0, revenue: c.revenue.get(id) ?? 0 }))
    .filter((c) => c.pipeline !== 0 || c.revenue !== 0);

  const actualCost = totals.costs.get(id) ?? 0;
  return {
    members,
    touchpoints,
    leads: leads.size,
    mqls,
    sqls,
    handoffs: {
      total: handoffRows.length,
      open: withStatus('open'),
      accepted: withStatus('accepted'),
      rejected: withStatus('rejected'),
      converted: withStatus('converted'),
      rejectReasons: [...reasons]
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    },
    attributedPipeline,
    attributedRevenue,
    otherCurrencies,
    actualCost,
    costPerLead: costPer(actualCost, leads.size),
    costPerMql: costPer(actualCost, mqls),
    costPerSql: costPer(actualCost, sqls),
    roi: actualCost === 0 ? null : Math.round(((attributedRevenue - actualCost) / actualCost) * 10_000) / 10_000,
    model: credits.model,
  };
};
