import {
  type AttributionModel,
  type AttributionOptions,
  type AttributionSettings,
  attributeJourneys,
  attributionModels,
  type Journey,
  type Touch,
} from '@nenner/shared';
import type { AppContext } from '../../context.js';
import type { Period } from '../reports/period.js';
import { periodOf } from '../reports/period.js';
import { readSetting } from '../settings/settings.service.js';
import { Lru } from './attribution.cache.js';
import {
  countDealCurrencies,
  type DealRow,
  findAccountContacts,
  findAttributionVersion,
  findCampaignDimensions,
  findCampaignTouches,
  findConvertedDeals,
  findDealContacts,
  type Measure,
  type TouchRow,
} from './attribution.repository.js';

/** The longest period one report covers (three years). */
export const MAX_DAYS = 1100;
const DEAL_PAGE = 2000;
/** Parameters per `IN (…)` list: well below SQLite's and PostgreSQL's limits, and the plans stay index ranges. */
const CHUNK = 500;
const DAY_MS = 86_400_000;
/** When no deal converted in the period, reports are in euros. */
const FALLBACK_CURRENCY = 'EUR';

export interface CampaignDimension {
  name: string;
  channel: string;
  department: string;
}

export interface ModelSums {
  byCampaign: Map<string, number>;
  unattributed: number;
  unattributedCount: number;
}

/** Everything one (period, measure, currency) computes: per model, per campaign. */
export interface AttributionTotals {
  currency: string;
  deals: number;
  models: Record<AttributionModel, ModelSums>;
  campaigns: Map<string, CampaignDimension>;
}

const setIn = <K, V>(map: Map<K, Set<V>>, key: K): Set<V> => {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
};

