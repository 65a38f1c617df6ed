import {
  type BattlecardRating,
  type Competitor,
  type CompetitorIntel,
  type CreateCompetitorInput,
  type CreateIntelInput,
  type ListCompetitorsQuery,
  type Page,
  type PageQuery,
  type RateBattlecardInput,
  renderMarkdown,
  sortKey,
  type UpdateCompetitorInput,
} from '@nenner/shared';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { CompetitorsTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { changesBetween, findLinkedRecord, recordAudit } from '../timeline/timeline.service.js';
import {
  carryRatingsForward,
  countDeals,
  countRatings,
  findCompetitorRow,
  findIntelRow,
  type IntelRow,
  insertCompetitor,
  insertIntel,
  listCompetitorRows,
  listIntelRows,
  listRatingRows,
  replaceRating,
  updateCompetitorRow,
} from './competitors.repository.js';

/** Why an edit was refused: marketing maintains the competitors. */
const cannotEdit = 'Marketing maintains competitors and battlecards';

const fields = ['name', 'website', 'positioning', 'strengths', 'weaknesses', 'pricingNotes', 'battlecard'] as const;

/** Ratings of each competitor's current battlecard and its deals by status, for a page of competitors. */
const present = async (db: Db, rows: CompetitorsTable[]): Promise<Competitor[]> => {
  const ids = rows.map((r) => r.id);
  const [ratings, deals] = await Promise.all([countRatings(db, ids), countDeals(db, ids)]);
  return rows.map((r) => {
    const rated = (value: string) =>
      ratings
        .filter((x) => x.competitor_id === r.id && x.battlecard_version === r.version && x.rating === value)
        .reduce((sum, x) => sum + Number(x.n), 0);
    const dealsIn = (status: string) =>
      deals.filter((x) => x.competitor_id === r.id && x.status === status).reduce((sum, x) => sum + Number(x.n), 0);
    return {
      id: r.id,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      name: r.name,
      website: r.website,
      positioning: r.positioning,
      strengths: r.strengths,
      weaknesses: r.weaknesses,
      pricingNotes: r.pricing_notes,
      battlecard: r.battlecard,
      battlecardHtml: renderMarkdown(r.battlecard),
      ratings: { helpful: rated('helpful'), outdated: rated('outdated') },
      deals: { open: dealsIn('open'), won: dealsIn('won'), lost: dealsIn('lost') },
    };
  });
};

const load = async (db: Db, id: string): Promise<CompetitorsTable> => {
  const row = await findCompetitorRow(db, id);
  if (!row) throw new AppError('competitor_not_found');
  return row;
};

const reload = async (db: Db, id: string): Promise<Competitor> =>
  (await present(db, [await load(db, id)]))[0] as Competitor;

/** Competitors by name, with battlecard ratings and deal counts. */
export const listCompetitors = async (
  ctx: AppContext,
  _actor: Actor,
  query: ListCompetitorsQuery,
): Promise<Page<Competitor>> => {
  const rows = await listCompetitorRows(ctx.db, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await present(ctx.db, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.sort_name, last.id, 'name') : null,
  };
};

/** One competitor with its rendered battlecard. */
export const getCompetitor = (ctx: AppContext, _actor: Actor, id: string): Promise<Competitor> => reload(ctx.db, id);

/** Creates a competitor (marketing, admins). */
export const createCompetitor = async (
  ctx: AppContext,
  actor: Actor,
  input: CreateCompetitorInput,
): Promise<Competitor> => {
  assertCan(actor, 'competitors.edit', undefined, cannotEdit);
  const now = nowIso();
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    await insertCompetitor(trx, {
      id,
      name: input.name,
      sort_name: sortKey(input.name),
      website: input.website ?? null,
      positioning: input.positioning ?? null,
      strengths: input.strengths ?? null,
      weaknesses: input.weaknesses ?? null,
      pricing_notes: input.pricingNotes ?? null,
      battlecard: input.battlecard ?? '',
      version: 1,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    });
    await recordAudit(trx, actor, 'competitor', id, 'created');
    return reload(trx, id);
  });
};

