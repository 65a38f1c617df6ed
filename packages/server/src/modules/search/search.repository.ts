import { searchDigraphs, searchFolds, sortKey } from '@nenner/shared';
import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import { docMatches, docRank, engineOf, isIndexedQuery } from '../../db/search.js';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '');

/**
 * What the search's folding adds to the sort key (`sortKey`: lower case, accents dropped, ß → ss): the
 * letters the sort key keeps (æ, ø, ł …), then ä/ae, ö/oe, ü/ue. A name's sort key folded by these is its
 * search key (for Latin letters; other scripts are lower-cased too), in a few `replace` calls instead of
 * one per foldable letter, which made the statement itself costly to prepare.
 */
const keyFolds = [...searchFolds.filter(([from]) => sortKey(from) === from), ...searchDigraphs];
const nameKey = (s: string) => keyFolds.reduce((out, [from, to]) => out.split(from).join(to), sortKey(s));
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const nameKeySql = (column: string) =>
  keyFolds.reduce((out, [from, to]) => `replace(${out}, ${lit(from)}, ${lit(to)})`, column);

/**
 * Live records of a small table whose name holds every word of the query, names that begin with it
 * first. Campaigns and competitors are searched by a scan of their names (no search documents: hundreds
 * of rows, not a million).
 */
const byName = (db: Db, table: 'campaigns' | 'competitors', query: string, limit: number) => {
  const folded = sql.raw(nameKeySql('r.sort_name'));
  const likes = nameKey(query).split(/\s+/).map(escapeLike).filter(Boolean);
  const q = likes.join(' ');
  // the tables share the columns read here (id, name, sort_name, deleted_at): typed as campaigns
  let found = db
    .selectFrom(`${table} as r` as 'campaigns as r')
    .select(['r.id', 'r.name'])
    .where('r.deleted_at', 'is', null);
  for (const w of likes) found = found.where(sql<boolean>`${folded} like ${`%${w}%`}`);
  return found
    .orderBy(sql`case when ${folded} like ${`${q}%`} then 0 else 1 end`)
    .orderBy('r.sort_name')
    .orderBy('r.id')
    .limit(limit)
    .execute();
};

/**
 * Live deals whose name holds every word, through their search documents (migration 0036): whole words
 * first, then beginnings of words. A query shorter than the trigrams matches the beginning of the name, on
 * the name's index (a scan that folds every name took seconds at 100,000 deals).
 */
const dealsByName = (db: Db, words: string[], limit: number) => {
  const live = (d: Db) => d.selectFrom('deals as r').select(['r.id', 'r.name']).where('r.deleted_at', 'is', null);
  if (!isIndexedQuery(words)) {
    // the sort key folds as the search does but for ä/ae, ö/oe, ü/ue: the folded beginning matches both
    const q = words.map(escapeLike).join(' ');
    return live(db)
      .where('r.sort_name', '>=', q)
      .where('r.sort_name', '<', `${q}\u{10ffff}`)
      .orderBy('r.sort_name')
      .orderBy('r.id')
      .limit(limit)
      .execute();
  }
  const ranked = (d: Db) =>
    live(d)
      .innerJoin('deal_search_docs as s', 's.deal_id', 'r.id')
      .where(docMatches(engineOf(d), 'deal', words, 'r.id'))
      .orderBy(docRank(engineOf(d), words))
      .orderBy('r.sort_name')
      .orderBy('r.id')
      .limit(limit)
      .execute();
  if (engineOf(db) === 'sqlite') return ranked(db);
  // PostgreSQL costs a scan of 100,000 deal documents below their trigram index and picks it, though
  // testing every document takes 40–50 ms and the index 9 (`xqzwv`, `schro` at 100k deals); the search
  // always goes through the index
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    return ranked(trx);
  });
};

/** Deals whose name holds every word, with their account's name. */
export const findDealHits = async (db: Db, words: string[], limit: number) => {
  const rows = await dealsByName(db, words, limit);
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

export const findCampaignHits = async (db: Db, query: string, limit: number) =>
  (await byName(db, 'campaigns', query, limit)).map((r) => ({ id: r.id, title: r.name, subtitle: null }));

export const findCompetitorHits = async (db: Db, query: string, limit: number) =>
  (await byName(db, 'competitors', query, limit)).map((r) => ({ id: r.id, title: r.name, subtitle: null }));