const chunks = <T>(items: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const inChunks = async <T, R>(items: readonly T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> => {
  const out: R[] = [];
  for (const chunk of chunks(items)) out.push(...(await read(chunk)));
  return out;
};

export interface FeedPlan {
  period: Period;
  measure: Measure;
  currency: string;
  settings: AttributionSettings;
}

/** One page of deals turned into journeys; `touches` keeps the rows behind each touch id (drill-down). */
export interface FeedBatch {
  deals: DealRow[];
  journeys: Journey[];
  touches: Map<string, TouchRow>;
}

export const optionsOf = (settings: AttributionSettings): AttributionOptions => ({
  lookbackDays: settings.lookbackDays,
  halfLifeDays: settings.halfLifeDays,
});

/**
 * The journeys of the deals that converted in the period, page by page: each page costs one deal query,
 * one contact query per 500 deals (and per 500 accounts when account contacts count) and one touch query
 * per 500 contacts, never one query per deal.
 */
export async function* attributionFeed(ctx: AppContext, plan: FeedPlan): AsyncGenerator<FeedBatch> {
  const { period, measure, currency, settings } = plan;
  const earliest = new Date(Date.parse(period.from) - settings.lookbackDays * DAY_MS).toISOString();
  let afterId: string | null = null;
  for (;;) {
    const deals = await findConvertedDeals(ctx.db, measure, currency, period.from, period.to, afterId, DEAL_PAGE);
    if (deals.length === 0) return;
    afterId = (deals[deals.length - 1] as DealRow).id;

    const dealContacts = await inChunks(
      deals.map((d) => d.id),
      (ids) => findDealContacts(ctx.db, ids),
    );
    const contactsOfDeal = new Map<string, Set<string>>();
    const leadAtOfDeal = new Map<string, number>();
    for (const row of dealContacts) {
      setIn(contactsOfDeal, row.deal_id).add(row.contact_id);
      if (row.lead_at) {
        const at = Date.parse(row.lead_at);
        const before = leadAtOfDeal.get(row.deal_id);
        if (before === undefined || at < before) leadAtOfDeal.set(row.deal_id, at);
      }
    }
    if (settings.includeAccountContacts) {
      const accountIds = [...new Set(deals.map((d) => d.account_id))];
      const accountContacts = await inChunks(accountIds, (ids) => findAccountContacts(ctx.db, ids));
      const contactsOfAccount = new Map<string, string[]>();
      for (const c of accountContacts) {
        if (!c.account_id) continue;
        const list = contactsOfAccount.get(c.account_id) ?? [];
        list.push(c.id);
        contactsOfAccount.set(c.account_id, list);
      }
      for (const d of deals) {
        const set = setIn(contactsOfDeal, d.id);
        for (const id of contactsOfAccount.get(d.account_id) ?? []) set.add(id);
      }
    }

    const contactIds = [...new Set([...contactsOfDeal.values()].flatMap((s) => [...s]))];
    const touchRows = await inChunks(contactIds, (ids) =>
      findCampaignTouches(ctx.db, ids, settings.touchTypes, earliest, period.to),
    );
    const touches = new Map<string, TouchRow>();
    const touchesOfContact = new Map<string, Touch[]>();
    for (const row of touchRows) {
      touches.set(row.id, row);
      const list = touchesOfContact.get(row.contact_id) ?? [];
      list.push({ id: row.id, at: Date.parse(row.occurred_at), key: row.campaign_id as string });
      touchesOfContact.set(row.contact_id, list);
    }

    const journeys = deals.map((d): Journey => {
      const dealCreatedAt = Date.parse(d.created_at);
      const wonAt = measure === 'revenue' && d.closed_at ? Date.parse(d.closed_at) : null;
      return {
        amount: Number(d.amount),
        convertedAt: measure === 'pipeline' ? dealCreatedAt : (wonAt as number),
        leadCreatedAt: leadAtOfDeal.get(d.id) ?? null,
        dealCreatedAt,
        wonAt,
        touches: [...(contactsOfDeal.get(d.id) ?? [])].flatMap((c) => touchesOfContact.get(c) ?? []),
      };
    });
    yield { deals, journeys, touches };
  }
}

const computeTotals = async (ctx: AppContext, plan: FeedPlan): Promise<AttributionTotals> => {
  const models = {} as Record<AttributionModel, ModelSums>;
  for (const m of attributionModels) models[m] = { byCampaign: new Map(), unattributed: 0, unattributedCount: 0 };
  let deals = 0;
  for await (const batch of attributionFeed(ctx, plan)) {
    deals += batch.deals.length;
    const sums = attributeJourneys(batch.journeys, attributionModels, optionsOf(plan.settings));
    for (const m of attributionModels) {
      const into = models[m];
      into.unattributed += sums[m].unattributed;
      into.unattributedCount += sums[m].unattributedCount;
      for (const [key, credit] of sums[m].byKey) into.byCampaign.set(key, (into.byCampaign.get(key) ?? 0) + credit);
    }
  }
  const campaigns = new Map(
    (await findCampaignDimensions(ctx.db)).map((c) => [
      c.id,
      { name: c.name, channel: c.channel, department: c.department },
    ]),
  );
  return { currency: plan.currency, deals, models, campaigns };
};

const cache = new Lru<AttributionTotals | string>(32);

/** Forgets every cached result (tests; the version in the keys already retires stale ones). */
export const clearAttributionCache = (): void => cache.clear();

export interface ResolvedQuery {
  period: Period;
  measure: Measure;
  currency: string;
  settings: AttributionSettings;
  version: number;
}

/**
 * Turns local dates into the UTC period, reads the settings and the data version, and picks the
 * currency: the requested one, else the one most deals of the period use (ties alphabetically), else EUR.
 */
export const resolveQuery = async (
  ctx: AppContext,
  input: { from: string; to: string; measure: Measure; currency?: string | undefined },
): Promise<ResolvedQuery> => {
  const [sla, attribution, version] = await Promise.all([
    readSetting(ctx.db, 'sla'),
    readSetting(ctx.db, 'attribution'),
    findAttributionVersion(ctx.db),
  ]);
  const period = periodOf(input.from, input.to, sla.value.timeZone, MAX_DAYS);
  let currency = input.currency;
  if (!currency) {
    const key = `currency|${period.from}|${period.to}|${input.measure}|${version}`;
    const known = cache.get(key);
    if (typeof known === 'string') currency = known;
    else {
      const counts = await countDealCurrencies(ctx.db, input.measure, period.from, period.to);
      counts.sort((a, b) => Number(b.n) - Number(a.n) || (a.currency < b.currency ? -1 : 1));
      currency = counts[0]?.currency ?? FALLBACK_CURRENCY;
      cache.set(key, currency);
    }
  }
  return { period, measure: input.measure, currency, settings: attribution.value, version };
};

/** All seven models' totals per campaign for a resolved query, from the cache when the data did not change. */
export const attributionTotals = async (ctx: AppContext, q: ResolvedQuery): Promise<AttributionTotals> => {
  // the version moves with every write to the sources, settings included; the settings are in the key
  // as well so the key alone says what the entry was computed from
  const key = [q.period.from, q.period.to, q.measure, q.currency, q.version, JSON.stringify(q.settings)].join('|');
  const hit = cache.get(key);
  if (hit && typeof hit !== 'string') return hit;
  const totals = await computeTotals(ctx, q);
  cache.set(key, totals);
  return totals;
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
  const pipeline = await attributionTotals(ctx, pipelineQuery);
  const revenue = await attributionTotals(ctx, revenueQuery);
  return {
    model,
    pipeline: new Map(pipeline.models[model].byCampaign),
    revenue: new Map(revenue.models[model].byCampaign),
  };
};
