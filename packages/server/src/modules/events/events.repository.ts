import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import type { Engine } from '../../db/dialect.js';
import type { EventInvitationsTable, EventRegistrationsTable, EventsTable } from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

// ——— Events ——————————————————————————————————————————————————————————————————————————————————

const selectEvents = (db: Db) =>
  db
    .selectFrom('events as e')
    .innerJoin('campaigns as k', 'k.id', 'e.campaign_id')
    .leftJoin('users as o', 'o.id', 'e.owner_id')
    .leftJoin('users as c', 'c.id', 'e.created_by')
    .leftJoin('teams as t', 't.id', 'e.team_id')
    .selectAll('e')
    .select([
      'k.name as campaign_name',
      'k.currency as campaign_currency',
      'o.name as owner_name',
      'o.department as owner_department',
      'o.email as owner_email',
      'c.name as creator_name',
      'c.department as creator_department',
      't.name as team_name',
    ]);

export type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['executeTakeFirstOrThrow']>>;

export const findEventRow = (db: Db, id: string) => selectEvents(db).where('e.id', '=', id).executeTakeFirst();

export const findEventBySlug = (db: Db, slug: string) => selectEvents(db).where('e.slug', '=', slug).executeTakeFirst();

/**
 * The event row, locked for the rest of the transaction on PostgreSQL (SQLite has one writer): every
 * change of seats runs after this, so capacity stays exact under concurrent requests.
 */
export const lockEventRow = (db: Db, engine: Engine, id: string): Promise<EventsTable | undefined> => {
  const q = db.selectFrom('events').selectAll().where('id', '=', id);
  return (engine === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
};

export interface EventFilter {
  q?: string;
  status?: string;
  type?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** Events by start (then id), keyset on both. */
export const listEventRows = (db: Db, f: EventFilter) => {
  let q = selectEvents(db);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(e.title)`, 'like', like),
        eb(sql`lower(coalesce(e.venue, ''))`, 'like', like),
        eb('e.slug', 'like', like),
      ]),
    );
  }
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.type) q = q.where('e.type', '=', f.type);
  if (f.from) q = q.where('e.ends_at', '>=', f.from);
  if (f.to) q = q.where('e.starts_at', '<', f.to);
  if (f.cursor) {
    const [startsAt, id] = decodeCursor(f.cursor, { sort: 'start', timestamp: true });
    q = q.where((eb) =>
      eb.or([
        eb('e.starts_at', '>', String(startsAt)),
        eb.and([eb('e.starts_at', '=', String(startsAt)), eb('e.id', '>', id)]),
      ]),
    );
  }
  return q
    .orderBy('e.starts_at')
    .orderBy('e.id')
    .limit(f.limit + 1)
    .execute();
};

export const slugInUse = async (db: Db, slug: string, exceptId?: string): Promise<boolean> => {
  let q = db.selectFrom('events').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
};

export const insertEvent = (db: Db, row: EventsTable) => db.insertInto('events').values(row).execute();

/** An organiser's change: guarded by the version, which it raises. */
export const updateEventRow = (db: Db, id: string, version: number, set: Partial<EventsTable>) =>
  db
    .updateTable('events')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();

/** The seat counters, written under the event's lock; not an edit of the event (no new version). */
export const setSeatCounters = (db: Db, id: string, set: Pick<EventsTable, 'seats_taken' | 'arrivals'>) =>
  db.updateTable('events').set(set).where('id', '=', id).execute();

export const deleteEventRow = (db: Db, id: string) => db.deleteFrom('events').where('id', '=', id).execute();

export const deleteInvitationsOf = (db: Db, eventId: string) =>
  db.deleteFrom('event_invitations').where('event_id', '=', eventId).execute();

export const countRegistrationsByStatus = (db: Db, eventIds: string[]) =>
  eventIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('event_registrations')
        .select(['event_id', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('event_id', 'in', eventIds)
        .groupBy(['event_id', 'status'])
        .execute();

export const countInvitations = (db: Db, eventIds: string[]) =>
  eventIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('event_invitations')
        .select(['event_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('event_id', 'in', eventIds)
        .groupBy('event_id')
        .execute();

export const countAllRegistrations = async (db: Db, eventId: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('event_registrations')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('event_id', '=', eventId)
        .executeTakeFirstOrThrow()
    ).n,
  );

// ——— Registrations ————————————————————————————————————————————————————————————————————————————

const selectRegistrations = (db: Db) =>
  db
    .selectFrom('event_registrations as r')
    .innerJoin('contacts as c', 'c.id', 'r.contact_id')
    .leftJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('users as ao', 'ao.id', 'a.owner_id')
    .leftJoin('users as ib', 'ib.id', 'r.invited_by')
    .leftJoin('users as cb', 'cb.id', 'r.checked_in_by')
    .selectAll('r')
    .select([
      'a.id as account_id',
      'a.name as account_name',
      'a.owner_id as account_owner_id',
      'ao.name as account_owner_name',
      'ao.department as account_owner_department',
      'ib.name as inviter_name',
      'ib.department as inviter_department',
      'cb.name as checker_name',
      'cb.department as checker_department',
    ]);

export type RegistrationRow = Awaited<ReturnType<ReturnType<typeof selectRegistrations>['executeTakeFirstOrThrow']>>;

export const findRegistrationRow = (db: Db, eventId: string, id: string) =>
  selectRegistrations(db).where('r.event_id', '=', eventId).where('r.id', '=', id).executeTakeFirst();

/** The registration of an email at an event, whatever became of it (emails compare case-insensitively). */
export const findRegistrationByEmail = (db: Db, eventId: string, email: string) =>
  db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();

export const findRegistrationByToken = (db: Db, eventId: string, token: string) =>
  db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('cancel_token', '=', token)
    .executeTakeFirst();

export const findRegistrationById = (db: Db, eventId: string, id: string) =>
  db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('id', '=', id)
    .executeTakeFirst();

export interface RegistrationFilter {
  q?: string;
  status?: string;
  invitedById?: string;
  limit: number;
  cursor?: string;
}

/** Registrations in order of arrival, keyset on it; `q` matches names, email and company. */
export const listRegistrationRows = (db: Db, eventId: string, f: RegistrationFilter) => {
  let q = selectRegistrations(db).where('r.event_id', '=', eventId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.invitedById) q = q.where('r.invited_by', '=', f.invitedById);
  if (f.q) {
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(r.first_name || ' ' || r.last_name)`, 'like', like),
        eb(sql`lower(r.email)`, 'like', like),
        eb(sql`lower(coalesce(r.company, ''))`, 'like', like),
        eb(sql`lower(coalesce(a.name, ''))`, 'like', like),
      ]),
    );
  }
  if (f.cursor) {
    const [arrival] = decodeCursor(f.cursor, { sort: 'arrival', value: 'integer' });
    q = q.where('r.arrival', '>', Number(arrival));
  }
  return q
    .orderBy('r.arrival')
    .limit(f.limit + 1)
    .execute();
};

