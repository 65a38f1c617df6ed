import {
  type AttributionAllResult,
  type AttributionDrillQuery,
  type AttributionDrillResult,
  type AttributionModel,
  type AttributionModelResult,
  type AttributionQuery,
  type AttributionSettings,
  attributeJourney,
  attributionModels,
  type CsvCell,
} from '@nenner/shared';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { Lru } from '../../lib/lru.js';
import type { Period } from '../reports/period.js';
import { periodOf } from '../reports/period.js';
import { readSetting } from '../settings/settings.service.js';
import { freshCreditsVersion, sumStoredTotals } from './attribution.credits.js';
import { type AttributionTotals, attributionFeed, type CampaignDimension, optionsOf } from './attribution.feed.js';
import {
  countDealCurrencies,
  findCampaignDimensions,
  findContactNames,
  findDealDetails,
  type Measure,
} from './attribution.repository.js';

/** The longest period one report covers (three years). */
export const MAX_DAYS = 1100;
/** When no deal converted in the period, reports are in euros. */
const FALLBACK_CURRENCY = 'EUR';
/** The drill-down lists at most this many deals (and says how many there are). */
export const DRILL_LIMIT = 200;
const CACHE_ENTRIES = 32;

type Dimension = AttributionQuery['by'];

interface Caches {
  totals: Lru<Promise<Omit<AttributionTotals, 'campaigns'>>>;
  currencies: Lru<string>;
}
/** One cache per database, so two apps in one process (tests) never share entries. */
const caches = new WeakMap<object, Caches>();
const cachesOf = (ctx: AppContext): Caches => {
  let c = caches.get(ctx.db);
  if (!c) {
    c = { totals: new Lru(CACHE_ENTRIES), currencies: new Lru(CACHE_ENTRIES) };
    caches.set(ctx.db, c);
  }
  return c;
};

export interface ResolvedQuery {
  period: Period;
  measure: Measure;
  currency: string;
  settings: AttributionSettings;
  version: number;
}

/**
 * Turns local dates into the UTC period, reads the settings, brings the stored credits up to date (the
 * deals writes marked since, usually none) and picks the currency: the requested one, else the one most deals converting in the
 * period use (ties alphabetically), else EUR.
 */
export const resolveQuery = async (
  ctx: AppContext,
  input: { from: string; to: string; measure: Measure; currency?: string | undefined },
): Promise<ResolvedQuery> => {
  const [sla, attribution] = await Promise.all([readSetting(ctx.db, 'sla'), readSetting(ctx.db, 'attribution')]);
  const version = await freshCreditsVersion(ctx, attribution.value);
  const period = periodOf(input.from, input.to, sla.value.timeZone, MAX_DAYS);
  let currency = input.currency;
  if (!currency) {
    const { currencies } = cachesOf(ctx);
    const key = [period.from, period.to, input.measure, version].join('|');
    currency = currencies.get(key);
    if (currency === undefined) {
      const counts = await countDealCurrencies(ctx.db, input.measure, period.from, period.to);
      counts.sort((a, b) => Number(b.n) - Number(a.n) || (a.currency < b.currency ? -1 : 1));
      currency = counts[0]?.currency ?? FALLBACK_CURRENCY;
      currencies.set(key, currency);
    }
  }
  return { period, measure: input.measure, currency, settings: attribution.value, version };
};

/**
 * All seven models' totals per campaign: the stored per-deal credits summed, kept in memory while the
 * credits version is unchanged (every recomputation of marked deals, on any instance, raises it).
 * Concurrent requests for the same key share one sum. Campaign names are read afresh (a rename changes
 * no credit).
 */
export const attributionTotals = async (ctx: AppContext, q: ResolvedQuery): Promise<AttributionTotals> => {
  const { totals } = cachesOf(ctx);
  // the settings are in the key so the key alone says what it was computed from
  const key = [q.period.from, q.period.to, q.measure, q.currency, q.version, JSON.stringify(q.settings)].join('|');
  let computing = totals.get(key);
  if (!computing) {
    const started = sumStoredTotals(ctx, q);
    computing = started;
    totals.set(key, started);
    started.catch(() => totals.delete(key));
  }
  const [sums, dimensions] = await Promise.all([computing, findCampaignDimensions(ctx.db)]);
  const campaigns = new Map<string, CampaignDimension>(
    dimensions.map((c) => [c.id, { name: c.name, channel: c.channel, department: c.department }]),
  );
  return { ...sums, campaigns };
};

