import { sortKey } from '@nenner/shared';
import type { Db } from '../../db/db.js';
import type { BattlecardRatingsTable, CompetitorIntelTable, CompetitorsTable } from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

export const findCompetitorRow = (db: Db, id: string) =>
  db.selectFrom('competitors').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();

/** By name, keyset on (sort_name, id). */
export const listCompetitorRows = (db: Db, f: { q?: string; limit: number; cursor?: string }) => {
  let q = db.selectFrom('competitors').selectAll().where('deleted_at', 'is', null);
  if (f.q) q = q.where('sort_name', 'like', `%${sortKey(f.q).replace(/[%_\\]/g, '')}%`);
  if (f.cursor) {
    const [name, id] = decodeCursor(f.cursor, { sort: 'name' });
    q = q.where((eb) => eb(eb.refTuple('sort_name', 'id'), '>', eb.tuple(String(name), id)));
  }
  return q
    .orderBy('sort_name')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
};

export const insertCompetitor = (db: Db, row: CompetitorsTable) => db.insertInto('competitors').values(row).execute();

export const updateCompetitorRow = (db: Db, id: string, version: number, set: Partial<CompetitorsTable>) =>
  db
    .updateTable('competitors')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

/** Ratings per competitor, version and value (the caller keeps those of the current battlecard). */
export const countRatings = (db: Db, competitorIds: string[]) =>
  competitorIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('battlecard_ratings')
        .select(['competitor_id', 'battlecard_version', 'rating', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('competitor_id', 'in', competitorIds)
        .groupBy(['competitor_id', 'battlecard_version', 'rating'])
        .execute();

/** An edit that left the battlecard text alone keeps its ratings: they move on to the new version. */
export const carryRatingsForward = (db: Db, competitorId: string, from: number, to: number) =>
  db
    .updateTable('battlecard_ratings')
    .set({ battlecard_version: to })
    .where('competitor_id', '=', competitorId)
    .where('battlecard_version', '=', from)
    .execute();

/** One rating per user and battlecard version: a new one replaces the user's earlier one. */
export const replaceRating = async (db: Db, row: BattlecardRatingsTable): Promise<void> => {
  await db
    .deleteFrom('battlecard_ratings')
    .where('competitor_id', '=', row.competitor_id)
    .where('user_id', '=', row.user_id)
    .where('battlecard_version', '=', row.battlecard_version)
    .execute();
  await db.insertInto('battlecard_ratings').values(row).execute();
};

export const listRatingRows = (db: Db, competitorId: string, limit: number, cursor?: string) => {
  let q = db
    .selectFrom('battlecard_ratings as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .selectAll('r')
    .select(['u.name as user_name', 'u.department as user_department'])
    .where('r.competitor_id', '=', competitorId);
  if (cursor) {
    const [at, id] = decodeCursor(cursor, { timestamp: true });
    q = q.where((eb) => eb(eb.refTuple('r.created_at', 'r.id'), '<', eb.tuple(String(at), id)));
  }
  return q
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit + 1)
    .execute();
};

/**
 * Live deals per competitor and status: deals it is involved in (deal_competitors) or lost to it,
 * each deal counted once.
 */
export const countDeals = async (db: Db, competitorIds: string[]) => {
  if (competitorIds.length === 0) return [];
  const involved = db
    .selectFrom('deal_competitors as dc')
    .innerJoin('deals as d', 'd.id', 'dc.deal_id')
    .select(['dc.competitor_id as competitor_id', 'd.id as deal_id', 'd.status as status'])
    .where('dc.competitor_id', 'in', competitorIds)
    .where('d.deleted_at', 'is', null);
  const lostTo = db
    .selectFrom('deals as d')
    .select(['d.lost_to_competitor_id as competitor_id', 'd.id as deal_id', 'd.status as status'])
    .where('d.lost_to_competitor_id', 'in', competitorIds)
    .where('d.deleted_at', 'is', null)
    .$narrowType<{ competitor_id: string }>();
  return db
    .selectFrom(involved.union(lostTo).as('x'))
    .select(['x.competitor_id', 'x.status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy(['x.competitor_id', 'x.status'])
    .execute();
};

export const insertIntel = (db: Db, row: CompetitorIntelTable) =>
  db.insertInto('competitor_intel').values(row).execute();

const selectIntel = (db: Db) =>
  db
    .selectFrom('competitor_intel as i')
    .innerJoin('users as u', 'u.id', 'i.author_id')
    .leftJoin('deals as d', 'd.id', 'i.deal_id')
    .selectAll('i')
    .select(['u.name as author_name', 'u.department as author_department', 'd.name as deal_name']);

export type IntelRow = Awaited<ReturnType<ReturnType<typeof selectIntel>['executeTakeFirstOrThrow']>>;

export const findIntelRow = (db: Db, id: string) => selectIntel(db).where('i.id', '=', id).executeTakeFirst();

/** Newest first; keyset on (created_at, id) over the index competitor_intel_competitor. */
export const listIntelRows = (db: Db, competitorId: string, limit: number, cursor?: string) => {
  let q = selectIntel(db).where('i.competitor_id', '=', competitorId);
  if (cursor) {
    const [at, id] = decodeCursor(cursor, { timestamp: true });
    q = q.where((eb) => eb(eb.refTuple('i.created_at', 'i.id'), '<', eb.tuple(String(at), id)));
  }
  return q
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit + 1)
    .execute();
};

/**
 * Deals closed in [from, to): one row per deal and involved competitor (competitor_id null when none
 * was recorded), with what the report needs.
 */
export const findClosedDealFacts = (db: Db, from: string, to: string) =>
  db
    .selectFrom('deals as d')
    .leftJoin('deal_competitors as dc', 'dc.deal_id', 'd.id')
    .select([
      'd.id',
      'd.status',
      'd.amount',
      'd.currency',
      'd.close_reason',
      'd.lost_to_competitor_id',
      'dc.competitor_id',
    ])
    .where('d.deleted_at', 'is', null)
    .where('d.status', 'in', ['won', 'lost'])
    .where('d.closed_at', '>=', from)
    .where('d.closed_at', '<', to)
    .execute();

export const findCompetitorNames = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('competitors').select(['id', 'name']).where('id', 'in', ids).execute();
