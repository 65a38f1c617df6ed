import { z } from 'zod';
import { fitFields, fitOperators } from '../leads/scoring.js';
import { holidayRegions } from '../sla/holidays.js';
import { Cursor, Id, IsoDateTime, Limit, TimeZoneName, UserRef } from './common.js';

// ——— Forms ———————————————————————————————————————————————————————————————————————————————

/** Contact and account fields a public form can ask for. */
export const formFieldKeys = [
  'email',
  'firstName',
  'lastName',
  'company',
  'jobTitle',
  'phone',
  'country',
  'city',
  'postcode',
  'industry',
  'employeeBand',
  'message',
] as const;
export const FormFieldKey = z.enum(formFieldKeys);
export type FormFieldKey = z.infer<typeof FormFieldKey>;

export const utmKeys = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

export const FormField = z.strictObject({
  key: FormFieldKey,
  required: z.boolean().default(false),
  label: z.string().trim().max(100).optional(),
});

export const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Lower-case letters, digits and dashes');

const formFields = {
  name: z.string().trim().min(1).max(120),
  slug: Slug,
  fields: z
    .array(FormField)
    .min(1)
    .max(formFieldKeys.length)
    .refine((f) => new Set(f.map((x) => x.key)).size === f.length, 'Each field only once')
    .refine((f) => f.some((x) => x.key === 'email' && x.required), 'The email field is required'),
  consent: z
    .strictObject({
      enabled: z.boolean(),
      text: z.string().trim().max(2000).default(''),
      required: z.boolean().default(true),
    })
    .refine((c) => !c.enabled || c.text.length > 0, { message: 'Consent needs its text', path: ['text'] }),
  doubleOptIn: z.boolean(),
  campaignKey: z.string().trim().max(100).nullable(),
  /** The campaign (Aktion) a post credits unless its own UTM campaign key names another one. */
  campaignId: Id.nullable(),
  thankYouMessage: z.string().trim().max(1000).nullable(),
  redirectUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  active: z.boolean(),
};

export const CreateFormInput = z.strictObject({
  name: formFields.name,
  slug: formFields.slug,
  fields: formFields.fields,
  consent: formFields.consent.optional(),
  doubleOptIn: formFields.doubleOptIn.optional(),
  campaignKey: formFields.campaignKey.optional(),
  campaignId: formFields.campaignId.optional(),
  thankYouMessage: formFields.thankYouMessage.optional(),
  redirectUrl: formFields.redirectUrl.optional(),
  active: formFields.active.optional(),
});
export type CreateFormInput = z.infer<typeof CreateFormInput>;
export const UpdateFormInput = CreateFormInput.partial();
export type UpdateFormInput = z.infer<typeof UpdateFormInput>;

export const Form = z.object({
  id: Id,
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  name: z.string(),
  slug: z.string(),
  fields: z.array(z.object({ key: FormFieldKey, required: z.boolean(), label: z.string().optional() })),
  consent: z.object({ enabled: z.boolean(), text: z.string(), required: z.boolean(), version: z.number().int() }),
  doubleOptIn: z.boolean(),
  campaignKey: z.string().nullable(),
  campaignId: Id.nullable(),
  /** The linked campaign's name, for the form list. */
  campaignName: z.string().nullable(),
  thankYouMessage: z.string().nullable(),
  redirectUrl: z.string().nullable(),
  active: z.boolean(),
  submissions: z.number().int(),
  /** The hosted page and a snippet to embed it. */
  url: z.string(),
  embedHtml: z.string(),
});
export type Form = z.infer<typeof Form>;

// ——— Lead ingestion (forms and POST /api/leads) ————————————————————————————————————————————

const text = (max: number) => z.string().trim().max(max);
export const LeadInput = z.strictObject({
  email: z.email().max(254),
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  company: text(200).optional(),
  jobTitle: text(150).optional(),
  phone: text(50)
    .regex(/^$|^\+?[0-9][0-9 ()/.-]{2,}$/, 'Not a valid phone number')
    .optional(),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^$|^[A-Z]{2}$/, 'Use a two-letter ISO country code')
    .optional(),
  city: text(100).optional(),
  postcode: text(12).optional(),
  industry: text(100).optional(),
  employeeBand: z.enum(['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001+']).optional(),
  message: text(5000).optional(),
  utm_source: text(200).optional(),
  utm_medium: text(200).optional(),
  utm_campaign: text(200).optional(),
  utm_term: text(200).optional(),
  utm_content: text(200).optional(),
  referrer: text(2000).optional(),
  landingPage: text(2000).optional(),
  consent: z.boolean().optional(),
  source: text(100).optional(),
  formId: Id.optional(),
});
export type LeadInput = z.infer<typeof LeadInput>;

