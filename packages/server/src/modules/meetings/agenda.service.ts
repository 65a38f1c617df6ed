import {
  type AgendaSection,
  type AgendaTemplate,
  type AlignmentReport,
  addDays,
  expandOccurrences,
  type Goal,
  localDateTimeOf,
  type RecordLink,
} from '@nenner/shared';
import type { AppContext } from '../../context.js';
import type { MeetingOccurrencesTable } from '../../db/schema.js';
import { campaignsStartingOrEnding } from '../campaigns/campaigns.service.js';
import { dealEventsBetween } from '../deals/window.service.js';
import { listGoals } from '../goals/goals.service.js';
import { handoffEventsBetween } from '../handoffs/handoffs.service.js';
import { alignmentReport } from '../reports/alignment.service.js';
import { slaTotalsBetween } from '../reports/reports.service.js';
import { listActionItemTasks } from '../tasks/tasks.service.js';
import type { SeriesRow } from './meetings.repository.js';
import { DAY_MS, isoAt, overridesOf, recurrenceOf } from './meetings.service.js';
import type { LoadedOccurrence } from './occurrence.load.js';

/*
 * The generated agenda of one occurrence (issue 11): built from what happened in its window — since the
 * previous occurrence began (for the first one, one cadence interval back) up to the generation — in the
 * order of the series' template. Every item names its records and carries its figures as of now; its id
 * is stable across refreshes (`<section>.<kind>.<key>`), so notes, presenters, drops and places stay.
 */

/** An agenda item as generated, before it has a place in the stored agenda. */
export interface AgendaDraft {
  id: string;
  section: AgendaSection;
  kind: string;
  title: string;
  refs: RecordLink[];
  figures?: Record<string, number>;
  details?: Record<string, string | null>;
  presenterId?: string | null;
}

export interface AgendaWindow {
  from: string;
  to: string;
}

const CAMPAIGN_HORIZON_DAYS = 14;
const round1 = (n: number) => Math.round(n * 10) / 10;
/** Item keys may hold only [A-Za-z0-9._:-]; free text (a UTM key) goes in as hex. */
const keyOf = (s: string | null) => (s === null ? 'none' : Buffer.from(s, 'utf8').toString('hex').slice(0, 120));

/** One cadence interval before an instant (the first occurrence's window). */
const intervalBefore = (row: SeriesRow, at: number): number => {
  if (row.cadence === 'weekly') return at - 7 * DAY_MS;
  if (row.cadence === 'biweekly') return at - 14 * DAY_MS;
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.getTime();
};

/**
 * The window of an occurrence: from the start of the previous occurrence that was not cancelled (when it
 * was started, from the moment it was: what came after was not on its agenda), else one interval back;
 * up to `at`, but not past the occurrence's end.
 */
export const windowOf = (loaded: LoadedOccurrence, at: number): AgendaWindow => {
  const { row, stored, occurrence } = loaded;
  const start = Date.parse(occurrence.startsAt);
  const before = expandOccurrences(row.id, recurrenceOf(row), overridesOf(stored), {
    from: isoAt(start - 70 * DAY_MS),
    to: isoAt(start),
  }).filter((o) => !o.cancelled && o.id !== occurrence.id);
  const previous = before.at(-1);
  const previousRow: MeetingOccurrencesTable | undefined = previous && stored.find((s) => s.id === previous.id);
  const from = previous ? Date.parse(previousRow?.started_at ?? previous.startsAt) : intervalBefore(row, start);
  const to = Math.max(from, Math.min(at, Date.parse(occurrence.endsAt)));
  return { from: isoAt(from), to: isoAt(to) };
};

// ——— Sections ——————————————————————————————————————————————————————————————————————————————————

const statusRank: Record<string, number> = { off_track: 0, at_risk: 1, on_track: 2, not_started: 3 };

