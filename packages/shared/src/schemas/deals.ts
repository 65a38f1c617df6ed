import { z } from 'zod';
import { Cursor, Id, IsoDateTime, Limit, Query, UserRef, Versioned } from './common.js';

// ——— Pipelines ———————————————————————————————————————————————————————————————————————————

export const stageKinds = ['open', 'won', 'lost'] as const;
export const StageKind = z.enum(stageKinds);

export const StageInput = z.strictObject({
  /** Present for an existing stage, absent for a new one. */
  id: Id.optional(),
  nameDe: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(60),
  probability: z.number().int().min(0).max(100),
  staleAfterDays: z.number().int().min(1).max(3650).nullable().default(null),
  kind: StageKind.default('open'),
});
export type StageInput = z.infer<typeof StageInput>;

const stagesRule = (stages: StageInput[]) =>
  stages.filter((s) => s.kind === 'won').length === 1 &&
  stages.filter((s) => s.kind === 'lost').length === 1 &&
  stages.some((s) => s.kind === 'open');

const PipelineName = z.string().trim().min(1).max(100);
const StageList = z
  .array(StageInput)
  .min(3)
  .max(20)
  .refine(stagesRule, 'A pipeline needs open stages and exactly one won and one lost stage');

export const CreatePipelineInput = z.strictObject({
  name: PipelineName,
  isDefault: z.boolean().default(false),
  stages: StageList,
});
export type CreatePipelineInput = z.infer<typeof CreatePipelineInput>;
/** `stages` is the complete new list: with id kept (renamed, reordered), without id added, missing removed. */
export const UpdatePipelineInput = z.strictObject({
  name: PipelineName.optional(),
  isDefault: z.boolean().optional(),
  stages: StageList.optional(),
});
export type UpdatePipelineInput = z.infer<typeof UpdatePipelineInput>;

export const Stage = z.object({
  id: Id,
  position: z.number().int(),
  nameDe: z.string(),
  nameEn: z.string(),
  probability: z.number().int(),
  staleAfterDays: z.number().int().nullable(),
  kind: StageKind,
});
export type Stage = z.infer<typeof Stage>;

export const Pipeline = z.object({
  ...Versioned,
  name: z.string(),
  isDefault: z.boolean(),
  stages: z.array(Stage),
});
export type Pipeline = z.infer<typeof Pipeline>;

// ——— Deals ———————————————————————————————————————————————————————————————————————————————

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code like EUR');
/** Minor units (cents), up to 10^13 (a hundred billion euros). */
export const Amount = z.number().int().min(0).max(10_000_000_000_000);
export const dealContactRoles = [
  'decision_maker',
  'champion',
  'influencer',
  'user',
  'technical',
  'purchasing',
  'other',
] as const;
export const DealContactInput = z.strictObject({ contactId: Id, role: z.enum(dealContactRoles).nullable().optional() });
export const CloseDate = z.iso.date();

export const CreateDealInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  accountId: Id,
  amount: Amount,
  currency: Currency.default('EUR'),
  contacts: z.array(DealContactInput).max(50).optional(),
  pipelineId: Id.optional(),
  stageId: Id.optional(),
  ownerId: Id.nullable().optional(),
  closeDate: CloseDate.nullable().optional(),
  source: z.enum(['marketing', 'sales']).optional(),
  handoffId: Id.nullable().optional(),
  campaignKey: z.string().trim().max(100).nullable().optional(),
  competitorIds: z.array(Id).max(20).optional(),
  nextStep: z.string().trim().max(500).nullable().optional(),
});
export type CreateDealInput = z.infer<typeof CreateDealInput>;

export const UpdateDealInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  accountId: Id.optional(),
  amount: Amount.optional(),
  currency: Currency.optional(),
  contacts: z.array(DealContactInput).max(50).optional(),
  ownerId: Id.nullable().optional(),
  closeDate: CloseDate.nullable().optional(),
  campaignKey: z.string().trim().max(100).nullable().optional(),
  competitorIds: z.array(Id).max(20).optional(),
  nextStep: z.string().trim().max(500).nullable().optional(),
});
export type UpdateDealInput = z.infer<typeof UpdateDealInput>;

export const MoveDealInput = z.strictObject({ stageId: Id });
export const CloseDealInput = z.strictObject({
  outcome: z.enum(['won', 'lost']),
  reason: z.string().regex(/^[a-z0-9_]{2,40}$/, 'A reason key from the list'),
  comment: z.string().trim().max(2000).optional(),
  competitorId: Id.nullable().optional(),
});
export type CloseDealInput = z.infer<typeof CloseDealInput>;

