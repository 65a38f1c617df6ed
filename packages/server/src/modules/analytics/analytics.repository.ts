import type { FunnelDimension } from '@nenner/shared';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/db.js';
import { type Engine, sqlFragments } from '../../db/dialect.js';

/* The analytics queries: every report aggregates in SQL and reads a few hundred rows at most. */

const flag = (condition: RawBuilder<unknown>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/** The funnel steps (each stage after lead), as migration 0010 names their day columns. */
const steps = ['mql', 'sal', 'sql', 'opportunity', 'customer'] as const;

/** The group key of a cohort contact (null for `none`); `channel` is summed from `campaign` by the service. */
const funnelKey = (by: Exclude<FunnelDimension, 'channel'>) => {
  switch (by) {
    case 'source':
      return sql<string | null>`c.source`;
    case 'campaign':
      return sql<string | null>`c.source_campaign_id`;
    case 'owner':
      return sql<string | null>`c.owner_id`;
    default:
      return sql<string | null>`null`;
  }
};

const cohortFrom = (by: FunnelDimension) =>
  by === 'channel' ? sql`contacts c left join campaigns k on k.id = c.source_campaign_id` : sql`contacts c`;

const inCohort = (from: string, to: string) =>
  sql`c.deleted_at is null and c.lead_at is not null and c.lead_at >= ${from} and c.lead_at < ${to}`;

export interface FunnelFactsRow {
  key: string | null;
  lead: number | string;
  mql: number | string | null;
  sal: number | string | null;
  sql: number | string | null;
  opportunity: number | string | null;
  customer: number | string | null;
  /** Per step, the tenths of days it took each contact that has both stamps, joined by commas (or null). */
  mql_tenths: string | null;
  sal_tenths: string | null;
  sql_tenths: string | null;
  opportunity_tenths: string | null;
  customer_tenths: string | null;
}

/**
 * Per group of the cohort (contacts that became leads in [from, to)): how many reached each stage or a
 * later one, and the days each step took as one list per step. One range scan of the funnel facts index
 * (migration 0010), no date arithmetic and no sort for the ungrouped funnel; the lists are histogrammed
 * by the caller (cheaper than a GROUP BY per step, and than one row per contact).
 */
export const readFunnelFacts = async (
  db: Db,
  engine: Engine,
  from: string,
  to: string,
  by: Exclude<FunnelDimension, 'channel'>,
): Promise<FunnelFactsRow[]> => {
  const key = funnelKey(by);
  const { joinIntegers, indexedBy } = sqlFragments(engine);
  const facts = sql`count(*) as lead,
      ${sql.join(steps.map((step, i) => sql`${flag(sql`c.funnel_reach >= ${sql.lit(i + 1)}`)} as ${sql.ref(step)}`))},
      ${sql.join(steps.map((step) => sql`${joinIntegers(`c.${step}_tenths`)} as ${sql.ref(`${step}_tenths`)}`))}`;
  if (by === 'campaign') {
    // Grouping the period's range of contacts_funnel_facts by campaign sorts every cohort contact in a
    // temporary B-tree. contacts_funnel_campaigns (migration 0037) is ordered by campaign, then lead date:
    // the campaigns' ids (in order) each seek their period's range, so the groups come out in order and
    // nothing is sorted; the contacts without a campaign are one more range.
    const campaignIndex = indexedBy('contacts_funnel_campaigns');
    const result = await sql<FunnelFactsRow>`
      select c.source_campaign_id as key, ${facts}
      from contacts c ${campaignIndex}
      where ${inCohort(from, to)} and c.source_campaign_id in (select id from campaigns)
      group by c.source_campaign_id
      union all
      select null as key, ${facts}
      from contacts c ${campaignIndex}
      where ${inCohort(from, to)} and c.source_campaign_id is null`.execute(db);
    return result.rows;
  }
  const result = await sql<FunnelFactsRow>`
    select ${key} as key, ${facts}
    from contacts c ${indexedBy('contacts_funnel_facts')}
    where ${inCohort(from, to)}
    ${by === 'none' ? sql`` : sql`group by ${key}`}`.execute(db);
  return result.rows;
};

/** The channel of each of these campaigns. */
export const findCampaignChannels = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('campaigns').select(['id', 'channel']).where('id', 'in', ids).execute();

export const findCampaignNames = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('campaigns').select(['id', 'name']).where('id', 'in', ids).execute();

export const findUserNames = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('users').select(['id', 'name', 'department']).where('id', 'in', ids).execute();

// ——— Deals for the scorecard and the pipeline series ————————————————————————————————————————

/** A campaign touch of one of the deal's contacts before the deal was created. */
const influenced = sql`exists (select 1 from deal_contacts dc join touchpoints tp on tp.contact_id = dc.contact_id
  where dc.deal_id = d.id and tp.campaign_id is not null and tp.occurred_at < d.created_at)`;

export interface DealSumRow {
  source: string;
  currency: string;
  deals: number | string;
  amount: number | string | null;
  influenced_deals: number | string | null;
  influenced_amount: number | string | null;
}

const sumDeals = async (db: Db, where: RawBuilder<unknown>): Promise<DealSumRow[]> =>
  (
    await sql<DealSumRow>`
      select d.source as source, d.currency as currency, count(*) as deals, sum(d.amount) as amount,
        ${flag(influenced)} as influenced_deals,
        sum(case when ${influenced} then d.amount else 0 end) as influenced_amount
      from deals d
      where d.deleted_at is null and ${where}
      group by d.source, d.currency`.execute(db)
  ).rows;

/** Deals created in [from, to) per source and currency, with the part a campaign touched before creation. */
export const sumCreatedDeals = (db: Db, from: string, to: string) =>
  sumDeals(db, sql`d.created_at >= ${from} and d.created_at < ${to}`);

/** Deals won in [from, to) per source and currency, with the influenced part. */
export const sumWonDeals = (db: Db, from: string, to: string) =>
  sumDeals(db, sql`d.status = 'won' and d.closed_at >= ${from} and d.closed_at < ${to}`);

/** Deals won or lost in [from, to), per source and outcome (all currencies: the win rate). */
export const countClosedDeals = (db: Db, from: string, to: string) =>
  db
    .selectFrom('deals')
    .select(['source', 'status', sql<number | string>`count(*)`.as('n')])
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['won', 'lost'])
    .where('closed_at', '>=', from)
    .where('closed_at', '<', to)
    .groupBy(['source', 'status'])
    .execute();

