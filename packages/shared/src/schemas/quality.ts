import { z } from 'zod';
import { Cursor, Id, IsoDateTime, Limit } from './common.js';

// Data quality: completeness, the "needs attention" list, duplicate review and merges.
// DuplicatesQuery and MergeInput live in deals.ts (they came first); the rest is here.

export const qualityRecordTypes = ['contact', 'account'] as const;
export const QualityRecordType = z.enum(qualityRecordTypes);
export type QualityRecordType = z.infer<typeof QualityRecordType>;

/** 0–100 and the missing fields, heaviest first. */
export const CompletenessResult = z.object({ score: z.number().int(), missing: z.array(z.string()) });

export const AttentionQuery = z.strictObject({
  type: QualityRecordType.default('contact'),
  ownerId: z.union([Id, z.literal('me')]).default('me'),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type AttentionQuery = z.infer<typeof AttentionQuery>;

export const AttentionItem = z.object({
  type: QualityRecordType,
  id: Id,
  name: z.string(),
  score: z.number().int(),
  missing: z.array(z.string()),
  updatedAt: IsoDateTime,
});
export type AttentionItem = z.infer<typeof AttentionItem>;

export const contactDuplicateReasons = ['email', 'phone', 'same_name', 'similar_name'] as const;
export const accountDuplicateReasons = ['domain', 'same_name', 'similar_name'] as const;
export const DuplicateReason = z.enum(['email', 'phone', 'domain', 'same_name', 'similar_name']);
export type DuplicateReason = z.infer<typeof DuplicateReason>;

export const DuplicateRecord = z.object({
  id: Id,
  name: z.string(),
  /** Email of a contact, domain of an account. */
  email: z.string().nullable(),
  phone: z.string().nullable(),
  accountId: Id.nullable(),
  updatedAt: IsoDateTime,
});

export const DuplicatePair = z.object({
  type: QualityRecordType,
  /** The two ids in id order (the same order dismissing uses). */
  ids: z.tuple([Id, Id]),
  records: z.tuple([DuplicateRecord, DuplicateRecord]),
  reasons: z.array(DuplicateReason),
  /** 0–1: how sure the match is, from the reasons together. */
  confidence: z.number(),
});
export type DuplicatePair = z.infer<typeof DuplicatePair>;

export const DismissDuplicateInput = z.strictObject({
  type: QualityRecordType,
  ids: z.tuple([Id, Id]).refine(([a, b]) => a !== b, 'Two different records'),
});
export type DismissDuplicateInput = z.infer<typeof DismissDuplicateInput>;

export const MergeResult = z.object({
  mergeId: Id,
  type: QualityRecordType,
  survivorId: Id,
  mergedId: Id,
  /** Rows moved to the survivor, per kind (timeline_entries, handoffs, deals, …). */
  moved: z.record(z.string(), z.number().int()),
});
export type MergeResult = z.infer<typeof MergeResult>;

export const Merge = z.object({
  id: Id,
  type: QualityRecordType,
  survivorId: Id,
  mergedId: Id,
  actorId: Id,
  createdAt: IsoDateTime,
  undoneAt: IsoDateTime.nullable(),
  undoneBy: Id.nullable(),
  moved: z.record(z.string(), z.number().int()),
});
export type Merge = z.infer<typeof Merge>;

export const ListMergesQuery = z.strictObject({ type: QualityRecordType, id: Id });
