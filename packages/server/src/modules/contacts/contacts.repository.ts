import { searchWords } from '@nenner/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/db.js';
import { hasAtLeast, notIndexed } from '../../db/plans.js';
import type { ContactsTable } from '../../db/schema.js';
import {
  afterRanked,
  anySortKeyPrefix,
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

const sortColumns = {
  lastName: 'c.sort_last_name',
  firstName: 'c.sort_first_name',
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
} as const;

const selectContacts = (db: Db) =>
  db
    .selectFrom('contacts as c')
    .leftJoin('users as o', 'o.id', 'c.owner_id')
    .leftJoin('accounts as a', 'a.id', 'c.account_id')
    .selectAll('c')
    .select(['o.name as owner_name', 'o.department as owner_department', 'a.name as account_name']);

export type ContactRow = Awaited<ReturnType<ReturnType<typeof selectContacts>['executeTakeFirstOrThrow']>>;

export const findContactRow = (db: Db, id: string, opts: { includeDeleted?: boolean } = {}) => {
  let q = selectContacts(db).where('c.id', '=', id);
  if (!opts.includeDeleted) q = q.where('c.deleted_at', 'is', null);
  return q.executeTakeFirst();
};

export interface ContactFilter {
  q?: string;
  ownerId?: string;
  accountOwnerId?: string;
  accountId?: string;
  lifecycleStage?: string;
  source?: string;
  tag?: string;
  trash?: boolean;
  sort: `${'' | '-'}${keyof typeof sortColumns}`;
  limit: number;
  cursor?: string;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '');

/** One alternative of a short query: `column` begins with `prefix` (and `and` holds). */
interface PrefixBranch {
  column: 'c.email' | 'c.sort_last_name' | 'c.sort_first_name';
  prefix: string;
  and?: Expression<SqlBool>;
}

/**
 * A query whose words are all shorter than the trigrams: contacts whose last or first name, or address,
 * begins with it, or whose first name begins with its first word and last name with the rest. Folded as
 * the search folds (`mue` is `mu`: Müller and Mueller), each alternative one index range (`sortKeyPrefixes`).
 */
const shortQueryBranches = (words: string[], q: string): PrefixBranch[] => {
  const [first, ...rest] = words;
  if (!first) return [];
  const email = q.trim().toLowerCase();
  if (rest.length > 0) {
    const last = anySortKeyPrefix('c.sort_last_name', rest.join(' '));
    return [
      { column: 'c.email', prefix: email },
      ...sortKeyPrefixes(first).map((prefix) => ({ column: 'c.sort_first_name' as const, prefix, and: last })),
    ];
  }
  return [
    ...[first, ...(email.startsWith(first) ? [] : [email])].map((prefix) => ({ column: 'c.email' as const, prefix })),
    ...(['c.sort_last_name', 'c.sort_first_name'] as const).flatMap((column) =>
      sortKeyPrefixes(first).map((prefix) => ({ column, prefix })),
    ),
  ];
};

/**
 * Past this many matches of a branch on another column than the sort's, SQLite walks the sort's index and
 * tests the branch on the way (about limit × table ÷ matches rows) rather than reading every match and
 * sorting them: `ma` is 85,644 first names at 1M (2 s). SQLite cannot tell the two apart (no range statistics);
 * PostgreSQL can, and chooses by itself.
 */
const WALK_SORT_INDEX_FROM = 5000;

/**
 * From this many live accounts of one owner ("Meine Kunden" by account owner), SQLite walks the sort's
 * index and looks up each contact's account by its key: at 1M contacts a rep with 42,000 accounts gets a
 * page in 0.1–0.5 ms instead of 190–340 ms for reading their 210,000 contacts through their accounts and
 * sorting them. An owner with fewer accounts has few contacts, found through the accounts; PostgreSQL
 * estimates the share itself.
 */
const ACCOUNT_OWNER_WALK_FROM = 1000;

const walksAccountOwner = (db: Db, ownerId: string) =>
  engineOf(db) === 'sqlite' &&
  hasAtLeast(
    db,
    db
      .selectFrom('accounts')
      .select(sql<number>`1`.as('one'))
      .where('owner_id', '=', ownerId)
      .where('deleted_at', 'is', null),
    ACCOUNT_OWNER_WALK_FROM,
  );

/** A listed contact; `search_rank` (0 exact, 1 prefix, 2 inside a word) when the list was searched. */
export type ListedContactRow = ContactRow & { search_rank?: number };

/**
 * The list's filters but the search and the trash, one condition each: the list and the export apply the
 * same ones. The stage's index serves the name order only; for the other sorts the sort's index is walked.
 */
const filterConditions = async (
  db: Db,
  f: Omit<ContactFilter, 'q' | 'cursor' | 'sort' | 'limit'>,
  field: keyof typeof sortColumns,
): Promise<Expression<SqlBool>[]> => {
  const out: Expression<SqlBool>[] = [];
  if (f.ownerId === 'none') out.push(sql<SqlBool>`c.owner_id is null`);
  else if (f.ownerId) out.push(sql<SqlBool>`c.owner_id = ${f.ownerId}`);
  if (f.accountId) out.push(sql<SqlBool>`c.account_id = ${f.accountId}`);
  if (f.accountOwnerId) {
    out.push(
      (await walksAccountOwner(db, f.accountOwnerId))
        ? sql<SqlBool>`(select a.owner_id from accounts a where a.id = c.account_id and a.deleted_at is null) = ${f.accountOwnerId}`
        : sql<SqlBool>`c.account_id in (select id from accounts where owner_id = ${f.accountOwnerId} and deleted_at is null)`,
    );
  }
  if (f.lifecycleStage) {
    const stage = stageOrdered(field) ? sql.ref('c.lifecycle_stage') : notIndexed(db, 'c.lifecycle_stage');
    out.push(sql<SqlBool>`${stage} = ${f.lifecycleStage}`);
  }
  if (f.source) out.push(sql<SqlBool>`c.source = ${f.source}`);
  if (f.tag) out.push(sql<SqlBool>`c.tags like ${`%${escapeLike(JSON.stringify(f.tag))}%`}`);
  return out;
};

/** The sorts with an index per lifecycle stage in their order (0001, 0048); the others walk their own. */
const stageOrdered = (field: keyof typeof sortColumns): boolean => field === 'lastName' || field === 'updatedAt';

/**
 * One page by keyset; never counts the table. Returns limit+1 rows so the caller knows if more follow.
 * A query with a word of 3 letters or more searches the contacts' documents (db/search.ts) and orders by
 * rank, then the sort; a shorter one matches the beginnings of names and the address.
 */
export const listContactRows = async (db: Db, f: ContactFilter): Promise<ListedContactRow[]> => {
  const { field, desc } = parseSort(f.sort);
  const col = sortColumns[field];
  const words = f.q ? searchWords(f.q) : [];
  const ranked = isIndexedQuery(words);
  const where: Expression<SqlBool>[] = [
    sql<SqlBool>`c.deleted_at ${sql.raw(f.trash ? 'is not null' : 'is null')}`,
    ...(await filterConditions(db, f, field)),
  ];
  // the page's rows under the conditions so far (the cursor's comes after the ranked search)
  const rows = () => selectContacts(db).where((eb) => eb.and(where));
  const prefixes = f.q && !ranked ? shortQueryBranches(words, f.q) : [];
  const timestamp = field === 'createdAt' || field === 'updatedAt';
  const dir = desc ? 'desc' : 'asc';
  if (ranked) {
    const filtered = f.ownerId || f.accountId || f.accountOwnerId || f.lifecycleStage || f.source || f.tag;
    if (!filtered && docSortable('contact', col)) {
      // rank and order from the documents alone; only the page's contacts are read
      return rankedRecords(db, 'contact', words, f, { column: col, desc, timestamp }, (ids) =>
        rows().where('c.id', 'in', ids).execute(),
      );
    }
    const rank = docRank(engineOf(db), words);
    let r = rows()
      .innerJoin('contact_search_docs as s', 's.contact_id', 'c.id')
      .where(docMatches(engineOf(db), 'contact', words, 'c.id'));
    if (f.cursor) r = r.where(afterRanked(rank, col, 'c.id', decodeRankedCursor(f.cursor, f.sort, timestamp), desc));
    return r
      .select(rank.as('search_rank'))
      .orderBy(sql`search_rank`)
      .orderBy(col, dir)
      .orderBy('c.id', dir)
      .limit(f.limit + 1)
      .execute();
  }
  if (f.cursor) {
    const [value, id] = decodeCursor(f.cursor, { sort: f.sort, timestamp });
    where.push(sql<SqlBool>`(${sql.ref(col)}, c.id) ${sql.raw(desc ? '<' : '>')} (${String(value)}, ${id})`);
  }
  if (f.lifecycleStage && stageOrdered(field) && prefixes.length === 0 && engineOf(db) === 'postgres') {
    // PostgreSQL: the page's ids first, from the stage's index alone (an index-only range), then those
    // contacts. Asked for whole rows, it walks the change index instead, whose heap it reads in order, and
    // tests the stage on the way; the stages are not mixed evenly in that order (0048), and at 1M contacts
    // the oldest customers took 46 ms that way (23,191 contacts passed by) against 0.2 ms by their ids.
    // Without the joins: with them PostgreSQL does not consider an index-only read, even of joins it drops.
    // The page size as a literal: a generic plan counts a parameter's limit as a tenth of the stage, and on
    // a table of thousands hashed all of it to join the page's ids (the plan test's generic plans).
    const ids = db
      .selectFrom('contacts as c')
      .select('c.id')
      .where((eb) => eb.and(where))
      .orderBy(col, dir)
      .orderBy('c.id', dir)
      .limit(sql.lit(f.limit + 1));
    return selectContacts(db).where('c.id', 'in', ids).orderBy(col, dir).orderBy('c.id', dir).execute();
  }
  if (prefixes.length > 0) {
    // each beginning is one range of its column's index, its page read in the list's order; the pages
    // merged are at most a few times the limit, read by their keys (an OR of them is no index's range)
    const sqlite = engineOf(db) === 'sqlite';
    const conditions = await Promise.all(
      prefixes.map(async (b) => {
        const walk =
          sqlite &&
          b.column !== col &&
          (await hasAtLeast(
            db,
            db
              .selectFrom('contacts as c')
              .select(sql<number>`1`.as('one'))
              .where('c.deleted_at', f.trash ? 'is not' : 'is', null)
              .where(prefixRange(b.column, b.prefix)),
            WALK_SORT_INDEX_FROM,
          ));
        const range = prefixRange(b.column, b.prefix, walk);
        return b.and ? sql<SqlBool>`(${range} and ${b.and})` : range;
      }),
    );
    const pages = conditions.map((branch) =>
      db
        .selectFrom(
          rows()
            .clearSelect()
            .select('c.id')
            .where(branch)
            .orderBy(col, dir)
            .orderBy('c.id', dir)
            .limit(f.limit + 1)
            .as('p'),
        )
        .select('p.id'),
    );
    const [first, ...rest] = pages;
    const ids = rest.reduce((all, page) => all.union(page), first as NonNullable<typeof first>);
    return selectContacts(db)
      .where('c.id', 'in', ids)
      .orderBy(col, dir)
      .orderBy('c.id', dir)
      .limit(f.limit + 1)
      .execute();
  }
  return rows()
    .orderBy(col, dir)
    .orderBy('c.id', dir)
    .limit(f.limit + 1)
    .execute();
};

export const cursorValue = (row: ContactRow, sort: ContactFilter['sort']): string => {
  const { field } = parseSort(sort);
  if (field === 'lastName') return row.sort_last_name;
  if (field === 'firstName') return row.sort_first_name;
  return field === 'createdAt' ? row.created_at : row.updated_at;
};

export const insertContact = (db: Db, row: ContactsTable) => db.insertInto('contacts').values(row).execute();

export const updateContactRow = (db: Db, id: string, version: number, set: Partial<ContactsTable>) =>
  db
    .updateTable('contacts')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

/** The contact's own row, in the trash too: what a lifecycle change starts from. */
export const findContactColumns = (db: Db, id: string) =>
  db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();

/** The contact's first campaign: set once, by the first touch that belongs to a campaign. */
export const setSourceCampaignIfNone = (db: Db, contactId: string, campaignId: string) =>
  db
    .updateTable('contacts')
    .set({ source_campaign_id: campaignId })
    .where('id', '=', contactId)
    .where('source_campaign_id', 'is', null)
    .execute();

/** Only what a list export writes, and the sort keys its pages are walked by (the export's lean row path). */
const selectContactExport = (db: Db) =>
  db
    .selectFrom('contacts as c')
    .leftJoin('users as o', 'o.id', 'c.owner_id')
    .leftJoin('accounts as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.first_name',
      'c.last_name',
      'c.emails',
      'c.phone',
      'c.job_title',
      'c.account_id',
      'a.name as account_name',
      'c.lifecycle_stage',
      'c.source',
      'c.tags',
      'c.score',
      'c.owner_id',
      'o.name as owner_name',
      'c.consent_status',
      'c.created_at',
      'c.updated_at',
      'c.sort_last_name',
      'c.sort_first_name',
    ]);

