import {
  type FunnelGroup,
  type FunnelQuery,
  type FunnelResult,
  type FunnelStep,
  funnelStages,
  funnelSteps,
  type LeadFlowQuery,
  type LeadFlowResult,
  type PipelineBySourceQuery,
  type PipelineBySourceResult,
} from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { type Period, periodOf } from '../reports/period.js';
import { readSetting } from '../settings/settings.service.js';
import {
  countLeadFlow,
  type FunnelFactsRow,
  findCampaignChannels,
  findCampaignNames,
  findUserNames,
  readFunnelFacts,
  sumCreatedDeals,
  sumDealsPerMonth,
  sumWonDeals,
} from './analytics.repository.js';

/** Longest period of the funnel, lead flow and pipeline series (two years and a day). */
const MAX_DAYS = 732;
/** The workspace's main currency: money figures count deals in it unless the query names another. */
export const MAIN_CURRENCY = 'EUR';

/** The period's UTC interval in the workspace's time zone (the SLA setting's), and that zone. */
export const workspacePeriod = async (
  ctx: AppContext,
  from: string,
  to: string,
  maxDays = MAX_DAYS,
): Promise<Period & { timeZone: string; mqlCommitmentPerMonth: number }> => {
  const sla = (await readSetting(ctx.db, 'sla')).value;
  return {
    ...periodOf(from, to, sla.timeZone, maxDays),
    timeZone: sla.timeZone,
    mqlCommitmentPerMonth: sla.mqlCommitmentPerMonth,
  };
};

// ——— Funnel ———————————————————————————————————————————————————————————————————————————————

type Counts = FunnelGroup['counts'];
/** Per step, tenths of a day → contacts. */
type Histogram = Record<FunnelStep, Map<number, number>>;

const emptyHistogram = (): Histogram => ({
  mql: new Map(),
  sal: new Map(),
  sql: new Map(),
  opportunity: new Map(),
  customer: new Map(),
});

const countsOf = (r: FunnelFactsRow): Counts => ({
  lead: Number(r.lead ?? 0),
  mql: Number(r.mql ?? 0),
  sal: Number(r.sal ?? 0),
  sql: Number(r.sql ?? 0),
  opportunity: Number(r.opportunity ?? 0),
  customer: Number(r.customer ?? 0),
});

/** Counts the integers of a comma-joined list (as the database joins them) into a histogram. */
export const countIntegers = (list: string | null, into: Map<number, number>) => {
  if (!list) return;
  let value = 0;
  let negative = false;
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 44;
    if (c === 44) {
      const n = negative ? -value : value;
      into.set(n, (into.get(n) ?? 0) + 1);
      value = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else value = value * 10 + (c - 48);
  }
};

const histogramOf = (r: FunnelFactsRow, into = emptyHistogram()): Histogram => {
  for (const step of funnelSteps) countIntegers(r[`${step}_tenths`], into[step]);
  return into;
};

const addHistogram = (into: Histogram, from: Histogram) => {
  for (const step of funnelSteps) {
    for (const [tenths, n] of from[step]) into[step].set(tenths, (into[step].get(tenths) ?? 0) + n);
  }
};

/** Per group key: the counts and the step histograms of the cohort. */
type FunnelFacts = Map<string | null, { counts: Counts; histogram: Histogram }>;

/**
 * The cohort's facts per group. Channels are summed from the campaigns' groups (a contact's channel is
 * its source campaign's), so the scan never joins campaigns.
 */
const funnelFacts = async (ctx: AppContext, from: string, to: string, by: FunnelQuery['by']): Promise<FunnelFacts> => {
  const rows = await readFunnelFacts(ctx.db, ctx.engine, from, to, by === 'channel' ? 'campaign' : by);
  const facts: FunnelFacts = new Map();
  const channels =
    by === 'channel'
      ? new Map(
          (
            await findCampaignChannels(
              ctx.db,
              rows.map((r) => r.key).filter((k): k is string => k !== null),
            )
          ).map((c) => [c.id, c.channel]),
        )
      : null;
  for (const r of rows) {
    const raw = r.key === null ? null : String(r.key);
    const key = channels ? (raw === null ? null : (channels.get(raw) ?? null)) : raw;
    const counts = countsOf(r);
    const known = facts.get(key);
    if (!known) {
      facts.set(key, { counts, histogram: histogramOf(r) });
      continue;
    }
    for (const stage of funnelStages) known.counts[stage] += counts[stage];
    histogramOf(r, known.histogram);
  }
  return facts;
};

