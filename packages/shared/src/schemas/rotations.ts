import { z } from 'zod';
import { QUARTER_PATTERN, rotationStatuses } from '../rotations/rotations.js';
import { Cursor, Id, IsoDateTime, Limit, UserRef } from './common.js';
import { Department, User } from './users.js';

// A job rotation (Perspektivwechsel) as clients send it (issue 12's API contract). Whether the person may
// visit the host department, the mentor belongs to it and the period is free, the server checks after
// the shape and answers 422 `rotation_invalid` with the field at fault.

export const rotationLimits = {
  itemsMax: 20,
  itemMax: 300,
  noteMax: 4000,
  reportMax: 10_000,
  commentMax: 4000,
  /** A rotation lasts at most a year. */
  daysMax: 366,
} as const;

export const RotationStatus = z.enum(rotationStatuses);
export type RotationStatus = z.infer<typeof RotationStatus>;
/** A local date in the workspace's time zone (YYYY-MM-DD). */
const LocalDate = z.iso.date();
const ItemText = z.string().trim().min(1).max(rotationLimits.itemMax);

export const CreateRotationInput = z.strictObject({
  /** The person who visits the other department. */
  userId: Id,
  /** The other department than the person's own: marketing visits sales, sales visits marketing. */
  hostDepartment: Department,
  /** First and last day, both inclusive. */
  startsOn: LocalDate,
  endsOn: LocalDate,
  /** A member of the host department who looks after the person. */
  mentorId: Id,
  /** Learning goals, e.g. "Verstehen, wie ein Erstgespräch abläuft". */
  goals: z.array(ItemText).max(rotationLimits.itemsMax).default([]),
  /** Planned activities, each ticked off when done, e.g. "5 Kundentermine begleiten". */
  activities: z.array(ItemText).max(rotationLimits.itemsMax).default([]),
});
export type CreateRotationInput = z.infer<typeof CreateRotationInput>;

/** A learning goal or planned activity as sent with a change: `id` keeps an existing one, none adds one. */
const GoalChange = z.strictObject({ id: Id.optional(), text: ItemText, met: z.boolean().optional() });
const ActivityChange = z.strictObject({ id: Id.optional(), text: ItemText, done: z.boolean().optional() });

/**
 * Any of: the period, the mentor, the whole list of learning goals (with their `met` boxes) or planned
 * activities (with their `done` boxes), or `status: cancelled`, which ends the host rights at once.
 */
export const UpdateRotationInput = z.strictObject({
  startsOn: LocalDate.optional(),
  endsOn: LocalDate.optional(),
  mentorId: Id.optional(),
  goals: z.array(GoalChange).max(rotationLimits.itemsMax).optional(),
  activities: z.array(ActivityChange).max(rotationLimits.itemsMax).optional(),
  status: z.literal('cancelled').optional(),
});
export type UpdateRotationInput = z.infer<typeof UpdateRotationInput>;

