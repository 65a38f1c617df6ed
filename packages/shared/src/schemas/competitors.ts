import { z } from 'zod';
import { Cursor, Id, IsoDateTime, Limit, Query, UserRef } from './common.js';

/*
 * Response shapes and list queries for competitors, their battlecard ratings and field intel, and the
 * win/loss report. The inputs live beside the deals in deals.ts.
 */

export const ListCompetitorsQuery = z.strictObject({
  q: Query.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type ListCompetitorsQuery = z.infer<typeof ListCompetitorsQuery>;

export const BattlecardRating = z.object({
  id: Id,
  rating: z.enum(['helpful', 'outdated']),
  comment: z.string().nullable(),
  user: UserRef,
  /** The competitor version the rating was given on; `current` says it rates today's battlecard. */
  battlecardVersion: z.number().int(),
  current: z.boolean(),
  createdAt: IsoDateTime,
});
export type BattlecardRating = z.infer<typeof BattlecardRating>;

export const CompetitorIntel = z.object({
  id: Id,
  body: z.string(),
  author: UserRef,
  deal: z.object({ id: Id, name: z.string() }).nullable(),
  createdAt: IsoDateTime,
});
export type CompetitorIntel = z.infer<typeof CompetitorIntel>;

export const PageQuery = z.strictObject({ limit: Limit, cursor: Cursor.optional() });
export type PageQuery = z.infer<typeof PageQuery>;

export const WinLossRow = z.object({
  competitor: z.object({ id: Id, name: z.string() }),
  /** Deals closed in the period on which the competitor was involved or to which it was lost. */
  met: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  /** Of the lost deals, those lost to this competitor. */
  lostTo: z.number().int(),
  /** won / (won + lost), rounded to 4 places; null without closed deals. */
  winRate: z.number().nullable(),
  /** Sum of the lost deals' amounts, per currency (minor units). */
  lostAmount: z.array(z.object({ currency: z.string(), amount: z.number().int() })),
  /** Close reasons of the lost deals, most frequent first (at most five). */
  topLossReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});
export type WinLossRow = z.infer<typeof WinLossRow>;

export const WinLossReport = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.string(),
  competitors: z.array(WinLossRow),
});
export type WinLossReport = z.infer<typeof WinLossReport>;
