import { createHash, randomBytes } from 'node:crypto';
import { addDays, type Campaign, type Event, type User } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { newId } from '../../lib/ids.js';
import { getCampaign, updateCampaign } from '../campaigns/campaigns.service.js';
import { recordEventResponse } from '../campaigns/members.service.js';
import {
  insertInvitations,
  insertRegistration,
  setSeatCounters,
  updateRegistrationRow,
} from '../events/events.repository.js';
import { createEvent } from '../events/events.service.js';
import { closeEvent } from '../events/followups.service.js';
import { checkIn } from '../events/seats.service.js';
import { recordLeadConsent } from '../leads/leads.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { findDemoGuests } from './demo.repository.js';
import type { DemoCampaigns } from './demoCampaigns.js';
import { type DemoTeams, demoActor } from './demoTeams.js';
import { type DemoCalendar, dayOfWeek, demoCalendar, nextWeekday } from './demoTime.js';

/*
 * The demo's customer events. The event itself, the check-ins and the closing go through the events
 * services. The guests' side (invitations, registrations, a cancellation) is written as those services
 * write it (rows, seat counters, campaign responses, audit entries) but without their mails: the demo's
 * customers are invented, their addresses may not be.
 */

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
type Guest = Awaited<ReturnType<typeof findDemoGuests>>[number];

const CONSENT_TEXT =
  'Ich möchte den Newsletter „Nenner Insights“ und Einladungen zu Veranstaltungen per E-Mail erhalten. Abmeldung jederzeit möglich.';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** The first contact of each account, skipping accounts already taken; at most `count`. */
const onePerAccount = (guests: Guest[], taken: Set<string>, count: number): Guest[] => {
  const out: Guest[] = [];
  for (const g of guests) {
    if (out.length >= count) break;
    if (taken.has(g.account_id)) continue;
    taken.add(g.account_id);
    out.push(g);
  }
  return out;
};

/** Moves what the services stamped for one contact's campaign response back to `at`. */
const stampResponse = async (cal: DemoCalendar, campaignId: string, contactId: string, at: string) => {
  await cal.restamp(
    'touchpoints',
    { contact_id: contactId, campaign_id: campaignId },
    ['occurred_at', 'created_at'],
    at,
  );
  await cal.restamp('timeline_entries', { entity_type: 'contact', entity_id: contactId }, ['created_at'], at);
  await cal.restamp(
    'campaign_members',
    { campaign_id: campaignId, contact_id: contactId },
    ['created_at', 'responded_at', 'updated_at'],
    at,
  );
};

const stampEvent = async (cal: DemoCalendar, eventId: string, at: string) => {
  await cal.restamp('events', { id: eventId }, ['created_at', 'updated_at'], at);
  await cal.restamp('timeline_entries', { entity_type: 'event', entity_id: eventId }, ['created_at'], at);
};

interface Invite {
  guest: Guest;
  rep: Actor;
  at: string;
}

interface Registration {
  guest: Guest;
  at: string;
  invitation?: { id: string; rep: Actor };
  /** When the guest cancelled, if they did. */
  cancelledAt?: string;
}