const goalItems = async (ctx: AppContext, date: string): Promise<AgendaDraft[]> => {
  const goals = await listGoals(ctx, { shared: true, on: date, withProgress: true, limit: 100 });
  const rank = (g: Goal) => statusRank[g.progress?.status ?? 'not_started'] ?? 9;
  return [...goals.items]
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
    .map((g) => ({
      id: `goals.goal.${g.id}`,
      section: 'goals',
      kind: 'goal',
      title: g.name,
      refs: [{ type: 'goal', id: g.id }],
      figures: g.progress
        ? {
            actual: g.progress.actual,
            target: g.progress.target,
            forecast: g.progress.forecast,
            ...(g.progress.attainment !== null && { attainment: round1(g.progress.attainment) }),
          }
        : { target: g.target },
      details: { status: g.progress?.status ?? null, metric: g.metric, unit: g.unit, currency: g.currency },
    }));
};

const handoffItems = async (ctx: AppContext, w: AgendaWindow): Promise<AgendaDraft[]> => {
  const [events, sla] = await Promise.all([
    handoffEventsBetween(ctx, w.from, w.to),
    slaTotalsBetween(ctx, w.from, w.to),
  ]);
  const leadRefs = (hs: typeof events.rejected) =>
    hs.flatMap((h) => [
      { type: 'handoff', id: h.id },
      { type: 'contact', id: h.contact.id },
    ]);
  const groups = (key: (h: (typeof events.rejected)[number]) => string | null) => {
    const out = new Map<string | null, typeof events.rejected>();
    for (const h of events.rejected) out.set(key(h), [...(out.get(key(h)) ?? []), h]);
    return [...out.entries()].sort((a, b) => b[1].length - a[1].length || String(a[0]).localeCompare(String(b[0])));
  };
  const items: AgendaDraft[] = events.breached.map((h) => ({
    id: `handoffs.sla_breach.${h.id}`,
    section: 'handoffs',
    kind: 'sla_breach',
    title: h.contact.accountName ? `${h.contact.name} (${h.contact.accountName})` : h.contact.name,
    refs: [
      { type: 'handoff', id: h.id },
      { type: 'contact', id: h.contact.id },
    ],
    details: { assignee: h.assignee?.name ?? null, slaDueAt: h.slaDueAt, status: h.status },
    presenterId: h.assigneeId,
  }));
  for (const [reason, hs] of groups((h) => h.rejectReason)) {
    items.push({
      id: `handoffs.rejected_by_reason.${keyOf(reason)}`,
      section: 'handoffs',
      kind: 'rejected_by_reason',
      title: reason ?? '—',
      refs: leadRefs(hs),
      figures: { count: hs.length },
      details: { reason, leads: hs.map((h) => h.contact.name).join(', ') },
    });
  }
  for (const [campaign, hs] of groups((h) => h.utmCampaign)) {
    items.push({
      id: `handoffs.rejected_by_campaign.${keyOf(campaign)}`,
      section: 'handoffs',
      kind: 'rejected_by_campaign',
      title: campaign ?? '—',
      refs: leadRefs(hs),
      figures: { count: hs.length },
      details: { campaign, leads: hs.map((h) => h.contact.name).join(', ') },
    });
  }
  for (const h of events.recycled) {
    items.push({
      id: `handoffs.recycled_lead.${h.id}`,
      section: 'handoffs',
      kind: 'recycled_lead',
      title: h.contact.name,
      refs: [
        { type: 'handoff', id: h.id },
        { type: 'contact', id: h.contact.id },
      ],
      details: { reason: h.rejectReason, note: h.recycleNote },
    });
  }
  const { totals, minAcceptanceRate } = sla;
  items.push({
    id: 'handoffs.acceptance_rate.window',
    section: 'handoffs',
    kind: 'acceptance_rate',
    title: 'Annahmequote / Acceptance rate',
    refs: [],
    figures: {
      accepted: totals.accepted,
      rejected: totals.rejected,
      ...(totals.acceptanceRate !== null && { acceptanceRate: round1(100 * totals.acceptanceRate) }),
      minAcceptanceRate,
    },
    details: {
      meetsCommitment: totals.acceptanceRate === null ? null : String(100 * totals.acceptanceRate >= minAcceptanceRate),
    },
  });
  return items;
};