/** The waiting list's arrival numbers, first come first. */
export const listWaitlistArrivals = async (db: Db, eventId: string): Promise<number[]> =>
  (
    await db
      .selectFrom('event_registrations')
      .select('arrival')
      .where('event_id', '=', eventId)
      .where('status', '=', 'waitlisted')
      .orderBy('arrival')
      .execute()
  ).map((r) => Number(r.arrival));

/** How many wait at or before this arrival: a waiting guest's place on the list. */
export const countWaitlistedUpTo = async (db: Db, eventId: string, arrival: number): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('event_registrations')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('event_id', '=', eventId)
        .where('status', '=', 'waitlisted')
        .where('arrival', '<=', arrival)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The first on the waiting list (lowest arrival), if any. */
export const findFirstWaitlisted = (db: Db, eventId: string) =>
  db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('arrival')
    .limit(1)
    .executeTakeFirst();

export const insertRegistration = (db: Db, row: EventRegistrationsTable) =>
  db.insertInto('event_registrations').values(row).execute();

export const updateRegistrationRow = (db: Db, id: string, set: Partial<EventRegistrationsTable>) =>
  db.updateTable('event_registrations').set(set).where('id', '=', id).execute();

/** Moves a registration on only from the status it was read in; 0 rows when someone was quicker. */
export const updateRegistrationFrom = async (
  db: Db,
  id: string,
  from: string,
  set: Partial<EventRegistrationsTable>,
): Promise<number> =>
  Number(
    (
      await db
        .updateTable('event_registrations')
        .set(set)
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst()
    ).numUpdatedRows,
  );