/**
 * Edits a competitor if the caller saw the latest version (marketing, admins). Ratings belong to a
 * battlecard text: they follow an edit that leaves the battlecard alone and stay behind when it changes.
 */
export const updateCompetitor = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateCompetitorInput,
): Promise<Competitor> => {
  assertCan(actor, 'competitors.edit', undefined, cannotEdit);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await load(trx, id);
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    const before = (await present(trx, [row]))[0] as Competitor;
    const changes = changesBetween(before, input, fields);
    if (changes.length === 0) return before;
    const result = await updateCompetitorRow(trx, id, expectedVersion, {
      ...(input.name !== undefined && { name: input.name, sort_name: sortKey(input.name) }),
      ...(input.website !== undefined && { website: input.website }),
      ...(input.positioning !== undefined && { positioning: input.positioning }),
      ...(input.strengths !== undefined && { strengths: input.strengths }),
      ...(input.weaknesses !== undefined && { weaknesses: input.weaknesses }),
      ...(input.pricingNotes !== undefined && { pricing_notes: input.pricingNotes }),
      ...(input.battlecard !== undefined && { battlecard: input.battlecard }),
      updated_at: nowIso(),
    });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    if (!changes.some((c) => c.field === 'battlecard')) {
      await carryRatingsForward(trx, id, expectedVersion, expectedVersion + 1);
    }
    await recordAudit(trx, actor, 'competitor', id, 'updated', changes);
    return reload(trx, id);
  });
};

/** Rates the current battlecard helpful or outdated (sales, admins); a user's new rating replaces the earlier one. */
export const rateBattlecard = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.output<typeof RateBattlecardInput>,
): Promise<Competitor> => {
  assertCan(actor, 'competitors.rate', undefined, 'Sales rates battlecards');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await load(trx, id);
    await replaceRating(trx, {
      id: newId(),
      competitor_id: id,
      user_id: actor.id,
      rating: input.rating,
      comment: input.comment || null,
      battlecard_version: row.version,
      created_at: nowIso(),
    });
    return reload(trx, id);
  });
};

/** Every rating with its comment, newest first; `current` marks those of today's battlecard. */
export const listRatings = async (
  ctx: AppContext,
  _actor: Actor,
  id: string,
  query: PageQuery,
): Promise<Page<BattlecardRating>> => {
  const competitor = await load(ctx.db, id);
  const rows = await listRatingRows(ctx.db, id, query.limit, query.cursor);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      rating: r.rating as BattlecardRating['rating'],
      comment: r.comment,
      user: { id: r.user_id, name: r.user_name, department: r.user_department },
      battlecardVersion: r.battlecard_version,
      current: r.battlecard_version === competitor.version,
      createdAt: r.created_at,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
};

const presentIntel = (r: IntelRow): CompetitorIntel => ({
  id: r.id,
  body: r.body,
  author: { id: r.author_id, name: r.author_name, department: r.author_department },
  deal: r.deal_id ? { id: r.deal_id, name: r.deal_name ?? '' } : null,
  createdAt: r.created_at,
});

/** Adds field intel ("they offer 20% discount"), optionally from a deal; any member may. */
export const addIntel = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.output<typeof CreateIntelInput>,
): Promise<CompetitorIntel> => {
  assertCan(actor, 'competitors.intel');
  const intelId = newId();
  return ctx.db.transaction().execute(async (trx) => {
    await load(trx, id);
    if (input.dealId && !(await findLinkedRecord(trx, 'deal', input.dealId))) {
      throw fieldError('dealId', 'Unknown deal');
    }
    await insertIntel(trx, {
      id: intelId,
      competitor_id: id,
      deal_id: input.dealId ?? null,
      body: input.body,
      author_id: actor.id,
      created_at: nowIso(),
    });
    const row = await findIntelRow(trx, intelId);
    if (!row) throw new AppError('competitor_not_found');
    return presentIntel(row);
  });
};

/** Field intel on a competitor, newest first, with author and deal. */
export const listIntel = async (
  ctx: AppContext,
  _actor: Actor,
  id: string,
  query: PageQuery,
): Promise<Page<CompetitorIntel>> => {
  await load(ctx.db, id);
  const rows = await listIntelRows(ctx.db, id, query.limit, query.cursor);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentIntel),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
};