/** The guests' side of an event: invitations per rep, registrations in order of arrival, cancellations. */
const seedGuests = async (
  ctx: AppContext,
  cal: DemoCalendar,
  event: Event,
  invites: Invite[],
  registrations: (Omit<Registration, 'invitation'> & { invited?: boolean })[],
): Promise<Map<string, string>> => {
  const campaignId = event.campaign.id;
  const invitationOf = new Map<string, { id: string; rep: Actor }>();
  // a confirmed consent to marketing mail, given long before anyone was invited
  for (const { guest } of invites) {
    await recordLeadConsent(ctx, ctx.db, {
      contactId: guest.id,
      email: guest.email ?? '',
      firstName: guest.first_name,
      consentedBefore: false,
      text: CONSENT_TEXT,
      version: 1,
      source: 'newsletter',
      doubleOptIn: false,
      locale: 'de',
    });
    await cal.restamp(
      'consents',
      { contact_id: guest.id },
      ['given_at', 'confirmed_at'],
      plus(guest.created_at, 2 * HOUR_MS),
    );
  }
  const byRep = new Map<string, Invite[]>();
  for (const i of invites) byRep.set(i.rep.id, [...(byRep.get(i.rep.id) ?? []), i]);
  for (const batch of byRep.values()) {
    const first = batch[0];
    if (!first) continue;
    const rows = batch.map((i) => ({
      id: newId(Date.parse(first.at)),
      event_id: event.id,
      contact_id: i.guest.id,
      invited_by: i.rep.id,
      email: i.guest.email ?? '',
      token_hash: sha256(randomBytes(24).toString('base64url')),
      sent_at: first.at,
    }));
    await insertInvitations(ctx.db, rows);
    for (const row of rows) {
      invitationOf.set(row.contact_id, { id: row.id, rep: first.rep });
      await recordEventResponse(ctx, ctx.db, first.rep, campaignId, row.contact_id, 'sent', { eventId: event.id });
      await stampResponse(cal, campaignId, row.contact_id, first.at);
    }
    await recordAudit(ctx.db, first.rep, 'event', event.id, 'invitations_sent', [
      { field: 'invitations', from: null, to: { sent: rows.length, skipped: 0 } },
    ]);
    await stampEvent(cal, event.id, first.at);
  }

  const registrationIds = new Map<string, string>();
  const ordered = [...registrations].sort((a, b) => a.at.localeCompare(b.at));
  let seats = 0;
  for (const [i, r] of ordered.entries()) {
    const id = newId(Date.parse(r.at));
    const invitation = r.invited ? invitationOf.get(r.guest.id) : undefined;
    await insertRegistration(ctx.db, {
      id,
      event_id: event.id,
      contact_id: r.guest.id,
      email: r.guest.email ?? '',
      first_name: r.guest.first_name,
      last_name: r.guest.last_name,
      company: r.guest.account_name,
      status: 'confirmed',
      arrival: i + 1,
      invitation_id: invitation?.id ?? null,
      invited_by: invitation?.rep.id ?? null,
      cancel_token: randomBytes(24).toString('base64url'),
      locale: 'de',
      ical_sequence: 0,
      registered_at: r.at,
      confirmed_at: r.at,
      cancelled_at: null,
      checked_in_at: null,
      checked_in_by: null,
      reminded_at: null,
      updated_at: r.at,
    });
    seats += 1;
    registrationIds.set(r.guest.id, id);
    await recordEventResponse(ctx, ctx.db, null, campaignId, r.guest.id, 'registered', {
      eventId: event.id,
      registrationId: id,
    });
    await stampResponse(cal, campaignId, r.guest.id, r.at);
    await recordAudit(ctx.db, null, 'event', event.id, 'registered', [
      { field: `registrations.${id}.status`, from: null, to: 'confirmed' },
    ]);
    await stampEvent(cal, event.id, r.at);
  }
  // cancellations come after every registration in this story, so the order of arrival is untouched
  for (const r of ordered.filter((x) => x.cancelledAt)) {
    const id = registrationIds.get(r.guest.id);
    if (!id || !r.cancelledAt) continue;
    await updateRegistrationRow(ctx.db, id, {
      status: 'cancelled',
      cancelled_at: r.cancelledAt,
      ical_sequence: 1,
      updated_at: r.cancelledAt,
    });
    seats -= 1;
    await recordAudit(ctx.db, null, 'event', event.id, 'registration_cancelled', [
      { field: `registrations.${id}.status`, from: 'confirmed', to: 'cancelled' },
    ]);
    await stampEvent(cal, event.id, r.cancelledAt);
  }
  await setSeatCounters(ctx.db, event.id, { seats_taken: seats, arrivals: ordered.length });
  return registrationIds;
};

/** Spreads `n` moments over [from, to), at business hours of the days they fall on. */
const spread = (cal: DemoCalendar, fromDay: number, toDay: number, n: number): string[] =>
  Array.from({ length: n }, (_, i) => {
    const day = cal.day(fromDay + Math.floor(((toDay - fromDay) * i) / Math.max(1, n)));
    const time = `${String(8 + ((i * 5) % 9)).padStart(2, '0')}:${String((i * 17) % 60).padStart(2, '0')}`;
    return cal.past(day, time);
  });

/**
 * A webinar of the series that took place on the last Tuesday to Thursday before today: Aylin planned it
 * before her rotation in sales; 16 registered (5 of the 6 Markus and Petra invited), 2 cancelled
 * beforehand, 10 attended. Tim ran it for her and closed it today, so the 4 no-shows are marked and the
 * account owners have their follow-up tasks.
 */
