import {
  accountCompletenessFields,
  type CompletenessField,
  contactCompletenessFields,
  type QualityRecordType,
} from '@nenner/shared';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/db.js';
import type { Engine } from '../../db/dialect.js';

// ——— Completeness ————————————————————————————————————————————————————————————————————————————

/*
 * The "needs attention" list orders an owner's records by completeness in SQL. The field list and the
 * weights come from completeness.ts (the one source of truth); this file only says, per field name, what
 * "filled" means as a column test. A field added there without a test here fails at start-up, and a test
 * compares the SQL score with completenessOf on the same records. SQL sums the filled weight (an integer,
 * ordered and paged by keyset); the page's scores and missing fields are then computed by completenessOf.
 */
const text = (col: string) => sql<boolean>`coalesce(trim(${sql.ref(col)}), '') <> ''`;
const set = (col: string) => sql<boolean>`${sql.ref(col)} is not null`;

const filledTests: Record<QualityRecordType, Record<string, RawBuilder<boolean>>> = {
  contact: {
    // contacts.email holds the first address, lowercased; null when the list is empty
    email: set('email'),
    lastName: text('last_name'),
    firstName: text('first_name'),
    accountId: set('account_id'),
    jobTitle: text('job_title'),
    phone: text('phone'),
    ownerId: set('owner_id'),
  },
  account: {
    domain: text('domain'),
    industry: text('industry'),
    employeeBand: text('employee_band'),
    country: text('country'),
    city: text('city'),
    ownerId: set('owner_id'),
  },
};

const filledWeightSql = <T>(type: QualityRecordType, fields: CompletenessField<T>[]): RawBuilder<number> => {
  const terms = fields.map((f) => {
    const test = filledTests[type][f.field];
    if (!test) throw new Error(`No SQL test for the ${type} completeness field ${f.field}`);
    return sql`case when ${test} then ${sql.lit(f.weight)} else 0 end`;
  });
  return sql<number>`(${sql.join(terms, sql` + `)})`;
};

const filledWeight = {
  contact: filledWeightSql('contact', contactCompletenessFields),
  account: filledWeightSql('account', accountCompletenessFields),
};

export interface AttentionRow {
  id: string;
  filled: number;
  updated_at: string;
  // contact columns
  first_name?: string;
  last_name?: string;
  emails?: string;
  job_title?: string | null;
  phone?: string | null;
  account_id?: string | null;
  // account columns
  name?: string;
  domain?: string | null;
  industry?: string | null;
  employee_band?: string | null;
  country?: string | null;
  city?: string | null;
  owner_id: string | null;
}

/** An owner's live records, least complete first; keyset on (filled weight, id). Returns limit+1 rows. */
export const listAttentionRows = async (
  db: Db,
  f: { type: QualityRecordType; ownerId: string; limit: number; after?: [number, string] },
): Promise<AttentionRow[]> => {
  const table = f.type === 'contact' ? 'contacts' : 'accounts';
  const cols =
    f.type === 'contact'
      ? sql`id, first_name, last_name, emails, job_title, phone, account_id, owner_id, updated_at`
      : sql`id, name, domain, industry, employee_band, country, city, owner_id, updated_at`;
  const after = f.after
    ? sql`where q.filled > ${f.after[0]} or (q.filled = ${f.after[0]} and q.id > ${f.after[1]})`
    : sql``;
  const result = await sql<AttentionRow>`
    select * from (
      select ${cols}, ${filledWeight[f.type]} as filled from ${sql.table(table)}
      where owner_id = ${f.ownerId} and deleted_at is null
    ) q
    ${after}
    order by q.filled, q.id
    limit ${f.limit + 1}`.execute(db);
  return result.rows.map((r) => ({ ...r, filled: Number(r.filled) }));
};

/** The SQL filled weight of one record, for the test that keeps SQL and completeness.ts in step. */
export const filledWeightOf = async (db: Db, type: QualityRecordType, id: string): Promise<number | undefined> => {
  const table = type === 'contact' ? 'contacts' : 'accounts';
  const r = await sql<{
    filled: number;
  }>`select ${filledWeight[type]} as filled from ${sql.table(table)} where id = ${id}`.execute(db);
  return r.rows[0] ? Number(r.rows[0].filled) : undefined;
};

