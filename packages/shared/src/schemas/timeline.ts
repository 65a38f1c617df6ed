import { z } from 'zod';
import { departments, timelineKinds } from '../enums.js';
import { limits } from '../limits.js';
import { Cursor, Id, IsoDateTime, Limit, UserRef } from './common.js';

export const TimelineKind = z.enum(timelineKinds);
export type TimelineKind = z.infer<typeof TimelineKind>;

export const FieldChange = z.object({
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
});
export type FieldChange = z.infer<typeof FieldChange>;

/** The records a timeline belongs to; the 360° view of an account also shows its contacts' and deals'. */
export const timelineRecordTypes = ['account', 'contact', 'deal', 'campaign', 'project'] as const;
export const TimelineRecordType = z.enum(timelineRecordTypes);
export type TimelineRecordType = z.infer<typeof TimelineRecordType>;

export const TimelineEntry = z.object({
  id: Id,
  kind: TimelineKind,
  /** The record the entry was written on (in the 360° view: the account, one of its contacts or deals). */
  entityType: TimelineRecordType,
  entityId: Id,
  /** The record's display name (account or deal name, contact's full name); null if it no longer exists. */
  entityName: z.string().nullable(),
  /** created, updated, deleted, restored for audit entries */
  action: z.string().nullable(),
  createdAt: IsoDateTime,
  actor: UserRef.nullable(),
  department: z.enum(departments).nullable(),
  /** Markdown source of a note or comment. */
  body: z.string().nullable(),
  /** Sanitized HTML rendered from body. */
  html: z.string().nullable(),
  changes: z.array(FieldChange).nullable(),
  mentions: z.array(UserRef).nullable(),
  /** What a touchpoint, handoff, activity or deal entry recorded (form, UTM values, reason, activity type, …); null for other kinds. */
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TimelineQuery = z.strictObject({
  kind: TimelineKind.optional(),
  department: z.enum(departments).optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

/** An account's timeline: its own entries (`record`, the default) or the 360° view with its contacts' and deals' (`account`). */
export const AccountTimelineQuery = TimelineQuery.extend({
  scope: z.enum(['record', 'account']).default('record'),
});
export type AccountTimelineQuery = z.infer<typeof AccountTimelineQuery>;

export const CreateNoteInput = z.strictObject({
  body: z.string().trim().min(1).max(limits.noteMax),
  /** Colleagues the note mentions; each is notified (issue 15). */
  mentions: z.array(Id).max(limits.mentionsMax).optional(),
});
export type CreateNoteInput = z.infer<typeof CreateNoteInput>;

export const CreateCommentInput = z.strictObject({
  body: z.string().trim().min(1).max(limits.commentMax),
  mentions: z.array(Id).max(limits.mentionsMax).optional(),
});
export type CreateCommentInput = z.infer<typeof CreateCommentInput>;