/**
 * Credits per campaign id under the workspace's default model, pipeline and revenue, for local dates
 * (inclusive) in the workspace time zone; the campaign pages call this.
 */
export const campaignCredits = async (
  ctx: AppContext,
  input: { from: string; to: string; currency: string },
): Promise<{ model: AttributionModel; pipeline: Map<string, number>; revenue: Map<string, number> }> => {
  const [pipelineQuery, revenueQuery] = await Promise.all([
    resolveQuery(ctx, { ...input, measure: 'pipeline' }),
    resolveQuery(ctx, { ...input, measure: 'revenue' }),
  ]);
  const model = pipelineQuery.settings.defaultModel;
  const [pipeline, revenue] = await Promise.all([
    attributionTotals(ctx, pipelineQuery),
    attributionTotals(ctx, revenueQuery),
  ]);
  return {
    model,
    pipeline: new Map(pipeline.models[model].byCampaign),
    revenue: new Map(revenue.models[model].byCampaign),
  };
};

/** The row a campaign's credit is summed into: the campaign, its channel code or its department code. */
const rowKeyOf = (by: Dimension, campaigns: Map<string, CampaignDimension>, campaignId: string): string => {
  if (by === 'campaign') return campaignId;
  const c = campaigns.get(campaignId);
  return (by === 'channel' ? c?.channel : c?.department) ?? 'other';
};

const byCreditThenName = (a: { credit: number; name: string; id: string }, b: typeof a) =>
  b.credit - a.credit || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** One model's rows: campaign credits summed (as integers, so every dimension adds up exactly). */
const modelResult = (
  totals: AttributionTotals,
  model: AttributionModel,
  measure: Measure,
  by: Dimension,
): AttributionModelResult => {
  const sums = new Map<string, number>();
  for (const [campaignId, credit] of totals.models[model].byCampaign) {
    const key = rowKeyOf(by, totals.campaigns, campaignId);
    sums.set(key, (sums.get(key) ?? 0) + credit);
  }
  const rows = [...sums].map(([id, credit]) => ({
    id,
    name: by === 'campaign' ? (totals.campaigns.get(id)?.name ?? id) : id,
    credit,
  }));
  return {
    model,
    measure,
    currency: totals.currency,
    rows: rows.sort(byCreditThenName),
    unattributed: totals.models[model].unattributed,
  };
};

/** The attribution report: one model, or all seven side by side when none is asked for. */
export const attributionReport = async (
  ctx: AppContext,
  query: AttributionQuery,
): Promise<AttributionModelResult | z.infer<typeof AttributionAllResult>> => {
  const resolved = await resolveQuery(ctx, query);
  const totals = await attributionTotals(ctx, resolved);
  if (query.model) return modelResult(totals, query.model, query.measure, query.by);
  const models = {} as Record<AttributionModel, AttributionModelResult>;
  for (const m of attributionModels) models[m] = modelResult(totals, m, query.measure, query.by);
  return { models };
};

/**
 * The deals behind one cell (a row under one model), with each deal's eligible touches and their credit;
 * `id = unattributed` lists the deals without an eligible touch. Computed afresh (no cache): one pass
 * over the period's journeys under one model, then names for the deals shown.
 */