/** Live records per filled weight and per interval of creation (k: the first of `createdBefore` they are below). */
export interface FilledWeightCount {
  w: number;
  k: number;
  n: number;
}

/**
 * The live (not deleted) contacts or accounts counted per filled weight and interval of creation: a few
 * dozen rows however many records there are, scored by the caller with completeness.ts.
 */
export const countFilledWeights = async (
  db: Db,
  type: QualityRecordType,
  createdBefore: string[],
): Promise<FilledWeightCount[]> => {
  const table = type === 'contact' ? 'contacts' : 'accounts';
  const interval = sql<number>`case ${sql.join(
    createdBefore.map((b, k) => sql`when created_at < ${b} then ${sql.lit(k)}`),
    sql` `,
  )} else ${sql.lit(createdBefore.length)} end`;
  const r = await sql<{ w: number | string; k: number | string; n: number | string }>`
    select p.w, p.k, count(*) as n
    from (select ${filledWeight[type]} as w, ${interval} as k from ${sql.table(table)} where deleted_at is null) p
    group by p.w, p.k`.execute(db);
  return r.rows.map((row) => ({ w: Number(row.w), k: Number(row.k), n: Number(row.n) }));
};

/**
 * What changes when a record's completeness can: how many there are and the last change (records are
 * never deleted for good, and every write stamps updated_at). Two index reads, no table scan.
 */
export const recordsFingerprint = async (db: Db, type: QualityRecordType): Promise<string> => {
  const table = type === 'contact' ? 'contacts' : 'accounts';
  const r = await sql<{ n: number | string; at: string | Date | null }>`
    select count(*) as n, max(updated_at) as at from ${sql.table(table)}`.execute(db);
  const row = r.rows[0];
  return `${Number(row?.n ?? 0)}|${row?.at instanceof Date ? row.at.toISOString() : (row?.at ?? '')}`;
};

// ——— Duplicate keys ——————————————————————————————————————————————————————————————————————————

export interface StaleContactKeys {
  id: string;
  first_name: string;
  last_name: string;
  phone: string | null;
}
export interface StaleAccountKeys {
  id: string;
  name: string;
}

/** Rows whose keys are missing or older than their last change, in id order from `afterId`. */
export const findStaleKeyRows = async <T extends QualityRecordType>(
  db: Db,
  type: T,
  afterId: string,
  limit: number,
): Promise<(T extends 'contact' ? StaleContactKeys : StaleAccountKeys)[]> => {
  const cols = type === 'contact' ? sql`id, first_name, last_name, phone` : sql`id, name`;
  const table = type === 'contact' ? 'contacts' : 'accounts';
  const r = await sql<T extends 'contact' ? StaleContactKeys : StaleAccountKeys>`
    select ${cols} from ${sql.table(table)}
    where (keys_at is null or keys_at <> updated_at) and id > ${afterId}
    order by id limit ${limit}`.execute(db);
  return r.rows;
};

/**
 * Writes keys for many rows in one statement (UPDATE … FROM VALUES works on SQLite ≥ 3.33 and PostgreSQL);
 * keys_at takes the row's updated_at, which marks the keys fresh.
 */
export const writeKeys = async (db: Db, type: QualityRecordType, rows: [string, string | null, string | null][]) => {
  if (rows.length === 0) return;
  const [table, k1, k2] =
    type === 'contact' ? ['contacts', 'phone_key', 'name_key'] : ['accounts', 'name_key', 'phonetic_key'];
  const values = sql.join(rows.map(([id, a, b]) => sql`(${id}, ${a}, ${b})`));
  await sql`
    update ${sql.table(table)} set ${sql.ref(k1)} = v.column2, ${sql.ref(k2)} = v.column3, keys_at = updated_at
    from (values ${values}) as v
    where ${sql.table(table)}.id = v.column1`.execute(db);
};

