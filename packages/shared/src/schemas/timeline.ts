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

export const TimelineEntry = z.object({
  id: Id,
  kind: TimelineKind,
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
  /** What a touchpoint or handoff entry recorded (form name, UTM values, reason, …); null for other kinds. */
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

export const CreateNoteInput = z.strictObject({
  body: z.string().trim().min(1).max(limits.noteMax),
});
export type CreateNoteInput = z.infer<typeof CreateNoteInput>;

export const CreateCommentInput = z.strictObject({
  body: z.string().trim().min(1).max(limits.commentMax),
  mentions: z.array(Id).max(limits.mentionsMax).optional(),
});
export type CreateCommentInput = z.infer<typeof CreateCommentInput>;
