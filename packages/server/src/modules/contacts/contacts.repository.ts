import { searchWords, sortKey } from '@nenner/shared';
import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import { notIndexed } from '../../db/plans.js';
import type { ContactsTable } from '../../db/schema.js';
import { decodeRankedCursor, docMatches, docRank, engineOf, isIndexedQuery } from '../../db/search.js';
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

/** A listed contact; `search_rank` (0 exact, 1 prefix, 2 inside a word) when the list was searched. */
export type ListedContactRow = ContactRow & { search_rank?: number };

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
  let q = selectContacts(db).where('c.deleted_at', f.trash ? 'is not' : 'is', null);
  if (f.q && !ranked) {
    const words = sortKey(f.q).split(/\s+/).map(escapeLike).filter(Boolean);
    const email = escapeLike(f.q.trim().toLowerCase());
    q = q.where((eb) => {
      const [first, ...rest] = words;
      const options = [eb('c.email', 'like', `${email}%`)];
      if (first && rest.length === 0) {
        options.push(eb('c.sort_last_name', 'like', `${first}%`), eb('c.sort_first_name', 'like', `${first}%`));
      } else if (first) {
        options.push(
          eb.and([eb('c.sort_first_name', 'like', `${first}%`), eb('c.sort_last_name', 'like', `${rest.join(' ')}%`)]),
        );
      }
      return eb.or(options);
    });
  }
  if (f.ownerId === 'none') q = q.where('c.owner_id', 'is', null);
  else if (f.ownerId) q = q.where('c.owner_id', '=', f.ownerId);
  if (f.accountId) q = q.where('c.account_id', '=', f.accountId);
  if (f.accountOwnerId) {
    const owned = db
      .selectFrom('accounts')
      .select('id')
      .where('owner_id', '=', f.accountOwnerId)
      .where('deleted_at', 'is', null);
    q = q.where('c.account_id', 'in', owned);
  }
  // the stage's index serves the name order only; for the other sorts the sort's index is walked
  if (f.lifecycleStage) {
    q = q.where(
      field === 'lastName' ? 'c.lifecycle_stage' : notIndexed(db, 'c.lifecycle_stage'),
      '=',
      f.lifecycleStage,
    );
  }
  if (f.source) q = q.where('c.source', '=', f.source);
  if (f.tag) q = q.where('c.tags', 'like', `%${escapeLike(JSON.stringify(f.tag))}%`);
  const timestamp = field === 'createdAt' || field === 'updatedAt';
  const dir = desc ? 'desc' : 'asc';
  if (ranked) {
    const rank = docRank(words);
    let r = q
      .innerJoin('contact_search_docs as s', 's.contact_id', 'c.id')
      .where(docMatches(engineOf(db), 'contact', words, 'c.id'));
    if (f.cursor) {
      const at = decodeRankedCursor(f.cursor, f.sort, timestamp);
      r = r.where((eb) =>
        eb.or([
          eb(rank, '>', at.rank),
          eb.and([
            eb(rank, '=', at.rank),
            eb(eb.refTuple(col, 'c.id'), desc ? '<' : '>', eb.tuple(String(at.value), at.id)),
          ]),
        ]),
      );
    }
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
    q = q.where((eb) => eb(eb.refTuple(col, 'c.id'), desc ? '<' : '>', eb.tuple(String(value), id)));
  }
  return q
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
