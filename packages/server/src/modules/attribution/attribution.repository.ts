import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import { type Engine, sqlFragments } from '../../db/dialect.js';

export type Measure = 'pipeline' | 'revenue';

/** The attribution data version (bumped by triggers on every write that can change a result). */
export const findAttributionVersion = async (db: Db): Promise<number> => {
  const row = await db
    .selectFrom('data_versions')
    .select('version')
    .where('name', '=', 'attribution')
    .executeTakeFirst();
  return Number(row?.version ?? 0);
};

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