export const LeadResult = z.object({
  contactId: Id,
  accountId: Id.nullable(),
  created: z.boolean(),
  duplicate: z.boolean(),
  score: z.number(),
  handoffId: Id.nullable(),
});
export type LeadResult = z.infer<typeof LeadResult>;

// ——— Settings ——————————————————————————————————————————————————————————————————————————————

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM');
const DayHours = z
  .tuple([HourMinute, HourMinute])
  .refine(([a, b]) => a < b, 'Opening must be before closing')
  .nullable();

export const SlaSettings = z.strictObject({
  responseHours: z.number().min(0.25).max(240),
  timeZone: TimeZoneName,
  businessHours: z.strictObject({
    mon: DayHours,
    tue: DayHours,
    wed: DayHours,
    thu: DayHours,
    fri: DayHours,
    sat: DayHours,
    sun: DayHours,
  }),
  holidayRegion: z.enum(holidayRegions),
  extraHolidays: z.array(z.iso.date()).max(100),
  mqlCommitmentPerMonth: z.number().int().min(0).max(1_000_000).default(0),
  minAcceptanceRate: z.number().min(0).max(100).default(0),
});
export type SlaSettings = z.infer<typeof SlaSettings>;

export const SlaState = z.object({
  current: SlaSettings,
  version: z.number().int(),
  updatedAt: IsoDateTime.nullable(),
  pending: z
    .object({
      id: Id,
      proposal: SlaSettings,
      proposedBy: UserRef,
      proposedAt: IsoDateTime,
    })
    .nullable(),
});
export type SlaState = z.infer<typeof SlaState>;

export const FitRuleSchema = z.strictObject({
  id: z.string().min(1).max(40),
  field: z.enum(fitFields),
  operator: z.enum(fitOperators),
  value: z.union([z.string().trim().min(1).max(200), z.array(z.string().trim().min(1).max(200)).min(1).max(50)]),
  points: z.number().int().min(-100).max(100),
});
export const EngagementRuleSchema = z.strictObject({
  id: z.string().min(1).max(40),
  touchpointType: z.string().min(1).max(40),
  points: z.number().int().min(-100).max(100),
  halfLifeDays: z.number().min(0).max(3650),
});
export const ScoringSettings = z.strictObject({
  mqlThreshold: z.number().int().min(1).max(10_000),
  fit: z.array(FitRuleSchema).max(100),
  engagement: z.array(EngagementRuleSchema).max(100),
});
export type ScoringSettings = z.infer<typeof ScoringSettings>;

export const TerritoryRuleSchema = z.strictObject({
  id: z.string().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/))
    .max(50)
    .optional(),
  postcodePrefixes: z.array(z.string().trim().min(1).max(12)).max(200).optional(),
  industries: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  teamId: Id,
});
export const RoutingSettings = z.strictObject({
  rules: z.array(TerritoryRuleSchema).max(200),
});
export type RoutingSettings = z.infer<typeof RoutingSettings>;

export const RejectReason = z.strictObject({
  key: z.string().regex(/^[a-z0-9_]{2,40}$/),
  de: z.string().trim().min(1).max(100),
  en: z.string().trim().min(1).max(100),
  active: z.boolean().default(true),
});
export const RejectReasons = z.strictObject({ reasons: z.array(RejectReason).min(1).max(50) });
export type RejectReasons = z.infer<typeof RejectReasons>;

/** Settings → Forms: the hosts a form may redirect to after a post. */
export const LeadFormSettings = z.strictObject({
  redirectHosts: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .max(253)
        .regex(/^[a-z0-9.-]+(:\d+)?$/, 'A host name like www.example.de'),
    )
    .max(50),
  /**
   * The sites that may embed the public form and event pages (their CSP frame-ancestors, issue 15), as
   * origins like https://www.example.de (https://*.example.de for subdomains); none listed: any site.
   */
  embedOrigins: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .max(300)
        .regex(/^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?$/, 'An origin like https://www.example.de'),
    )
    .max(50)
    .default([]),
});
export type LeadFormSettings = z.infer<typeof LeadFormSettings>;

// ——— Teams —————————————————————————————————————————————————————————————————————————————————