const seedWebinar = async (ctx: AppContext, users: User[], campaign: Campaign, teams: DemoTeams) => {
  const cal = await demoCalendar(ctx);
  const actor = (email: string) => demoActor(users, email);
  const aylin = actor('aylin.demir@nenner.demo');
  const tim = actor('tim.berger@nenner.demo');
  const markus = actor('markus.wolf@nenner.demo');
  const petra = actor('petra.huber@nenner.demo');
  const sales = users.filter((u) => u.department === 'sales').map((u) => u.id);

  let day = cal.day(-1);
  while (![2, 3, 4].includes(dayOfWeek(day))) day = addDays(day, -1);
  const offset = (date: string) =>
    Math.round((Date.parse(`${date}T12:00:00Z`) - Date.parse(`${cal.today}T12:00:00Z`)) / 86_400_000);
  const d = offset(day);
  const startsAt = cal.at(day, '10:00');

  const event = await createEvent(ctx, aylin, {
    title: 'Webinar: Lead-Übergabe ohne Reibungsverluste',
    type: 'webinar',
    description: [
      'Folge 5 der Reihe **„Vertrieb & Marketing als ein Team“**.',
      '',
      'Wie Marketing und Vertrieb Leads übergeben, ohne dass einer verloren geht: SLA, Rückmeldungen mit Grund, und was unser Gast aus dem Referenzkunden-Programm dabei gelernt hat.',
    ].join('\n'),
    startsAt: `${day}T10:00`,
    endsAt: `${day}T10:45`,
    onlineUrl: 'https://webinar.nenner.example/lead-uebergabe',
    capacity: 100,
    waitlist: false,
    slug: 'webinar-lead-uebergabe',
    campaignId: campaign.id,
    teamId: teams.south.id,
  });
  await stampEvent(cal, event.id, cal.past(cal.day(d - 28), '11:00'));

  const taken = new Set<string>();
  const guests = onePerAccount(
    await findDemoGuests(ctx.db, {
      accountOwnerIds: sales,
      stages: ['mql', 'sql', 'sal', 'opportunity', 'customer'],
      createdBefore: cal.at(cal.day(d - 30), '00:00'),
      campaignId: campaign.id,
    }),
    taken,
    17,
  );
  const invited = [
    ...guests.filter((g) => g.account_owner_id === markus.id).slice(0, 3),
    ...guests.filter((g) => g.account_owner_id === petra.id).slice(0, 3),
  ];
  const invites: Invite[] = invited.map((guest) => {
    const rep = guest.account_owner_id === markus.id ? markus : petra;
    return { guest, rep, at: cal.past(cal.day(d - (rep === markus ? 20 : 18)), rep === markus ? '09:15' : '14:40') };
  });
  // all but one invited guest register; the others found the webinar in the newsletter
  const times = spread(cal, d - 21, d - 1, guests.length);
  const registrations = guests
    .filter((g) => g !== invited[2])
    .map((guest, i) => {
      const invite = invites.find((x) => x.guest === guest);
      const at = invite ? plus(invite.at, (1 + (i % 3)) * 26 * HOUR_MS) : (times[i] ?? startsAt);
      return {
        guest,
        invited: invite !== undefined,
        at: at < startsAt ? at : plus(startsAt, -HOUR_MS),
        ...(i === 4 || i === 11 ? { cancelledAt: cal.past(cal.day(d - 1), `1${i % 8}:30`) } : {}),
      };
    });
  const ids = await seedGuests(ctx, cal, event, invites, registrations);

  // Tim marks who joined from the webinar tool's list, as they came in
  const present = registrations.filter((r) => !r.cancelledAt).slice(0, 10);
  for (const [i, r] of present.entries()) {
    const id = ids.get(r.guest.id);
    if (!id) continue;
    await checkIn(ctx, tim, event.id, id);
    const at = plus(startsAt, (i % 6) * MINUTE_MS - 2 * MINUTE_MS);
    await cal.restamp('event_registrations', { id }, ['checked_in_at', 'updated_at'], at);
    await stampResponse(cal, campaign.id, r.guest.id, at);
    await stampEvent(cal, event.id, at);
  }
  // closed today: the no-shows and the follow-up tasks are today's
  await closeEvent(ctx, tim, event.id);
};

/**
 * The customer day at the start of the planned campaign „Kundentag 2027“ (Wednesday and Thursday of that
 * week, in Munich): open since four weeks, 17 invited by four reps, 16 of 40 seats taken, one cancelled.
 */
