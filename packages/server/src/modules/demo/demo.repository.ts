import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import type { AccountsTable, ContactsTable, TimelineEntriesTable, TouchpointsTable } from '../../db/schema.js';

const chunk = <T>(rows: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

// SQLite allows 32,766 bound parameters per statement; 100 rows of ≤ 18 columns stay well below.
const BATCH = 100;

/** Bulk inserts for seeding only; regular writes go through each module's service. */
export const insertSeedRows = async (
  db: Db,
  rows: { accounts: AccountsTable[]; contacts: ContactsTable[]; timeline: TimelineEntriesTable[] },
): Promise<void> => {
  for (const part of chunk(rows.accounts, BATCH)) await db.insertInto('accounts').values(part).execute();
  for (const part of chunk(rows.contacts, BATCH)) await db.insertInto('contacts').values(part).execute();
  for (const part of chunk(rows.timeline, BATCH)) await db.insertInto('timeline_entries').values(part).execute();
};

/**
 * Moves a demo deal's stage change (and, for a closed deal, its close) back in time, so the board shows
 * stale deals and the win/loss report spreads over past months.
 */
export const backdateDeal = async (
  db: Db,
  dealId: string,
  at: { stageChangedAt: string; closedAt?: string | undefined; createdAt?: string | undefined },
): Promise<void> => {
  await db
    .updateTable('deals')
    .set({
      stage_changed_at: at.stageChangedAt,
      ...(at.closedAt && { closed_at: at.closedAt, close_date: at.closedAt.slice(0, 10) }),
      ...(at.createdAt && { created_at: at.createdAt }),
    })
    .where('id', '=', dealId)
    .execute();
  await db
    .updateTable('timeline_entries')
    .set({ created_at: at.closedAt ?? at.stageChangedAt })
    .where('entity_type', '=', 'deal')
    .where('entity_id', '=', dealId)
    .where('kind', '=', 'deal')
    .where('action', 'in', ['moved', 'won', 'lost'])
    .execute();
  if (!at.createdAt) return;
  await db
    .updateTable('timeline_entries')
    .set({ created_at: at.createdAt })
    .where('entity_type', '=', 'deal')
    .where('entity_id', '=', dealId)
    .where('action', '=', 'created')
    .execute();
};

/** Bulk inserts of tracked touches (website visits) and their timeline entries, for seeding only. */
export const insertSeedTouches = async (
  db: Db,
  touches: TouchpointsTable[],
  timeline: TimelineEntriesTable[],
): Promise<void> => {
  for (const part of chunk(touches, BATCH)) await db.insertInto('touchpoints').values(part).execute();
  for (const part of chunk(timeline, BATCH)) await db.insertInto('timeline_entries').values(part).execute();
};

/** The account a deal is on. */
export const findDealAccountId = async (db: Db, dealId: string): Promise<string | null> =>
  (await db.selectFrom('deals').select('account_id').where('id', '=', dealId).executeTakeFirst())?.account_id ?? null;

/** The contacts on a deal, in the trash too. */
export const findDealContactIds = async (db: Db, dealId: string): Promise<string[]> =>
  (await db.selectFrom('deal_contacts').select('contact_id').where('deal_id', '=', dealId).execute()).map(
    (r) => r.contact_id,
  );

/** Every live deal's contacts with what the demo campaigns need to place touches before the deal. */
export const findDemoDealContacts = (db: Db) =>
  db
    .selectFrom('deals as d')
    .innerJoin('deal_contacts as dc', 'dc.deal_id', 'd.id')
    .innerJoin('contacts as c', 'c.id', 'dc.contact_id')
    .select([
      'd.id as deal_id',
      'dc.contact_id',
      'd.source',
      'd.campaign_key',
      'd.created_at',
      'd.closed_at',
      'c.created_at as contact_created_at',
    ])
    .where('d.deleted_at', 'is', null)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .orderBy('dc.contact_id')
    .execute();

/**
 * Moves a demo member's response (its touchpoint and timeline entry, recorded now by the campaigns
 * service) back to when it happened, so attribution sees it before the contact's deal.
 */
export const backdateMemberResponse = async (
  db: Db,
  campaignId: string,
  contactId: string,
  type: string,
  at: string,
): Promise<void> => {
  const touch = await db
    .selectFrom('touchpoints')
    .select(['id', 'occurred_at'])
    .where('campaign_id', '=', campaignId)
    .where('contact_id', '=', contactId)
    .where('type', '=', type)
    .orderBy('occurred_at', 'desc')
    .executeTakeFirst();
  if (!touch) return;
  await db.updateTable('touchpoints').set({ occurred_at: at }).where('id', '=', touch.id).execute();
  await db
    .updateTable('timeline_entries')
    .set({ created_at: at })
    .where('entity_type', '=', 'contact')
    .where('entity_id', '=', contactId)
    .where('kind', '=', 'touchpoint')
    .where('action', '=', type)
    .where('created_at', '=', touch.occurred_at)
    .execute();
  await db
    .updateTable('campaign_members')
    .set({ responded_at: at, created_at: at, updated_at: at })
    .where('campaign_id', '=', campaignId)
    .where('contact_id', '=', contactId)
    .execute();
};

/** A contact's source campaign is the campaign of its earliest campaign touch (after back-dating demo touches). */
export const recomputeSourceCampaigns = async (db: Db): Promise<void> => {
  await sql`update contacts set source_campaign_id = (
      select t.campaign_id from touchpoints t
      where t.contact_id = contacts.id and t.campaign_id is not null
      order by t.occurred_at, t.id limit 1)
    where id in (select contact_id from touchpoints where campaign_id is not null)`.execute(db);
};

/** The tables whose stamps the demo moves back after a service wrote them "now". */
export type StampedTable =
  | 'users'
  | 'timeline_entries'
  | 'notifications'
  | 'teams'
  | 'projects'
  | 'project_requirements'
  | 'project_signoffs'
  | 'project_pilots'
  | 'pilot_feedback'
  | 'rotations'
  | 'rotation_checkins'
  | 'events'
  | 'event_registrations'
  | 'campaign_members'
  | 'touchpoints'
  | 'consents'
  | 'activities';

/**
 * Moves stamps a service just wrote back to when the demo story has it happen: in the rows of `table`
 * matching `where`, each of `columns` stamped at or after `since` (when this part of the seeding began)
 * becomes `at`. Stamps moved back by an earlier step lie before `since` and stay as they are.
 */
export const restampSince = async (
  db: Db,
  table: StampedTable,
  where: Record<string, string>,
  columns: string[],
  since: string,
  at: string,
): Promise<void> => {
  for (const column of columns) {
    const conditions = [
      sql`${sql.ref(column)} >= ${since}`,
      ...Object.entries(where).map(([key, value]) => sql`${sql.ref(key)} = ${value}`),
    ];
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${at} where ${sql.join(conditions, sql` and `)}`.execute(
      db,
    );
  }
};

/**
 * Accounts for the demo's teams and pilots: owned by one of `ownerIds`, made before `createdBefore`,
 * optionally only those with an open deal; in name order, so the same ones are picked every time.
 */
export const findDemoAccounts = (
  db: Db,
  f: { ownerIds: string[]; createdBefore: string; openDeal?: boolean; countries?: string[] },
) => {
  let q = db
    .selectFrom('accounts as a')
    .select(['a.id', 'a.name', 'a.owner_id', 'a.country', 'a.industry', 'a.version', 'a.created_at'])
    .where('a.deleted_at', 'is', null)
    .where('a.owner_id', 'in', f.ownerIds.length > 0 ? f.ownerIds : [''])
    .where('a.created_at', '<', f.createdBefore);
  if (f.countries) q = q.where('a.country', 'in', f.countries);
  if (f.openDeal) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('deals as d')
          .select('d.id')
          .whereRef('d.account_id', '=', 'a.id')
          .where('d.status', '=', 'open')
          .where('d.deleted_at', 'is', null),
      ),
    );
  }
  return q.orderBy('a.sort_name').orderBy('a.name').execute();
};

/**
 * Contacts the demo's events can have as guests: with an email, at an account owned by one of
 * `accountOwnerIds`, in one of `stages` (past the point where a touch could hand them to sales), made
 * before `createdBefore` and not yet members of `campaignId`; in account and name order.
 */
export const findDemoGuests = (
  db: Db,
  f: { accountOwnerIds: string[]; stages: string[]; createdBefore: string; campaignId: string },
) =>
  db
    .selectFrom('contacts as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.first_name',
      'c.last_name',
      'c.email',
      'c.created_at',
      'a.id as account_id',
      'a.name as account_name',
      'a.owner_id as account_owner_id',
    ])
    .where('c.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .where('c.email', 'is not', null)
    .where('c.owner_id', 'is not', null)
    .where('a.owner_id', 'in', f.accountOwnerIds.length > 0 ? f.accountOwnerIds : [''])
    .where('c.lifecycle_stage', 'in', f.stages)
    .where('c.created_at', '<', f.createdBefore)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('campaign_members as m')
            .select('m.contact_id')
            .whereRef('m.contact_id', '=', 'c.id')
            .where('m.campaign_id', '=', f.campaignId),
        ),
      ),
    )
    .orderBy('a.sort_name')
    .orderBy('c.sort_last_name')
    .orderBy('c.sort_first_name')
    .orderBy('c.email')
    .execute();

/** One active user among these emails, if any. */
export const findActiveUserByEmails = (db: Db, emails: string[]) =>
  db.selectFrom('users').select('id').where('active', '=', 1).where('email', 'in', emails).executeTakeFirst();

/**
 * Moves a seeded record's creation (and its "created" timeline entry) back to `at` when it was made later:
 * a contact is in the workspace before its first touch and its first deal, an account before its contacts.
 */
export const moveCreationBack = async (db: Db, entity: 'account' | 'contact', id: string, at: string) => {
  if (entity === 'account') {
    await db
      .updateTable('accounts')
      .set({ created_at: at })
      .where('id', '=', id)
      .where('created_at', '>', at)
      .execute();
  } else {
    await db
      .updateTable('contacts')
      .set({ created_at: at })
      .where('id', '=', id)
      .where('created_at', '>', at)
      .execute();
  }
  await db
    .updateTable('timeline_entries')
    .set({ created_at: at })
    .where('entity_type', '=', entity)
    .where('entity_id', '=', id)
    .where('action', '=', 'created')
    .where('created_at', '>', at)
    .execute();
};

/** Per record, the earliest thing that happened to it, beside its creation: what settles the story's order. */
export const findEarliestEvents = async (db: Db) => {
  const [contacts, touches, deals, contactEntries, accounts, accountDeals, accountEntries] = await Promise.all([
    db.selectFrom('contacts').select(['id', 'created_at', 'account_id']).where('deleted_at', 'is', null).execute(),
    db
      .selectFrom('touchpoints')
      .select(['contact_id as id', (eb) => eb.fn.min<string>('occurred_at').as('at')])
      .groupBy('contact_id')
      .execute(),
    db
      .selectFrom('deal_contacts as dc')
      .innerJoin('deals as d', 'd.id', 'dc.deal_id')
      .select(['dc.contact_id as id', (eb) => eb.fn.min<string>('d.created_at').as('at')])
      .groupBy('dc.contact_id')
      .execute(),
    db
      .selectFrom('timeline_entries')
      .select(['entity_id as id', (eb) => eb.fn.min<string>('created_at').as('at')])
      .where('entity_type', '=', 'contact')
      .groupBy('entity_id')
      .execute(),
    db.selectFrom('accounts').select(['id', 'created_at']).where('deleted_at', 'is', null).execute(),
    db
      .selectFrom('deals')
      .select(['account_id as id', (eb) => eb.fn.min<string>('created_at').as('at')])
      .where('account_id', 'is not', null)
      .groupBy('account_id')
      .execute(),
    db
      .selectFrom('timeline_entries')
      .select(['entity_id as id', (eb) => eb.fn.min<string>('created_at').as('at')])
      .where('entity_type', '=', 'account')
      .groupBy('entity_id')
      .execute(),
  ]);
  return { contacts, touches, deals, contactEntries, accounts, accountDeals, accountEntries };
};

/** Every live contact's id, oldest first. */
export const findContactIds = async (db: Db): Promise<string[]> =>
  (await db.selectFrom('contacts').select('id').where('deleted_at', 'is', null).orderBy('id').execute()).map(
    (r) => r.id,
  );
