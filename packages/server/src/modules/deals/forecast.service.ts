import {
  type Forecast,
  type ForecastDeal,
  type ForecastQuery,
  forecastBy,
  forecastQuarter,
  quarterRange,
  type UserRef,
} from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { getPipeline } from '../pipelines/pipelines.service.js';
import { listTeams } from '../teams/teams.service.js';
import { listForecastRows } from './deals.repository.js';

const byName = <T extends { name: string } | null>(a: { k: T }, b: { k: T }) =>
  a.k === null ? 1 : b.k === null ? -1 : a.k.name.localeCompare(b.k.name, 'de');

/**
 * The quarter forecast from the deals closing in it: won, committed, best case and weighted per currency,
 * in total, per owner and per team. A deal counts for every team its owner belongs to.
 */
export const getForecast = async (ctx: AppContext, query: ForecastQuery): Promise<Forecast> => {
  if (query.pipelineId) await getPipeline(ctx, query.pipelineId);
  const range = quarterRange(query.quarter);
  const rows = await listForecastRows(ctx.db, { ...range, pipelineId: query.pipelineId });
  const owners = new Map<string, UserRef>();
  const deals: ForecastDeal[] = rows.map((r) => {
    if (r.owner_id)
      owners.set(r.owner_id, { id: r.owner_id, name: r.owner_name ?? '', department: r.owner_department ?? '' });
    return {
      amount: Number(r.amount),
      currency: r.currency,
      probability: r.probability,
      status: r.status as ForecastDeal['status'],
      closeDate: r.close_date,
      ownerId: r.owner_id,
    };
  });
  const teams = await listTeams(ctx);
  const teamsOf = new Map<string, { id: string; name: string }[]>();
  for (const team of teams) {
    for (const m of team.members) teamsOf.set(m.id, [...(teamsOf.get(m.id) ?? []), { id: team.id, name: team.name }]);
  }
  const perTeam = deals.flatMap((d): ForecastDeal[] => {
    const of = d.ownerId ? teamsOf.get(d.ownerId) : undefined;
    return of && of.length > 0 ? of.map((t) => ({ ...d, teamId: t.id })) : [{ ...d, teamId: null }];
  });
  const teamById = new Map(teams.map((t) => [t.id, { id: t.id, name: t.name }]));
  return {
    quarter: query.quarter,
    ...range,
    pipelineId: query.pipelineId ?? null,
    totals: forecastQuarter(deals, query.quarter),
    byOwner: forecastBy(deals, query.quarter, (d) => d.ownerId)
      .map((g) => ({ k: g.key ? (owners.get(g.key) ?? null) : null, figures: g.figures }))
      .sort(byName)
      .map((g) => ({ owner: g.k, figures: g.figures })),
    byTeam: forecastBy(perTeam, query.quarter, (d) => d.teamId ?? null)
      .map((g) => ({ k: g.key ? (teamById.get(g.key) ?? null) : null, figures: g.figures }))
      .sort(byName)
      .map((g) => ({ team: g.k, figures: g.figures })),
  };
};