export const Deal = z.object({
  ...Versioned,
  name: z.string(),
  accountId: Id,
  account: z.object({ id: Id, name: z.string() }),
  pipelineId: Id,
  stageId: Id,
  stage: z.object({ id: Id, nameDe: z.string(), nameEn: z.string(), probability: z.number(), kind: StageKind }),
  status: z.enum(['open', 'won', 'lost']),
  amount: z.number().int(),
  currency: z.string(),
  closeDate: z.string().nullable(),
  ownerId: Id.nullable(),
  owner: UserRef.nullable(),
  source: z.enum(['marketing', 'sales']),
  handoffId: Id.nullable(),
  campaignKey: z.string().nullable(),
  nextStep: z.string().nullable(),
  contacts: z.array(z.object({ contactId: Id, name: z.string(), role: z.string().nullable() })),
  competitors: z.array(z.object({ id: Id, name: z.string() })),
  closeReason: z.string().nullable(),
  closeComment: z.string().nullable(),
  lostToCompetitorId: Id.nullable(),
  closedAt: IsoDateTime.nullable(),
  stageChangedAt: IsoDateTime,
  /** Open longer in its stage than the stage's "stale after N days". */
  stale: z.boolean(),
  deletedAt: z.string().nullable(),
});
export type Deal = z.infer<typeof Deal>;

export const dealSorts = [
  'updatedAt',
  '-updatedAt',
  'closeDate',
  '-closeDate',
  'amount',
  '-amount',
  'name',
  '-name',
] as const;
export const ListDealsQuery = z.strictObject({
  q: Query.optional(),
  pipelineId: Id.optional(),
  stageId: Id.optional(),
  status: z.enum(['open', 'won', 'lost']).optional(),
  ownerId: z.union([Id, z.literal('me'), z.literal('none')]).optional(),
  teamId: Id.optional(),
  accountId: Id.optional(),
  contactId: Id.optional(),
  source: z.enum(['marketing', 'sales']).optional(),
  closeQuarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/)
    .optional(),
  competitorId: Id.optional(),
  sort: z.enum(dealSorts).default('-updatedAt'),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type ListDealsQuery = z.infer<typeof ListDealsQuery>;

/** The board: per stage the first cards plus totals over all of the stage's deals. */
export const BoardQuery = z.strictObject({
  pipelineId: Id.optional(),
  ownerId: z.union([Id, z.literal('me'), z.literal('none')]).optional(),
  teamId: Id.optional(),
  source: z.enum(['marketing', 'sales']).optional(),
  closeQuarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/)
    .optional(),
  perStage: z.coerce.number().int().min(1).max(200).default(50),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

export const ForecastQuery = z.strictObject({
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'Like 2027-Q1'),
  pipelineId: Id.optional(),
});
export type ForecastQuery = z.infer<typeof ForecastQuery>;

/** Reopening a closed deal puts it into an open stage of its pipeline. */
export const ReopenDealInput = z.strictObject({ stageId: Id });
export type ReopenDealInput = z.infer<typeof ReopenDealInput>;

/** Per currency: the sum of amounts and the sum weighted by the stage's probability (minor units). */
export const StageTotal = z.object({ currency: z.string(), amount: z.number().int(), weighted: z.number().int() });
export const BoardColumn = z.object({
  stage: Stage,
  /** Deals in the stage that match the filters (not only the cards sent). */
  count: z.number().int(),
  totals: z.array(StageTotal),
  /** The first `perStage` deals, most recently updated first. */
  deals: z.array(Deal),
});
export const Board = z.object({ pipeline: Pipeline, columns: z.array(BoardColumn) });
export type Board = z.infer<typeof Board>;

/** The figures of forecast.ts (ForecastFigures) as a response schema. */
export const ForecastAmounts = z.object({
  currency: z.string(),
  won: z.number().int(),
  committed: z.number().int(),
  bestCase: z.number().int(),
  weighted: z.number().int(),
  pipeline: z.number().int(),
  deals: z.number().int(),
});
export const Forecast = z.object({
  quarter: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  pipelineId: Id.nullable(),
  totals: z.array(ForecastAmounts),
  byOwner: z.array(z.object({ owner: UserRef.nullable(), figures: z.array(ForecastAmounts) })),
  /** A deal counts for every team its owner belongs to; owners without a team under `team: null`. */
  byTeam: z.array(
    z.object({ team: z.object({ id: Id, name: z.string() }).nullable(), figures: z.array(ForecastAmounts) }),
  ),
});
export type Forecast = z.infer<typeof Forecast>;

export const WinLossQuery = z.strictObject({ from: z.iso.date(), to: z.iso.date() });

export const CloseReason = z.strictObject({
  key: z.string().regex(/^[a-z0-9_]{2,40}$/),
  outcome: z.enum(['won', 'lost']),
  de: z.string().trim().min(1).max(100),
  en: z.string().trim().min(1).max(100),
  active: z.boolean().default(true),
});
export const CloseReasons = z.strictObject({
  reasons: z
    .array(CloseReason)
    .min(2)
    .max(100)
    .refine(
      (list) => new Set(list.map((r) => `${r.outcome}:${r.key}`)).size === list.length,
      'A key appears once per outcome',
    ),
});
export type CloseReasons = z.infer<typeof CloseReasons>;

// ——— Activities and tasks ——————————————————————————————————————————————————————————————————

export const activityTypes = ['call', 'email', 'meeting', 'note'] as const;
export const linkableTypes = ['account', 'contact', 'deal'] as const;
export const LinkedRecord = z.strictObject({ entityType: z.enum(linkableTypes), entityId: Id });

export const CreateActivityInput = z.strictObject({
  type: z.enum(activityTypes),
  subject: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(10_000).nullable().optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .nullable()
    .optional(),
  entityType: z.enum(linkableTypes),
  entityId: Id,
});
export type CreateActivityInput = z.infer<typeof CreateActivityInput>;

export const Activity = z.object({
  id: Id,
  type: z.enum(activityTypes),
  subject: z.string(),
  summary: z.string().nullable(),
  occurredAt: IsoDateTime,
  durationMinutes: z.number().nullable(),
  entityType: z.enum(linkableTypes),
  entityId: Id,
  accountId: Id.nullable(),
  actor: UserRef,
  createdAt: IsoDateTime,
});
export type Activity = z.infer<typeof Activity>;

export const ListActivitiesQuery = z.strictObject({
  entityType: z.enum(linkableTypes).optional(),
  entityId: Id.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});

export const taskStatuses = ['open', 'done', 'cancelled'] as const;
export const CreateTaskInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).nullable().optional(),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
  remindAt: z.iso.datetime({ offset: true }).nullable().optional(),
  ownerId: Id.optional(),
  entityType: z.enum(linkableTypes).nullable().optional(),
  entityId: Id.nullable().optional(),
});
export type CreateTaskInput = z.infer<typeof CreateTaskInput>;
export const UpdateTaskInput = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(5000).nullable().optional(),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
  remindAt: z.iso.datetime({ offset: true }).nullable().optional(),
  ownerId: Id.optional(),
  status: z.enum(taskStatuses).optional(),
});
export type UpdateTaskInput = z.infer<typeof UpdateTaskInput>;
export const Task = z.object({
  ...Versioned,
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(taskStatuses),
  dueAt: IsoDateTime.nullable(),
  remindAt: IsoDateTime.nullable(),
  overdue: z.boolean(),
  ownerId: Id,
  owner: UserRef,
  entityType: z.enum(linkableTypes).nullable(),
  entityId: Id.nullable(),
  entityName: z.string().nullable(),
  completedAt: IsoDateTime.nullable(),
});
export type Task = z.infer<typeof Task>;
export const ListTasksQuery = z.strictObject({
  ownerId: z.union([Id, z.literal('me')]).optional(),
  status: z.enum(taskStatuses).optional(),
  entityType: z.enum(linkableTypes).optional(),
  entityId: Id.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});

