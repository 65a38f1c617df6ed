import type { CsvCell, SlaFigures, SlaReportQuery } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { nowIso } from '../../lib/ids.js';
import { readSetting } from '../settings/settings.service.js';
import { periodOf } from './period.js';
import { aggregateHandoffCells, aggregateHandoffWeeks, findNames } from './reports.repository.js';
import { slaFiguresByKeys, slaTotalsOf } from './sla.figures.js';

export interface SlaReport {
  from: string;
  to: string;
  timeZone: string;
  responseHours: number;
  totals: SlaFigures;
  funnel: { mql: number; sal: number; sql: number };
  rejectionReasons: { reason: string; count: number }[];
  weeks: { week: string; handoffs: number; withinSla: number; rejected: number }[];
  byAssignee: { key: string | null; name: string | null; department: string | null; figures: SlaFigures }[];
  byTeam: { key: string | null; name: string | null; figures: SlaFigures }[];
  bySource: { key: string | null; figures: SlaFigures }[];
  byForm: { key: string | null; name: string | null; figures: SlaFigures }[];
  byCampaign: { key: string | null; figures: SlaFigures }[];
}

const MAX_DAYS = 400;

type CellRow = Awaited<ReturnType<typeof aggregateHandoffCells>>[number];

const cellOf = (r: CellRow) => ({
  assigneeId: r.assignee_id,
  teamId: r.team_id,
  source: r.source,
  formId: r.form_id,
  campaign: r.utm_campaign,
  rejectReason: r.reject_reason,
  handoffs: Number(r.handoffs),
  answered: Number(r.answered),
  withinSla: Number(r.within_sla),
  judged: Number(r.judged),
  accepted: Number(r.accepted),
  rejected: Number(r.rejected),
  converted: Number(r.converted),
  responses: r.responses,
});

/** The SLA report for a period of local dates (inclusive) in the workspace's time zone. Same figures for both departments. */
export const slaReport = async (ctx: AppContext, query: SlaReportQuery): Promise<SlaReport> => {
  const sla = (await readSetting(ctx.db, 'sla')).value;
  const { from, to } = periodOf(query.from, query.to, sla.timeZone, MAX_DAYS);
  const now = nowIso();
  const [rows, weeks, names] = await Promise.all([
    aggregateHandoffCells(ctx.db, ctx.engine, from, to, now),
    aggregateHandoffWeeks(ctx.db, from, to),
    findNames(ctx.db),
  ]);
  const cells = rows.map(cellOf);
  const users = new Map(names.users.map((u) => [u.id, u]));
  const teams = new Map(names.teams.map((t) => [t.id, t.name]));
  const forms = new Map(names.forms.map((f) => [f.id, f.name]));

  const reasons = new Map<string, number>();
  for (const c of cells) {
    if (c.rejectReason !== null) reasons.set(c.rejectReason, (reasons.get(c.rejectReason) ?? 0) + c.handoffs);
  }
  const [all, byAssignee, byTeam, bySource, byForm, byCampaign] = slaFiguresByKeys(cells, [
    () => null,
    (c) => c.assigneeId,
    (c) => c.teamId,
    (c) => c.source,
    (c) => c.formId,
    (c) => c.campaign,
  ]);
  const totals = slaTotalsOf(all ?? []);
  return {
    from: query.from,
    to: query.to,
    timeZone: sla.timeZone,
    responseHours: sla.responseHours,
    totals,
    funnel: { mql: totals.handoffs, sal: totals.accepted, sql: totals.converted },
    rejectionReasons: [...reasons.entries()]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
    weeks,
    byAssignee: (byAssignee ?? []).map((g) => ({
      ...g,
      name: g.key ? (users.get(g.key)?.name ?? null) : null,
      department: g.key ? (users.get(g.key)?.department ?? null) : null,
    })),
    byTeam: (byTeam ?? []).map((g) => ({ ...g, name: g.key ? (teams.get(g.key) ?? null) : null })),
    bySource: bySource ?? [],
    byForm: (byForm ?? []).map((g) => ({ ...g, name: g.key ? (forms.get(g.key) ?? null) : null })),
    byCampaign: byCampaign ?? [],
  };
};

/**
 * The SLA report's totals for the handoffs qualified in [from, to) given as instants (a meeting's
 * window), with the committed minimum acceptance rate (percent): the same cells and figures as the report.
 */
export const slaTotalsBetween = async (
  ctx: AppContext,
  from: string,
  to: string,
): Promise<{ totals: SlaFigures; minAcceptanceRate: number }> => {
  const sla = (await readSetting(ctx.db, 'sla')).value;
  const rows = await aggregateHandoffCells(ctx.db, ctx.engine, from, to, nowIso());
  const [all] = slaFiguresByKeys(rows.map(cellOf), [() => null]);
  return { totals: slaTotalsOf(all ?? []), minAcceptanceRate: sla.minAcceptanceRate };
};

/** The report as a table for the export writer: one row per group, totals first. */
export const slaReportTable = (report: SlaReport): { header: string[]; rows: CsvCell[][] } => {
  const header = [
    'group',
    'key',
    'name',
    'handoffs',
    'answered',
    'within_sla',
    'judged',
    'within_sla_rate',
    'median_response_hours',
    'p90_response_hours',
    'accepted',
    'rejected',
    'acceptance_rate',
    'converted',
  ];
  const row = (group: string, key: string | null, name: string | null, f: SlaFigures): CsvCell[] => [
    group,
    key,
    name,
    f.handoffs,
    f.answered,
    f.withinSla,
    f.judged,
    f.withinSlaRate === null ? null : Math.round(f.withinSlaRate * 10000) / 10000,
    f.medianResponseHours,
    f.p90ResponseHours,
    f.accepted,
    f.rejected,
    f.acceptanceRate === null ? null : Math.round(f.acceptanceRate * 10000) / 10000,
    f.converted,
  ];
  return {
    header,
    rows: [
      row('total', null, `${report.from}..${report.to}`, report.totals),
      ...report.byAssignee.map((g) => row('assignee', g.key, g.name, g.figures)),
      ...report.byTeam.map((g) => row('team', g.key, g.name, g.figures)),
      ...report.bySource.map((g) => row('source', g.key, g.key, g.figures)),
      ...report.byForm.map((g) => row('form', g.key, g.name, g.figures)),
      ...report.byCampaign.map((g) => row('campaign', g.key, g.key, g.figures)),
    ],
  };
};
