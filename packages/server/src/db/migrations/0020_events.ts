import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/**
 * Customer events (issue 13): the event, the reps' invitations and the registrations.
 *
 * Capacity is exact because every change of seats runs under the event row: a registration, a
 * cancellation or a promotion locks it (`SELECT … FOR UPDATE` on PostgreSQL; SQLite has one writer) and
 * keeps two counters on it in the same transaction: `seats_taken` (confirmed and attended places) and
 * `arrivals` (the last arrival number handed out, which orders the waiting list). The unique index on
 * (event, lower(email)) makes the same email one registration whatever else races.
 *
 * The goal metric `event_attendees` reads attended registrations, so the `facts` data version (0015)
 * moves when a registration's status changes or an event changes campaign or team; plain seat counting
 * does not touch it.
 */
export const events = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts } = columnTypes(engine);
    await db.schema
      .createTable('events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('starts_at', ts, (c) => c.notNull())
      .addColumn('ends_at', ts, (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('venue', 'text')
      .addColumn('online_url', 'text')
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('waitlist', 'integer', (c) => c.notNull())
      .addColumn('registration_deadline', ts, (c) => c.notNull())
      // draft | open | closed | done | cancelled
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('seats_taken', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('arrivals', 'integer', (c) => c.notNull().defaultTo(0))
      // up with every change of time or place the registrants were sent
      .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('closed_at', ts)
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('events_start').on('events').columns(['starts_at', 'id']).execute();
    await db.schema.createIndex('events_campaign').on('events').column('campaign_id').execute();

    await db.schema
      .createTable('event_invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
      .addColumn('invited_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('email', 'text', (c) => c.notNull())
      // sha-256 of the personal link's token
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('sent_at', ts, (c) => c.notNull())
      .addUniqueConstraint('event_invitations_contact', ['event_id', 'contact_id'])
      .execute();
    await db.schema
      .createIndex('event_invitations_rep')
      .on('event_invitations')
      .columns(['event_id', 'invited_by'])
      .execute();

    await db.schema
      .createTable('event_registrations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('company', 'text')
      // confirmed | waitlisted | cancelled | attended | no_show
      .addColumn('status', 'text', (c) => c.notNull())
      // the order of arrival (a registration taken up again after cancelling arrives anew)
      .addColumn('arrival', 'integer', (c) => c.notNull())
      .addColumn('invitation_id', 'text', (c) => c.references('event_invitations.id').onDelete('set null'))
      .addColumn('invited_by', 'text', (c) => c.references('users.id'))
      // the cancellation link's token: a capability to cancel this one place, kept (not hashed) because
      // every mail to the guest (confirmation, promotion, change, reminder) carries the link again
      .addColumn('cancel_token', 'text', (c) => c.notNull().unique())
      .addColumn('locale', 'text', (c) => c.notNull())
      // the SEQUENCE of the last calendar sent for this registration (its UID is `<id>@nenner`)
      .addColumn('ical_sequence', 'integer')
      .addColumn('registered_at', ts, (c) => c.notNull())
      .addColumn('confirmed_at', ts)
      .addColumn('cancelled_at', ts)
      .addColumn('checked_in_at', ts)
      .addColumn('checked_in_by', 'text', (c) => c.references('users.id'))
      .addColumn('reminded_at', ts)
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addUniqueConstraint('event_registrations_arrival', ['event_id', 'arrival'])
      .execute();
    await sql`create unique index event_registrations_email on event_registrations (event_id, lower(email))`.execute(
      db,
    );
    await db.schema
      .createIndex('event_registrations_status')
      .on('event_registrations')
      .columns(['event_id', 'status', 'arrival'])
      .execute();
    await db.schema.createIndex('event_registrations_contact').on('event_registrations').column('contact_id').execute();
    await db.schema
      .createIndex('event_registrations_checked_in')
      .on('event_registrations')
      .columns(['checked_in_at', 'event_id'])
      .where(sql<boolean>`checked_in_at is not null`)
      .execute();

    for (const statement of eventFactsTriggers(engine)) await sql.raw(statement).execute(db);
  },
});

/** The `facts` version bumps for the tables `event_attendees` reads (the function comes from 0015). */
const eventFactsTriggers = (engine: Engine): string[] => {
  const watched = [
    { table: 'event_registrations', columns: 'status, checked_in_at', name: 'event_registrations_facts' },
    { table: 'events', columns: 'campaign_id, team_id', name: 'events_facts' },
  ];
  if (engine === 'postgres') {
    return watched.map(
      (w) =>
        `CREATE TRIGGER ${w.name} AFTER UPDATE OF ${w.columns} OR DELETE ON ${w.table} FOR EACH STATEMENT EXECUTE FUNCTION nenner_bump_facts()`,
    );
  }
  const bump = `UPDATE data_versions SET version = version + 1 WHERE name = 'facts';`;
  return watched.flatMap((w) => [
    `CREATE TRIGGER ${w.name}_update AFTER UPDATE OF ${w.columns} ON ${w.table} BEGIN ${bump} END`,
    `CREATE TRIGGER ${w.name}_delete AFTER DELETE ON ${w.table} BEGIN ${bump} END`,
  ]);
};