// ——— Competitors —————————————————————————————————————————————————————————————————————————

const longText = z.string().trim().max(20_000).nullable();
export const CreateCompetitorInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
  positioning: longText.optional(),
  strengths: longText.optional(),
  weaknesses: longText.optional(),
  pricingNotes: longText.optional(),
  battlecard: z.string().max(50_000).optional(),
});
export type CreateCompetitorInput = z.infer<typeof CreateCompetitorInput>;
export const UpdateCompetitorInput = CreateCompetitorInput.partial();
export type UpdateCompetitorInput = z.infer<typeof UpdateCompetitorInput>;
export const Competitor = z.object({
  ...Versioned,
  name: z.string(),
  website: z.string().nullable(),
  positioning: z.string().nullable(),
  strengths: z.string().nullable(),
  weaknesses: z.string().nullable(),
  pricingNotes: z.string().nullable(),
  battlecard: z.string(),
  battlecardHtml: z.string(),
  ratings: z.object({ helpful: z.number().int(), outdated: z.number().int() }),
  deals: z.object({ open: z.number().int(), won: z.number().int(), lost: z.number().int() }),
});
export type Competitor = z.infer<typeof Competitor>;
export const RateBattlecardInput = z.strictObject({
  rating: z.enum(['helpful', 'outdated']),
  comment: z.string().trim().max(2000).optional(),
});
export const CreateIntelInput = z.strictObject({
  body: z.string().trim().min(1).max(5000),
  dealId: Id.nullable().optional(),
});

// ——— Duplicates and merges ———————————————————————————————————————————————————————————————

export const DuplicatesQuery = z.strictObject({
  type: z.enum(['contact', 'account']),
  limit: Limit,
  cursor: Cursor.optional(),
});
export const MergeInput = z.strictObject({
  survivorId: Id,
  mergedId: Id,
  /** Field name → id of the record whose value survives. */
  fields: z.record(z.string().max(40), Id).default({}),
});
export type MergeInput = z.infer<typeof MergeInput>;
