import { z } from 'zod';
import { attributionModels } from '../attribution/attribution.js';
import { departments } from '../enums.js';
import { Cursor, Id, IsoDateTime, Limit, optionalText, Query, UserRef, Versioned } from './common.js';
import { ListContactsQuery } from './contacts.js';
import { Amount, Currency } from './deals.js';
import { touchpointTypes } from './leads.js';
import { PilotAccountWarning } from './projects.js';
import { TeamRef } from './teams.js';

// ——— Campaigns (Aktionen) ———————————————————————————————————————————————————————————————

export const campaignChannels = [
  'email',
  'webinar',
  'event',
  'trade_fair',
  'paid_search',
  'paid_social',
  'organic_social',
  'content',
  'direct_mail',
  'partner',
  'referral',
  'other',
] as const;
export const CampaignChannel = z.enum(campaignChannels);
export type CampaignChannel = z.infer<typeof CampaignChannel>;

export const campaignStatuses = ['planned', 'active', 'completed', 'cancelled'] as const;
export const CampaignStatus = z.enum(campaignStatuses);

export const memberStatuses = ['targeted', 'sent', 'opened', 'clicked', 'responded', 'registered', 'attended'] as const;
export const MemberStatus = z.enum(memberStatuses);
export type MemberStatus = z.infer<typeof MemberStatus>;

/** The member statuses that make sense for a channel, in the order a member moves through them. */
export const memberStatusesByChannel: Record<CampaignChannel, readonly MemberStatus[]> = {
  email: ['targeted', 'sent', 'opened', 'clicked', 'responded'],
  direct_mail: ['targeted', 'sent', 'responded'],
  webinar: ['targeted', 'sent', 'registered', 'attended', 'responded'],
  event: ['targeted', 'sent', 'registered', 'attended', 'responded'],
  trade_fair: ['targeted', 'sent', 'registered', 'attended', 'responded'],
  paid_search: ['targeted', 'clicked', 'responded'],
  paid_social: ['targeted', 'clicked', 'responded'],
  organic_social: ['targeted', 'clicked', 'responded'],
  content: ['targeted', 'sent', 'opened', 'clicked', 'responded'],
  partner: ['targeted', 'sent', 'responded'],
  referral: ['targeted', 'responded'],
  other: memberStatuses,
};

/** Statuses that count as a response of the member: each records a campaign touchpoint. */
export const respondedStatuses: readonly MemberStatus[] = ['clicked', 'responded', 'registered', 'attended'];

/** A UTM campaign key as it appears in links: letters, digits, `-`, `_`, `.`; compared case-insensitively. */
export const UtmKey = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'Letters, digits, "-", "_" and "." only');

const CampaignFields = {
  name: z.string().trim().min(1).max(200),
  channel: CampaignChannel,
  status: CampaignStatus,
  startDate: z.iso.date().nullable(),
  endDate: z.iso.date().nullable(),
  ownerId: Id.nullable(),
  teamId: Id.nullable(),
  department: z.enum(departments),
  currency: Currency,
  budget: Amount,
  expectedLeads: z.number().int().min(0).max(100_000_000).nullable(),
  expectedPipeline: Amount.nullable(),
  utmKeys: z.array(UtmKey).max(20),
  description: optionalText(10_000),
};

const datesInOrder = (c: { startDate?: string | null; endDate?: string | null }) =>
  !c.startDate || !c.endDate || c.startDate <= c.endDate;
const datesMessage = { message: 'The end date is before the start date', path: ['endDate'] };

export const CreateCampaignInput = z
  .strictObject({
    ...CampaignFields,
    status: CampaignStatus.default('planned'),
    startDate: CampaignFields.startDate.default(null),
    endDate: CampaignFields.endDate.default(null),
    ownerId: CampaignFields.ownerId.optional(),
    teamId: CampaignFields.teamId.default(null),
    /** Defaults to the owner's department. */
    department: CampaignFields.department.optional(),
    currency: Currency.default('EUR'),
    budget: Amount.default(0),
    expectedLeads: CampaignFields.expectedLeads.default(null),
    expectedPipeline: CampaignFields.expectedPipeline.default(null),
    utmKeys: CampaignFields.utmKeys.default([]),
    description: CampaignFields.description.default(null),
  })
  .refine(datesInOrder, datesMessage);
export type CreateCampaignInput = z.infer<typeof CreateCampaignInput>;

export const UpdateCampaignInput = z
  .strictObject({
    name: CampaignFields.name.optional(),
    channel: CampaignFields.channel.optional(),
    status: CampaignFields.status.optional(),
    startDate: CampaignFields.startDate.optional(),
    endDate: CampaignFields.endDate.optional(),
    ownerId: CampaignFields.ownerId.optional(),
    teamId: CampaignFields.teamId.optional(),
    department: CampaignFields.department.optional(),
    currency: CampaignFields.currency.optional(),
    budget: CampaignFields.budget.optional(),
    expectedLeads: CampaignFields.expectedLeads.optional(),
    expectedPipeline: CampaignFields.expectedPipeline.optional(),
    utmKeys: CampaignFields.utmKeys.optional(),
    description: CampaignFields.description.optional(),
  })
  .refine(datesInOrder, datesMessage);
