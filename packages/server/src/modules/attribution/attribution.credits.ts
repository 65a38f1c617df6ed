import { type AttributionModel, type AttributionSettings, attributeJourneys, attributionModels } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { creditColumns } from '../../db/migrations/0031_attribution_credits.js';
import { newId } from '../../lib/ids.js';
import {
  type AttributionTotals,
  convertedAtOf,
  DEAL_PAGE,
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
  deleteStagedBefore,
  deleteStagedRun,
  findCreditsState,
  findDirtyMarks,
  findLiveDeals,
  findLiveDealsAfter,
  insertStagedCredits,
  type Measure,
  moveStagedCredits,
  sumCredits,
} from './attribution.repository.js';

/*
 * Each deal's credits under all seven models are stored (`attribution_credits`); writes mark the deals
 * they may change (`attribution_dirty`, triggers of migration 0031, in the write's transaction). Before a
 * report is summed, the marked deals are recomputed; a settings change recomputes every deal. A reader
 * stores what it computed only if nobody stored anything since it started (the state row's version),
 * and deletes only the marks it read unchanged, so a write racing the recomputation stays marked.
 *
 * Memory stays bounded whatever the number of deals: deals are read a page at a time, and each page's
 * credit rows are written at once under the run's id (`attribution_credits_staging`, migration 0045);
 * the claiming transaction moves them into `attribution_credits` with one INSERT … SELECT.
 */

const CHUNK = 500;
/** Staged rows older than this belong to a run whose process stopped; the next full run removes them. */
const STALE_STAGING_MS = 3_600_000;

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

/** The live deals to recompute, a page at a time: every deal (in id order), or the marked ones. */
async function* dealsToRecompute(db: Db, all: boolean, dirtyIds: readonly string[]): AsyncGenerator<CreditDealRow[]> {
  if (!all) {
    for (const ids of chunks(dirtyIds, DEAL_PAGE)) yield await readInChunks(ids, (c) => findLiveDeals(db, c));
    return;
  }
  let after: string | null = null;
  for (;;) {
    const page = await findLiveDealsAfter(db, after, DEAL_PAGE);
    if (page.length > 0) yield page;
    if (page.length < DEAL_PAGE) return;
    after = (page[page.length - 1] as CreditDealRow).id;
  }
}

/** The run's staged rows were removed by another process before it could store them: it starts again. */
class StagingLost extends Error {}

/** One attempt: the version the stored credits now have, or null when another reader stored first. */
const refreshOnce = async (ctx: AppContext, settings: AttributionSettings): Promise<number | null> => {
  const key = creditSettingsKey(settings);
  const state = await findCreditsState(ctx.db);
  const all = state.settings !== key;
  // marks first, inputs after: a write committed in between raises its mark, which then stays
  const marks = await findDirtyMarks(ctx.db);
  if (!all && marks.length === 0) return state.version;
  const dirtyIds = marks.map((m) => m.deal_id);
  const byMark = new Map<number, string[]>();
  for (const m of marks) {
    const list = byMark.get(Number(m.mark)) ?? [];
    list.push(m.deal_id);
    byMark.set(Number(m.mark), list);
  }
  const run = newId();
  let staged = 0;
  try {
    if (all) await deleteStagedBefore(ctx.db, new Date(Date.now() - STALE_STAGING_MS).toISOString());
    for await (const deals of dealsToRecompute(ctx.db, all, dirtyIds)) {
      const rows = await creditRowsOf(ctx, settings, deals);
      if (rows.length === 0) continue;
      const stagedAt = new Date().toISOString();
      await ctx.db.transaction().execute((trx: Db) => insertStagedCredits(trx, run, stagedAt, rows));
      staged += rows.length;
    }
    return await ctx.db.transaction().execute(async (trx: Db) => {
      if (!(await claimCreditsState(trx, state.version, key))) return null;
      if (all) await deleteAllCredits(trx);
      else for (const ids of chunks(dirtyIds)) await deleteCreditsOf(trx, ids);
      if (staged > 0 && (await moveStagedCredits(trx, run)) !== staged) throw new StagingLost();
      for (const [mark, ids] of byMark) for (const part of chunks(ids)) await deleteDirtyMarks(trx, mark, part);
      return state.version + 1;
    });
  } catch (e) {
    if (e instanceof StagingLost) return null;
    throw e;
  } finally {
    if (staged > 0) await deleteStagedRun(ctx.db, run);
  }
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