/** The median of a histogram (mean of the two middle values for an even count), in days to 0.1. */
export const medianOfHistogram = (histogram: Map<number, number>): number | null => {
  const buckets = [...histogram.entries()].sort(([a], [b]) => a - b);
  const n = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (n === 0) return null;
  const valueAt = (index: number) => {
    let seen = 0;
    for (const [tenths, count] of buckets) {
      seen += count;
      if (index < seen) return tenths;
    }
    return buckets[buckets.length - 1]?.[0] ?? 0;
  };
  const middle = n % 2 === 1 ? valueAt((n - 1) / 2) : (valueAt(n / 2 - 1) + valueAt(n / 2)) / 2;
  return Math.round(middle) / 10;
};

const groupOf = (key: string | null, name: string | null, counts: Counts, histogram: Histogram): FunnelGroup => {
  const rate = (step: FunnelStep) => {
    const previous = counts[funnelStages[funnelStages.indexOf(step) - 1] ?? 'lead'];
    return previous === 0 ? null : counts[step] / previous;
  };
  return {
    key,
    name,
    counts,
    rates: {
      mql: rate('mql'),
      sal: rate('sal'),
      sql: rate('sql'),
      opportunity: rate('opportunity'),
      customer: rate('customer'),
    },
    medianDays: {
      mql: medianOfHistogram(histogram.mql),
      sal: medianOfHistogram(histogram.sal),
      sql: medianOfHistogram(histogram.sql),
      opportunity: medianOfHistogram(histogram.opportunity),
      customer: medianOfHistogram(histogram.customer),
    },
  };
};

const namesOf = async (ctx: AppContext, by: FunnelQuery['by'], keys: string[]): Promise<Map<string, string>> => {
  if (by === 'campaign') return new Map((await findCampaignNames(ctx.db, keys)).map((c) => [c.id, c.name]));
  if (by === 'owner') return new Map((await findUserNames(ctx.db, keys)).map((u) => [u.id, u.name]));
  return new Map(keys.map((k) => [k, k]));
};

/**
 * The funnel of the contacts that became leads in the period: per group, how many reached each stage,
 * the conversion from the stage before, and the median days between consecutive stages.
 */
export const funnelReport = async (ctx: AppContext, query: FunnelQuery): Promise<FunnelResult> => {
  const { from, to } = await workspacePeriod(ctx, query.from, query.to);
  const facts = await funnelFacts(ctx, from, to, query.by);
  const total: Counts = { lead: 0, mql: 0, sal: 0, sql: 0, opportunity: 0, customer: 0 };
  const totalHistogram = emptyHistogram();
  const keys = [...facts.keys()].filter((k): k is string => k !== null);
  const names = await namesOf(ctx, query.by, keys);
  const groups = [...facts.entries()]
    .map(([key, { counts, histogram }]) => {
      for (const stage of funnelStages) total[stage] += counts[stage];
      addHistogram(totalHistogram, histogram);
      return groupOf(key, key === null ? null : (names.get(key) ?? null), counts, histogram);
    })
    .filter((g) => g.counts.lead > 0 || query.by === 'none')
    .sort((a, b) => b.counts.lead - a.counts.lead || ((a.key ?? '') < (b.key ?? '') ? -1 : 1));
  return {
    from: query.from,
    to: query.to,
    by: query.by,
    stages: [...funnelStages],
    groups,
    total: groupOf(null, null, total, totalHistogram),
  };
};

// ——— Lead flow ————————————————————————————————————————————————————————————————————————————

/**
 * The sankey of the period's new leads: origin (source or channel) → handed off or not → sales' verdict on
 * the latest handoff → converted, recycled or still being worked.
 */