export const attributionDrill = async (
  ctx: AppContext,
  query: AttributionDrillQuery,
): Promise<AttributionDrillResult> => {
  const resolved = await resolveQuery(ctx, query);
  const campaigns = new Map(
    (await findCampaignDimensions(ctx.db)).map((c) => [
      c.id,
      { name: c.name, channel: c.channel, department: c.department },
    ]),
  );
  const options = optionsOf(resolved.settings);
  const unattributed = query.id === 'unattributed';
  interface Hit {
    dealId: string;
    amount: number;
    credit: number;
    touches: { id: string; credit: number; inCell: boolean }[];
  }
  const hits: Hit[] = [];
  const touchRows = new Map<
    string,
    { contact_id: string; occurred_at: string; campaign_id?: string | null; type: string }
  >();
  for await (const batch of attributionFeed(ctx, { ...resolved, keepTouchRows: true })) {
    batch.journeys.forEach((journey, i) => {
      const deal = batch.deals[i];
      if (!deal) return;
      const credits = attributeJourney(journey, query.model, options);
      if (unattributed) {
        if (credits.length === 0)
          hits.push({ dealId: deal.id, amount: journey.amount, credit: journey.amount, touches: [] });
        return;
      }
      let credit = 0;
      let inCellAny = false;
      const touches = credits.map((c) => {
        const inCell = rowKeyOf(query.by, campaigns, c.touch.key) === query.id;
        if (inCell) {
          credit += c.credit;
          inCellAny = true;
        }
        return { id: c.touch.id, credit: c.credit, inCell };
      });
      if (!inCellAny) return;
      hits.push({ dealId: deal.id, amount: journey.amount, credit, touches });
      for (const tc of touches) {
        const row = batch.touches.get(tc.id);
        if (row) touchRows.set(tc.id, row);
      }
    });
  }
  hits.sort((a, b) => b.credit - a.credit || b.amount - a.amount || (a.dealId < b.dealId ? -1 : 1));
  const shown = hits.slice(0, DRILL_LIMIT);
  const dealIds = shown.map((h) => h.dealId);
  const contactIds = [...new Set(shown.flatMap((h) => h.touches.map((tc) => touchRows.get(tc.id)?.contact_id ?? '')))];
  const [details, contacts] = await Promise.all([
    dealIds.length ? findDealDetails(ctx.db, dealIds) : Promise.resolve([]),
    contactIds.length ? findContactNames(ctx.db, contactIds) : Promise.resolve([]),
  ]);
  const dealById = new Map(details.map((d) => [d.id, d]));
  const contactName = new Map(contacts.map((c) => [c.id, `${c.first_name} ${c.last_name}`.trim()]));
  return {
    model: query.model,
    measure: query.measure,
    currency: resolved.currency,
    total: hits.length,
    deals: shown.map((h) => {
      const d = dealById.get(h.dealId);
      return {
        id: h.dealId,
        name: d?.name ?? '',
        accountName: d?.account_name ?? '',
        amount: h.amount,
        currency: resolved.currency,
        credit: h.credit,
        touches: h.touches.map((tc) => {
          const row = touchRows.get(tc.id);
          const campaignId = row?.campaign_id ?? '';
          return {
            id: tc.id,
            contactId: row?.contact_id ?? '',
            contactName: contactName.get(row?.contact_id ?? '') ?? '',
            campaignId,
            campaignName: campaigns.get(campaignId)?.name ?? '',
            type: row?.type ?? '',
            occurredAt: row?.occurred_at ?? '',
            credit: tc.credit,
            inCell: tc.inCell,
          };
        }),
      };
    }),
  };
};

const fractionDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** Minor units as a plain decimal in major units (1234567 EUR → 12345.67). */
export const majorUnits = (minor: number, currency: string): string => {
  const digits = fractionDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
};

/**
 * All seven models side by side as CSV: one row per campaign, channel or department (in the order of the
 * default model's credit), then the unattributed row; amounts in major units with a dot.
 */
export const attributionCsv = async (
  ctx: AppContext,
  query: Omit<AttributionQuery, 'model'>,
): Promise<{ filename: string; header: string[]; rows: CsvCell[][] }> => {
  const resolved = await resolveQuery(ctx, query);
  const totals = await attributionTotals(ctx, resolved);
  const results = attributionModels.map((m) => modelResult(totals, m, query.measure, query.by));
  const order = modelResult(totals, resolved.settings.defaultModel, query.measure, query.by).rows;
  const money = (n: number) => majorUnits(n, resolved.currency);
  const header = [query.by, 'name', 'currency', ...attributionModels];
  const creditOf = results.map((r) => new Map(r.rows.map((x) => [x.id, x.credit])));
  const rows: CsvCell[][] = order.map((row) => [
    row.id,
    row.name,
    resolved.currency,
    ...creditOf.map((m) => money(m.get(row.id) ?? 0)),
  ]);
  rows.push(['unattributed', 'Unattributed', resolved.currency, ...results.map((r) => money(r.unattributed))]);
  return {
    filename: `nenner-attribution-${query.measure}-${query.by}-${query.from}-${query.to}`,
    header,
    rows,
  };
};
