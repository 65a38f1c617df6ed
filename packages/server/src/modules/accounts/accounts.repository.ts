import { searchWords } from '@nenner/shared';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/db.js';
import { HAS_OPEN_DEAL } from '../../db/migrations/0049_account_open_deals.js';
import { hasAtLeast, notIndexed } from '../../db/plans.js';
import type { AccountsTable } from '../../db/schema.js';
import {
  afterRanked,
  decodeRankedCursor,
  docMatches,
  docRank,
  docSortable,
  engineOf,
  isIndexedQuery,
  prefixRange,
  rankedRecords,
  sortKeyPrefixes,
} from '../../db/search.js';
import { decodeCursor, parseSort } from '../../lib/cursor.js';

const sortColumns = { name: 'a.sort_name', createdAt: 'a.created_at', updatedAt: 'a.updated_at' } as const;

const selectAccounts = (db: Db) =>
  db
    .selectFrom('accounts as a')
    .leftJoin('users as o', 'o.id', 'a.owner_id')
    .leftJoin('users as mp', 'mp.id', 'a.marketing_partner_id')
    .leftJoin('teams as tm', 'tm.id', 'a.team_id')
    .selectAll('a')
    .select([
      'o.name as owner_name',
      'o.department as owner_department',
      'mp.name as partner_name',
      'mp.department as partner_department',
      'tm.name as team_name',
    ]);

/**
 * The one definition of "an account with an open deal" (the coverage figure and the list's `openDeals`):
 * its flag `has_open_deal` (a deal neither won nor lost and not in the trash, kept by triggers on `deals`,
 * migration 0049). Spelled as the predicate of the indexes that hold those accounts in each
 * sort's order, so the list walks one of them.
 */
const hasOpenDeal = sql<SqlBool>`a.${sql.raw(HAS_OPEN_DEAL)}`;

/**
 * Whether at least 1,000 live accounts have a marketing partner: then the pairs are a large share and the
 * list walks its sort's index; below, the few are read by the partner's index (a walk would read every
 * account when none has a partner: 250–300 ms at 200,000 accounts).
 */
const manyPartners = async (db: Db) =>
  engineOf(db) !== 'sqlite' ||
  hasAtLeast(
    db,
    db
      .selectFrom('accounts')
      .select(sql<number>`1`.as('one'))
      .where('marketing_partner_id', 'is not', null)
      .where('deleted_at', 'is', null),
    1000,
  );

export type AccountRow = Awaited<ReturnType<ReturnType<typeof selectAccounts>['executeTakeFirstOrThrow']>>;

export const findAccountRow = (db: Db, id: string, opts: { includeDeleted?: boolean } = {}) => {
  let q = selectAccounts(db).where('a.id', '=', id);
  if (!opts.includeDeleted) q = q.where('a.deleted_at', 'is', null);
  return q.executeTakeFirst();
};

export interface AccountFilter {
  q?: string;
  ownerId?: string;
  country?: string;
  industry?: string;
  employeeBand?: string;
  tag?: string;
  pair?: 'both' | 'missing_partner';
  teamId?: string;
  openDeals?: boolean;
  trash?: boolean;
  sort: `${'' | '-'}${keyof typeof sortColumns}`;
  limit: number;
  cursor?: string;
}

/** A listed account; `search_rank` (0 exact, 1 prefix, 2 inside a word) when the list was searched. */
export type ListedAccountRow = AccountRow & { search_rank?: number };

/**
 * One page by keyset; never counts the table. Returns limit+1 rows so the caller knows if more follow.
 * A query with a word of 3 letters or more searches the accounts' documents (name, domain, city;
 * db/search.ts) and orders by rank, then the sort.
 */
