import { type Insertable, sql } from 'kysely';
import { insertRows } from '../../db/copy.js';
import type { Db } from '../../db/db.js';
import { type Engine, sqlFragments } from '../../db/dialect.js';
import { creditColumns } from '../../db/migrations/0031_attribution_credits.js';
import type { AttributionCreditsTable } from '../../db/schema.js';

export type Measure = 'pipeline' | 'revenue';

export interface DealRow {
  id: string;
  account_id: string;
  amount: number;
  created_at: string;
  closed_at?: string | null;
}

/** Live deals that converted in [from, to): created (pipeline) or won (revenue). */
const convertedIn = (db: Db, measure: Measure, from: string, to: string) => {
  const q = db.selectFrom('deals').where('deleted_at', 'is', null);
  // the literal status matches the partial index deals_attribution_won (a bound parameter would not)
  return measure === 'pipeline'
    ? q.where('created_at', '>=', from).where('created_at', '<', to)
    : q.where(sql<boolean>`status = 'won'`).where('closed_at', '>=', from).where('closed_at', '<', to);
};

/**
 * The deals of one currency that converted in the period, in the order they converted; one index range
 * (deals_attribution_created / deals_attribution_won hold every column read).
 */
export const findConvertedDeals = (
  db: Db,
  measure: Measure,
  currency: string,
  from: string,
  to: string,
): Promise<DealRow[]> =>
  convertedIn(db, measure, from, to)
    .select(['id', 'account_id', 'amount', 'created_at'])
    // pipeline journeys carry no win, and the created index does not hold closed_at
    .$if(measure === 'revenue', (q) => q.select('closed_at'))
    .where('currency', '=', currency)
    .orderBy(measure === 'pipeline' ? 'created_at' : 'closed_at')
    .orderBy('id')
    .execute();

/** How many deals of each currency converted in the period. */
export const countDealCurrencies = (db: Db, measure: Measure, from: string, to: string) =>
  convertedIn(db, measure, from, to)
    .select((eb) => ['currency', eb.fn.countAll<number>().as('n')])
    .groupBy('currency')
    .execute();

/** The live contacts of some deals, with when each became a lead. */
export const findDealContacts = (db: Db, dealIds: readonly string[]) =>
  db
    .selectFrom('deal_contacts as dc')
    .innerJoin('contacts as c', 'c.id', 'dc.contact_id')
    .select(['dc.deal_id', 'dc.contact_id', 'c.lead_at'])
    .where('dc.deal_id', 'in', dealIds)
    .where('c.deleted_at', 'is', null)
    .execute();

export interface JourneyRow {
  deal_id: string;
  contact_id: string;
  lead_at?: string | null;
  /** Null for a contact without an eligible touch (its row still brings its lead date). */
  touch_id: string | null;
  occurred_at: string | null;
  campaign_id?: string | null;
  type?: string | null;
}

/**
 * The journeys of some deals in one query: each live contact of each deal with its lead date, joined to
 * its campaign touches of the given types inside the deal's own window [conversion − lookback,
 * conversion] (one second wider on both sides, so timestamps stored without milliseconds are kept; the
 * pure function applies the exact bounds). Reads the covering index `touchpoints_contact`.
 */
export const findJourneyRows = async (
  db: Db,
  engine: Engine,
  input: {
    measure: Measure;
    dealIds: readonly string[];
    types: readonly string[];
    lookbackDays: number;
    detailed: boolean;
  },
): Promise<JourneyRow[]> => {
  const conversion = input.measure === 'pipeline' ? 'd.created_at' : 'd.closed_at';
  const { shiftedSeconds, indexedBy } = sqlFragments(engine);
  // SQLite's planner prefers contacts_trash (deleted_at, id) and then reads the wide table row for the
  // lead date; contacts_attribution (id, deleted_at, lead_at) answers from the index alone
  const result = await sql<JourneyRow>`
    select dc.deal_id, dc.contact_id, c.lead_at, t.id as touch_id, t.occurred_at, t.campaign_id
      ${input.detailed ? sql`, t.type` : sql``}
    from deal_contacts dc
    join deals d on d.id = dc.deal_id
    join contacts c ${indexedBy('contacts_attribution')} on c.id = dc.contact_id
    left join touchpoints t on t.contact_id = dc.contact_id
      and t.occurred_at <= ${shiftedSeconds(conversion, 1)}
      and t.occurred_at >= ${shiftedSeconds(conversion, -input.lookbackDays * 86_400 - 1)}
      and t.campaign_id is not null
      and t.type in (${sql.join(input.types)})
    where dc.deal_id in (${sql.join(input.dealIds)}) and c.deleted_at is null`.execute(db);
  return result.rows;
};

