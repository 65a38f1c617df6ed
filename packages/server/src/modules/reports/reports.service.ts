import {
  type CsvCell,
  type SlaFigures,
  type SlaReportQuery,
  slaFiguresByCells,
  slaFiguresOfCells,
  weekOf,
} from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { nowIso } from '../../lib/ids.js';
import { readSetting } from '../settings/settings.service.js';
import { periodOf } from './period.js';
import { aggregateHandoffCells, aggregateHandoffDays, countRejectReasons, findNames } from './reports.repository.js';

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

/** The SLA report for a period of local dates (inclusive) in the workspace's time zone. Same figures for both departments. */
export const slaReport = async (ctx: AppContext, query: SlaReportQuery): Promise<SlaReport> => {
  const sla = (await readSetting(ctx.db, 'sla')).value;
  const { from, to } = periodOf(query.from, query.to, sla.timeZone, MAX_DAYS);
  const now = nowIso();
  const [rows, days, reasons, names] = await Promise.all([
    aggregateHandoffCells(ctx.db, ctx.engine, from, to, now),
    aggregateHandoffDays(ctx.db, ctx.engine, from, to),
    countRejectReasons(ctx.db, from, to),
    findNames(ctx.db),
  ]);
  const cells = rows.map((r) => ({
    assigneeId: r.assignee_id,
    teamId: r.team_id,
    source: r.source,
    formId: r.form_id,
    campaign: r.utm_campaign,
    handoffs: Number(r.handoffs),
    answered: Number(r.answered),
    withinSla: Number(r.within_sla),
    judged: Number(r.judged),
    accepted: Number(r.accepted),
    rejected: Number(r.rejected),
    converted: Number(r.converted),
    responses: r.responses ? r.responses.split(',').map(Number) : [],
  }));
  const users = new Map(names.users.map((u) => [u.id, u]));
  const teams = new Map(names.teams.map((t) => [t.id, t.name]));
  const forms = new Map(names.forms.map((f) => [f.id, f.name]));

  const weeks = new Map<string, { handoffs: number; withinSla: number; rejected: number }>();
  for (const d of days) {
    const w = weekOf(`${d.day}T00:00:00Z`);
    const bucket = weeks.get(w) ?? { handoffs: 0, withinSla: 0, rejected: 0 };
    bucket.handoffs += Number(d.handoffs);
    bucket.withinSla += Number(d.within_sla);
    bucket.rejected += Number(d.rejected);
    weeks.set(w, bucket);
  }
  const totals = slaFiguresOfCells(cells);
  return {
    from: query.from,
    to: query.to,
    timeZone: sla.timeZone,
    responseHours: sla.responseHours,
    totals,
    funnel: { mql: totals.handoffs, sal: totals.accepted, sql: totals.converted },
    rejectionReasons: reasons
      .map((r) => ({ reason: r.reject_reason ?? '', count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
    weeks: [...weeks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, v]) => ({ week, ...v })),
    byAssignee: slaFiguresByCells(cells, (c) => c.assigneeId).map((g) => ({
      ...g,
      name: g.key ? (users.get(g.key)?.name ?? null) : null,
      department: g.key ? (users.get(g.key)?.department ?? null) : null,
    })),
    byTeam: slaFiguresByCells(cells, (c) => c.teamId).map((g) => ({
      ...g,
      name: g.key ? (teams.get(g.key) ?? null) : null,
    })),
    bySource: slaFiguresByCells(cells, (c) => c.source),
    byForm: slaFiguresByCells(cells, (c) => c.formId).map((g) => ({
      ...g,
      name: g.key ? (forms.get(g.key) ?? null) : null,
    })),
    byCampaign: slaFiguresByCells(cells, (c) => c.campaign),
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
  const totals = slaFiguresOfCells(
    rows.map((r) => ({
      handoffs: Number(r.handoffs),
      answered: Number(r.answered),
      withinSla: Number(r.within_sla),
      judged: Number(r.judged),
      accepted: Number(r.accepted),
      rejected: Number(r.rejected),
      converted: Number(r.converted),
      responses: r.responses ? r.responses.split(',').map(Number) : [],
    })),
  );
  return { totals, minAcceptanceRate: sla.minAcceptanceRate };
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
