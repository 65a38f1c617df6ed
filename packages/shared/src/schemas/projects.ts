import { z } from 'zod';
import { Cursor, Id, IsoDateTime, Limit, optionalText, Query, UserRef } from './common.js';

// Joint projects (Gemeinsame Projekte) and their pilot customers (Pilotkunden), issue 12's API contract.
// Whether leads, team and linked records exist, and every stage rule, the server checks after the shape.

/** idea → planning → pilot → rollout → done; `cancelled` from any stage that is not final. */
export const projectStages = ['idea', 'planning', 'pilot', 'rollout', 'done', 'cancelled'] as const;
export type ProjectStage = (typeof projectStages)[number];
export const ProjectStage = z.enum(projectStages);

/** The two departments that plan a project together: each writes requirements and signs off. */
export const projectDepartments = ['marketing', 'sales'] as const;
export type ProjectDepartment = (typeof projectDepartments)[number];
export const ProjectDepartment = z.enum(projectDepartments);

const forward: Record<ProjectStage, ProjectStage | null> = {
  idea: 'planning',
  planning: 'pilot',
  pilot: 'rollout',
  rollout: 'done',
  done: null,
  cancelled: null,
};

/** The stages a project may move to from `stage`: the next one, and `cancelled` unless it is final. */
export const nextProjectStages = (stage: ProjectStage): ProjectStage[] => {
  const next = forward[stage];
  if (next === null) return [];
  return [next, 'cancelled'];
};

export const pilotStatuses = ['proposed', 'active', 'declined', 'ended'] as const;
export type PilotStatus = (typeof pilotStatuses)[number];
export const PilotStatus = z.enum(pilotStatuses);

export const projectLimits = {
  nameMax: 150,
  goalStatementMax: 2000,
  requirementMax: 500,
  linksPerKind: 50,
  scopeMax: 2000,
  feedbackMax: 4000,
  themesMax: 10,
} as const;

const LinkIds = z
  .array(Id)
  .max(projectLimits.linksPerKind)
  .transform((ids) => [...new Set(ids)]);

// ——— What clients send ————————————————————————————————————————————————————————————————————————

const projectFields = {
  name: z.string().trim().min(1).max(projectLimits.nameMax),
  goalStatement: optionalText(projectLimits.goalStatementMax).optional(),
  teamId: Id.nullable().optional(),
  /** A marketing user; default: the creator when they are in marketing. */
  marketingLeadId: Id.nullable().optional(),
  /** A sales user; default: the creator when they are in sales. */
  salesLeadId: Id.nullable().optional(),
  campaignIds: LinkIds.optional(),
  goalIds: LinkIds.optional(),
  dealIds: LinkIds.optional(),
  accountIds: LinkIds.optional(),
};

export const CreateProjectInput = z.strictObject({
  ...projectFields,
  /** Default `idea`; a project may start right in `planning`. */
  stage: z.enum(['idea', 'planning']).optional(),
});
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

/** Any fields; a link list sent replaces the one stored. The stage moves only through `advance`. */
export const UpdateProjectInput = z.strictObject({
  ...projectFields,
  name: projectFields.name.optional(),
});
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