/** The live contacts of some accounts. */
export const findAccountContacts = (db: Db, accountIds: readonly string[]) =>
  db
    .selectFrom('contacts')
    .select(['id', 'account_id'])
    .where('account_id', 'in', accountIds)
    .where('deleted_at', 'is', null)
    .execute();

export interface TouchRow {
  id: string;
  contact_id: string;
  occurred_at: string;
  campaign_id?: string | null;
  type: string;
}

/**
 * The campaign touches of some contacts in [earliest, latest] of the given types; reads only the
 * covering index `touchpoints_contact(contact_id, occurred_at, campaign_id, type, id)`.
 */
export const findCampaignTouches = (
  db: Db,
  contactIds: readonly string[],
  types: readonly string[],
  earliest: string,
  latest: string,
): Promise<TouchRow[]> =>
  db
    .selectFrom('touchpoints')
    .select(['id', 'contact_id', 'occurred_at', 'campaign_id', 'type'])
    .where('contact_id', 'in', contactIds)
    .where('occurred_at', '>=', earliest)
    .where('occurred_at', '<=', latest)
    .where('campaign_id', 'is not', null)
    .where('type', 'in', types)
    .execute();

/** Every campaign, deleted ones included (their credit still shows under their name). */
export const findCampaignDimensions = (db: Db) =>
  db.selectFrom('campaigns').select(['id', 'name', 'channel', 'department']).execute();