const pipelineItems = async (ctx: AppContext, w: AgendaWindow, at: number): Promise<AgendaDraft[]> => {
  const events = await dealEventsBetween(ctx, w.from, w.to);
  const dealRefs = (d: { id: string; accountId: string }) => [
    { type: 'deal', id: d.id },
    { type: 'account', id: d.accountId },
  ];
  const items: AgendaDraft[] = events.goneStale.map((d) => ({
    id: `pipeline.stale_deal.${d.id}`,
    section: 'pipeline',
    kind: 'stale_deal',
    title: d.name,
    refs: dealRefs(d),
    figures: { amount: d.amount, daysInStage: Math.floor((at - Date.parse(d.stageChangedAt)) / DAY_MS) },
    details: { stage: d.stage.nameDe, stageEn: d.stage.nameEn, owner: d.owner?.name ?? null, currency: d.currency },
    presenterId: d.ownerId,
  }));
  for (const d of [...events.won, ...events.lost]) {
    const lostTo = d.competitors.find((k) => k.id === d.lostToCompetitorId)?.name ?? null;
    items.push({
      id: `pipeline.deal_${d.status}.${d.id}`,
      section: 'pipeline',
      kind: d.status === 'won' ? 'deal_won' : 'deal_lost',
      title: d.name,
      refs: [...dealRefs(d), ...d.competitors.map((k) => ({ type: 'competitor', id: k.id }))],
      figures: { amount: d.amount },
      details: {
        reason: d.closeReason,
        comment: d.closeComment,
        competitors: d.competitors.map((k) => k.name).join(', ') || null,
        lostTo,
        currency: d.currency,
      },
      presenterId: d.ownerId,
    });
  }
  for (const m of events.closeDateMoves) {
    items.push({
      id: `pipeline.close_date_moved.${m.deal.id}`,
      section: 'pipeline',
      kind: 'close_date_moved',
      title: m.deal.name,
      refs: dealRefs(m.deal),
      figures: {
        amount: m.deal.amount,
        daysMoved: m.from && m.to ? Math.round((Date.parse(m.to) - Date.parse(m.from)) / DAY_MS) : 0,
      },
      details: { from: m.from, to: m.to, currency: m.deal.currency },
      presenterId: m.deal.ownerId,
    });
  }
  return items;
};

const campaignItems = async (ctx: AppContext, date: string): Promise<AgendaDraft[]> => {
  const until = addDays(date, CAMPAIGN_HORIZON_DAYS);
  const campaigns = await campaignsStartingOrEnding(ctx, date, until);
  const items: AgendaDraft[] = [];
  for (const c of campaigns) {
    for (const [kind, day] of [
      ['campaign_starting', c.startDate],
      ['campaign_ending', c.endDate],
    ] as const) {
      if (day === null || day < date || day > until) continue;
      items.push({
        id: `campaigns.${kind}.${c.id}`,
        section: 'campaigns',
        kind,
        title: c.name,
        refs: [{ type: 'campaign', id: c.id }],
        figures: { budget: c.budget },
        details: { startDate: c.startDate, endDate: c.endDate, channel: c.channel, currency: c.currency },
      });
    }
  }
  return items.sort((a, b) => String(a.details?.startDate).localeCompare(String(b.details?.startDate)));
};