export const leadFlow = async (ctx: AppContext, query: LeadFlowQuery): Promise<LeadFlowResult> => {
  const { from, to } = await workspacePeriod(ctx, query.from, query.to);
  const rows = await countLeadFlow(ctx.db, from, to, query.by);
  const nodes = new Map<string, LeadFlowResult['nodes'][number]>();
  const links = new Map<string, number>();
  const node = (kind: LeadFlowResult['nodes'][number]['kind'], key: string | null, n: number) => {
    const id = `${kind}:${key ?? 'none'}`;
    const known = nodes.get(id);
    if (known) known.count += n;
    else nodes.set(id, { id, kind, key, name: key, count: n });
    return id;
  };
  const link = (source: string, target: string, n: number) => {
    const id = `${source}\u0000${target}`;
    links.set(id, (links.get(id) ?? 0) + n);
  };
  let leads = 0;
  for (const r of rows) {
    const n = Number(r.n);
    leads += n;
    const origin = node('origin', r.origin === null ? null : String(r.origin), n);
    if (r.verdict === 'none') {
      link(origin, node('handoff', 'not_handed_off', n), n);
      continue;
    }
    const handedOff = node('handoff', 'handed_off', n);
    link(origin, handedOff, n);
    const verdict = node('verdict', r.verdict, n);
    link(handedOff, verdict, n);
    // open and rejected handoffs that are not recycled end at the verdict
    if (r.result === 'in_progress' && r.verdict !== 'accepted') continue;
    link(verdict, node('result', r.result, n), n);
  }
  const order = ['origin', 'handoff', 'verdict', 'result'];
  return {
    from: query.from,
    to: query.to,
    by: query.by,
    leads,
    nodes: [...nodes.values()].sort(
      (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || b.count - a.count || (a.id < b.id ? -1 : 1),
    ),
    links: [...links.entries()]
      .map(([id, value]) => {
        const [source = '', target = ''] = id.split('\u0000');
        return { source, target, value };
      })
      .sort((a, b) => b.value - a.value || (a.source + a.target < b.source + b.target ? -1 : 1)),
  };
};

// ——— Pipeline by source ———————————————————————————————————————————————————————————————————

/** The calendar months (YYYY-MM) from the month of `from` to the month of `to`, local dates. */
export const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const label = `${y}-${String(m).padStart(2, '0')}`;
    out.push(label);
    if (label >= last) return out;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
};

const zeroSides = () => ({ marketing: 0, sales: 0 });

/**
 * Pipeline created and revenue won per month of the period, marketing- and sales-sourced, in one currency,
 * with the period's totals in every other currency beside it.
 */
export const pipelineBySource = async (
  ctx: AppContext,
  query: PipelineBySourceQuery,
): Promise<PipelineBySourceResult> => {
  const period = await workspacePeriod(ctx, query.from, query.to);
  const currency = query.currency ?? MAIN_CURRENCY;
  const labels = monthsBetween(query.from, query.to);
  const months = labels.map((month) => ({
    month,
    start: periodOf(`${month}-01`, `${month}-01`, period.timeZone, 1).from,
  }));
  const [created, won, createdAll, wonAll] = await Promise.all([
    sumDealsPerMonth(ctx.db, 'created', months, period.from, period.to, currency),
    sumDealsPerMonth(ctx.db, 'won', months, period.from, period.to, currency),
    sumCreatedDeals(ctx.db, period.from, period.to),
    sumWonDeals(ctx.db, period.from, period.to),
  ]);
  // the other currencies' totals beside the chart's: a figure never silently leaves deals out
  const others = new Map<string, PipelineBySourceResult['otherCurrencies'][number]>();
  const other = (code: string) => {
    let o = others.get(code);
    if (!o) {
      o = { currency: code, pipeline: zeroSides(), revenue: zeroSides(), created: zeroSides(), won: zeroSides() };
      others.set(code, o);
    }
    return o;
  };
  for (const [rows, amount, count] of [
    [createdAll, 'pipeline', 'created'],
    [wonAll, 'revenue', 'won'],
  ] as const) {
    for (const r of rows) {
      if (r.currency === currency || (r.source !== 'marketing' && r.source !== 'sales')) continue;
      const o = other(r.currency);
      o[amount][r.source] += Number(r.amount ?? 0);
      o[count][r.source] += Number(r.deals);
    }
  }
  const zero = () => ({ marketing: 0, sales: 0 });
  const series = new Map(
    labels.map((month) => [month, { month, pipeline: zero(), revenue: zero(), created: zero(), won: zero() }]),
  );
  for (const r of created) {
    const m = series.get(String(r.month));
    if (!m || (r.source !== 'marketing' && r.source !== 'sales')) continue;
    m.pipeline[r.source] += Number(r.amount ?? 0);
    m.created[r.source] += Number(r.deals);
  }
  for (const r of won) {
    const m = series.get(String(r.month));
    if (!m || (r.source !== 'marketing' && r.source !== 'sales')) continue;
    m.revenue[r.source] += Number(r.amount ?? 0);
    m.won[r.source] += Number(r.deals);
  }
  return {
    from: query.from,
    to: query.to,
    currency,
    months: [...series.values()],
    otherCurrencies: [...others.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)),
  };
};
