import { type AttributionModel, type AttributionSettings, attributeJourneys, attributionModels } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { creditColumns } from '../../db/migrations/0031_attribution_credits.js';
import {
  type AttributionTotals,
  convertedAtOf,
  dealPages,
  journeysOfDeals,
  type ModelSums,
  optionsOf,
} from './attribution.feed.js';
import {
  type CreditDealRow,
  type CreditRow,
  claimCreditsState,
  deleteAllCredits,
  deleteCreditsOf,
  deleteDirtyMarks,
  findAllLiveDeals,
  findCreditsState,
  findDirtyMarks,
  findLiveDeals,
  insertCredits,
  type Measure,
  sumCredits,
} from './attribution.repository.js';

/*
 * Each deal's credits under all seven models are stored (`attribution_credits`); writes mark the deals
 * they may change (`attribution_dirty`, triggers of migration 0031, in the write's transaction). Before a
 * report is summed, the marked deals are recomputed; a settings change recomputes every deal. A reader
 * stores what it computed only if nobody stored anything since it started (the state row's version),
 * and deletes only the marks it read unchanged, so a write racing the recomputation stays marked.
 */

const CHUNK = 500;
/** Rows per INSERT: 12 parameters each, well under both engines' limits. */
const INSERT_ROWS = 400;

const chunks = <T>(items: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** What the credits depend on among the settings (the default model only picks what the pages show). */
export const creditSettingsKey = (s: AttributionSettings): string =>
  JSON.stringify({
    lookbackDays: s.lookbackDays,
    halfLifeDays: s.halfLifeDays,
    touchTypes: [...s.touchTypes].sort(),
    includeAccountContacts: s.includeAccountContacts,
  });

const convertsUnder = (measure: Measure, d: CreditDealRow): boolean =>
  measure === 'pipeline' || (d.status === 'won' && d.closed_at !== null && d.closed_at !== undefined);

/** The credit rows of some live deals under both measures, computed with the pure function. */
const creditRowsOf = async (
  ctx: AppContext,
  settings: AttributionSettings,
  deals: CreditDealRow[],
): Promise<CreditRow[]> => {
  const options = optionsOf(settings);
  const rows: CreditRow[] = [];
  for (const measure of ['pipeline', 'revenue'] as const) {
    const converting = deals
      .filter((d) => convertsUnder(measure, d))
      .map((d) => ({ deal: d, at: convertedAtOf(measure, d) }))
      .sort((a, b) => a.at - b.at || (a.deal.id < b.deal.id ? -1 : 1))
      .map((x) => x.deal);
    for (const page of dealPages(converting)) {
      const batch = await journeysOfDeals(ctx, { measure, settings }, page);
      batch.journeys.forEach((journey, i) => {
        const deal = page[i] as CreditDealRow;
        const base = {
          deal_id: deal.id,
          measure,
          currency: deal.currency,
          converted_at: (measure === 'pipeline' ? deal.created_at : deal.closed_at) as string,
        };
        const sums = attributeJourneys([journey], attributionModels, options);
        const first = sums[attributionModels[0]];
        if (first.unattributedCount > 0) {
          const row = { ...base, campaign_id: '' } as CreditRow;
          attributionModels.forEach((m, k) => {
            (row as Record<string, unknown>)[creditColumns[k] as string] = sums[m].unattributed;
          });
          rows.push(row);
          return;
        }
        for (const campaignId of first.byKey.keys()) {
          const row = { ...base, campaign_id: campaignId } as CreditRow;
          attributionModels.forEach((m, k) => {
            (row as Record<string, unknown>)[creditColumns[k] as string] = sums[m].byKey.get(campaignId) ?? 0;
          });
          rows.push(row);
        }
      });
    }
  }
  return rows;
};

const readInChunks = async <T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> => {
  const out: T[] = [];
  for (const chunk of chunks(ids)) out.push(...(await read(chunk)));
  return out;
};

/** One attempt: the version the stored credits now have, or null when another reader stored first. */
const refreshOnce = async (ctx: AppContext, settings: AttributionSettings): Promise<number | null> => {
  const key = creditSettingsKey(settings);
  const state = await findCreditsState(ctx.db);
  const all = state.settings !== key;
  // marks first, inputs after: a write committed in between raises its mark, which then stays
  const marks = await findDirtyMarks(ctx.db);
  if (!all && marks.length === 0) return state.version;
  const dirtyIds = marks.map((m) => m.deal_id);
  const deals = all
    ? await findAllLiveDeals(ctx.db)
    : await readInChunks(dirtyIds, (ids) => findLiveDeals(ctx.db, ids));
  const rows = await creditRowsOf(ctx, settings, deals);
  const byMark = new Map<number, string[]>();
  for (const m of marks) {
    const list = byMark.get(Number(m.mark)) ?? [];
    list.push(m.deal_id);
    byMark.set(Number(m.mark), list);
  }
  const stored = await ctx.db.transaction().execute(async (trx: Db) => {
    if (!(await claimCreditsState(trx, state.version, key))) return false;
    if (all) await deleteAllCredits(trx);
    else for (const ids of chunks(dirtyIds)) await deleteCreditsOf(trx, ids);
    for (const part of chunks(rows, INSERT_ROWS)) await insertCredits(trx, part);
    for (const [mark, ids] of byMark) for (const part of chunks(ids)) await deleteDirtyMarks(trx, mark, part);
    return true;
  });
  return stored ? state.version + 1 : null;
};

const refresh = async (ctx: AppContext, settings: AttributionSettings): Promise<number> => {
  for (;;) {
    const version = await refreshOnce(ctx, settings);
    if (version !== null) return version;
  }
};

const running = new WeakMap<object, Promise<number>>();

/**
 * Brings the stored credits up to date (the marked deals, or every deal after a settings change) and
 * returns their version. Requests of one process share one recomputation; a request that arrives
 * while one runs waits for it and then checks again, so it always sees the writes before it.
 */
export const freshCreditsVersion = async (ctx: AppContext, settings: AttributionSettings): Promise<number> => {
  const before = running.get(ctx.db);
  if (before) await before.catch(() => undefined);
  let current = running.get(ctx.db);
  if (!current) {
    current = refresh(ctx, settings).finally(() => running.delete(ctx.db));
    running.set(ctx.db, current);
  }
  return current;
};

/** All seven models' stored credits summed per campaign for one period, measure and currency. */
export const sumStoredTotals = async (
  ctx: AppContext,
  plan: { period: { from: string; to: string }; measure: Measure; currency: string },
): Promise<Omit<AttributionTotals, 'campaigns'>> => {
  const models = {} as Record<AttributionModel, ModelSums>;
  for (const m of attributionModels) models[m] = { byCampaign: new Map(), unattributed: 0, unattributedCount: 0 };
  for (const row of await sumCredits(ctx.db, plan.measure, plan.currency, plan.period.from, plan.period.to)) {
    const n = Number(row.n);
    attributionModels.forEach((m, k) => {
      const credit = Number(row[creditColumns[k] as (typeof creditColumns)[number]]);
      if (row.campaign_id === '') {
        models[m].unattributed += credit;
        models[m].unattributedCount += n;
      } else models[m].byCampaign.set(row.campaign_id, credit);
    });
  }
  return { currency: plan.currency, models };
};
