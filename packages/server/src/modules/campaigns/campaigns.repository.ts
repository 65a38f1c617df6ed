import { sortKey } from '@nenner/shared';
import type { Db } from '../../db/db.js';
import type { CampaignCostsTable, CampaignMembersTable, CampaignsTable } from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

const chunk = <T>(rows: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
// SQLite binds at most 32,766 parameters; lists of ids go in slices well below that.
const SLICE = 500;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '');

const selectCampaigns = (db: Db) =>
  db
    .selectFrom('campaigns as c')
    .leftJoin('users as o', 'o.id', 'c.owner_id')
    .leftJoin('teams as tm', 'tm.id', 'c.team_id')
    .selectAll('c')
    .select(['o.name as owner_name', 'o.department as owner_department', 'tm.name as team_name']);

export type CampaignRow = Awaited<ReturnType<ReturnType<typeof selectCampaigns>['executeTakeFirstOrThrow']>>;

/** A live campaign (deleted ones only with includeDeleted: their touchpoints still name them). */
export const findCampaignRow = (db: Db, id: string, opts: { includeDeleted?: boolean } = {}) => {
  let q = selectCampaigns(db).where('c.id', '=', id);
  if (!opts.includeDeleted) q = q.where('c.deleted_at', 'is', null);
  return q.executeTakeFirst();
};

export interface CampaignFilter {
  q?: string;
  status?: string;
  channel?: string;
  ownerId?: string;
  teamId?: string;
  limit: number;
  cursor?: string;
}

/** Live campaigns by name, keyset on (sort_name, id) over campaigns_live_name. */
export const listCampaignRows = (db: Db, f: CampaignFilter) => {
  let q = selectCampaigns(db).where('c.deleted_at', 'is', null);
  if (f.q) q = q.where('c.sort_name', 'like', `%${escapeLike(sortKey(f.q))}%`);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.channel) q = q.where('c.channel', '=', f.channel);
  if (f.ownerId) q = q.where('c.owner_id', '=', f.ownerId);
  if (f.teamId) q = q.where('c.team_id', '=', f.teamId);
  if (f.cursor) {
    const [name, id] = decodeCursor(f.cursor, { sort: 'name' });
    q = q.where((eb) => eb(eb.refTuple('c.sort_name', 'c.id'), '>', eb.tuple(String(name), id)));
  }
  return q
    .orderBy('c.sort_name')
    .orderBy('c.id')
    .limit(f.limit + 1)
    .execute();
};

/** Live campaigns starting or ending on a local date in [fromDate, toDate], by name. */
export const listCampaignsStartingOrEnding = (db: Db, fromDate: string, toDate: string) =>
  db
    .selectFrom('campaigns')
    .select(['id', 'name', 'channel', 'status', 'start_date', 'end_date', 'budget', 'currency'])
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('start_date', '>=', fromDate), eb('start_date', '<=', toDate)]),
        eb.and([eb('end_date', '>=', fromDate), eb('end_date', '<=', toDate)]),
      ]),
    )
    .orderBy('sort_name')
    .orderBy('id')
    .execute();