/** Registrations of an event in some statuses, in order of arrival. */
export const listRegistrationsIn = (db: Db, eventId: string, statuses: string[]) =>
  db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', 'in', statuses)
    .orderBy('arrival')
    .execute();

export const setRegistrationsStatus = (
  db: Db,
  eventId: string,
  from: string[],
  set: Partial<EventRegistrationsTable>,
) =>
  db.updateTable('event_registrations').set(set).where('event_id', '=', eventId).where('status', 'in', from).execute();

/** Confirmed places not reminded yet. */
export const listUnreminded = (db: Db, eventId: string) =>
  db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', '=', 'confirmed')
    .where('reminded_at', 'is', null)
    .orderBy('arrival')
    .execute();

export const markReminded = (db: Db, ids: string[], at: string) =>
  ids.length === 0
    ? Promise.resolve()
    : db
        .updateTable('event_registrations')
        .set({ reminded_at: at })
        .where('id', 'in', ids)
        .execute()
        .then(() => {});

/**
 * What a follow-up needs of each attendee or no-show: the contact, its stage, its account and the
 * account's and contact's owners (active ones only), who checked them in and who invited them.
 */
export const listFollowUpFacts = (db: Db, eventId: string, statuses: string[]) =>
  db
    .selectFrom('event_registrations as r')
    .innerJoin('contacts as c', 'c.id', 'r.contact_id')
    .leftJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('users as ao', (j) => j.onRef('ao.id', '=', 'a.owner_id').on('ao.active', '=', 1))
    .leftJoin('users as co', (j) => j.onRef('co.id', '=', 'c.owner_id').on('co.active', '=', 1))
    .leftJoin('users as cb', 'cb.id', 'r.checked_in_by')
    .leftJoin('users as ib', 'ib.id', 'r.invited_by')
    .select([
      'r.id',
      'r.status',
      'r.contact_id',
      'r.first_name',
      'r.last_name',
      'r.email',
      'r.company',
      'c.lifecycle_stage',
      'a.name as account_name',
      'ao.id as account_owner_id',
      'ao.locale as account_owner_locale',
      'co.id as contact_owner_id',
      'co.locale as contact_owner_locale',
      'cb.name as checker_name',
      'ib.name as inviter_name',
    ])
    .where('r.event_id', '=', eventId)
    .where('r.status', 'in', statuses)
    .orderBy('r.arrival')
    .execute();

// ——— Invitations ——————————————————————————————————————————————————————————————————————————————