export const listAccountRows = async (db: Db, f: AccountFilter): Promise<ListedAccountRow[]> => {
  const { field, desc } = parseSort(f.sort);
  const col = sortColumns[field];
  const words = f.q ? searchWords(f.q) : [];
  const ranked = isIndexedQuery(words);
  let q = selectAccounts(db).where('a.deleted_at', f.trash ? 'is not' : 'is', null);
  // a query shorter than the trigrams: the beginning of the name, folded as the search folds (`mue` is `mu`,
  // so Müller and Mueller alike), or of the domain; each one range of its column's index
  const beginnings =
    f.q && !ranked && words.length > 0
      ? [
          ...sortKeyPrefixes(words.join(' ')).map((p) => prefixRange('a.sort_name', p)),
          prefixRange('a.domain', f.q.trim().toLowerCase()),
        ]
      : [];
  if (f.ownerId === 'none') q = q.where('a.owner_id', 'is', null);
  else if (f.ownerId) q = q.where('a.owner_id', '=', f.ownerId);
  if (f.country) q = q.where('a.country', '=', f.country);
  if (f.industry) q = q.where('a.industry', '=', f.industry);
  if (f.employeeBand) q = q.where('a.employee_band', '=', f.employeeBand);
  if (f.tag) q = q.where('a.tags', 'like', `%${JSON.stringify(f.tag).replace(/[%_\\]/g, '')}%`);
  // pairs and teams are large shares of the accounts: walk the sort's index rather than theirs
  const owner = notIndexed(db, 'a.owner_id');
  const partner = notIndexed(db, 'a.marketing_partner_id');
  // the few accounts with a marketing partner are found by the partner's index and sorted (`+` on the
  // sort keeps SQLite from walking the sort's index instead, as its statistics of an empty column suggest)
  const fewPairs = f.pair === 'both' && !(await manyPartners(db));
  if (fewPairs) {
    q = q.where(owner, 'is not', null).where('a.marketing_partner_id', 'is not', null);
  } else if (f.pair === 'both') q = q.where(owner, 'is not', null).where(partner, 'is not', null);
  else if (f.pair === 'missing_partner') q = q.where(owner, 'is not', null).where(partner, 'is', null);
  if (f.teamId) q = q.where(notIndexed(db, 'a.team_id'), '=', f.teamId);
  if (f.openDeals) q = q.where(hasOpenDeal);
  const timestamp = field === 'createdAt' || field === 'updatedAt';
  const dir = desc ? 'desc' : 'asc';
  if (ranked) {
    const filtered =
      f.ownerId || f.country || f.industry || f.employeeBand || f.tag || f.pair || f.teamId || f.openDeals;
    if (!filtered && docSortable('account', col)) {
      // rank and order from the documents alone; only the page's accounts are read
      return rankedRecords(db, 'account', words, f, { column: col, desc, timestamp }, (ids) =>
        q.where('a.id', 'in', ids).execute(),
      );
    }
    const rank = docRank(engineOf(db), words);
    let r = q
      .innerJoin('account_search_docs as s', 's.account_id', 'a.id')
      .where(docMatches(engineOf(db), 'account', words, 'a.id'));
    if (f.cursor) r = r.where(afterRanked(rank, col, 'a.id', decodeRankedCursor(f.cursor, f.sort, timestamp), desc));
    return r
      .select(rank.as('search_rank'))
      .orderBy(sql`search_rank`)
      .orderBy(col, dir)
      .orderBy('a.id', dir)
      .limit(f.limit + 1)
      .execute();
  }
  if (f.cursor) {
    const [value, id] = decodeCursor(f.cursor, { sort: f.sort, timestamp });
    q = q.where((eb) => eb(eb.refTuple(col, 'a.id'), desc ? '<' : '>', eb.tuple(String(value), id)));
  }
  if (beginnings.length > 0) {
    // each range's page in the list's order (by the range's index, its few rows sorted when the list is
    // sorted by another column: `+` keeps SQLite from walking that column's index past rare beginnings),
    // merged (an OR of ranges is no index's range) and cut to the page: whole rows, so no second read by
    // id (which SQLite may plan as a scan when its statistics think the table small)
    const order = col === 'a.sort_name' ? sql.ref(col) : notIndexed(db, col);
    const [first, ...rest] = beginnings.map((range) =>
      db
        .selectFrom(
          q
            .select(sql<string>`${sql.ref(col)}`.as('list_key'))
            .where(range)
            .orderBy(order, dir)
            .orderBy('a.id', dir)
            .limit(f.limit + 1)
            .as('p'),
        )
        .selectAll('p'),
    );
    const merged = rest.reduce((all, page) => all.union(page), first as NonNullable<typeof first>);
    const rows = (await db
      .selectFrom(merged.as('m'))
      .selectAll('m')
      .orderBy('m.list_key', dir)
      .orderBy('m.id', dir)
      .limit(f.limit + 1)
      .execute()) as (AccountRow & { list_key: string })[];
    return rows.map(({ list_key: _, ...row }) => row);
  }
  return q
    .orderBy(fewPairs ? notIndexed(db, col) : sql.ref(col), dir)
    .orderBy('a.id', dir)
    .limit(f.limit + 1)
    .execute();
};

export const cursorValue = (row: AccountRow, sort: AccountFilter['sort']): string => {
  const { field } = parseSort(sort);
  return field === 'name' ? row.sort_name : field === 'createdAt' ? row.created_at : row.updated_at;
};

export const insertAccount = (db: Db, row: AccountsTable) => db.insertInto('accounts').values(row).execute();

export const updateAccountRow = (db: Db, id: string, version: number, set: Partial<AccountsTable>) =>
  db
    .updateTable('accounts')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

export const accountIsLive = async (db: Db, id: string): Promise<boolean> =>
  (await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()) !== undefined;

/** How many rows of the group meet the condition (null on PostgreSQL for an empty group). */
const countWhere = (condition: RawBuilder<boolean>) =>
  sql<number | string | null>`sum(case when ${condition} then 1 else 0 end)`;

/**
 * Live accounts with an open deal (optionally of one team), split by pair: owner and partner, owner
 * without partner, no owner. One row; sums are null on PostgreSQL when nothing matches.
 */
export const countCoverage = (db: Db, teamId: string | undefined) => {
  let q = db
    .selectFrom('accounts as a')
    .where('a.deleted_at', 'is', null)
    .where(hasOpenDeal)
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      countWhere(sql`a.owner_id is not null and a.marketing_partner_id is not null`).as('paired'),
      countWhere(sql`a.owner_id is not null and a.marketing_partner_id is null`).as('missing_partner'),
      countWhere(sql`a.owner_id is null`).as('missing_owner'),
    ]);
  if (teamId) q = q.where('a.team_id', '=', teamId);
  return q.executeTakeFirstOrThrow();
};

/** How many live accounts the team owns. */
export const countTeamAccounts = async (db: Db, teamId: string): Promise<number> => {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('team_id', '=', teamId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};
