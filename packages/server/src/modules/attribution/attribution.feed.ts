import type { AttributionModel, AttributionOptions, AttributionSettings, Journey, Touch } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import type { Period } from '../reports/period.js';
import {
  type DealRow,
  findAccountContacts,
  findCampaignTouches,
  findConvertedDeals,
  findDealContacts,
  findJourneyRows,
  type Measure,
  type TouchRow,
} from './attribution.repository.js';

/** Deals per page: their journeys are read together. */
export const DEAL_PAGE = 2000;
/** Parameters per `IN (…)` list: well below SQLite's and PostgreSQL's limits, and the plans stay index ranges. */
const CHUNK = 500;
const DAY_MS = 86_400_000;

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
  /** Keep each touch's row for the batch (the drill-down shows contact and type; the totals do not need them). */
  keepTouchRows?: boolean;
}

/** One page of deals turned into journeys; `touches` keeps the rows behind each touch id when asked to. */
export interface FeedBatch {
  deals: DealRow[];
  journeys: Journey[];
  touches: Map<string, TouchRow>;
}

export const optionsOf = (settings: AttributionSettings): AttributionOptions => ({
  lookbackDays: settings.lookbackDays,
  halfLifeDays: settings.halfLifeDays,
});

interface PageJourneys {
  leadAtOfDeal: Map<string, number>;
  touchesOfDeal: Map<string, Touch[]>;
  touches: Map<string, TouchRow>;
}

const earlier = (map: Map<string, number>, key: string, iso: string | null | undefined) => {
  if (!iso) return;
  const at = Date.parse(iso);
  const before = map.get(key);
  if (before === undefined || at < before) map.set(key, at);
};

/** The deals' own contacts: one query per 500 deals joins contacts and touches in each deal's window. */
const journeysOfDealContacts = async (ctx: AppContext, plan: JourneyPlan, deals: DealRow[]): Promise<PageJourneys> => {
  const { settings } = plan;
  const rows = await inChunks(
    deals.map((d) => d.id),
    (ids) =>
      findJourneyRows(ctx.db, ctx.engine, {
        measure: plan.measure,
        dealIds: ids,
        types: settings.touchTypes,
        lookbackDays: settings.lookbackDays,
        detailed: plan.keepTouchRows === true,
      }),
  );
  const page: PageJourneys = { leadAtOfDeal: new Map(), touchesOfDeal: new Map(), touches: new Map() };
  for (const row of rows) {
    earlier(page.leadAtOfDeal, row.deal_id, row.lead_at);
    if (row.touch_id === null || row.occurred_at === null || !row.campaign_id) continue;
    let list = page.touchesOfDeal.get(row.deal_id);
    if (!list) {
      list = [];
      page.touchesOfDeal.set(row.deal_id, list);
    }
    list.push({ id: row.touch_id, at: Date.parse(row.occurred_at), key: row.campaign_id });
    if (plan.keepTouchRows) {
      page.touches.set(row.touch_id, {
        id: row.touch_id,
        contact_id: row.contact_id,
        occurred_at: row.occurred_at,
        campaign_id: row.campaign_id,
        type: row.type ?? '',
      });
    }
  }
  return page;
};

/**
 * Every live contact of the deals' accounts as well (a setting): contacts per 500 deals and per 500
 * accounts, then their touches per 500 contacts in the page's window [first conversion − lookback,
 * last conversion] (a second wider; the pure function applies each deal's exact bounds).
 */