export const findInvitationByTokenHash = (db: Db, eventId: string, hash: string) =>
  db
    .selectFrom('event_invitations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('token_hash', '=', hash)
    .executeTakeFirst();

export const findInvitationOfContact = (db: Db, eventId: string, contactId: string) =>
  db
    .selectFrom('event_invitations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst();

export const insertInvitations = async (db: Db, rows: EventInvitationsTable[]): Promise<void> => {
  if (rows.length > 0) await db.insertInto('event_invitations').values(rows).execute();
};

/** What an invitation needs of each contact: its address, name, account and consent. */
export const findInviteeFacts = (db: Db, contactIds: string[]) =>
  db
    .selectFrom('contacts as c')
    .leftJoin('accounts as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.first_name',
      'c.last_name',
      'c.email',
      'c.consent_status',
      'a.name as account_name',
      // the contact objected to or withdrew a marketing consent
      sql<number>`case when exists (select 1 from consents x where x.contact_id = c.id and x.purpose = 'marketing'
        and x.status in ('withdrawn', 'revoked', 'opted_out')) then 1 else 0 end`.as('opted_out'),
    ])
    .where('c.id', 'in', contactIds)
    .where('c.deleted_at', 'is', null)
    .execute();

export const findInvitedContactIds = async (db: Db, eventId: string, contactIds: string[]): Promise<Set<string>> =>
  new Set(
    (
      await db
        .selectFrom('event_invitations')
        .select('contact_id')
        .where('event_id', '=', eventId)
        .where('contact_id', 'in', contactIds)
        .execute()
    ).map((r) => r.contact_id),
  );

/** Contacts (by id, or by one of these emails) holding a place or a waiting spot at the event. */
export const findRegisteredContacts = async (
  db: Db,
  eventId: string,
  contactIds: string[],
  emails: string[],
): Promise<{ contactIds: Set<string>; emails: Set<string> }> => {
  const rows = await db
    .selectFrom('event_registrations')
    .select(['contact_id', 'email'])
    .where('event_id', '=', eventId)
    .where('status', '<>', 'cancelled')
    .where((eb) =>
      eb.or([eb('contact_id', 'in', contactIds), ...(emails.length > 0 ? [eb(sql`lower(email)`, 'in', emails)] : [])]),
    )
    .execute();
  return {
    contactIds: new Set(rows.map((r) => r.contact_id)),
    emails: new Set(rows.map((r) => r.email.toLowerCase())),
  };
};

const selectInvitations = (db: Db) =>
  db
    .selectFrom('event_invitations as i')
    .innerJoin('contacts as c', 'c.id', 'i.contact_id')
    .innerJoin('users as u', 'u.id', 'i.invited_by')
    .leftJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('event_registrations as r', 'r.invitation_id', 'i.id')
    .select([
      'i.id',
      'i.event_id',
      'i.contact_id',
      'i.invited_by',
      'i.email',
      'i.sent_at',
      'c.first_name',
      'c.last_name',
      'a.id as account_id',
      'a.name as account_name',
      'u.name as inviter_name',
      'u.department as inviter_department',
      'r.id as registration_id',
      'r.status as registration_status',
    ]);

/** Invitations, newest first, keyset on (sent_at desc, id desc). */
export const listInvitationRows = (
  db: Db,
  eventId: string,
  f: { invitedById?: string; limit: number; cursor?: string },
) => {
  let q = selectInvitations(db).where('i.event_id', '=', eventId);
  if (f.invitedById) q = q.where('i.invited_by', '=', f.invitedById);
  if (f.cursor) {
    const [sentAt, id] = decodeCursor(f.cursor, { sort: 'sent', timestamp: true });
    q = q.where((eb) =>
      eb.or([
        eb('i.sent_at', '<', String(sentAt)),
        eb.and([eb('i.sent_at', '=', String(sentAt)), eb('i.id', '<', id)]),
      ]),
    );
  }
  return q
    .orderBy('i.sent_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(f.limit + 1)
    .execute();
};

// ——— Report ———————————————————————————————————————————————————————————————————————————————————

/** Per inviting rep: invitations sent, registrations through them, and how many of those attended. */
export const countByRep = async (db: Db, eventId: string) => {
  const [invited, registered] = await Promise.all([
    db
      .selectFrom('event_invitations as i')
      .innerJoin('users as u', 'u.id', 'i.invited_by')
      .select(['u.id', 'u.name', 'u.department', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('i.event_id', '=', eventId)
      .groupBy(['u.id', 'u.name', 'u.department'])
      .execute(),
    db
      .selectFrom('event_registrations as r')
      .innerJoin('users as u', 'u.id', 'r.invited_by')
      .select([
        'u.id',
        'u.name',
        'u.department',
        (eb) => eb.fn.countAll<number | string>().as('n'),
        sql<number | string>`sum(case when r.status = 'attended' then 1 else 0 end)`.as('attended'),
      ])
      .where('r.event_id', '=', eventId)
      .groupBy(['u.id', 'u.name', 'u.department'])
      .execute(),
  ]);
  return { invited, registered };
};

/**
 * The events a user is part of, ending from `from` and starting before `to`: those they own and those they
 * hold a place at under their own email (issue 19: their calendar feed). Drafts and cancelled ones are left out.
 */
export const listEventRowsOfUser = (db: Db, user: { id: string; email: string }, from: string, to: string) =>
  db
    .selectFrom('events as e')
    .select([
      'e.id',
      'e.title',
      'e.description',
      'e.starts_at',
      'e.ends_at',
      'e.venue',
      'e.online_url',
      'e.slug',
      'e.updated_at',
    ])
    .where('e.status', 'in', ['open', 'closed', 'done'])
    .where('e.ends_at', '>=', from)
    .where('e.starts_at', '<', to)
    .where((eb) =>
      eb.or([
        eb('e.owner_id', '=', user.id),
        eb.exists(
          eb
            .selectFrom('event_registrations as r')
            .select('r.id')
            .whereRef('r.event_id', '=', 'e.id')
            .where(sql`lower(r.email)`, '=', user.email.toLowerCase())
            .where('r.status', 'in', ['confirmed', 'attended']),
        ),
      ]),
    )
    .orderBy('e.starts_at')
    .orderBy('e.id')
    .execute();
