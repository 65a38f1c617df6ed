import { createHash, randomBytes } from 'node:crypto';
import type {
  Page,
  PublicRegistrationResult,
  Registration,
  RegistrationListQuery,
  RegistrationStatus,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { EventRegistrationsTable, EventsTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { recordEventResponse } from '../campaigns/members.service.js';
import { lockLead, recordLeadConsent, upsertLeadContact } from '../leads/leads.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { emitWebhookEvent } from '../webhooks/webhooks.emit.js';
import { queueGuestMail } from './events.mail.js';
import {
  countWaitlistedUpTo,
  findEventRow,
  findFirstWaitlisted,
  findInvitationByTokenHash,
  findInvitationOfContact,
  findRegistrationByEmail,
  findRegistrationById,
  findRegistrationByToken,
  findRegistrationRow,
  insertRegistration,
  listRegistrationRows,
  listWaitlistArrivals,
  lockEventRow,
  type RegistrationRow,
  setSeatCounters,
  updateRegistrationFrom,
  updateRegistrationRow,
} from './events.repository.js';

/*
 * Places at an event. Every change of seats — a registration, a cancellation, a promotion from the
 * waiting list — runs in one transaction after locking the event row, and writes the event's counters
 * before it commits; so capacity is exact however many requests arrive at once, on both engines, and
 * the waiting list moves up in the order people arrived.
 */

const STAFF = 'Sales and marketing staff check guests in and cancel for them';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** The locked event row, or 404. */
const lockEvent = async (ctx: AppContext, db: Db, id: string): Promise<EventsTable> => {
  const e = await lockEventRow(db, ctx.engine, id);
  if (!e) throw new AppError('event_not_found');
  return e;
};

/** The next calendar's SEQUENCE for a registration: 0 for its first one. */
const nextSequence = (r: Pick<EventRegistrationsTable, 'ical_sequence'>) => (r.ical_sequence ?? -1) + 1;

const waitlistPosition = (db: Db, eventId: string, arrival: number): Promise<number> =>
  countWaitlistedUpTo(db, eventId, arrival);

/**
 * Gives free seats to the waiting list, first come first, while the event has not ended: each one is
 * confirmed at once and emailed with the calendar. Writes the seat counter. Runs under the event's lock.
 */
export const promoteWaitlist = async (db: Db, e: EventsTable): Promise<number> => {
  const now = nowIso();
  let seats = e.seats_taken;
  let promoted = 0;
  if ((e.status === 'open' || e.status === 'closed') && now < e.ends_at) {
    while (seats < e.capacity) {
      const next = await findFirstWaitlisted(db, e.id);
      if (!next) break;
      const sequence = nextSequence(next);
      await updateRegistrationFrom(db, next.id, 'waitlisted', {
        status: 'confirmed',
        confirmed_at: now,
        ical_sequence: sequence,
        updated_at: now,
      });
      seats += 1;
      promoted += 1;
      await queueGuestMail(db, 'promoted', e.id, next.id, { calendar: { method: 'REQUEST', sequence } });
      await recordAudit(db, null, 'event', e.id, 'registration_promoted', [
        { field: `registrations.${next.id}.status`, from: 'waitlisted', to: 'confirmed' },
      ]);
    }
  }
  await setSeatCounters(db, e.id, { seats_taken: seats, arrivals: e.arrivals });
  return promoted;
};

// ——— Registering (the public page) ————————————————————————————————————————————————————————————————

export interface RegistrationRequest {
  email: string;
  firstName: string;
  lastName: string;
  company: string | null;
  consent: boolean;
  invitation: string | null;
  locale: 'de' | 'en';
  /** The consent text the visitor agreed to (the page's, in their language). */
  consentText: string;
}

/**
 * Registers a visitor: under the event's lock it checks the event is open and before its deadline,
 * answers the same email with its registration, creates or updates the contact and its account as a
 * form post does (and records consent), then gives a seat, a place on the waiting list, or refuses
 * (`event_full`). A new registration is a campaign response of the event's campaign (rescored).
 */
export const registerVisitor = async (
  ctx: AppContext,
  eventId: string,
  req: RegistrationRequest,
): Promise<{ result: PublicRegistrationResult; created: boolean }> =>
  ctx.db.transaction().execute(async (trx) => {
    const e = await lockEvent(ctx, trx, eventId);
    if (e.status === 'draft') throw new AppError('event_not_found');
    if (e.status !== 'open') throw new AppError('event_not_open', `The event is ${e.status}`);
    const now = nowIso();
    if (now > e.registration_deadline) throw new AppError('registration_deadline_passed');
    const icsUrl = `${ctx.config.publicUrl}/e/${e.slug}/event.ics`;
    const answer = async (r: EventRegistrationsTable, duplicate: boolean): Promise<PublicRegistrationResult> => {
      const waiting = r.status === 'waitlisted';
      return {
        status: waiting ? 'waitlisted' : 'confirmed',
        registrationId: r.id,
        waitlistPosition: waiting ? await waitlistPosition(trx, e.id, r.arrival) : null,
        duplicate,
        venue: waiting ? null : e.venue,
        onlineUrl: waiting ? null : e.online_url,
        icsUrl,
      };
    };
    const before = await findRegistrationByEmail(trx, e.id, req.email);
    if (before && before.status !== 'cancelled') return { result: await answer(before, true), created: false };

    const status: RegistrationStatus | null =
      e.seats_taken < e.capacity ? 'confirmed' : e.waitlist === 1 ? 'waitlisted' : null;
    if (!status) throw new AppError('event_full');

    await lockLead(ctx, trx, req.email);
    const { contactId, existing } = await upsertLeadContact(
      trx,
      {
        email: req.email,
        firstName: req.firstName || undefined,
        lastName: req.lastName || undefined,
        company: req.company ?? undefined,
      },
      null,
      'event',
    );
    // the personal link's invitation, else one the contact got (a contact created just now has none)
    const invitation =
      (req.invitation ? await findInvitationByTokenHash(trx, e.id, sha256(req.invitation)) : undefined) ??
      (existing ? await findInvitationOfContact(trx, e.id, contactId) : undefined);
    if (req.consent) {
      await recordLeadConsent(ctx, trx, {
        contactId,
        email: req.email,
        firstName: req.firstName || undefined,
        consentedBefore: existing?.consent_status === 'confirmed',
        text: req.consentText,
        version: 1,
        source: `event:${e.slug}`,
        doubleOptIn: true,
        locale: req.locale,
      });
    }
    const arrival = e.arrivals + 1;
    const seats = e.seats_taken + (status === 'confirmed' ? 1 : 0);
    const fields = {
      contact_id: contactId,
      email: req.email,
      first_name: req.firstName,
      last_name: req.lastName,
      company: req.company,
      status,
      arrival,
      invitation_id: invitation?.id ?? null,
      invited_by: invitation?.invited_by ?? null,
      locale: req.locale,
      registered_at: now,
      confirmed_at: status === 'confirmed' ? now : null,
      cancelled_at: null,
      checked_in_at: null,
      checked_in_by: null,
      reminded_at: null,
      updated_at: now,
    };
    // a confirmed place is sent its calendar: the first one at SEQUENCE 0, one after a cancellation higher
    const sequence = status === 'confirmed' ? nextSequence(before ?? { ical_sequence: null }) : null;
    let row: EventRegistrationsTable;
    if (before) {
      // the same email again after cancelling: the same registration, arriving anew
      row = { ...before, ...fields, ical_sequence: sequence ?? before.ical_sequence };
      await updateRegistrationRow(trx, before.id, { ...fields, ical_sequence: row.ical_sequence });
    } else {
      row = {
        id: newId(),
        event_id: e.id,
        ...fields,
        cancel_token: randomBytes(24).toString('base64url'),
        ical_sequence: sequence,
      };
      await insertRegistration(trx, row);
    }
    await setSeatCounters(trx, e.id, { seats_taken: seats, arrivals: arrival });
    await recordEventResponse(ctx, trx, null, e.campaign_id, contactId, 'registered', {
      eventId: e.id,
      eventTitle: e.title,
      registrationId: row.id,
    });
    if (sequence !== null) {
      await queueGuestMail(trx, 'confirmed', e.id, row.id, { calendar: { method: 'REQUEST', sequence } });
    } else {
      await queueGuestMail(trx, 'waitlisted', e.id, row.id, { position: await waitlistPosition(trx, e.id, arrival) });
    }
    await recordAudit(trx, null, 'event', e.id, 'registered', [
      { field: `registrations.${row.id}.status`, from: before ? 'cancelled' : null, to: status },
    ]);
    await emitWebhookEvent(trx, 'event.registration.created', () => reloadRegistration(trx, e.id, row.id));
    return { result: await answer(row, false), created: true };
  });

// ——— Cancelling and checking in ———————————————————————————————————————————————————————————————————

/** Cancels a place or a waiting spot under the event's lock; a freed seat goes to the waiting list at once. */
const cancelPlace = async (db: Db, e: EventsTable, r: EventRegistrationsTable, actor: Actor | null): Promise<void> => {
  if (r.status === 'cancelled') return;
  if (e.status === 'done' || e.status === 'cancelled') throw new AppError('event_not_open', `The event is ${e.status}`);
  if (r.status !== 'confirmed' && r.status !== 'waitlisted') {
    throw new AppError('invalid_transition', `A place that is ${r.status} cannot be cancelled`);
  }
  const now = nowIso();
  const calendar = r.ical_sequence !== null ? { method: 'CANCEL' as const, sequence: r.ical_sequence + 1 } : undefined;
  await updateRegistrationFrom(db, r.id, r.status, {
    status: 'cancelled',
    cancelled_at: now,
    ...(calendar && { ical_sequence: calendar.sequence }),
    updated_at: now,
  });
  await queueGuestMail(db, 'cancelled', e.id, r.id, calendar ? { calendar } : {});
  await recordAudit(db, actor, 'event', e.id, 'registration_cancelled', [
    { field: `registrations.${r.id}.status`, from: r.status, to: 'cancelled' },
  ]);
  await emitWebhookEvent(db, 'event.registration.cancelled', () => reloadRegistration(db, e.id, r.id));
  if (r.status === 'confirmed') await promoteWaitlist(db, { ...e, seats_taken: e.seats_taken - 1 });
};

/** The guest's cancellation link: frees the place (cancelling again changes nothing). */
export const cancelByToken = async (ctx: AppContext, eventId: string, token: string): Promise<string> =>
  ctx.db.transaction().execute(async (trx) => {
    const e = await lockEvent(ctx, trx, eventId);
    const r = await findRegistrationByToken(trx, e.id, token);
    if (!r) throw new AppError('registration_not_found');
    await cancelPlace(trx, e, r, null);
    return r.id;
  });

const loadRegistration = async (db: Db, eventId: string, id: string): Promise<EventRegistrationsTable> => {
  const r = await findRegistrationById(db, eventId, id);
  if (!r) throw new AppError('registration_not_found');
  return r;
};

/** One registration as the check-in list shows it (the QR code at the door opens it). */
export const getRegistration = (ctx: AppContext, eventId: string, id: string): Promise<Registration> =>
  reloadRegistration(ctx.db, eventId, id);

const reloadRegistration = async (db: Db, eventId: string, id: string): Promise<Registration> => {
  const r = await findRegistrationRow(db, eventId, id);
  if (!r) throw new AppError('registration_not_found');
  const position = r.status === 'waitlisted' ? await waitlistPosition(db, eventId, r.arrival) : null;
  return presentRegistration(r, position);
};

/** The organiser cancels for a guest who called: the same as the guest's link. */
export const cancelRegistration = async (
  ctx: AppContext,
  actor: Actor,
  eventId: string,
  id: string,
): Promise<Registration> => {
  assertCan(actor, 'events.checkin', undefined, STAFF);
  return ctx.db.transaction().execute(async (trx) => {
    const e = await lockEvent(ctx, trx, eventId);
    await cancelPlace(trx, e, await loadRegistration(trx, eventId, id), actor);
    return reloadRegistration(trx, eventId, id);
  });
};

/**
 * Marks a confirmed guest attended (again: no change): an `event_attendance` touchpoint of the event's
 * campaign, which rescores the contact and, past the MQL threshold, hands it to sales.
 */
export const checkIn = async (ctx: AppContext, actor: Actor, eventId: string, id: string): Promise<Registration> => {
  assertCan(actor, 'events.checkin', undefined, STAFF);
  return ctx.db.transaction().execute(async (trx) => {
    const e = await lockEvent(ctx, trx, eventId);
    const r = await loadRegistration(trx, eventId, id);
    if (r.status !== 'attended') {
      if (e.status !== 'open' && e.status !== 'closed')
        throw new AppError('event_not_open', `The event is ${e.status}`);
      if (r.status !== 'confirmed') {
        throw new AppError('registration_not_confirmed', `This registration is ${r.status.replace('_', '-')}`);
      }
      const now = nowIso();
      await updateRegistrationFrom(trx, r.id, 'confirmed', {
        status: 'attended',
        checked_in_at: now,
        checked_in_by: actor.id,
        updated_at: now,
      });
      await recordEventResponse(ctx, trx, actor, e.campaign_id, r.contact_id, 'attended', {
        eventId: e.id,
        eventTitle: e.title,
        registrationId: r.id,
      });
      await recordAudit(trx, actor, 'event', e.id, 'checked_in', [
        { field: `registrations.${r.id}.status`, from: 'confirmed', to: 'attended' },
      ]);
    }
    return reloadRegistration(trx, eventId, id);
  });
};

// ——— Reading ——————————————————————————————————————————————————————————————————————————————————

const ref = (id: string | null, name: string | null | undefined, department: string | null | undefined) =>
  id ? { id, name: name ?? '', department: department ?? '' } : null;

export const presentRegistration = (r: RegistrationRow, waitlistPosition: number | null): Registration => ({
  id: r.id,
  eventId: r.event_id,
  status: r.status as RegistrationStatus,
  email: r.email,
  firstName: r.first_name,
  lastName: r.last_name,
  company: r.company,
  contactId: r.contact_id,
  account: r.account_id
    ? {
        id: r.account_id,
        name: r.account_name ?? '',
        owner: ref(r.account_owner_id, r.account_owner_name, r.account_owner_department),
      }
    : null,
  invitedBy: ref(r.invited_by, r.inviter_name, r.inviter_department),
  waitlistPosition,
  registeredAt: r.registered_at,
  confirmedAt: r.confirmed_at,
  cancelledAt: r.cancelled_at,
  checkedInAt: r.checked_in_at,
  checkedInBy: ref(r.checked_in_by, r.checker_name, r.checker_department),
});

/** Registrations in order of arrival, searchable (the check-in list); waiting spots with their place. */
export const listRegistrations = async (
  ctx: AppContext,
  eventId: string,
  query: RegistrationListQuery,
): Promise<Page<Registration>> => {
  if (!(await findEventRow(ctx.db, eventId))) throw new AppError('event_not_found');
  const rows = await listRegistrationRows(ctx.db, eventId, query);
  const page = rows.slice(0, query.limit);
  const waiting = page.some((r) => r.status === 'waitlisted') ? await listWaitlistArrivals(ctx.db, eventId) : [];
  const place = new Map(waiting.map((arrival, i) => [arrival, i + 1]));
  const last = page.at(-1);
  return {
    items: page.map((r) => presentRegistration(r, r.status === 'waitlisted' ? (place.get(r.arrival) ?? null) : null)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.arrival, last.id, 'arrival') : null,
  };
};
