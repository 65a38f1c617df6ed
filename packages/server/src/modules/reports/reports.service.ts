import {
  type HandoffFact,
  type SlaFigures,
  type SlaReportQuery,
  slaFigures,
  slaFiguresBy,
  weekOf,
  zonedTimeToEpoch,
} from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { fieldError } from '../../http/errors.js';
import { nowIso } from '../../lib/ids.js';
import { readSetting } from '../settings/settings.service.js';
import { findHandoffFacts, findNames } from './reports.repository.js';

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
  if (query.to < query.from) throw fieldError('query.to', 'The period ends before it starts');
  const sla = (await readSetting(ctx.db, 'sla')).value;
  const [fy, fm, fd] = query.from.split('-').map(Number);
  const [ty, tm, td] = query.to.split('-').map(Number);
  const start = zonedTimeToEpoch({ year: fy ?? 0, month: fm ?? 0, day: fd ?? 0 }, 0, 0, sla.timeZone);
  const endDay = new Date(Date.UTC(ty ?? 0, (tm ?? 1) - 1, (td ?? 0) + 1));
  const end = zonedTimeToEpoch(
    { year: endDay.getUTCFullYear(), month: endDay.getUTCMonth() + 1, day: endDay.getUTCDate() },
    0,
    0,
    sla.timeZone,
  );
  if (end - start > MAX_DAYS * 86_400_000) throw fieldError('query.to', `At most ${MAX_DAYS} days per report`);

  const [rows, names] = await Promise.all([
    findHandoffFacts(ctx.db, new Date(start).toISOString(), new Date(end).toISOString()),
    findNames(ctx.db),
  ]);
  const facts: (HandoffFact & { formId: string | null; campaign: string | null })[] = rows.map((r) => ({
    assigneeId: r.assignee_id,
    teamId: r.team_id,
    source: r.source,
    formId: r.form_id,
    campaign: r.utm_campaign,
    qualifiedAt: r.qualified_at,
    slaDueAt: r.sla_due_at,
    respondedAt: r.responded_at,
    responseSeconds: r.response_seconds,
    accepted: r.accepted_at !== null,
    rejected: r.rejected_at !== null,
    converted: r.converted_at !== null,
    rejectReason: r.reject_reason,
  }));
  const now = nowIso();
  const users = new Map(names.users.map((u) => [u.id, u]));
  const teams = new Map(names.teams.map((t) => [t.id, t.name]));
  const forms = new Map(names.forms.map((f) => [f.id, f.name]));

  const reasons = new Map<string, number>();
  const weeks = new Map<string, { handoffs: number; withinSla: number; rejected: number }>();
  for (const f of facts) {
    if (f.rejectReason) reasons.set(f.rejectReason, (reasons.get(f.rejectReason) ?? 0) + 1);
    const w = weekOf(f.qualifiedAt);
    const bucket = weeks.get(w) ?? { handoffs: 0, withinSla: 0, rejected: 0 };
    bucket.handoffs++;
    if (f.respondedAt && f.respondedAt <= f.slaDueAt) bucket.withinSla++;
    if (f.rejected) bucket.rejected++;
    weeks.set(w, bucket);
  }
  const totals = slaFigures(facts, now);
  return {
    from: query.from,
    to: query.to,
    timeZone: sla.timeZone,
    responseHours: sla.responseHours,
    totals,
    funnel: { mql: totals.handoffs, sal: totals.accepted, sql: totals.converted },
    rejectionReasons: [...reasons.entries()]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count),
    weeks: [...weeks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, v]) => ({ week, ...v })),
    byAssignee: slaFiguresBy(facts, (f) => f.assigneeId, now).map((g) => ({
      ...g,
      name: g.key ? (users.get(g.key)?.name ?? null) : null,
      department: g.key ? (users.get(g.key)?.department ?? null) : null,
    })),
    byTeam: slaFiguresBy(facts, (f) => f.teamId, now).map((g) => ({
      ...g,
      name: g.key ? (teams.get(g.key) ?? null) : null,
    })),
    bySource: slaFiguresBy(facts, (f) => f.source, now),
    byForm: slaFiguresBy(facts, (f) => f.formId, now).map((g) => ({
      ...g,
      name: g.key ? (forms.get(g.key) ?? null) : null,
    })),
    byCampaign: slaFiguresBy(facts, (f) => f.campaign, now),
  };
};

const csvCell = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(v);
  // Neutralise spreadsheet formulas and quote when needed.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The report as CSV: one row per group, totals first. */
export const slaReportCsv = (report: SlaReport): string => {
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
  const row = (group: string, key: string | null, name: string | null, f: SlaFigures) =>
    [
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
    ]
      .map(csvCell)
      .join(',');
  const lines = [
    header.join(','),
    row('total', null, `${report.from}..${report.to}`, report.totals),
    ...report.byAssignee.map((g) => row('assignee', g.key, g.name, g.figures)),
    ...report.byTeam.map((g) => row('team', g.key, g.name, g.figures)),
    ...report.bySource.map((g) => row('source', g.key, g.key, g.figures)),
    ...report.byForm.map((g) => row('form', g.key, g.name, g.figures)),
    ...report.byCampaign.map((g) => row('campaign', g.key, g.key, g.figures)),
  ];
  return `${lines.join('\r\n')}\r\n`;
};
