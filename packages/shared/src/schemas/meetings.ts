import { z } from 'zod';
import { meetingCadences, meetingNths, rruleWeekdays } from '../meetings/occurrences.js';
import { Cursor, Id, IsoDateTime, Limit, optionalText, TimeZoneName, UserRef } from './common.js';

// A meeting series (Abstimmung) as clients send it (issue 11's API contract). Whether participants and
// the host are active users, and anything about single occurrences, the server checks after the shape.

/** The generated sections an agenda can hold, in their default order. */
export const agendaSections = ['goals', 'handoffs', 'pipeline', 'campaigns', 'action_items', 'alignment'] as const;
export type AgendaSection = (typeof agendaSections)[number];

/** Time boxes of the default agenda (60 minutes in all). */
export const defaultAgendaTemplate: AgendaTemplate = [
  { section: 'goals', minutes: 10 },
  { section: 'handoffs', minutes: 15 },
  { section: 'pipeline', minutes: 15 },
  { section: 'campaigns', minutes: 5 },
  { section: 'action_items', minutes: 10 },
  { section: 'alignment', minutes: 5 },
];

export const AgendaTemplate = z
  .array(z.strictObject({ section: z.enum(agendaSections), minutes: z.number().int().min(1).max(240) }))
  .min(1)
  .max(agendaSections.length)
  .refine((t) => new Set(t.map((s) => s.section)).size === t.length, 'Each section at most once');
export type AgendaTemplate = z.infer<typeof AgendaTemplate>;

export const MeetingCadence = z.enum(meetingCadences);
export type MeetingCadence = z.infer<typeof MeetingCadence>;
export const MeetingWeekday = z.enum(rruleWeekdays);
/** 1st–4th or -1 (the last) weekday of the month. */
export const MeetingNth = z
  .number()
  .int()
  .refine((n) => (meetingNths as readonly number[]).includes(n), '1, 2, 3, 4 or -1 (the last)');

/** An instant with its offset (`…+01:00`, `…Z`), or a local date-time read in the series' time zone. */
export const MeetingStart = z.union([z.iso.datetime({ offset: true }), z.iso.datetime({ local: true })], {
  error: 'A date-time, e.g. 2026-03-02T09:00:00+01:00 or 2026-03-02T09:00',
});

export const meetingLimits = { durationMin: 5, durationMax: 480, participantsMax: 50 } as const;

const ParticipantIds = z
  .array(Id)
  .min(1)
  .max(meetingLimits.participantsMax)
  .transform((ids) => [...new Set(ids)]);

const seriesFields = {
  title: z.string().trim().min(1).max(200),
  cadence: MeetingCadence,
  /** The first start; its local weekday (and, monthly, which one of the month) is the rule's default. */
  startsAt: MeetingStart,
  /** IANA zone of the wall time; default: the workspace's (the SLA's) time zone. */
  timeZone: TimeZoneName.optional(),
  durationMinutes: z.number().int().min(meetingLimits.durationMin).max(meetingLimits.durationMax),
  /** Monthly only: the weekday and which one of the month; default from `startsAt`. */
  weekday: MeetingWeekday.optional(),
  nth: MeetingNth.optional(),
  /** The host is always a participant too. */
  participantIds: ParticipantIds,
  /** Default: the creator. */
  hostId: Id.optional(),
  location: optionalText(500).optional(),
  agendaTemplate: AgendaTemplate.optional(),
};

const monthlyOnly = (
  m: { cadence?: string; weekday?: unknown; nth?: unknown },
  ctx: z.RefinementCtx,
  cadence: string | undefined,
) => {
  if (cadence === undefined || cadence === 'monthly') return;
  for (const key of ['weekday', 'nth'] as const) {
    if (m[key] !== undefined)
      ctx.addIssue({ code: 'custom', path: [key], message: 'Only a monthly series takes this' });
  }
};

export const CreateMeetingInput = z.strictObject(seriesFields).superRefine((m, ctx) => monthlyOnly(m, ctx, m.cadence));
export type CreateMeetingInput = z.infer<typeof CreateMeetingInput>;

/** Any fields of the series; the schedule fields together decide the new rule (the server checks the mix). */
export const UpdateMeetingInput = z
  .strictObject({
    title: seriesFields.title.optional(),
    cadence: MeetingCadence.optional(),
    startsAt: MeetingStart.optional(),
    timeZone: TimeZoneName.optional(),
    durationMinutes: seriesFields.durationMinutes.optional(),
    weekday: MeetingWeekday.optional(),
    nth: MeetingNth.optional(),
    participantIds: ParticipantIds.optional(),
    hostId: Id.optional(),
    location: seriesFields.location,
    agendaTemplate: AgendaTemplate.optional(),
  })
  .superRefine((m, ctx) => monthlyOnly(m, ctx, m.cadence));
