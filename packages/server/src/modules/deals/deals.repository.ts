import { quarterRange, sortKey } from '@nenner/shared';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/db.js';
import { closeQuarterOf } from '../../db/migrations/0046_deal_quarter_order.js';
import { notIndexed } from '../../db/plans.js';
import type { DealsTable } from '../../db/schema.js';
import { engineOf } from '../../db/search.js';
import { decodeCursor, parseSort } from '../../lib/cursor.js';

const selectDeals = (db: Db) =>
  db
    .selectFrom('deals as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
    .leftJoin('users as o', 'o.id', 'd.owner_id')
    .selectAll('d')
    .select([
      'a.name as account_name',
      's.name_de as stage_name_de',
      's.name_en as stage_name_en',
      's.probability as stage_probability',
      's.kind as stage_kind',
      's.stale_after_days as stage_stale_after_days',
      'o.name as owner_name',
      'o.department as owner_department',
    ]);

export type DealRow = Awaited<ReturnType<ReturnType<typeof selectDeals>['executeTakeFirstOrThrow']>>;

export const findDealRow = (db: Db, id: string, opts: { includeDeleted?: boolean } = {}) => {
  let q = selectDeals(db).where('d.id', '=', id);
  if (!opts.includeDeleted) q = q.where('d.deleted_at', 'is', null);
  return q.executeTakeFirst();
};

/** The filters the list, the board and the forecast share; ids already resolved (`me` → the caller). */
export interface DealFilter {
  q?: string;
  pipelineId?: string;
  stageId?: string;
  status?: string;
  /** null: deals without an owner. */
  ownerId?: string | null;
  teamId?: string;
  accountId?: string;
  contactId?: string;
  source?: string;
  /** Like 2026-Q1: deals whose close date falls in it. */
  closeQuarter?: string;
  competitorId?: string;
  trash?: boolean;
}

const escapeLike = (v: string) => v.replace(/[%_\\]/g, '');
/** The text filter's LIKE pattern: the query's sort key anywhere in the deal's. */
const textPattern = (q: string) => `%${escapeLike(sortKey(q))}%`;

/**
 * SQLite: up to this many deals whose sort key holds the text are read by the trigram index of the sort keys
 * (migration 0047) and sorted; past it the list walks its sort's index and tests the text on the way, about
 * limit × deals ÷ matches rows (1M contacts, 100,000 deals: a text in 5 % of them costs 0.8 ms that way and
 * 40 ms by the index; a text in 33 deals 180 ms that way and 6 ms by the index). PostgreSQL estimates the share
 * from its statistics and chooses between its trigram index and the walk by itself.
 */
const TEXT_INDEX_UNTIL = 500;

/**
 * SQLite: the documents (`n`, db/search.ts) of the deals whose sort key holds the text, when there are at most
 * TEXT_INDEX_UNTIL; undefined when the list walks instead. The text is one phrase of its trigrams, which
 * matches where the sort key holds it, read from the index alone (a LIKE on the index reads each match's key
 * too: 4.9 instead of 1.1 ms to find 2,000).
 */
const fewTextMatches = async (db: Db, q: string | undefined): Promise<number[] | undefined> => {
  const key = q === undefined ? '' : escapeLike(sortKey(q));
  if (engineOf(db) !== 'sqlite' || [...key].length < 3) return undefined;
  const phrase = `"${key.replace(/"/g, '""')}"`;
  const { rows } = await sql<{ n: number }>`select rowid as n from deal_name_fts where deal_name_fts match ${phrase}
    limit ${TEXT_INDEX_UNTIL + 1}`.execute(db);
  return rows.length > TEXT_INDEX_UNTIL ? undefined : rows.map((r) => r.n);
};

// closeDate sorts deals without one last; the expression is the same in the cursor comparison
const sortExpressions = {
  updatedAt: 'd.updated_at',
  closeDate: "coalesce(d.close_date, '9999-12-31')",
  amount: 'd.amount',
  name: 'd.sort_name',
} as const;
/** The column type of each sort's cursor value. */
const dealCursorValue = { updatedAt: 'timestamp', closeDate: 'date', amount: 'integer', name: 'text' } as const;
/**
 * The filter as SQL conditions on `deals as d` (plain SQL, the same on both engines). `walk` (the list's db): for the list,
 * which walks the index of its sort, the filters that match a large share of the deals are written so that
 * no index serves them (`notIndexed`); the board reads them through `deals_board`.
 */
const conditions = (
  f: DealFilter,
  walk?: Db,
  sort?: keyof typeof sortExpressions,
  textMatches?: number[],
): RawBuilder<SqlBool>[] => {
  const col = (c: string) => (walk ? notIndexed(walk, c) : sql.ref(c));
  const c: RawBuilder<SqlBool>[] = [f.trash ? sql`d.deleted_at is not null` : sql`d.deleted_at is null`];
  if (f.pipelineId) c.push(sql`${col('d.pipeline_id')} = ${f.pipelineId}`);
  if (f.status) c.push(sql`${col('d.status')} = ${f.status}`);
  if (f.stageId) c.push(sql`${col('d.stage_id')} = ${f.stageId}`);
  if (f.ownerId === null) c.push(sql`${col('d.owner_id')} is null`);
  else if (f.ownerId) c.push(sql`${col('d.owner_id')} = ${f.ownerId}`);
  if (f.teamId)
    c.push(sql`${col('d.owner_id')} in (select m.user_id from team_members m where m.team_id = ${f.teamId})`);
  if (f.accountId) c.push(sql`d.account_id = ${f.accountId}`);
  if (f.source) c.push(sql`${col('d.source')} = ${f.source}`);
  if (f.closeQuarter) {
    // the list sorted by close date reads the quarter as a range of its own order's index (a deal in the
    // range has a date); the other sorts walk an index that starts with the quarter (migration 0046)
    if (walk && sort !== 'closeDate') c.push(sql`${sql.raw(closeQuarterOf('d.close_date'))} = ${f.closeQuarter}`);
    else {
      const { from, to } = quarterRange(f.closeQuarter);
      const close = walk ? sql.raw(sortExpressions.closeDate) : sql`d.close_date`;
      c.push(sql`${close} >= ${from} and ${close} < ${to}`);
    }
  }
  // one contact's or competitor's deals are few: found through their link table, then ordered
  if (f.contactId) c.push(sql`d.id in (select dc.deal_id from deal_contacts dc where dc.contact_id = ${f.contactId})`);
  if (f.competitorId) {
    c.push(sql`d.id in (select dx.deal_id from deal_competitors dx where dx.competitor_id = ${f.competitorId})`);
  }
  if (f.q) c.push(sql`d.sort_name like ${textPattern(f.q)}`);
  if (textMatches) {
    c.push(sql`d.id in (select s.deal_id from deal_search_docs s where s.n in
      (select value from json_each(${JSON.stringify(textMatches)})))`);
  }
  return c;
};

export type DealSort = `${'' | '-'}${keyof typeof sortExpressions}`;

/** One page by keyset; limit+1 rows so the caller knows if more follow. */
export const listDealRows = async (db: Db, f: DealFilter & { sort: DealSort; limit: number; cursor?: string }) => {
  const { field, desc } = parseSort(f.sort);
  const col = sql.raw(sortExpressions[field]);
  const where = conditions(f, db, field, await fewTextMatches(db, f.q));
  if (f.cursor) {
    const [value, id] = decodeCursor(f.cursor, { sort: f.sort, value: dealCursorValue[field] });
    where.push(desc ? sql`(${col}, d.id) < (${value}, ${id})` : sql`(${col}, d.id) > (${value}, ${id})`);
    // SQLite starts a walk at a row value only on columns; on an expression's index (the close date's) it read
    // the index from its start up to the cursor (1M contacts: 110 ms at the twelfth page of 200). The bound
    // on the expression alone is a range of that index.
    if (field === 'closeDate') where.push(desc ? sql`${col} <= ${value}` : sql`${col} >= ${value}`);
  }
  const dir = desc ? 'desc' : 'asc';
  const read = (on: Db) =>
    selectDeals(on)
      .where((eb) => eb.and(where))
      .orderBy(col, dir)
      .orderBy('d.id', dir)
      .limit(f.limit + 1)
      .execute();
  if (!f.q || engineOf(db) !== 'postgres' || db.isTransaction) return read(db);
  // PostgreSQL chooses between the trigram index (migration 0047) and a walk of the sort's index by the
  // share of deals it expects the text in, which a kept generic plan cannot know (it guesses 0.5 %): each
  // text is planned for itself
  return db.transaction().execute(async (trx) => {
    await sql`set local plan_cache_mode = force_custom_plan`.execute(trx);
    return read(trx);
  });
};

export const cursorValue = (row: DealRow, sort: DealSort): string | number => {
  const { field } = parseSort(sort);
  if (field === 'updatedAt') return row.updated_at;
  if (field === 'closeDate') return row.close_date ?? '9999-12-31';
  if (field === 'amount') return Number(row.amount);
  return row.sort_name;
};

/** The board's cards of one stage: most recently updated first, along the deals_board index. */
export const listStageCards = (
  db: Db,
  f: DealFilter & { pipelineId: string; stageId: string; status: string },
  limit: number,
) =>
  selectDeals(db)
    .where((eb) => eb.and(conditions(f)))
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();

/** Count and sum per stage and currency over every deal of the pipeline that matches the filter. */
export const sumByStage = async (db: Db, f: DealFilter & { pipelineId: string }) =>
  (
    await db
      .selectFrom('deals as d')
      .select([
        'd.stage_id',
        'd.currency',
        (eb) => eb.fn.countAll().as('n'),
        (eb) => eb.fn.sum<number | string>('d.amount').as('total'),
      ])
      .where((eb) => eb.and(conditions(f)))
      .groupBy(['d.stage_id', 'd.currency'])
      .execute()
  ).map((r) => ({ stageId: r.stage_id, currency: r.currency, count: Number(r.n), total: Number(r.total) }));

/** The deals the quarter forecast counts: not lost, closing in the range, with their stage's probability. */
export const listForecastRows = (db: Db, f: { from: string; to: string; pipelineId?: string }) => {
  let q = db
    .selectFrom('deals as d')
    .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
    .leftJoin('users as o', 'o.id', 'd.owner_id')
    .select([
      'd.amount',
      'd.currency',
      'd.status',
      'd.close_date',
      'd.owner_id',
      's.probability',
      'o.name as owner_name',
      'o.department as owner_department',
    ])
    .where('d.deleted_at', 'is', null)
    .where('d.close_date', '>=', f.from)
    .where('d.close_date', '<', f.to)
    .where('d.status', '!=', 'lost');
  if (f.pipelineId) q = q.where('d.pipeline_id', '=', f.pipelineId);
  return q.execute();
};

export const listDealContactRows = (db: Db, dealIds: string[]) =>
  dealIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('deal_contacts as dc')
        .innerJoin('contacts as c', 'c.id', 'dc.contact_id')
        .select(['dc.deal_id', 'dc.contact_id', 'dc.role', 'c.first_name', 'c.last_name', 'c.email'])
        .where('dc.deal_id', 'in', dealIds)
        .orderBy('c.sort_last_name')
        .orderBy('c.id')
        .execute();

export const listDealCompetitorRows = (db: Db, dealIds: string[]) =>
  dealIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('deal_competitors as dx')
        .innerJoin('competitors as k', 'k.id', 'dx.competitor_id')
        .select(['dx.deal_id', 'k.id', 'k.name'])
        .where('dx.deal_id', 'in', dealIds)
        .orderBy('k.sort_name')
        .orderBy('k.id')
        .execute();

export const insertDeal = (db: Db, row: DealsTable) => db.insertInto('deals').values(row).execute();

export const updateDealRow = (db: Db, id: string, version: number, set: Partial<DealsTable>) =>
  db
    .updateTable('deals')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

export const replaceDealContacts = async (
  db: Db,
  dealId: string,
  contacts: { contactId: string; role: string | null }[],
) => {
  await db.deleteFrom('deal_contacts').where('deal_id', '=', dealId).execute();
  if (contacts.length > 0) {
    await db
      .insertInto('deal_contacts')
      .values(contacts.map((c) => ({ deal_id: dealId, contact_id: c.contactId, role: c.role })))
      .execute();
  }
};

export const replaceDealCompetitors = async (db: Db, dealId: string, competitorIds: string[]) => {
  await db.deleteFrom('deal_competitors').where('deal_id', '=', dealId).execute();
  if (competitorIds.length > 0) {
    await db
      .insertInto('deal_competitors')
      .values(competitorIds.map((competitor_id) => ({ deal_id: dealId, competitor_id })))
      .execute();
  }
};

/** Links a competitor to a deal unless it is linked already. */
export const addDealCompetitor = (db: Db, dealId: string, competitorId: string) =>
  db
    .insertInto('deal_competitors')
    .values({ deal_id: dealId, competitor_id: competitorId })
    .onConflict((oc) => oc.columns(['deal_id', 'competitor_id']).doNothing())
    .execute();

export const findLiveContactIds = async (db: Db, ids: string[]): Promise<string[]> =>
  ids.length === 0
    ? []
    : (
        await db.selectFrom('contacts').select('id').where('id', 'in', ids).where('deleted_at', 'is', null).execute()
      ).map((r) => r.id);

export const findLiveCompetitorIds = async (db: Db, ids: string[]): Promise<string[]> =>
  ids.length === 0
    ? []
    : (
        await db.selectFrom('competitors').select('id').where('id', 'in', ids).where('deleted_at', 'is', null).execute()
      ).map((r) => r.id);

export const handoffExists = async (db: Db, id: string): Promise<boolean> =>
  (await db.selectFrom('handoffs').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

/** The deal's live contacts whose lifecycle stage is one of `stages`. */
export const findDealContactsInStages = (db: Db, dealId: string, stages: readonly string[]) =>
  db
    .selectFrom('deal_contacts as dc')
    .innerJoin('contacts as c', 'c.id', 'dc.contact_id')
    .select(['c.id', 'c.version'])
    .where('dc.deal_id', '=', dealId)
    .where('c.lifecycle_stage', 'in', [...stages])
    .where('c.deleted_at', 'is', null)
    .execute();

/** Live deals by id (any status). */
export const listDealRowsByIds = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : selectDeals(db).where('d.id', 'in', ids).where('d.deleted_at', 'is', null).orderBy('d.id').execute();

/** Live deals won or lost in [from, to), in the order they closed. */
export const listClosedDealRows = (db: Db, from: string, to: string) =>
  selectDeals(db)
    .where('d.deleted_at', 'is', null)
    .where('d.status', 'in', ['won', 'lost'])
    .where('d.closed_at', '>=', from)
    .where('d.closed_at', '<', to)
    .orderBy('d.closed_at')
    .orderBy('d.id')
    .execute();

/**
 * Open live deals that went stale in [from, to): their stage's stale_after_days ran out in the window
 * (stage_changed_at + days ∈ [from, to)), one condition per stage that has a limit.
 */
export const listGoneStaleRows = async (db: Db, from: string, to: string) => {
  const stages = await db
    .selectFrom('pipeline_stages')
    .select(['id', 'stale_after_days'])
    .where('stale_after_days', 'is not', null)
    .execute();
  if (stages.length === 0) return [];
  const shift = (iso: string, days: number) => new Date(Date.parse(iso) - days * 86_400_000).toISOString();
  return selectDeals(db)
    .where('d.deleted_at', 'is', null)
    .where('d.status', '=', 'open')
    .where((eb) =>
      eb.or(
        stages.map((s) =>
          eb.and([
            eb('d.stage_id', '=', s.id),
            eb('d.stage_changed_at', '>=', shift(from, Number(s.stale_after_days))),
            eb('d.stage_changed_at', '<', shift(to, Number(s.stale_after_days))),
          ]),
        ),
      ),
    )
    .orderBy('d.stage_changed_at')
    .orderBy('d.id')
    .execute();
};
