import { z } from 'zod';
import { attributionModels } from '../attribution/attribution.js';
import { CampaignResults } from './campaigns.js';
import { Cursor, Email, Id, IsoDateTime, Limit, optionalText, Query, TimeZoneName, UserRef } from './common.js';
import { Slug } from './leads.js';

// Customer events (Veranstaltungen, issue 13's API contract). Whether the campaign, owner and team exist,
// whether the end comes after the start in the event's zone, and which status changes are allowed, the
// server checks after the shape.

export const eventTypes = ['trade_fair', 'webinar', 'customer_day', 'roadshow', 'workshop', 'other'] as const;
export const EventType = z.enum(eventTypes);
export type EventType = z.infer<typeof EventType>;

/**
 * draft: not public yet · open: takes registrations (until the deadline) · closed: no more registrations,
 * the event still takes place (check-in works) · done: closed afterwards (no-shows marked, follow-ups made)
 * · cancelled: called off (registrants got METHOD:CANCEL).
 */
export const eventStatuses = ['draft', 'open', 'closed', 'done', 'cancelled'] as const;
export const EventStatus = z.enum(eventStatuses);
export type EventStatus = z.infer<typeof EventStatus>;
/** The statuses an organiser may set by PATCH; `done` comes only from POST …/close. */
export const settableEventStatuses = ['draft', 'open', 'closed', 'cancelled'] as const;

export const registrationStatuses = ['confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show'] as const;
export const RegistrationStatus = z.enum(registrationStatuses);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

/** Why an invitation was not sent to a contact. */
export const invitationSkipReasons = [
  /** No confirmed consent for marketing mail. */
  'no_consent',
  /** The contact objected or withdrew consent (opted out). */
  'opted_out',
  'no_email',
  /** Invited to this event before (by anyone). */
  'already_invited',
  /** Registered already (any status but cancelled). */
  'already_registered',
  'contact_not_found',
] as const;
export type InvitationSkipReason = (typeof invitationSkipReasons)[number];

export const eventLimits = {
  capacityMax: 100_000,
  descriptionMax: 20_000,
  invitationsPerRequest: 500,
  messageMax: 2000,
} as const;

/** An instant with its offset (`…+01:00`, `…Z`), or a local date-time read in the event's time zone. */
export const EventDateTime = z.union([z.iso.datetime({ offset: true }), z.iso.datetime({ local: true })], {
  error: 'A date-time, e.g. 2026-03-02T09:00:00+01:00 or 2026-03-02T09:00',
});

const OnlineUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .nullable();

const eventFields = {
  title: z.string().trim().min(1).max(200),
  type: EventType,
  /** Markdown; shown sanitized. */
  description: optionalText(eventLimits.descriptionMax),
  startsAt: EventDateTime,
  endsAt: EventDateTime,
  /** IANA zone the event takes place in; default: the workspace's (the SLA's) time zone. */
  timeZone: TimeZoneName,
  /** Where it takes place; attendees get it (and the online link) after registering. */
  venue: optionalText(500),
  onlineUrl: OnlineUrl,
  capacity: z.number().int().min(1).max(eventLimits.capacityMax),
  /** Past capacity: queue further registrations (true) or refuse them with `event_full` (false). */
  waitlist: z.boolean(),
  /** Default: the start. */
  registrationDeadline: EventDateTime.nullable(),
  /** The public address: /e/{slug}. */
  slug: Slug,
  /** Default: a campaign created with the event (channel from the type, the owner's department). */
  campaignId: Id,
  /** Default: the creator. */
  ownerId: Id,
  teamId: Id.nullable(),
};

export const CreateEventInput = z.strictObject({
  title: eventFields.title,
  type: eventFields.type,
  description: eventFields.description.optional(),
  startsAt: eventFields.startsAt,
  endsAt: eventFields.endsAt,
  timeZone: eventFields.timeZone.optional(),
  venue: eventFields.venue.optional(),
  onlineUrl: eventFields.onlineUrl.optional(),
  capacity: eventFields.capacity,
  waitlist: eventFields.waitlist,
  registrationDeadline: eventFields.registrationDeadline.optional(),
  slug: eventFields.slug,
  campaignId: eventFields.campaignId.optional(),
  ownerId: eventFields.ownerId.optional(),
  teamId: eventFields.teamId.optional(),
  /** Default `open`: the public page takes registrations at once. */
  status: z.enum(['draft', 'open']).optional(),
});
export type CreateEventInput = z.infer<typeof CreateEventInput>;

/**
 * Any fields; a changed start, end or zone sends registrants an updated invitation (higher SEQUENCE),
 * `status: cancelled` sends METHOD:CANCEL. A lower capacity never un-confirms anyone; a higher one moves
 * the waiting list up.
 */
