import {
  type AttributionAllResult,
  type AttributionCurrencyResult,
  type AttributionDrillQuery,
  type AttributionDrillResult,
  type AttributionModel,
  type AttributionModelResult,
  type AttributionQuery,
  type AttributionSettings,
  attributeJourney,
  attributionModels,
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

/** A currency with deals converting in the period, and how many. */
export interface PeriodCurrency {
  currency: string;
  deals: number;
}

interface Caches {
  totals: Lru<Promise<Omit<AttributionTotals, 'campaigns'>>>;
  currencies: Lru<Promise<PeriodCurrency[]>>;
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
  /** The currency a single-currency answer is in. */
  currency: string;
  /** Every currency of the period, `currency` first (with 0 deals when none of its deals converted). */
  currencies: PeriodCurrency[];
  settings: AttributionSettings;
  version: number;
}

/** The currencies of the deals converting in the period, most deals first (ties alphabetically). */
const periodCurrencies = (ctx: AppContext, period: Period, measure: Measure, version: number) => {
  const { currencies } = cachesOf(ctx);
  const key = [period.from, period.to, measure, version].join('|');
  let counting = currencies.get(key);
  if (!counting) {
    const started = countDealCurrencies(ctx.db, measure, period.from, period.to).then((counts) =>
      counts
        .map((c) => ({ currency: c.currency, deals: Number(c.n) }))
        .sort((a, b) => b.deals - a.deals || (a.currency < b.currency ? -1 : 1)),
    );
    counting = started;
    currencies.set(key, started);
    started.catch(() => currencies.delete(key));
  }
  return counting;
};

/**
 * Turns local dates into the UTC period, reads the settings, brings the stored credits up to date (the
 * deals writes marked since, usually none), lists the period's currencies and picks the one a
 * single-currency answer is in: the requested one, else the one most deals converting in the period use
 * (ties alphabetically), else EUR.
 */
export const resolveQuery = async (
  ctx: AppContext,
  input: { from: string; to: string; measure: Measure; currency?: string | undefined },
): Promise<ResolvedQuery> => {
  const [sla, attribution] = await Promise.all([readSetting(ctx.db, 'sla'), readSetting(ctx.db, 'attribution')]);
  const version = await freshCreditsVersion(ctx, attribution.value);
  const period = periodOf(input.from, input.to, sla.value.timeZone, MAX_DAYS);
  const found = await periodCurrencies(ctx, period, input.measure, version);
  const currency = input.currency ?? found[0]?.currency ?? FALLBACK_CURRENCY;
  const currencies = [
    found.find((c) => c.currency === currency) ?? { currency, deals: 0 },
    ...found.filter((c) => c.currency !== currency),
  ];
  return { period, measure: input.measure, currency, currencies, settings: attribution.value, version };
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

/** The totals of every currency of the period, in the order of `q.currencies`. */
export const attributionTotalsByCurrency = (ctx: AppContext, q: ResolvedQuery): Promise<AttributionTotals[]> =>
  Promise.all(q.currencies.map((c) => attributionTotals(ctx, { ...q, currency: c.currency })));

/** Credits per campaign id in one currency, pipeline and revenue. */
export interface CurrencyCredits {
  currency: string;
  pipeline: Map<string, number>;
  revenue: Map<string, number>;
}

/**
 * Credits per campaign id under the workspace's default model, pipeline and revenue, for local dates
 * (inclusive) in the workspace time zone, in the asked currency; `others` holds the period's other
 * currencies (never converted), so a page in one currency can say what it leaves out. The campaign pages
 * call this.
 */
export const campaignCredits = async (
  ctx: AppContext,
  input: { from: string; to: string; currency: string },
): Promise<{
  model: AttributionModel;
  pipeline: Map<string, number>;
  revenue: Map<string, number>;
  others: CurrencyCredits[];
}> => {
  const [pipelineQuery, revenueQuery] = await Promise.all([
    resolveQuery(ctx, { ...input, measure: 'pipeline' }),
    resolveQuery(ctx, { ...input, measure: 'revenue' }),
  ]);
  const model = pipelineQuery.settings.defaultModel;
  const [pipeline, revenue] = await Promise.all([
    attributionTotalsByCurrency(ctx, pipelineQuery),
    attributionTotalsByCurrency(ctx, revenueQuery),
  ]);
  const byCurrency = new Map<string, CurrencyCredits>();
  const entry = (currency: string) => {
    let c = byCurrency.get(currency);
    if (!c) {
      c = { currency, pipeline: new Map(), revenue: new Map() };
      byCurrency.set(currency, c);
    }
    return c;
  };
  // the asked currency first (both lists start with it), then the others as the period has them
  for (const x of pipeline) entry(x.currency).pipeline = new Map(x.models[model].byCampaign);
  for (const x of revenue) entry(x.currency).revenue = new Map(x.models[model].byCampaign);
  const [asked, ...others] = [...byCurrency.values()];
  return {
    model,
    pipeline: asked?.pipeline ?? new Map(),
    revenue: asked?.revenue ?? new Map(),
    others,
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

/** One model's rows in one currency: campaign credits summed (as integers, so every dimension adds up exactly). */
export const currencyResult = (
  totals: AttributionTotals,
  deals: number,
  model: AttributionModel,
  by: Dimension,
): AttributionCurrencyResult => {
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
  const unattributed = totals.models[model].unattributed;
  return {
    currency: totals.currency,
    deals,
    rows: rows.sort(byCreditThenName),
    unattributed,
    total: rows.reduce((s, r) => s + r.credit, unattributed),
  };
};

/** One model's answer: every currency side by side, the first one also at the top level. */
const modelResult = (
  q: ResolvedQuery,
  totals: AttributionTotals[],
  model: AttributionModel,
  by: Dimension,
): AttributionModelResult => {
  const byCurrency = totals.map((x, i) => currencyResult(x, q.currencies[i]?.deals ?? 0, model, by));
  const first = byCurrency[0] as AttributionCurrencyResult;
  return {
    model,
    measure: q.measure,
    currency: first.currency,
    rows: first.rows,
    unattributed: first.unattributed,
    byCurrency,
  };
};

/** The attribution report: one model, or all seven side by side when none is asked for; every currency of the period. */
export const attributionReport = async (
  ctx: AppContext,
  query: AttributionQuery,
): Promise<AttributionModelResult | z.infer<typeof AttributionAllResult>> => {
  const resolved = await resolveQuery(ctx, query);
  const totals = await attributionTotalsByCurrency(ctx, resolved);
  if (query.model) return modelResult(resolved, totals, query.model, query.by);
  const models = {} as Record<AttributionModel, AttributionModelResult>;
  for (const m of attributionModels) models[m] = modelResult(resolved, totals, m, query.by);
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