export const RotationListQuery = z.strictObject({
  userId: Id.optional(),
  mentorId: Id.optional(),
  hostDepartment: Department.optional(),
  status: RotationStatus.optional(),
  /** Rotations whose period overlaps [from, to] (local dates): a calendar's window. */
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type RotationListQuery = z.infer<typeof RotationListQuery>;

export const CreateCheckinInput = z.strictObject({
  /** A day of the rotation's period. */
  date: LocalDate,
  note: z.string().trim().min(1).max(rotationLimits.noteMax),
});
export type CreateCheckinInput = z.infer<typeof CreateCheckinInput>;

/**
 * The person sends `report` (the closing report); the mentor sends `rating` (1–5) with an optional
 * `comment`. Each part is written only by its author; sending it again replaces it.
 */
export const RotationReportInput = z
  .strictObject({
    report: z.string().trim().min(1).max(rotationLimits.reportMax).optional(),
    rating: z.number().int().min(1).max(5).optional(),
    comment: z.string().trim().max(rotationLimits.commentMax).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.report === undefined && r.rating === undefined) {
      ctx.addIssue({ code: 'custom', path: ['report'], message: 'Send the report, or a rating' });
    }
    if (r.comment !== undefined && r.rating === undefined) {
      ctx.addIssue({ code: 'custom', path: ['rating'], message: 'A comment comes with a rating' });
    }
  });
export type RotationReportInput = z.infer<typeof RotationReportInput>;

export const RotationReportQuery = z.strictObject({
  quarter: z.string().regex(QUARTER_PATTERN, 'A calendar quarter, e.g. 2027-Q1'),
});
export type RotationReportQuery = z.infer<typeof RotationReportQuery>;

// ——— What the server answers ——————————————————————————————————————————————————————————————————

export const RotationGoal = z.object({ id: Id, text: z.string(), met: z.boolean() });
export type RotationGoal = z.infer<typeof RotationGoal>;
export const RotationActivity = z.object({ id: Id, text: z.string(), done: z.boolean() });
export type RotationActivity = z.infer<typeof RotationActivity>;

export const RotationCheckin = z.object({
  id: Id,
  date: z.string(),
  note: z.string(),
  author: UserRef.nullable(),
  createdAt: IsoDateTime,
});
export type RotationCheckin = z.infer<typeof RotationCheckin>;

export const Rotation = z.object({
  id: Id,
  person: UserRef,
  /** The person's department when the rotation was planned. */
  homeDepartment: Department,
  hostDepartment: Department,
  startsOn: z.string(),
  endsOn: z.string(),
  /** Calendar days of the period, both ends included. */
  days: z.number().int(),
  mentor: UserRef,
  /** Derived from the period and today in the workspace's time zone; never stored. */
  status: RotationStatus,
  cancelledAt: IsoDateTime.nullable(),
  goals: z.array(RotationGoal),
  activities: z.array(RotationActivity),
  checkins: z.array(RotationCheckin),
  /** The person's closing report. */
  report: z.string().nullable(),
  reportedAt: IsoDateTime.nullable(),
  /** The mentor's rating (1–5) and comment. */
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: IsoDateTime.nullable(),
  createdBy: UserRef.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Rotation = z.infer<typeof Rotation>;

/** A customer interaction the person logged during the rotation, or an action only the host rights allowed. */
export const RotationActivityEntry = z.object({
  id: Id,
  kind: z.string(),
  action: z.string().nullable(),
  /** account, contact, deal, or (for host-rights actions) the record acted on, e.g. handoff. */
  entityType: z.string(),
  entityId: z.string(),
  entityName: z.string().nullable(),
  createdAt: IsoDateTime,
  /** Allowed only through the host department's rights ("im Perspektivwechsel"). */
  hostRights: z.boolean(),
});
export type RotationActivityEntry = z.infer<typeof RotationActivityEntry>;

export const RotationActivityQuery = z.strictObject({ limit: Limit, cursor: Cursor.optional() });

/** One host department's figures for a quarter (or all of them). */
export const RotationReportLine = z.object({
  /** The host department; null for the total. */
  department: Department.nullable(),
  /** Rotations (not cancelled) whose period overlaps the quarter. */
  rotations: z.number().int(),
  people: z.number().int(),
  /** Calendar days of those periods inside the quarter, both ends included. */
  days: z.number().int(),
  goalsMet: z.number().int(),
  goalsTotal: z.number().int(),
  /** Mean of the mentors' ratings given so far (two decimals), null without one. */
  meanRating: z.number().nullable(),
  ratings: z.number().int(),
});
export type RotationReportLine = z.infer<typeof RotationReportLine>;

export const RotationQuarterReport = z.object({
  quarter: z.string(),
  from: z.string(),
  to: z.string(),
  departments: z.array(RotationReportLine),
  total: RotationReportLine,
});
export type RotationQuarterReport = z.infer<typeof RotationQuarterReport>;

/** The rotation whose host rights the logged-in user has today. */
export const ActiveRotation = z.object({
  id: Id,
  hostDepartment: Department,
  startsOn: z.string(),
  endsOn: z.string(),
});
export type ActiveRotation = z.infer<typeof ActiveRotation>;

/** The logged-in user, with the host department they also work in today (a job rotation), if any. */
export const Me = User.extend({
  hostDepartment: Department.nullable(),
  rotation: ActiveRotation.nullable(),
});
export type Me = z.infer<typeof Me>;