const seedCustomerDay = async (ctx: AppContext, users: User[], campaign: Campaign, teams: DemoTeams) => {
  const cal = await demoCalendar(ctx);
  const actor = (email: string) => demoActor(users, email);
  const lena = actor('lena.vogt@nenner.demo');
  const reps = [
    { rep: actor('jonas.keller@nenner.demo'), count: 6, day: -24, time: '10:10' },
    { rep: actor('markus.wolf@nenner.demo'), count: 4, day: -22, time: '15:30' },
    { rep: actor('petra.huber@nenner.demo'), count: 4, day: -21, time: '09:45' },
    { rep: actor('nico.frei@nenner.demo'), count: 3, day: -19, time: '11:20' },
  ];

  // the campaign's first day, moved to the Wednesday of its week or later so the two days are workdays
  const planned = campaign.startDate ?? cal.day(60);
  const first = nextWeekday(planned, [3]);
  if (campaign.startDate !== first || campaign.endDate !== addDays(first, 1)) {
    const current = await getCampaign(ctx, lena, campaign.id);
    await updateCampaign(ctx, lena, campaign.id, current.version, { startDate: first, endDate: addDays(first, 1) });
  }

  const event = await createEvent(ctx, lena, {
    title: 'Kundentag 2027',
    type: 'customer_day',
    description: [
      'Zwei Tage für unsere Kundinnen und Kunden:',
      '',
      '- **Tag 1:** Roadmap 2027, Erfahrungsaustausch in kleinen Runden, abends gemeinsames Essen',
      '- **Tag 2:** Workshops zu Lead-Übergabe, Berichten und dem Onboarding-Paket',
    ].join('\n'),
    startsAt: `${first}T10:00`,
    endsAt: `${addDays(first, 1)}T15:30`,
    venue: 'Nenner Forum, Sendlinger Straße 7, 80331 München',
    capacity: 40,
    waitlist: true,
    registrationDeadline: `${addDays(first, -7)}T18:00`,
    slug: 'kundentag-2027',
    campaignId: campaign.id,
    teamId: teams.customers.id,
  });
  await stampEvent(cal, event.id, cal.past(cal.day(-26), '10:30'));

  const taken = new Set<string>();
  const invites: Invite[] = [];
  for (const r of reps) {
    const at = cal.past(cal.day(r.day), r.time);
    const own = await findDemoGuests(ctx.db, {
      accountOwnerIds: [r.rep.id],
      stages: ['customer', 'evangelist'],
      createdBefore: plus(at, -2 * 86_400_000),
      campaignId: campaign.id,
    });
    for (const guest of onePerAccount(own, taken, r.count)) invites.push({ guest, rep: r.rep, at });
  }
  const walkIns = onePerAccount(
    await findDemoGuests(ctx.db, {
      accountOwnerIds: users.filter((u) => u.department === 'sales').map((u) => u.id),
      stages: ['customer'],
      createdBefore: cal.at(cal.day(-30), '00:00'),
      campaignId: campaign.id,
    }),
    taken,
    5,
  );
  const times = spread(cal, -25, -2, walkIns.length);
  const registrations = [
    // 12 of the 17 invited register within a few days of their invitation
    ...invites
      .filter((_, i) => i % 3 !== 2 || i >= 15)
      .slice(0, 12)
      .map((inv, i) => ({ guest: inv.guest, invited: true, at: plus(inv.at, (1 + (i % 4)) * 23 * HOUR_MS) })),
    ...walkIns.map((guest, i) => ({ guest, at: times[i] ?? cal.past(cal.day(-3), '12:00') })),
  ].map((r, i) => ({
    ...r,
    at: [r.at, cal.past(cal.day(-1), '18:00')].sort()[0] ?? r.at,
    // one guest found out the date clashes with their board meeting
    ...(i === 3 ? { cancelledAt: cal.past(cal.day(-8), '16:05') } : {}),
  }));
  await seedGuests(ctx, cal, event, invites, registrations);
};

/** The demo's events: a past webinar of the webinar series, closed, and the upcoming customer day. */
export const seedDemoEvents = async (
  ctx: AppContext,
  users: User[],
  campaigns: DemoCampaigns,
  teams: DemoTeams,
): Promise<void> => {
  await seedWebinar(ctx, users, campaigns.webinar, teams);
  await seedCustomerDay(ctx, users, campaigns.planned, teams);
};