export type UpdateMeetingInput = z.infer<typeof UpdateMeetingInput>;

export const MeetingListQuery = z.strictObject({
  /** Series this user takes part in. */
  participantId: Id.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuery>;

/** Occurrences starting in [from, to); default from now for 8 weeks; at most 366 days. */
export const OccurrenceListQuery = z.strictObject({
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});
export type OccurrenceListQuery = z.infer<typeof OccurrenceListQuery>;

/** `<series id>:<original start, UTC, basic format>`, e.g. `…4a5b:20260302T080000Z`. */
export const OccurrenceIdParams = z.strictObject({
  id: z.string().regex(/^[0-9a-f-]{36}:\d{8}T\d{6}Z$/i, 'An occurrence id: <series id>:<YYYYMMDDTHHMMSSZ>'),
});

export const occurrenceStatuses = ['planned', 'running', 'closed', 'cancelled'] as const;
export type OccurrenceStatus = (typeof occurrenceStatuses)[number];

/** Move one occurrence (`startsAt`), cancel it (`status: cancelled`) or take a cancellation back (`planned`). */
export const UpdateOccurrenceInput = z
  .strictObject({
    startsAt: z.iso.datetime({ offset: true }).optional(),
    status: z.enum(['planned', 'cancelled']).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.startsAt === undefined && o.status === undefined) {
      ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'Send startsAt to move or status to cancel' });
    }
    if (o.startsAt !== undefined && o.status === 'cancelled') {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'Move or cancel, not both' });
    }
  });
export type UpdateOccurrenceInput = z.infer<typeof UpdateOccurrenceInput>;

// ——— What the server answers ——————————————————————————————————————————————————————————————————

export const meetingWarnings = ['not_two_sided'] as const;