export type UpdateCampaignInput = z.infer<typeof UpdateCampaignInput>;

export const CampaignCost = z.object({
  id: Id,
  description: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  incurredOn: z.iso.date(),
  createdBy: UserRef.nullable(),
  createdAt: IsoDateTime,
});
export type CampaignCost = z.infer<typeof CampaignCost>;

export const CampaignCostInput = z.strictObject({
  description: z.string().trim().min(1).max(200),
  amount: Amount,
  /** Must be the campaign's currency. */
  currency: Currency.optional(),
  incurredOn: z.iso.date(),
});
export type CampaignCostInput = z.infer<typeof CampaignCostInput>;

export const Campaign = z.object({
  ...Versioned,
  name: z.string(),
  channel: CampaignChannel,
  status: CampaignStatus,
  startDate: z.iso.date().nullable(),
  endDate: z.iso.date().nullable(),
  owner: UserRef.nullable(),
  teamId: Id.nullable(),
  /** The team that owns the campaign. */
  team: TeamRef.nullable(),
  department: z.enum(departments),
  currency: z.string(),
  budget: z.number().int(),
  /** The sum of the cost lines. */
  actualCost: z.number().int(),
  expectedLeads: z.number().int().nullable(),
  expectedPipeline: z.number().int().nullable(),
  utmKeys: z.array(z.string()),
  description: z.string().nullable(),
  memberCount: z.number().int(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignListQuery = z.strictObject({
  q: Query.optional(),
  status: CampaignStatus.optional(),
  channel: CampaignChannel.optional(),
  ownerId: Id.optional(),
  /** Campaigns the team owns. */
  teamId: Id.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type CampaignListQuery = z.infer<typeof CampaignListQuery>;

/** The campaign page's figures: what it cost, what it brought, and sales' verdict on its leads. */
export const CampaignResults = z.object({
  members: z.record(z.string(), z.number().int()),
  touchpoints: z.number().int(),
  leads: z.number().int(),
  mqls: z.number().int(),
  sqls: z.number().int(),
  handoffs: z.object({
    total: z.number().int(),
    open: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    converted: z.number().int(),
    rejectReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  }),
  /** Credited under the workspace's chosen model, in the campaign's currency. */
  attributedPipeline: z.number().int(),
  attributedRevenue: z.number().int(),
  /**
   * Credited in the period's other currencies (deals in CHF touched by a EUR campaign): shown beside the
   * campaign's own, never converted, and not in the ROI (its costs are in the campaign's currency).
   */
  otherCurrencies: z.array(z.object({ currency: z.string(), pipeline: z.number().int(), revenue: z.number().int() })),
  actualCost: z.number().int(),
  costPerLead: z.number().int().nullable(),
  costPerMql: z.number().int().nullable(),
  costPerSql: z.number().int().nullable(),
  /** (revenue − cost) / cost; null without costs. */
  roi: z.number().nullable(),
  model: z.enum(attributionModels),
});
export type CampaignResults = z.infer<typeof CampaignResults>;

// ——— Members ——————————————————————————————————————————————————————————————————————————————

export const CampaignMember = z.object({
  contactId: Id,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  accountName: z.string().nullable(),
  status: MemberStatus,
  addedVia: z.enum(['manual', 'filter', 'import']),
  respondedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type CampaignMember = z.infer<typeof CampaignMember>;

export const CampaignMemberListQuery = z.strictObject({
  status: MemberStatus.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});

/** Contact filter for adding members in bulk (the contact list's filters). */
export const MemberFilter = ListContactsQuery.pick({
  q: true,
  ownerId: true,
  accountId: true,
  lifecycleStage: true,
  source: true,
  tag: true,
});

/**
 * Add or update members: a list of contacts, every contact matching a saved filter, or a CSV member
 * list with an `email` column. Existing members get the new status.
 */
export const AddCampaignMembersInput = z.union([
  z.strictObject({
    contactIds: z.array(Id).min(1).max(1000),
    status: MemberStatus.default('targeted'),
  }),
  z.strictObject({ filter: MemberFilter, status: MemberStatus.default('targeted') }),
  z.strictObject({
    csv: z.string().min(1).max(2_000_000),
    status: MemberStatus.default('targeted'),
  }),
]);
export type AddCampaignMembersInput = z.infer<typeof AddCampaignMembersInput>;

export const AddCampaignMembersResult = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  /** CSV rows whose email matches no contact, with their line numbers. */
  unmatched: z.array(z.object({ line: z.number().int(), email: z.string() })),
  /** Accounts of these contacts that are running pilot customers (only when there are some): mail them knowingly. */
  warnings: z.array(PilotAccountWarning).optional(),
});
export type AddCampaignMembersResult = z.infer<typeof AddCampaignMembersResult>;

export const UpdateCampaignMemberInput = z.strictObject({ status: MemberStatus });

// ——— Touchpoints ——————————————————————————————————————————————————————————————————————————

export const TouchpointType = z.enum(touchpointTypes);

/** A touch that happened earlier (imports, offline events): never in the future. */
export const CreateTouchpointInput = z.strictObject({
  contactId: Id,
  campaignId: Id,
  type: TouchpointType,
  occurredAt: IsoDateTime,
});
export type CreateTouchpointInput = z.infer<typeof CreateTouchpointInput>;

export const Touchpoint = z.object({
  id: Id,
  contactId: Id,
  campaignId: Id.nullable(),
  type: z.string(),
  occurredAt: IsoDateTime,
  createdAt: IsoDateTime,
});
export type Touchpoint = z.infer<typeof Touchpoint>;

// ——— Attribution ——————————————————————————————————————————————————————————————————————————

export const AttributionModelName = z.enum(attributionModels);
export const attributionDimensions = ['campaign', 'channel', 'department'] as const;
export const attributionMeasures = ['pipeline', 'revenue'] as const;

export const AttributionQuery = z
  .strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    model: AttributionModelName.optional(),
    by: z.enum(attributionDimensions).default('campaign'),
    measure: z.enum(attributionMeasures).default('pipeline'),
    currency: Currency.optional(),
  })
  .refine((q) => q.from <= q.to, { message: '`to` is before `from`', path: ['to'] });
export type AttributionQuery = z.infer<typeof AttributionQuery>;

export const AttributionRow = z.object({ id: z.string(), name: z.string(), credit: z.number().int() });
/** One currency's credits under one model: never converted, never mixed with another currency. */
export const AttributionCurrencyResult = z.object({
  currency: z.string(),
  /** Deals of this currency that converted in the period. */
  deals: z.number().int(),
  rows: z.array(AttributionRow),
  unattributed: z.number().int(),
  /** rows + unattributed: every model credits each deal's whole amount, so this is the deals' sum. */
  total: z.number().int(),
});
export type AttributionCurrencyResult = z.infer<typeof AttributionCurrencyResult>;
export const AttributionModelResult = z.object({
  model: AttributionModelName,
  measure: z.enum(attributionMeasures),
  /** The currency of `rows` and `unattributed`: the requested one, else the one most deals use, else EUR. */
  currency: z.string(),
  rows: z.array(AttributionRow),
  unattributed: z.number().int(),
  /**
   * Every currency with deals converting in the period side by side, `currency` first, then by number of
   * deals: a report in one currency still says what the others hold.
   */
  byCurrency: z.array(AttributionCurrencyResult),
});
export type AttributionModelResult = z.infer<typeof AttributionModelResult>;
export const AttributionAllResult = z.object({
  models: z.record(AttributionModelName, AttributionModelResult),
});

/** Drill-down: the deals (and their touches) behind one cell of the report. */
export const AttributionDrillQuery = z
  .strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    model: AttributionModelName,
    by: z.enum(attributionDimensions).default('campaign'),
    measure: z.enum(attributionMeasures).default('pipeline'),
    currency: Currency.optional(),
    /** The row id; `unattributed` for the deals without an eligible touch. */
    id: z.string().min(1).max(100),
  })
  .refine((q) => q.from <= q.to, { message: '`to` is before `from`', path: ['to'] });
export type AttributionDrillQuery = z.infer<typeof AttributionDrillQuery>;

export const AttributionSettings = z.strictObject({
  /** The model the campaign pages show. */
  defaultModel: AttributionModelName.default('w'),
  lookbackDays: z.number().int().min(1).max(3650).default(365),
  halfLifeDays: z.number().min(0.5).max(365).default(7),
  touchTypes: z
    .array(TouchpointType)
    .min(1)
    .default([...touchpointTypes]),
  /** Also credit touches of every contact of the deal's account, not only the deal's contacts. */
  includeAccountContacts: z.boolean().default(false),
});
export type AttributionSettings = z.infer<typeof AttributionSettings>;

/** The drill-down answer: the deals behind one cell, credit first, at most 200 of `total`. */
export const AttributionDrillTouch = z.object({
  id: z.string(),
  contactId: z.string(),
  contactName: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  type: z.string(),
  occurredAt: z.string(),
  /** This touch's credit under the model, minor units. */
  credit: z.number().int(),
  /** Whether the touch belongs to the row drilled into (the deal's other touches show the whole journey). */
  inCell: z.boolean(),
});
export const AttributionDrillDeal = z.object({
  id: z.string(),
  name: z.string(),
  accountName: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  /** The part of the deal's amount the drilled row receives (the whole amount for `unattributed`). */
  credit: z.number().int(),
  /** The deal's eligible touches in time order; empty for unattributed deals. */
  touches: z.array(AttributionDrillTouch),
});
export const AttributionDrillResult = z.object({
  model: AttributionModelName,
  measure: z.enum(attributionMeasures),
  currency: z.string(),
  total: z.number().int(),
  deals: z.array(AttributionDrillDeal),
});
export type AttributionDrillResult = z.infer<typeof AttributionDrillResult>;