export const CreateTeamInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  memberIds: z.array(Id).max(200).default([]),
});
export type CreateTeamInput = z.infer<typeof CreateTeamInput>;
// Built without the create defaults: `default([])` survives `.partial()` and a PATCH of `{ name }` would
// remove every member (issue 15).
export const UpdateTeamInput = z.strictObject({
  name: CreateTeamInput.shape.name.optional(),
  memberIds: z.array(Id).max(200).optional(),
});
export type UpdateTeamInput = z.infer<typeof UpdateTeamInput>;
export const Team = z.object({
  id: Id,
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  name: z.string(),
  members: z.array(UserRef),
  /** Members per department. */
  balance: z.object({ marketing: z.number().int(), sales: z.number().int(), management: z.number().int() }),
  /** Members from both marketing and sales. */
  mixed: z.boolean(),
});
export type Team = z.infer<typeof Team>;

// ——— Handoffs ——————————————————————————————————————————————————————————————————————————————

export const handoffStatuses = ['open', 'accepted', 'rejected', 'converted', 'recycled'] as const;
export const HandoffStatus = z.enum(handoffStatuses);
export type HandoffStatus = z.infer<typeof HandoffStatus>;

export const Handoff = z.object({
  id: Id,
  version: z.number().int(),
  status: HandoffStatus,
  breached: z.boolean(),
  contact: z.object({
    id: Id,
    name: z.string(),
    email: z.string().nullable(),
    jobTitle: z.string().nullable(),
    accountId: Id.nullable(),
    accountName: z.string().nullable(),
    score: z.number(),
  }),
  qualifiedAt: IsoDateTime,
  qualifiedBy: UserRef.nullable(),
  qualifiedReason: z.enum(['score', 'manual']),
  assigneeId: Id.nullable(),
  assignee: UserRef.nullable(),
  teamId: Id.nullable(),
  routingRule: z.string(),
  slaDueAt: IsoDateTime,
  acceptedAt: IsoDateTime.nullable(),
  rejectedAt: IsoDateTime.nullable(),
  rejectReason: z.string().nullable(),
  rejectComment: z.string().nullable(),
  firstTouchAt: IsoDateTime.nullable(),
  convertedAt: IsoDateTime.nullable(),
  convertedStage: z.string().nullable(),
  recycledAt: IsoDateTime.nullable(),
  recycleNote: z.string().nullable(),
  respondedAt: IsoDateTime.nullable(),
  source: z.string().nullable(),
  formId: Id.nullable(),
  utmCampaign: z.string().nullable(),
  /** The deal opened when the lead was converted. */
  dealId: Id.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Handoff = z.infer<typeof Handoff>;

export const ListHandoffsQuery = z.strictObject({
  status: z.enum([...handoffStatuses, 'breached']).optional(),
  assignee: z.union([Id, z.literal('me'), z.literal('none')]).optional(),
  contactId: Id.optional(),
  qualifiedBy: z.union([Id, z.literal('me')]).optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type ListHandoffsQuery = z.infer<typeof ListHandoffsQuery>;

export const RejectHandoffInput = z.strictObject({
  reason: z.string().regex(/^[a-z0-9_]{2,40}$/),
  comment: z.string().trim().max(2000).default(''),
});
export type RejectHandoffInput = z.infer<typeof RejectHandoffInput>;
export const ReassignHandoffInput = z.strictObject({ userId: Id });
export const ConvertHandoffInput = z.strictObject({
  stage: z.enum(['sql', 'opportunity']).default('sql'),
  /** Opens a deal on the contact's account (an opportunity opens one anyway); amount in minor units. */
  deal: z
    .strictObject({
      name: z.string().trim().min(1).max(200).optional(),
      amount: z.number().int().min(0).max(10_000_000_000_000).optional(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'An ISO 4217 code like EUR')
        .optional(),
      closeDate: z.iso.date().nullable().optional(),
    })
    .optional(),
});
export type ConvertHandoffInput = z.infer<typeof ConvertHandoffInput>;
export const RecycleHandoffInput = z.strictObject({ note: z.string().trim().max(2000).default('') });

export const ScoreBreakdown = z.object({
  /** The stored score, the one lists and cards show. */
  score: z.number(),
  threshold: z.number(),
  /** When the stored score was computed; the lines are as of this instant. Null: never computed yet. */
  scoredAt: z.string().nullable(),
  /**
   * `current`: the lines add up to `score`. `updating`: the rules (or facts) changed since and the rescore
   * has not run yet; no lines, rather than lines that disagree with the card.
   */
  state: z.enum(['current', 'updating']),
  lines: z.array(z.record(z.string(), z.unknown())),
});

// ——— Touchpoints ———————————————————————————————————————————————————————————————————————————

export const touchpointTypes = [
  'form_submission',
  'campaign_response',
  'email_click',
  'ad_click',
  'event_attendance',
  'web_visit',
  'webinar',
] as const;

export const SlaReportQuery = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
});
export type SlaReportQuery = z.infer<typeof SlaReportQuery>;