export const Meeting = z.object({
  id: Id,
  title: z.string(),
  cadence: MeetingCadence,
  /** The rule's weekday; monthly series also which one of the month. */
  weekday: MeetingWeekday,
  nth: z.number().int().nullable(),
  /** RFC 5545, without the `RRULE:` prefix. */
  rrule: z.string(),
  /** The first start (instant) and its local date-time in the series' time zone. */
  startsAt: IsoDateTime,
  localStart: z.string(),
  timeZone: z.string(),
  durationMinutes: z.number().int(),
  location: z.string().nullable(),
  host: UserRef,
  participants: z.array(UserRef),
  /** Participants from both marketing and sales. */
  twoSided: z.boolean(),
  warnings: z.array(z.enum(meetingWarnings)),
  agendaTemplate: AgendaTemplate,
  /** The start of the next occurrence that is not cancelled, if any within a year. */
  nextStartsAt: IsoDateTime.nullable(),
  /** The iCalendar UID (stable) and SEQUENCE (up with every change the invitation shows). */
  icalUid: z.string(),
  sequence: z.number().int(),
  createdBy: UserRef.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Meeting = z.infer<typeof Meeting>;

export const Occurrence = z.object({
  id: z.string(),
  seriesId: Id,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  /** Where the rule had it; differs from `startsAt` when moved. */
  originalStartsAt: IsoDateTime,
  moved: z.boolean(),
  status: z.enum(occurrenceStatuses),
  /** The series' version: send it as If-Match to move or cancel the occurrence. */
  seriesVersion: z.number().int(),
});
export type Occurrence = z.infer<typeof Occurrence>;

/** A record an agenda item, decision or action item concerns. */
export const RecordLink = z.object({ type: z.string(), id: z.string() });
export type RecordLink = z.infer<typeof RecordLink>;

/** One item of an occurrence's agenda (generated from the data, or a participant's topic). */
export const AgendaItem = z.object({
  id: z.string(),
  section: z.string(),
  kind: z.string(),
  title: z.string(),
  refs: z.array(RecordLink),
  /** Its figures as of the agenda's generation (counts, rates in percent, amounts). */
  figures: z.record(z.string(), z.number()).optional(),
  /** Words beside the figures: a goal's status, a close reason, competitors, a due date. */
  details: z.record(z.string(), z.string().nullable()).optional(),
  /** Generated from the data (true) or a participant's topic (false). */
  generated: z.boolean().optional(),
  presenterId: z.string().nullable().optional(),
  /** 0-based place in the agenda. */
  position: z.number().int(),
  /** A generated item the participants dropped (kept, shown struck out). */
  dropped: z.boolean().optional(),
  /** Notes taken during the meeting: markdown source and its sanitized HTML. */
  notes: z.string().nullable().optional(),
  notesHtml: z.string().nullable().optional(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const Decision = z.object({
  id: Id,
  occurrenceId: z.string(),
  text: z.string(),
  refs: z.array(RecordLink),
  createdBy: UserRef,
  createdAt: IsoDateTime,
});
export type Decision = z.infer<typeof Decision>;

/** An action item: a task in the tasks module, linked to the occurrence it was agreed in. */
export const ActionItem = z.object({
  taskId: Id,
  occurrenceId: z.string(),
  title: z.string(),
  owner: UserRef,
  dueAt: IsoDateTime.nullable(),
  status: z.string(),
  completedAt: IsoDateTime.nullable(),
  refs: z.array(RecordLink),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const OccurrenceDetail = Occurrence.extend({
  title: z.string(),
  timeZone: z.string(),
  location: z.string().nullable(),
  /** The series' template: the sections in order with their time boxes. */
  sections: AgendaTemplate,
  /** The window the generated items cover: since the previous occurrence (or one interval) up to the generation. */
  windowFrom: IsoDateTime.nullable(),
  windowTo: IsoDateTime.nullable(),
  /** When the agenda was generated; it is stored once refreshed, and frozen at the start. */
  generatedAt: IsoDateTime.nullable(),
  frozen: z.boolean(),
  agenda: z.array(AgendaItem),
  decisions: z.array(Decision),
  actionItems: z.array(ActionItem),
  /** Participants' ratings (1–10) and their mean. */
  ratings: z.array(z.object({ userId: Id, rating: z.number().int() })),
  averageRating: z.number().nullable(),
  startedAt: IsoDateTime.nullable(),
  closedAt: IsoDateTime.nullable(),
});
export type OccurrenceDetail = z.infer<typeof OccurrenceDetail>;

// ——— Agenda and minutes: what clients send ——————————————————————————————————————————————————————

/** `<occurrence id>` and an item id (a generated key such as `handoffs.breach.<id>`, or a topic's UUID). */
export const AgendaItemParams = z.strictObject({
  id: OccurrenceIdParams.shape.id,
  itemId: z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'An agenda item id'),
});

const RecordRefs = z
  .array(z.strictObject({ type: z.enum(['account', 'contact', 'deal', 'campaign']), id: Id }))
  .max(20);

export const CreateAgendaItemInput = z.strictObject({
  title: z.string().trim().min(1).max(300),
  /** A generated section to place it in; default: the participants' own topics, at the end. */
  section: z.enum([...agendaSections, 'topics']).optional(),
  presenterId: Id.optional(),
  notes: z.string().max(20_000).optional(),
  refs: RecordRefs.optional(),
});
export type CreateAgendaItemInput = z.infer<typeof CreateAgendaItemInput>;

export const UpdateAgendaItemInput = z
  .strictObject({
    /** The new 0-based place; the others move up or down. */
    position: z.number().int().min(0).max(10_000).optional(),
    /** Generated items only: drop it (or take it back). */
    dropped: z.boolean().optional(),
    presenterId: Id.nullable().optional(),
    /** Markdown; shown sanitized. */
    notes: z.string().max(20_000).nullable().optional(),
    /** Topics only. */
    title: z.string().trim().min(1).max(300).optional(),
  })
  .refine((x) => Object.keys(x).length > 0, { message: 'Send at least one field', path: ['position'] });
export type UpdateAgendaItemInput = z.infer<typeof UpdateAgendaItemInput>;

export const CreateDecisionInput = z.strictObject({
  text: z.string().trim().min(1).max(2000),
  refs: RecordRefs.optional(),
});
export type CreateDecisionInput = z.infer<typeof CreateDecisionInput>;

export const CreateActionItemInput = z.strictObject({
  title: z.string().trim().min(1).max(300),
  ownerId: Id,
  dueAt: z.iso.datetime({ offset: true }),
  /** The first account, contact or deal among them becomes the task's linked record. */
  refs: RecordRefs.optional(),
});
export type CreateActionItemInput = z.infer<typeof CreateActionItemInput>;

export const RateOccurrenceInput = z.strictObject({ rating: z.number().int().min(1).max(10) });
export type RateOccurrenceInput = z.infer<typeof RateOccurrenceInput>;

export const OccurrenceRating = z.object({ occurrenceId: z.string(), userId: Id, rating: z.number().int() });
export type OccurrenceRating = z.infer<typeof OccurrenceRating>;

/** How a series' action items went: done by their due date, done late, still open (of which overdue). */
export const FollowThrough = z.object({
  total: z.number().int(),
  doneOnTime: z.number().int(),
  doneLate: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  /** Done on time ÷ action items whose due date has passed, in percent; null when none is due yet. */
  onTimeRate: z.number().nullable(),
});
export type FollowThrough = z.infer<typeof FollowThrough>;