/** How many live campaigns the team owns. */
export const countTeamCampaigns = async (db: Db, teamId: string): Promise<number> => {
  const row = await db
    .selectFrom('campaigns')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('team_id', '=', teamId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

export const insertCampaign = (db: Db, row: CampaignsTable) => db.insertInto('campaigns').values(row).execute();

export const updateCampaignRow = (db: Db, id: string, version: number, set: Partial<CampaignsTable>) =>
  db
    .updateTable('campaigns')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

/** Sum of cost lines and number of members per campaign, for a page of campaigns. */
export const findCampaignTotals = async (db: Db, ids: string[]) => {
  if (ids.length === 0) return { costs: new Map<string, number>(), members: new Map<string, number>() };
  const [costs, members] = await Promise.all([
    db
      .selectFrom('campaign_costs')
      .select(['campaign_id', (eb) => eb.fn.sum<string | number>('amount').as('total')])
      .where('campaign_id', 'in', ids)
      .groupBy('campaign_id')
      .execute(),
    // members in the trash are not counted, as the member list does not show them
    db
      .selectFrom('campaign_members as m')
      .innerJoin('contacts as c', 'c.id', 'm.contact_id')
      .select(['m.campaign_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('m.campaign_id', 'in', ids)
      .where('c.deleted_at', 'is', null)
      .groupBy('m.campaign_id')
      .execute(),
  ]);
  return {
    costs: new Map(costs.map((r) => [r.campaign_id, Number(r.total ?? 0)])),
    members: new Map(members.map((r) => [r.campaign_id, Number(r.n)])),
  };
};

// ——— UTM keys ————————————————————————————————————————————————————————————————————————————

/** Which of the folded keys belong to a campaign other than `exceptId`, and to which one. */
export const findKeyOwners = (db: Db, keys: string[], exceptId: string | null) => {
  if (keys.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('campaign_utm_keys as k')
    .innerJoin('campaigns as c', 'c.id', 'k.campaign_id')
    .select(['k.key', 'c.id', 'c.name'])
    .where('k.key', 'in', keys);
  if (exceptId) q = q.where('k.campaign_id', '!=', exceptId);
  return q.execute();
};

/** Replaces a campaign's folded keys. */
export const replaceUtmKeys = async (db: Db, campaignId: string, keys: string[]): Promise<void> => {
  await db.deleteFrom('campaign_utm_keys').where('campaign_id', '=', campaignId).execute();
  if (keys.length > 0) {
    await db
      .insertInto('campaign_utm_keys')
      .values(keys.map((key) => ({ key, campaign_id: campaignId })))
      .execute();
  }
};

/** The live campaign a folded UTM key belongs to. */
export const findCampaignByKey = (db: Db, key: string) =>
  db
    .selectFrom('campaign_utm_keys as k')
    .innerJoin('campaigns as c', 'c.id', 'k.campaign_id')
    .select(['c.id', 'c.name'])
    .where('k.key', '=', key)
    .where('c.deleted_at', 'is', null)
    .executeTakeFirst();

// ——— Costs ———————————————————————————————————————————————————————————————————————————————

export const insertCost = (db: Db, row: CampaignCostsTable) => db.insertInto('campaign_costs').values(row).execute();

const selectCosts = (db: Db) =>
  db
    .selectFrom('campaign_costs as k')
    .leftJoin('users as u', 'u.id', 'k.created_by')
    .selectAll('k')
    .select(['u.name as creator_name', 'u.department as creator_department']);

export type CostRow = Awaited<ReturnType<ReturnType<typeof selectCosts>['executeTakeFirstOrThrow']>>;

export const findCostRow = (db: Db, campaignId: string, costId: string) =>
  selectCosts(db).where('k.campaign_id', '=', campaignId).where('k.id', '=', costId).executeTakeFirst();

/** Every cost line of a campaign, newest spending first (a campaign has tens, not thousands). */
export const listCostRows = (db: Db, campaignId: string) =>
  selectCosts(db)
    .where('k.campaign_id', '=', campaignId)
    .orderBy('k.incurred_on', 'desc')
    .orderBy('k.id', 'desc')
    .execute();

export const deleteCostRow = (db: Db, campaignId: string, costId: string) =>
  db.deleteFrom('campaign_costs').where('campaign_id', '=', campaignId).where('id', '=', costId).execute();

export const countCosts = async (db: Db, campaignId: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('campaign_costs')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('campaign_id', '=', campaignId)
        .executeTakeFirstOrThrow()
    ).n,
  );

// ——— Members —————————————————————————————————————————————————————————————————————————————

/** Live contacts among the ids. */
export const findLiveContactIds = async (db: Db, ids: string[]): Promise<Set<string>> => {
  const out = new Set<string>();
  for (const part of chunk(ids, SLICE)) {
    const rows = await db
      .selectFrom('contacts')
      .select('id')
      .where('id', 'in', part)
      .where('deleted_at', 'is', null)
      .execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
};

/** Live contacts by primary email (stored lower-case): email → id of the oldest. */
export const findContactIdsByEmail = async (db: Db, emails: string[]): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  for (const part of chunk(emails, SLICE)) {
    const rows = await db
      .selectFrom('contacts')
      .select(['id', 'email'])
      .where('email', 'in', part)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute();
    for (const r of rows) if (r.email) out.set(r.email, r.id);
  }
  return out;
};

/** The existing members among the contacts. */
export const findMemberRows = async (db: Db, campaignId: string, contactIds: string[]) => {
  const out = new Map<string, CampaignMembersTable>();
  for (const part of chunk(contactIds, SLICE)) {
    const rows = await db
      .selectFrom('campaign_members')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('contact_id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.contact_id, r);
  }
  return out;
};

export const insertMembers = async (db: Db, rows: CampaignMembersTable[]): Promise<void> => {
  for (const part of chunk(rows, 100)) await db.insertInto('campaign_members').values(part).execute();
};

export const updateMemberRow = (
  db: Db,
  campaignId: string,
  contactId: string,
  set: Partial<Pick<CampaignMembersTable, 'status' | 'responded_at' | 'touched_statuses' | 'updated_at'>>,
) =>
  db
    .updateTable('campaign_members')
    .set(set)
    .where('campaign_id', '=', campaignId)
    .where('contact_id', '=', contactId)
    .execute();

/** Members with a status, all at once (bulk status changes of members without touchpoints to record). */
export const setMemberStatus = async (
  db: Db,
  campaignId: string,
  contactIds: string[],
  status: string,
  now: string,
): Promise<void> => {
  for (const part of chunk(contactIds, SLICE)) {
    await db
      .updateTable('campaign_members')
      .set({ status, updated_at: now })
      .where('campaign_id', '=', campaignId)
      .where('contact_id', 'in', part)
      .execute();
  }
};

const selectMembers = (db: Db) =>
  db
    .selectFrom('campaign_members as m')
    .innerJoin('contacts as c', 'c.id', 'm.contact_id')
    .leftJoin('accounts as a', 'a.id', 'c.account_id')
    .selectAll('m')
    .select(['c.first_name', 'c.last_name', 'c.sort_last_name', 'c.email', 'a.name as account_name'])
    .where('c.deleted_at', 'is', null);

export type MemberRow = Awaited<ReturnType<ReturnType<typeof selectMembers>['executeTakeFirstOrThrow']>>;

export const findMemberRow = (db: Db, campaignId: string, contactId: string) =>
  selectMembers(db).where('m.campaign_id', '=', campaignId).where('m.contact_id', '=', contactId).executeTakeFirst();

/** Members of live contacts by last name, keyset on (sort_last_name, contact id). */
export const listMemberRows = (db: Db, campaignId: string, f: { status?: string; limit: number; cursor?: string }) => {
  let q = selectMembers(db).where('m.campaign_id', '=', campaignId);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.cursor) {
    const [name, id] = decodeCursor(f.cursor, { sort: 'name' });
    q = q.where((eb) => eb(eb.refTuple('c.sort_last_name', 'm.contact_id'), '>', eb.tuple(String(name), id)));
  }
  return q
    .orderBy('c.sort_last_name')
    .orderBy('m.contact_id')
    .limit(f.limit + 1)
    .execute();
};

// ——— Results —————————————————————————————————————————————————————————————————————————————

export const countMembersByStatus = (db: Db, campaignId: string) =>
  db
    .selectFrom('campaign_members as m')
    .innerJoin('contacts as c', 'c.id', 'm.contact_id')
    .select(['m.status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('m.campaign_id', '=', campaignId)
    .where('c.deleted_at', 'is', null)
    .groupBy('m.status')
    .execute();

export const countTouchpoints = async (db: Db, campaignId: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('touchpoints')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('campaign_id', '=', campaignId)
        .executeTakeFirstOrThrow()
    ).n,
  );

/**
 * Live contacts that are leads and may owe it to the campaign: those it sourced, and those with a form
 * post of the campaign (the caller keeps those whose post made them a lead), with the posts' times.
 */
export const findLeadCandidates = async (db: Db, campaignId: string) => {
  const sourced = await db
    .selectFrom('contacts')
    .select(['id', 'lead_at', 'mql_at', 'sql_at', 'source_campaign_id'])
    .where('source_campaign_id', '=', campaignId)
    .where('deleted_at', 'is', null)
    .where('lead_at', 'is not', null)
    .execute();
  const posts = await db
    .selectFrom('touchpoints as t')
    .innerJoin('contacts as c', 'c.id', 't.contact_id')
    .select(['c.id', 'c.lead_at', 'c.mql_at', 'c.sql_at', 'c.source_campaign_id', 't.occurred_at'])
    .where('t.campaign_id', '=', campaignId)
    .where('t.type', '=', 'form_submission')
    .where('c.deleted_at', 'is', null)
    .where('c.lead_at', 'is not', null)
    .execute();
  return { sourced, posts };
};

/** Handoffs of the contacts: status and reject reason (a rejected one keeps its reason when recycled). */
export const findHandoffFacts = async (db: Db, contactIds: string[]) => {
  const out: { status: string; rejected_at: string | null; reject_reason: string | null }[] = [];
  for (const part of chunk(contactIds, SLICE)) {
    out.push(
      ...(await db
        .selectFrom('handoffs')
        .select(['status', 'rejected_at', 'reject_reason'])
        .where('contact_id', 'in', part)
        .execute()),
    );
  }
  return out;
};