export type ContactExportRow = Awaited<ReturnType<ReturnType<typeof selectContactExport>['executeTakeFirstOrThrow']>>;

/** The list's filters without a search (a search goes through `listContactRows`), a page after `after`. */
export type ContactExportFilter = Omit<ContactFilter, 'q' | 'cursor'> & { after?: ContactExportRow };

const exportSortValue = (row: ContactExportRow, field: keyof typeof sortColumns): string =>
  field === 'lastName'
    ? row.sort_last_name
    : field === 'firstName'
      ? row.sort_first_name
      : field === 'createdAt'
        ? row.created_at
        : row.updated_at;

/**
 * One page of an export by keyset, `limit` rows (fewer: the last page). The same filters, order and index
 * choices as `listContactRows` without `q`, but only the exported columns: reading every column of a
 * contact and presenting it as an API record was two thirds of an export's CPU (docs/performance.md).
 */
export const listContactExportRows = async (db: Db, f: ContactExportFilter): Promise<ContactExportRow[]> => {
  const { field, desc } = parseSort(f.sort);
  const col = sortColumns[field];
  let q = selectContactExport(db).where('c.deleted_at', f.trash ? 'is not' : 'is', null);
  for (const condition of await filterConditions(db, f, field)) q = q.where(condition);
  const after = f.after;
  if (after) {
    q = q.where((eb) =>
      eb(eb.refTuple(col, 'c.id'), desc ? '<' : '>', eb.tuple(exportSortValue(after, field), after.id)),
    );
  }
  const dir = desc ? 'desc' : 'asc';
  return q.orderBy(col, dir).orderBy('c.id', dir).limit(f.limit).execute();
};