export type DealFigure = 'created' | 'won' | 'closed';

export interface DealRecordFilter {
  figure: DealFigure;
  from: string;
  to: string;
  source?: string;
  currency?: string;
  influencedOnly: boolean;
}

const dealFilter = (f: DealRecordFilter) => {
  const date = f.figure === 'created' ? sql.ref('d.created_at') : sql.ref('d.closed_at');
  const parts = [sql`d.deleted_at is null`, sql`${date} >= ${f.from}`, sql`${date} < ${f.to}`];
  if (f.figure === 'won') parts.push(sql`d.status = 'won'`);
  if (f.figure === 'closed') parts.push(sql`d.status in ('won', 'lost')`);
  if (f.source) parts.push(sql`d.source = ${f.source}`);
  if (f.currency) parts.push(sql`d.currency = ${f.currency}`);
  if (f.influencedOnly) parts.push(influenced);
  return { date, where: sql.join(parts, sql` and `) };
};

export interface DealRecordRow {
  id: string;
  name: string;
  amount: number | string;
  currency: string;
  date: string;
  source: string;
  owner_id: string | null;
  owner_name: string | null;
  owner_department: string | null;
}

/** The deals behind a deal figure, newest first, with how many there are in all. */
export const findDealRecords = async (db: Db, f: DealRecordFilter, limit: number) => {
  const { date, where } = dealFilter(f);
  const [rows, total] = await Promise.all([
    sql<DealRecordRow>`
      select d.id as id, d.name as name, d.amount as amount, d.currency as currency, ${date} as date,
        d.source as source, u.id as owner_id, u.name as owner_name, u.department as owner_department
      from deals d left join users u on u.id = d.owner_id
      where ${where}
      order by ${date} desc, d.id desc
      limit ${limit}`.execute(db),
    sql<{ n: number | string }>`select count(*) as n from deals d where ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
};

export type HandoffFigure = 'mqls' | 'within_sla' | 'outside_sla' | 'accepted' | 'rejected';

/** The same conditions as the SLA report's flags (reports.repository.ts). */
const handoffCondition = (figure: HandoffFigure, now: string) => {
  switch (figure) {
    case 'within_sla':
      return sql`h.responded_at is not null and h.responded_at <= h.sla_due_at`;
    case 'outside_sla':
      return sql`((h.responded_at is not null and h.responded_at > h.sla_due_at) or (h.responded_at is null and h.sla_due_at < ${now}))`;
    case 'accepted':
      return sql`h.accepted_at is not null`;
    case 'rejected':
      return sql`h.rejected_at is not null`;
    default:
      return sql`1 = 1`;
  }
};

export interface HandoffRecordRow {
  id: string;
  contact_id: string;
  first_name: string;
  last_name: string;
  date: string;
  source: string | null;
  owner_id: string | null;
  owner_name: string | null;
  owner_department: string | null;
}

/** The handoffs qualified in [from, to) behind a handoff figure, newest first, with the total. */
export const findHandoffRecords = async (
  db: Db,
  figure: HandoffFigure,
  from: string,
  to: string,
  now: string,
  limit: number,
) => {
  const where = sql`h.qualified_at >= ${from} and h.qualified_at < ${to} and ${handoffCondition(figure, now)}`;
  const [rows, total] = await Promise.all([
    sql<HandoffRecordRow>`
      select h.id as id, h.contact_id as contact_id, c.first_name as first_name, c.last_name as last_name,
        h.qualified_at as date, h.source as source,
        u.id as owner_id, u.name as owner_name, u.department as owner_department
      from handoffs h join contacts c on c.id = h.contact_id left join users u on u.id = h.assignee_id
      where ${where}
      order by h.qualified_at desc, h.id desc
      limit ${limit}`.execute(db),
    sql<{ n: number | string }>`select count(*) as n from handoffs h where ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
};

// ——— Lead flow ————————————————————————————————————————————————————————————————————————————

export interface LeadFlowRow {
  origin: string | null;
  verdict: 'none' | 'open' | 'accepted' | 'rejected';
  result: 'converted' | 'recycled' | 'in_progress';
  n: number | string;
}

/**
 * The cohort by origin and the fate of each contact's latest handoff: none, open, accepted or rejected
 * (by its timestamps), then converted, recycled or still in progress (by its status).
 */
export const countLeadFlow = async (db: Db, from: string, to: string, by: 'source' | 'channel') => {
  const origin = by === 'channel' ? sql`k.channel` : sql`c.source`;
  const result = await sql<LeadFlowRow>`
    select origin, verdict, result, count(*) as n from (
      select ${origin} as origin,
        case when h.id is null then 'none' when h.rejected_at is not null then 'rejected'
          when h.accepted_at is not null then 'accepted' else 'open' end as verdict,
        case when h.status = 'converted' then 'converted' when h.status = 'recycled' then 'recycled'
          else 'in_progress' end as result
      from ${cohortFrom(by)}
      left join handoffs h on h.id = (select h2.id from handoffs h2 where h2.contact_id = c.id
        order by h2.qualified_at desc, h2.id desc limit 1)
      where ${inCohort(from, to)}
    ) flow
    group by origin, verdict, result`.execute(db);
  return result.rows;
};

// ——— Pipeline by source per month ——————————————————————————————————————————————————————————

export interface MonthSumRow {
  month: string | null;
  source: string;
  deals: number | string;
  amount: number | string | null;
}

/**
 * Deals created (or won) in [from, to) in one currency, summed per month and source; `months` holds each
 * month's label and first instant, in order (the first starts at or before `from`).
 */
export const sumDealsPerMonth = async (
  db: Db,
  measure: 'created' | 'won',
  months: { month: string; start: string }[],
  from: string,
  to: string,
  currency: string,
): Promise<MonthSumRow[]> => {
  const date = measure === 'created' ? sql.ref('d.created_at') : sql.ref('d.closed_at');
  // the label of the last month that starts at or before the date
  const label = sql`case ${sql.join(
    [...months].reverse().map((m) => sql`when ${date} >= ${m.start} then ${m.month}`),
    sql` `,
  )} end`;
  const result = await sql<MonthSumRow>`
    select month, source, count(*) as deals, sum(amount) as amount from (
      select ${label} as month, d.source as source, d.amount as amount
      from deals d
      where d.deleted_at is null and d.currency = ${currency} and ${date} >= ${from} and ${date} < ${to}
        ${measure === 'won' ? sql`and d.status = 'won'` : sql``}
    ) m
    group by month, source`.execute(db);
  return result.rows;
};