/** Which columns group one kind of duplicate. */
export interface DuplicateGroupSpec {
  table: 'contacts' | 'accounts';
  columns: string[];
  /** The partial index that walks the keys in order (migration 0004). */
  index: string;
}

/** Keys shared by more than one live record, in key order from `from` (inclusive or not). */
export const findDuplicateGroups = async (
  db: Db,
  spec: DuplicateGroupSpec,
  from: string[] | null,
  inclusive: boolean,
  limit: number,
  engine: Engine,
): Promise<string[][]> => {
  const refs = spec.columns.map((c) => sql.ref(c));
  const notNull = sql.join(
    spec.columns.map((c) => sql`${sql.ref(c)} is not null`),
    sql` and `,
  );
  const op = sql.raw(inclusive ? '>=' : '>');
  // Without statistics SQLite prefers the trash index and sorts the whole table for each page; walking the
  // key index in order stops after `limit` groups. PostgreSQL plans this well by itself.
  const indexedBy = engine === 'sqlite' ? sql`indexed by ${sql.id(spec.index)}` : sql``;
  const start = from ? sql`and (${sql.join(refs)}) ${op} (${sql.join(from)})` : sql``;
  const r = await sql<Record<string, string>>`
    select ${sql.join(refs)} from ${sql.table(spec.table)} ${indexedBy}
    where deleted_at is null and ${notNull} ${start}
    group by ${sql.join(refs)} having count(*) > 1
    order by ${sql.join(refs)}
    limit ${limit}`.execute(db);
  return r.rows.map((row) => spec.columns.map((c) => String(row[c])));
};

export interface DuplicateMemberRow {
  id: string;
  updated_at: string;
  account_id: string | null;
  // contacts
  first_name?: string;
  last_name?: string;
  email?: string | null;
  phone?: string | null;
  phone_key?: string | null;
  // accounts
  name?: string;
  domain?: string | null;
  phonetic_key?: string | null;
  name_key?: string | null;
}

/** The live members of the given groups, at most `perGroup` of each (lowest ids first). */
export const findGroupMembers = async (
  db: Db,
  spec: DuplicateGroupSpec,
  groups: string[][],
  perGroup: number,
): Promise<DuplicateMemberRow[]> => {
  if (groups.length === 0) return [];
  const refs = sql.join(spec.columns.map((c) => sql.ref(c)));
  const cols =
    spec.table === 'contacts'
      ? sql`id, updated_at, account_id, first_name, last_name, email, phone, phone_key, name_key`
      : sql`id, updated_at, null as account_id, name, domain, name_key, phonetic_key`;
  const inList = sql.join(groups.map((g) => sql`(${sql.join(g)})`));
  const r = await sql<DuplicateMemberRow & { rn: number }>`
    select * from (
      select ${cols}, row_number() over (partition by ${refs} order by id) as rn
      from ${sql.table(spec.table)}
      where deleted_at is null and (${refs}) in (${inList})
    ) m where m.rn <= ${perGroup}`.execute(db);
  return r.rows;
};

/** Dismissed pairs among the given ids, as "a|b". */
export const findDismissedPairs = async (db: Db, type: QualityRecordType, ids: string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('duplicate_dismissals')
    .select(['id_a', 'id_b'])
    .where('entity_type', '=', type)
    .where('id_a', 'in', ids)
    .execute();
  return new Set(rows.map((r) => `${r.id_a}|${r.id_b}`));
};

export const insertDismissal = (
  db: Db,
  row: { entity_type: string; id_a: string; id_b: string; actor_id: string; created_at: string },
) =>
  db
    .insertInto('duplicate_dismissals')
    .values(row)
    .onConflict((oc) => oc.columns(['entity_type', 'id_a', 'id_b']).doNothing())
    .executeTakeFirst();

/** Ids among `ids` that name live records of the type. */
export const findLiveIds = async (db: Db, type: QualityRecordType, ids: string[]): Promise<string[]> => {
  const table = type === 'contact' ? 'contacts' : 'accounts';
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  return rows.map((r) => r.id);
};