const journeysOfAccountContacts = async (
  ctx: AppContext,
  plan: JourneyPlan,
  deals: DealRow[],
  convertedAt: (d: DealRow) => number,
): Promise<PageJourneys> => {
  const { settings } = plan;
  const earliest = new Date(convertedAt(deals[0] as DealRow) - settings.lookbackDays * DAY_MS - 1000).toISOString();
  const latest = new Date(convertedAt(deals[deals.length - 1] as DealRow) + 1000).toISOString();
  const dealContacts = await inChunks(
    deals.map((d) => d.id),
    (ids) => findDealContacts(ctx.db, ids),
  );
  const contactsOfDeal = new Map<string, Set<string>>();
  const page: PageJourneys = { leadAtOfDeal: new Map(), touchesOfDeal: new Map(), touches: new Map() };
  for (const row of dealContacts) {
    setIn(contactsOfDeal, row.deal_id).add(row.contact_id);
    earlier(page.leadAtOfDeal, row.deal_id, row.lead_at);
  }
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
  const contactIds = [...new Set([...contactsOfDeal.values()].flatMap((s) => [...s]))];
  const touchRows = await inChunks(contactIds, (ids) =>
    findCampaignTouches(ctx.db, ids, settings.touchTypes, earliest, latest),
  );
  const touchesOfContact = new Map<string, Touch[]>();
  for (const row of touchRows) {
    if (plan.keepTouchRows) page.touches.set(row.id, row);
    const list = touchesOfContact.get(row.contact_id) ?? [];
    list.push({ id: row.id, at: Date.parse(row.occurred_at), key: row.campaign_id as string });
    touchesOfContact.set(row.contact_id, list);
  }
  for (const d of deals) {
    page.touchesOfDeal.set(
      d.id,
      [...(contactsOfDeal.get(d.id) ?? [])].flatMap((c) => touchesOfContact.get(c) ?? []),
    );
  }
  return page;
};

/** What turning deals into journeys needs: the measure, the settings and whether to keep touch rows. */
export type JourneyPlan = Pick<FeedPlan, 'measure' | 'settings' | 'keepTouchRows'>;

/** When a deal converted under a measure: created (pipeline) or won (revenue). */
export const convertedAtOf = (measure: Measure, d: DealRow): number =>
  Date.parse(measure === 'pipeline' ? d.created_at : (d.closed_at ?? ''));

/**
 * One page of deals (at most DEAL_PAGE, in the order they converted) turned into journeys: their
 * contacts and campaign touches read per 500 deals, never one query per deal. Pipeline is credited at
 * the deal's creation, when it was not won yet, so its journeys carry no win (a later win does not
 * change last month's pipeline); revenue is credited at the win.
 */
export const journeysOfDeals = async (ctx: AppContext, plan: JourneyPlan, deals: DealRow[]): Promise<FeedBatch> => {
  const { measure, settings } = plan;
  const convertedAt = (d: DealRow) => convertedAtOf(measure, d);
  const page = settings.includeAccountContacts
    ? await journeysOfAccountContacts(ctx, plan, deals, convertedAt)
    : await journeysOfDealContacts(ctx, plan, deals);
  const journeys = deals.map((d): Journey => {
    const dealCreatedAt = Date.parse(d.created_at);
    const wonAt = measure === 'revenue' && d.closed_at ? Date.parse(d.closed_at) : null;
    return {
      amount: Number(d.amount),
      convertedAt: measure === 'pipeline' ? dealCreatedAt : (wonAt as number),
      leadCreatedAt: page.leadAtOfDeal.get(d.id) ?? null,
      dealCreatedAt,
      wonAt,
      touches: page.touchesOfDeal.get(d.id) ?? [],
    };
  });
  return { deals, journeys, touches: page.touches };
};

/** Pages of DEAL_PAGE deals. */
export const dealPages = <T>(deals: readonly T[]): T[][] => chunks(deals, DEAL_PAGE);

/**
 * The journeys of the deals that converted in the period, page by page: one deal query for the period
 * (an index range), then per page of deals their contacts and campaign touches.
 */
export async function* attributionFeed(ctx: AppContext, plan: FeedPlan): AsyncGenerator<FeedBatch> {
  const { period, measure, currency } = plan;
  const all = await findConvertedDeals(ctx.db, measure, currency, period.from, period.to);
  for (const deals of dealPages(all)) yield await journeysOfDeals(ctx, plan, deals);
}