export const UpdateEventInput = z.strictObject({
  title: eventFields.title.optional(),
  type: eventFields.type.optional(),
  description: eventFields.description.optional(),
  startsAt: eventFields.startsAt.optional(),
  endsAt: eventFields.endsAt.optional(),
  timeZone: eventFields.timeZone.optional(),
  venue: eventFields.venue.optional(),
  onlineUrl: eventFields.onlineUrl.optional(),
  capacity: eventFields.capacity.optional(),
  waitlist: eventFields.waitlist.optional(),
  registrationDeadline: eventFields.registrationDeadline.optional(),
  slug: eventFields.slug.optional(),
  campaignId: eventFields.campaignId.optional(),
  ownerId: eventFields.ownerId.optional(),
  teamId: eventFields.teamId.optional(),
  status: z.enum(settableEventStatuses).optional(),
});
export type UpdateEventInput = z.infer<typeof UpdateEventInput>;

export const EventListQuery = z.strictObject({
  /** Title, venue or slug. */
  q: Query.optional(),
  status: EventStatus.optional(),
  type: EventType.optional(),
  /** Events ending at or after this instant (e.g. now: upcoming and running ones). */
  from: IsoDateTime.optional(),
  /** Events starting before this instant. */
  to: IsoDateTime.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type EventListQuery = z.infer<typeof EventListQuery>;

export const EventRegistrationParams = z.strictObject({ id: Id, registrationId: Id });

export const RegistrationListQuery = z.strictObject({
  /** Name, email or company (the check-in search). */
  q: Query.optional(),
  status: RegistrationStatus.optional(),
  /** Registrations that came through this rep's invitations. */
  invitedById: Id.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type RegistrationListQuery = z.infer<typeof RegistrationListQuery>;

export const InvitationListQuery = z.strictObject({
  invitedById: Id.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type InvitationListQuery = z.infer<typeof InvitationListQuery>;

export const CreateInvitationsInput = z.strictObject({
  contactIds: z
    .array(Id)
    .min(1)
    .max(eventLimits.invitationsPerRequest)
    .transform((ids) => [...new Set(ids)]),
  /** A personal line from the rep, shown above the invitation. */
  message: optionalText(eventLimits.messageMax).optional(),
});
export type CreateInvitationsInput = z.infer<typeof CreateInvitationsInput>;

// ——— Public pages (/e/{slug}) ————————————————————————————————————————————————————————————————

/**
 * What a visitor sends to POST /e/{slug} (form fields or JSON). `consent` is consent for marketing mail
 * (optional: registering needs none); `invitation` is the token of a personal invitation link.
 * `website` is the honeypot: a bot that fills it is answered like a success and nothing is kept.
 */
export const PublicRegistrationInput = z.strictObject({
  email: Email,
  firstName: z.string().trim().max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
  company: z.string().trim().max(200).optional(),
  consent: z.union([z.boolean(), z.enum(['true', 'on', '1', 'false', '0', ''])]).optional(),
  invitation: z.string().trim().max(200).optional(),
  website: z.string().max(200).optional(),
});
export type PublicRegistrationInput = z.infer<typeof PublicRegistrationInput>;

/** The JSON answer of POST /e/{slug}: 201 for a new registration, 200 for the same email again. */
export const PublicRegistrationResult = z.object({
  status: z.enum(['confirmed', 'waitlisted']),
  registrationId: Id,
  /** 1-based place on the waiting list; null when confirmed. */
  waitlistPosition: z.number().int().nullable(),
  /** The same email had registered before: this is that registration. */
  duplicate: z.boolean(),
  /** Venue and online link: only for a confirmed place. */
  venue: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  icsUrl: z.string(),
});
export type PublicRegistrationResult = z.infer<typeof PublicRegistrationResult>;

export const CancelRegistrationInput = z.strictObject({ token: z.string().trim().min(10).max(200) });
export type CancelRegistrationInput = z.infer<typeof CancelRegistrationInput>;

/** The JSON answer of POST /e/{slug}/cancel (200; cancelling twice answers the same). */
export const CancelRegistrationResult = z.object({
  status: z.literal('cancelled'),
  registrationId: Id,
});
export type CancelRegistrationResult = z.infer<typeof CancelRegistrationResult>;

/** GET /e/{slug} with `Accept: application/json`: what the public page shows (no venue, no link). */
export const PublicEvent = z.object({
  slug: z.string(),
  title: z.string(),
  type: EventType,
  descriptionHtml: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  timeZone: z.string(),
  status: EventStatus,
  registrationDeadline: IsoDateTime,
  /** Open, before the deadline, and a seat or the waiting list left. */
  registrationOpen: z.boolean(),
  seatsLeft: z.number().int(),
  waitlist: z.boolean(),
});
export type PublicEvent = z.infer<typeof PublicEvent>;

// ——— What the server answers ——————————————————————————————————————————————————————————————

export const RegistrationCounts = z.object({
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  cancelled: z.number().int(),
  attended: z.number().int(),
  noShow: z.number().int(),
});
export type RegistrationCounts = z.infer<typeof RegistrationCounts>;

export const Event = z.object({
  id: Id,
  title: z.string(),
  type: EventType,
  /** Markdown source and its sanitized HTML. */
  description: z.string().nullable(),
  descriptionHtml: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  /** Local wall times in the event's zone, e.g. 2026-03-02T09:00. */
  localStart: z.string(),
  localEnd: z.string(),
  timeZone: z.string(),
  venue: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  capacity: z.number().int(),
  waitlist: z.boolean(),
  registrationDeadline: IsoDateTime,
  status: EventStatus,
  slug: z.string(),
  campaign: z.object({ id: Id, name: z.string() }),
  owner: UserRef.nullable(),
  team: z.object({ id: Id, name: z.string() }).nullable(),
  /** Confirmed and attended places (what capacity counts). */
  seatsTaken: z.number().int(),
  seatsLeft: z.number().int(),
  /** Open, before the deadline, and a seat or the waiting list left. */
  registrationOpen: z.boolean(),
  counts: RegistrationCounts,
  invitations: z.number().int(),
  /** The hosted page, a snippet to embed it, and the calendar file. */
  url: z.string(),
  embedHtml: z.string(),
  icsUrl: z.string(),
  /** SEQUENCE of the registrants' invitations: up with every change of time or place. */
  sequence: z.number().int(),
  closedAt: IsoDateTime.nullable(),
  createdBy: UserRef.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Event = z.infer<typeof Event>;

export const Registration = z.object({
  id: Id,
  eventId: Id,
  status: RegistrationStatus,
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  company: z.string().nullable(),
  contactId: Id,
  account: z.object({ id: Id, name: z.string(), owner: UserRef.nullable() }).nullable(),
  /** The rep whose invitation the person registered through. */
  invitedBy: UserRef.nullable(),
  /** 1-based place on the waiting list while waitlisted. */
  waitlistPosition: z.number().int().nullable(),
  registeredAt: IsoDateTime,
  confirmedAt: IsoDateTime.nullable(),
  cancelledAt: IsoDateTime.nullable(),
  checkedInAt: IsoDateTime.nullable(),
  checkedInBy: UserRef.nullable(),
});
export type Registration = z.infer<typeof Registration>;

export const Invitation = z.object({
  id: Id,
  eventId: Id,
  contact: z.object({
    id: Id,
    name: z.string(),
    email: z.string(),
    account: z.object({ id: Id, name: z.string() }).nullable(),
  }),
  invitedBy: UserRef,
  sentAt: IsoDateTime,
  /** The registration made with this invitation's link, or by the same email. */
  registration: z.object({ id: Id, status: RegistrationStatus }).nullable(),
});
export type Invitation = z.infer<typeof Invitation>;

export const InvitationsResult = z.object({
  sent: z.array(z.object({ invitationId: Id, contactId: Id, email: z.string(), name: z.string() })),
  skipped: z.array(
    z.object({
      contactId: Id,
      name: z.string().nullable(),
      email: z.string().nullable(),
      reason: z.enum(invitationSkipReasons),
    }),
  ),
});
export type InvitationsResult = z.infer<typeof InvitationsResult>;

export const CloseEventResult = z.object({
  event: Event,
  /** Confirmed people who did not come, now `no_show`. */
  noShows: z.number().int(),
  /** Follow-up tasks created for account owners (attendees and no-shows). */
  tasks: z.number().int(),
  /** Attendees without an owner handed to lead routing. */
  routed: z.number().int(),
});
export type CloseEventResult = z.infer<typeof CloseEventResult>;

export const EventReport = z.object({
  eventId: Id,
  counts: z.object({
    /** Invitations sent. */
    invited: z.number().int(),
    /** Everyone who registered, whatever became of it. */
    registered: z.number().int(),
    confirmed: z.number().int(),
    waitlisted: z.number().int(),
    cancelled: z.number().int(),
    attended: z.number().int(),
    noShow: z.number().int(),
    /** no_show / (attended + no_show), 0–1; null before anyone is either. */
    noShowRate: z.number().nullable(),
  }),
  /** Per inviting rep: invitations sent, registrations and attendance through them. */
  byRep: z.array(
    z.object({
      rep: UserRef,
      invitations: z.number().int(),
      registrations: z.number().int(),
      attended: z.number().int(),
    }),
  ),
  /** The event's campaign, as its results page counts it (same attribution model and figures). */
  campaign: z.object({
    id: Id,
    name: z.string(),
    currency: z.string(),
    leads: z.number().int(),
    mqls: z.number().int(),
    sqls: z.number().int(),
    attributedPipeline: z.number().int(),
    attributedRevenue: z.number().int(),
    /** Credited in other currencies, never converted (as on the campaign page). */
    otherCurrencies: CampaignResults.shape.otherCurrencies,
    actualCost: z.number().int(),
    roi: z.number().nullable(),
    model: z.enum(attributionModels),
  }),
  /** The campaign's actual cost / attendees, minor units; null without attendees. */
  costPerAttendee: z.number().int().nullable(),
});
export type EventReport = z.infer<typeof EventReport>;