export const ProjectListQuery = z.strictObject({
  stage: ProjectStage.optional(),
  teamId: Id.optional(),
  /** Projects this user leads, for either department. */
  leadId: Id.optional(),
  /** Projects linked to this account or piloting with it. */
  accountId: Id.optional(),
  q: Query.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

export const CreateRequirementInput = z.strictObject({
  department: ProjectDepartment,
  text: z.string().trim().min(1).max(projectLimits.requirementMax),
});
export type CreateRequirementInput = z.infer<typeof CreateRequirementInput>;

/** Changing `text` (or the department) changes the plan and resets every sign-off; ticking `done` does not. */
export const UpdateRequirementInput = z
  .strictObject({
    department: ProjectDepartment.optional(),
    text: CreateRequirementInput.shape.text.optional(),
    done: z.boolean().optional(),
  })
  .refine((r) => r.department !== undefined || r.text !== undefined || r.done !== undefined, {
    message: 'Send text, department or done',
    path: ['text'],
  });
export type UpdateRequirementInput = z.infer<typeof UpdateRequirementInput>;

export const RequirementParams = z.strictObject({ id: Id, rid: Id });
export const PilotParams = z.strictObject({ id: Id, pilotId: Id });

export const AdvanceProjectInput = z.strictObject({ stage: ProjectStage });
export type AdvanceProjectInput = z.infer<typeof AdvanceProjectInput>;

const PilotDay = z.iso.date();
const endsAfterStart = (p: { startsAt?: string | null; endsAt?: string | null }) =>
  !(p.startsAt && p.endsAt && p.endsAt < p.startsAt);
const endsAfterStartMessage = { message: 'The end comes before the start', path: ['endsAt'] };

export const CreatePilotInput = z
  .strictObject({
    accountId: Id,
    scope: optionalText(projectLimits.scopeMax).optional(),
    /** The first and the last day of the pilot (inclusive); either may stay open. */
    startsAt: PilotDay.nullable().optional(),
    endsAt: PilotDay.nullable().optional(),
  })
  .refine(endsAfterStart, endsAfterStartMessage);
export type CreatePilotInput = z.infer<typeof CreatePilotInput>;

export const UpdatePilotInput = z
  .strictObject({
    scope: optionalText(projectLimits.scopeMax).optional(),
    startsAt: PilotDay.nullable().optional(),
    endsAt: PilotDay.nullable().optional(),
  })
  .refine(endsAfterStart, endsAfterStartMessage);
export type UpdatePilotInput = z.infer<typeof UpdatePilotInput>;

export const CreatePilotFeedbackInput = z.strictObject({
  rating: z.number().int().min(1).max(5),
  text: z.string().trim().min(1).max(projectLimits.feedbackMax),
});
export type CreatePilotFeedbackInput = z.infer<typeof CreatePilotFeedbackInput>;

// ——— What the server answers ——————————————————————————————————————————————————————————————————

const Ref = z.object({ id: Id, name: z.string() });

export const ProjectRequirement = z.object({
  id: Id,
  department: ProjectDepartment,
  text: z.string(),
  done: z.boolean(),
  doneAt: IsoDateTime.nullable(),
  author: UserRef.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ProjectRequirement = z.infer<typeof ProjectRequirement>;

export const ProjectSignoff = z.object({
  user: UserRef,
  /** The department the person signed for: their own. */
  department: ProjectDepartment,
  at: IsoDateTime,
});
export type ProjectSignoff = z.infer<typeof ProjectSignoff>;

/** What still stands between the plan and the next stage, per department (never per person). */
export const ProjectMissing = z.object({
  /** Departments without a requirement yet. */
  requirements: z.array(ProjectDepartment),
  /** Departments without a sign-off yet. */
  signoffs: z.array(ProjectDepartment),
});
export type ProjectMissing = z.infer<typeof ProjectMissing>;

export const PilotCounts = z.object({
  proposed: z.number().int(),
  active: z.number().int(),
  declined: z.number().int(),
  ended: z.number().int(),
});

const projectBase = {
  id: Id,
  name: z.string(),
  goalStatement: z.string().nullable(),
  stage: ProjectStage,
  /** Where `advance` may go from here. */
  nextStages: z.array(ProjectStage),
  team: Ref.nullable(),
  marketingLead: UserRef.nullable(),
  salesLead: UserRef.nullable(),
  missing: ProjectMissing,
  requirementCounts: z.object({ total: z.number().int(), done: z.number().int() }),
  pilotCounts: PilotCounts,
  createdBy: UserRef.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

/** A row of the list and the board. */
export const ProjectListItem = z.object(projectBase);
export type ProjectListItem = z.infer<typeof ProjectListItem>;

export const Project = z.object({
  ...projectBase,
  links: z.object({
    campaigns: z.array(Ref),
    goals: z.array(Ref),
    deals: z.array(Ref),
    accounts: z.array(Ref),
  }),
  requirements: z.array(ProjectRequirement),
  signoffs: z.array(ProjectSignoff),
});
export type Project = z.infer<typeof Project>;

export const PilotFeedback = z.object({
  id: Id,
  rating: z.number().int(),
  text: z.string(),
  at: IsoDateTime,
  author: UserRef.nullable(),
});
export type PilotFeedback = z.infer<typeof PilotFeedback>;

/** Open deals' amounts of one currency, in minor units. */
export const OpenPipeline = z.object({ currency: z.string(), amount: z.number().int(), deals: z.number().int() });
export type OpenPipeline = z.infer<typeof OpenPipeline>;

export const Pilot = z.object({
  id: Id,
  projectId: Id,
  account: z.object({ id: Id, name: z.string(), owner: UserRef.nullable() }),
  status: PilotStatus,
  scope: z.string().nullable(),
  startsAt: z.iso.date().nullable(),
  endsAt: z.iso.date().nullable(),
  proposedBy: UserRef.nullable(),
  decidedBy: UserRef.nullable(),
  decidedAt: IsoDateTime.nullable(),
  /** Oldest first. */
  feedback: z.array(PilotFeedback),
  /** Mean of the feedback ratings, rounded to two decimals; null without feedback. */
  meanRating: z.number().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Pilot = z.infer<typeof Pilot>;

export const PilotTheme = z.object({
  /** A word or a two-word phrase, lower case. */
  term: z.string(),
  /** In how many feedback entries it occurs. */
  count: z.number().int(),
});
export type PilotTheme = z.infer<typeof PilotTheme>;

/** GET /api/projects/{id}/pilots/summary (declined pilots left out). */
export const PilotSummary = z.object({
  pilots: z.number().int(),
  feedbackCount: z.number().int(),
  /** Mean over every feedback entry, rounded to two decimals; null without feedback. */
  meanRating: z.number().nullable(),
  themes: z.array(PilotTheme),
  accounts: z.array(
    z.object({
      pilotId: Id,
      account: Ref,
      status: PilotStatus,
      meanRating: z.number().nullable(),
      feedbackCount: z.number().int(),
      openPipeline: z.array(OpenPipeline),
    }),
  ),
});
export type PilotSummary = z.infer<typeof PilotSummary>;

/** What an account (and an account list row) says about an active pilot it is in. */
export const AccountPilot = z.object({ projectId: Id, projectName: z.string() });
export type AccountPilot = z.infer<typeof AccountPilot>;

/** A campaign that is about to mail a pilot customer says so. */
export const PilotAccountWarning = z.object({
  code: z.literal('pilot_account'),
  accountId: Id,
  accountName: z.string(),
  projectId: Id,
  projectName: z.string(),
});
export type PilotAccountWarning = z.infer<typeof PilotAccountWarning>;