/** Open action items of the series' earlier occurrences, overdue first, then by due date. */
const actionItems = async (ctx: AppContext, loaded: LoadedOccurrence, at: number): Promise<AgendaDraft[]> => {
  const start = Date.parse(loaded.occurrence.originalStartsAt);
  const tasks = (await listActionItemTasks(ctx.db, { seriesId: loaded.row.id })).filter((t) => {
    const from = t.occurrenceId.split(':')[1] ?? '';
    const fromStart = Date.parse(from.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    return t.status === 'open' && t.occurrenceId !== loaded.occurrence.id && fromStart < start;
  });
  const overdue = (t: (typeof tasks)[number]) => t.dueAt !== null && Date.parse(t.dueAt) < at;
  return tasks
    .sort(
      (a, b) =>
        Number(overdue(b)) - Number(overdue(a)) ||
        String(a.dueAt ?? '9999').localeCompare(String(b.dueAt ?? '9999')) ||
        (a.id < b.id ? -1 : 1),
    )
    .map((t) => ({
      id: `action_items.action_item.${t.id}`,
      section: 'action_items',
      kind: 'action_item',
      title: t.title,
      refs: [
        { type: 'task', id: t.id },
        ...(t.entityType && t.entityId ? [{ type: t.entityType, id: t.entityId }] : []),
      ],
      ...(overdue(t) && { figures: { daysOverdue: Math.floor((at - Date.parse(t.dueAt as string)) / DAY_MS) } }),
      details: { owner: t.owner.name, dueAt: t.dueAt, overdue: String(overdue(t)), fromOccurrence: t.occurrenceId },
      presenterId: t.owner.id,
    }));
};

/** The alignment index of the window, its change against the window as long before it, and the part that moved most. */
const alignmentItems = async (ctx: AppContext, w: AgendaWindow, timeZone: string): Promise<AgendaDraft[]> => {
  const fromDate = localDateTimeOf(w.from, timeZone).date;
  const toDate = localDateTimeOf(w.to, timeZone).date;
  const days = Math.max(
    1,
    Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / DAY_MS),
  );
  const [now, before] = await Promise.all([
    alignmentReport(ctx, { from: fromDate, to: toDate }, { trend: false }),
    alignmentReport(ctx, { from: addDays(fromDate, -days), to: addDays(fromDate, -1) }, { trend: false }),
  ]);
  const moved = movedMost(now, before);
  const figures = {
    ...(now.index !== null && { index: now.index }),
    ...(now.index !== null && before.index !== null && { change: round1(now.index - before.index) }),
    ...(moved && { partChange: round1(moved.change) }),
  };
  return [
    {
      id: 'alignment.alignment_index.window',
      section: 'alignment',
      kind: 'alignment_index',
      title: 'Zusammenarbeits-Index / Alignment index',
      refs: [],
      ...(Object.keys(figures).length > 0 && { figures }),
      details: { movedMost: moved?.key ?? null, from: fromDate, to: toDate },
    },
  ];
};

const movedMost = (now: AlignmentReport, before: AlignmentReport): { key: string; change: number } | null => {
  let best: { key: string; change: number } | null = null;
  for (const p of now.parts) {
    const q = before.parts.find((x) => x.key === p.key);
    if (p.value === null || q?.value == null) continue;
    const change = p.value - q.value;
    if (!best || Math.abs(change) > Math.abs(best.change)) best = { key: p.key, change };
  }
  return best;
};

/** The generated agenda of an occurrence as of `at`, in the order of the series' template. */
export const generateAgenda = async (
  ctx: AppContext,
  loaded: LoadedOccurrence,
  at: number,
): Promise<{ window: AgendaWindow; items: AgendaDraft[] }> => {
  const window = windowOf(loaded, at);
  const template = JSON.parse(loaded.row.agenda_template) as AgendaTemplate;
  const date = localDateTimeOf(loaded.occurrence.startsAt, loaded.row.time_zone).date;
  const build: Record<AgendaSection, () => Promise<AgendaDraft[]>> = {
    goals: () => goalItems(ctx, date),
    handoffs: () => handoffItems(ctx, window),
    pipeline: () => pipelineItems(ctx, window, at),
    campaigns: () => campaignItems(ctx, date),
    action_items: () => actionItems(ctx, loaded, at),
    alignment: () => alignmentItems(ctx, window, loaded.row.time_zone),
  };
  const sections = await Promise.all(template.map((s) => build[s.section]()));
  return { window, items: sections.flat() };
};