/** What the drill-down shows about some deals. */
export const findDealDetails = (db: Db, dealIds: readonly string[]) =>
  db
    .selectFrom('deals as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .select(['d.id', 'd.name', 'd.amount', 'd.currency', 'a.name as account_name'])
    .where('d.id', 'in', dealIds)
    .execute();

/** Contact names for the drill-down. */
export const findContactNames = (db: Db, contactIds: readonly string[]) =>
  db.selectFrom('contacts').select(['id', 'first_name', 'last_name']).where('id', 'in', contactIds).execute();

/** What the stored credits were computed with, and the version that keys the in-memory totals. */
export const findCreditsState = async (db: Db): Promise<{ version: number; settings: string }> => {
  const row = await db
    .selectFrom('attribution_state')
    .select(['version', 'settings'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return { version: Number(row?.version ?? 0), settings: row?.settings ?? '' };
};

/**
 * Claims the next version when nobody stored credits since `version` was read (on PostgreSQL the row
 * lock also orders concurrent claims); false when someone did.
 */
export const claimCreditsState = async (db: Db, version: number, settings: string): Promise<boolean> => {
  const result = await db
    .updateTable('attribution_state')
    .set({ version: version + 1, settings })
    .where('id', '=', 1)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

/** The deals marked dirty, with their marks. */
export const findDirtyMarks = (db: Db) => db.selectFrom('attribution_dirty').select(['deal_id', 'mark']).execute();

/** Removes the marks that are still what was read (a mark raised since stays). */
export const deleteDirtyMarks = async (db: Db, mark: number, dealIds: readonly string[]): Promise<void> => {
  await db.deleteFrom('attribution_dirty').where('mark', '=', mark).where('deal_id', 'in', dealIds).execute();
};

export interface CreditDealRow extends DealRow {
  status: string;
  currency: string;
}

const creditDealColumns = ['id', 'account_id', 'amount', 'created_at', 'closed_at', 'status', 'currency'] as const;

/** The live deals among some ids. */
export const findLiveDeals = (db: Db, dealIds: readonly string[]): Promise<CreditDealRow[]> =>
  db.selectFrom('deals').select(creditDealColumns).where('id', 'in', dealIds).where('deleted_at', 'is', null).execute();

/** A page of live deals in id order after `afterId` (null: from the first), read along the primary key. */
export const findLiveDealsAfter = (db: Db, afterId: string | null, limit: number): Promise<CreditDealRow[]> =>
  db
    .selectFrom('deals')
    .select(creditDealColumns)
    .where('deleted_at', 'is', null)
    .$if(afterId !== null, (q) => q.where('id', '>', afterId as string))
    .orderBy('id')
    .limit(limit)
    .execute();

export type CreditRow = Insertable<AttributionCreditsTable>;

export const deleteCreditsOf = async (db: Db, dealIds: readonly string[]): Promise<void> => {
  await db.deleteFrom('attribution_credits').where('deal_id', 'in', dealIds).execute();
};

export const deleteAllCredits = async (db: Db): Promise<void> => {
  await db.deleteFrom('attribution_credits').execute();
};

const creditRowColumns = ['deal_id', 'measure', 'campaign_id', 'currency', 'converted_at', ...creditColumns] as const;

/**
 * A page's credit rows, kept under its run until the claiming transaction moves them (by COPY on
 * PostgreSQL; INSERTs of 400 rows, 14 parameters each, on SQLite).
 */
export const insertStagedCredits = async (db: Db, run: string, stagedAt: string, rows: CreditRow[]) => {
  const staged = rows.map((r) => ({ ...r, run_id: run, staged_at: stagedAt }));
  await insertRows(db, 'attribution_credits_staging', staged, 400);
};

/** Copies a run's staged rows into the stored credits; the number of rows copied. */
export const moveStagedCredits = async (db: Db, run: string): Promise<number> => {
  const result = await db
    .insertInto('attribution_credits')
    .columns(creditRowColumns)
    .expression(db.selectFrom('attribution_credits_staging').select(creditRowColumns).where('run_id', '=', run))
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
};

export const deleteStagedRun = async (db: Db, run: string): Promise<void> => {
  await db.deleteFrom('attribution_credits_staging').where('run_id', '=', run).execute();
};

/** What runs staged before `before` and never removed (a process that stopped mid-run). */
export const deleteStagedBefore = async (db: Db, before: string): Promise<void> => {
  await db.deleteFrom('attribution_credits_staging').where('staged_at', '<', before).execute();
};

export interface CreditSumRow {
  campaign_id: string;
  /** Deals with a row for the campaign ('' : the unattributed deals). */
  n: number | string;
  credit_first: number | string;
  credit_last: number | string;
  credit_linear: number | string;
  credit_u: number | string;
  credit_w: number | string;
  credit_full: number | string;
  credit_decay: number | string;
}

/**
 * The stored credits of the deals of one currency that converted in [from, to), summed per campaign
 * and model: one range of `attribution_credits_period`.
 */
export const sumCredits = (db: Db, measure: Measure, currency: string, from: string, to: string) =>
  db
    .selectFrom('attribution_credits')
    .select((eb) => [
      'campaign_id',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('credit_first').as('credit_first'),
      eb.fn.sum<number>('credit_last').as('credit_last'),
      eb.fn.sum<number>('credit_linear').as('credit_linear'),
      eb.fn.sum<number>('credit_u').as('credit_u'),
      eb.fn.sum<number>('credit_w').as('credit_w'),
      eb.fn.sum<number>('credit_full').as('credit_full'),
      eb.fn.sum<number>('credit_decay').as('credit_decay'),
    ])
    .where('measure', '=', measure)
    .where('currency', '=', currency)
    .where('converted_at', '>=', from)
    .where('converted_at', '<', to)
    .groupBy('campaign_id')
    .execute() as Promise<CreditSumRow[]>;
