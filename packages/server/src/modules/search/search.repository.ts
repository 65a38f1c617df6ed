import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import { engineOf, foldSql } from '../../db/search.js';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '');

/**
 * Live records of a small table whose folded name holds every word, names that begin with the query
 * first. Deals, campaigns and competitors are searched by a scan of their names (no search documents:
 * thousands of rows, not a million).
 */
const byName = (db: Db, table: 'deals' | 'campaigns' | 'competitors', words: string[], limit: number) => {
  const folded = sql.raw(foldSql(engineOf(db), 'r.name'));
  const likes = words.map(escapeLike).filter(Boolean);
  const q = likes.join(' ');
  // the three tables share the columns read here (id, name, sort_name, deleted_at): typed as deals
  let query = db
    .selectFrom(`${table} as r` as 'deals as r')
    .select(['r.id', 'r.name'])
    .where('r.deleted_at', 'is', null);
  for (const w of likes) query = query.where(sql<boolean>`${folded} like ${`%${w}%`}`);
  return query
    .orderBy(sql`case when ${folded} like ${`${q}%`} then 0 else 1 end`)
    .orderBy('r.sort_name')
    .orderBy('r.id')
    .limit(limit)
    .execute();
};

/** Deals whose name holds every word, with their account's name. */
export const findDealHits = async (db: Db, words: string[], limit: number) => {
  const rows = await byName(db, 'deals', words, limit);
  if (rows.length === 0) return [];
  const accounts = await db
    .selectFrom('deals as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .select(['d.id', 'a.name'])
    .where(
      'd.id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const accountOf = new Map(accounts.map((a) => [a.id, a.name]));
  return rows.map((r) => ({ id: r.id, title: r.name, subtitle: accountOf.get(r.id) ?? null }));
};

export const findCampaignHits = async (db: Db, words: string[], limit: number) =>
  (await byName(db, 'campaigns', words, limit)).map((r) => ({ id: r.id, title: r.name, subtitle: null }));

export const findCompetitorHits = async (db: Db, words: string[], limit: number) =>
  (await byName(db, 'competitors', words, limit)).map((r) => ({ id: r.id, title: r.name, subtitle: null }));
