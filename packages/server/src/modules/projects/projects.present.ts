import {
  nextProjectStages,
  type PolicyRecord,
  type Project,
  type ProjectDepartment,
  type ProjectListItem,
  type ProjectMissing,
  type ProjectStage,
  projectDepartments,
  type UserRef,
} from '@nenner/shared';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/db.js';
import { AppError } from '../../http/errors.js';
import {
  countPilots,
  countRequirements,
  findLinkRows,
  findProjectRow,
  findRequirementRows,
  findSignoffRows,
  type LinkType,
  type ProjectRow,
  type RequirementRow,
  type SignoffRow,
} from './projects.repository.js';

/*
 * Loading and presenting projects, shared by the project and the pilot services.
 */

export const userRef = (
  id: string | null,
  name: string | null | undefined,
  department: string | null | undefined,
): UserRef | null => (id ? { id, name: name ?? '', department: department ?? '' } : null);

/** The stages whose plan is still being written: requirements change and sign-offs are given here. */
const planStages: readonly ProjectStage[] = ['idea', 'planning'];
const finalStages: readonly ProjectStage[] = ['done', 'cancelled'];

export const loadProject = async (db: Db, id: string): Promise<ProjectRow> => {
  const row = await findProjectRow(db, id);
  if (!row) throw new AppError('project_not_found');
  return row;
};

/** The policy's view of a project: its two leads own it. */
export const projectRecord = (row: ProjectRow, department?: string): PolicyRecord => ({
  ownerIds: [row.marketing_lead_id, row.sales_lead_id].filter((x): x is string => x !== null),
  ...(department !== undefined && { department }),
});

/** Refuses changes to a project that is done or cancelled. */
export const assertOpen = (row: ProjectRow): void => {
  if (finalStages.includes(row.stage as ProjectStage)) throw new AppError('project_closed');
};

/** Refuses changes to the plan (requirements, sign-offs) once the project has left planning. */
export const assertPlanOpen = (row: ProjectRow): void => {
  assertOpen(row);
  if (!planStages.includes(row.stage as ProjectStage)) throw new AppError('plan_locked');
};

/**
 * The department a person signs off for: their own when it is marketing or sales, else the host
 * department of a rotation they are in. Admin status never adds one.
 */
export const signoffDepartmentOf = (actor: Actor): ProjectDepartment | null => {
  for (const d of [actor.department, actor.hostDepartment]) {
    if (d === 'marketing' || d === 'sales') return d;
  }
  return null;
};

/** The departments without a requirement and without a sign-off. */
export const missingOf = (
  departmentsWithRequirements: Set<string>,
  signedDepartments: Set<string>,
): ProjectMissing => ({
  requirements: projectDepartments.filter((d) => !departmentsWithRequirements.has(d)),
  signoffs: projectDepartments.filter((d) => !signedDepartments.has(d)),
});

const groupBy = <T>(rows: T[], key: (r: T) => string): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
};

const baseOf = (
  r: ProjectRow,
  counts: {
    requirements: { department: string; total: number; done: number }[];
    signedDepartments: Set<string>;
    pilots: Map<string, number>;
  },
): ProjectListItem => ({
  id: r.id,
  name: r.name,
  goalStatement: r.goal_statement,
  stage: r.stage as ProjectStage,
  nextStages: nextProjectStages(r.stage as ProjectStage),
  team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
  marketingLead: userRef(r.marketing_lead_id, r.marketing_lead_name, r.marketing_lead_department),
  salesLead: userRef(r.sales_lead_id, r.sales_lead_name, r.sales_lead_department),
  missing: missingOf(
    new Set(counts.requirements.filter((c) => c.total > 0).map((c) => c.department)),
    counts.signedDepartments,
  ),
  requirementCounts: {
    total: counts.requirements.reduce((n, c) => n + c.total, 0),
    done: counts.requirements.reduce((n, c) => n + c.done, 0),
  },
  pilotCounts: {
    proposed: counts.pilots.get('proposed') ?? 0,
    active: counts.pilots.get('active') ?? 0,
    declined: counts.pilots.get('declined') ?? 0,
    ended: counts.pilots.get('ended') ?? 0,
  },
  createdBy: userRef(r.created_by, r.creator_name, r.creator_department),
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** List rows: each project with its counts, from three grouped queries for the whole page. */
export const presentListItems = async (db: Db, rows: ProjectRow[]): Promise<ProjectListItem[]> => {
  const ids = rows.map((r) => r.id);
  const [requirements, signoffs, pilots] = await Promise.all([
    countRequirements(db, ids),
    findSignoffRows(db, ids),
    countPilots(db, ids),
  ]);
  const reqBy = groupBy(requirements, (r) => r.project_id);
  const signBy = groupBy(signoffs, (s) => s.project_id);
  const pilotBy = groupBy(pilots, (p) => p.project_id);
  return rows.map((r) =>
    baseOf(r, {
      requirements: (reqBy.get(r.id) ?? []).map((c) => ({
        department: c.department,
        total: Number(c.total),
        done: Number(c.done ?? 0),
      })),
      signedDepartments: new Set((signBy.get(r.id) ?? []).map((s) => s.department)),
      pilots: new Map((pilotBy.get(r.id) ?? []).map((p) => [p.status, Number(p.n)])),
    }),
  );
};

const presentRequirement = (q: RequirementRow): Project['requirements'][number] => ({
  id: q.id,
  department: q.department as ProjectDepartment,
  text: q.text,
  done: q.done === 1,
  doneAt: q.done_at,
  author: userRef(q.author_id, q.author_name, q.author_department),
  createdAt: q.created_at,
  updatedAt: q.updated_at,
});

const presentSignoff = (s: SignoffRow): Project['signoffs'][number] => ({
  user: { id: s.user_id, name: s.name, department: s.user_department },
  department: s.department as ProjectDepartment,
  at: s.created_at,
});

const linkKinds: Record<LinkType, keyof Project['links']> = {
  campaign: 'campaigns',
  goal: 'goals',
  deal: 'deals',
  account: 'accounts',
};

/** One project with its links, requirements and sign-offs. */
export const presentProject = async (db: Db, row: ProjectRow): Promise<Project> => {
  const [[base], requirements, signoffs, links] = await Promise.all([
    presentListItems(db, [row]),
    findRequirementRows(db, [row.id]),
    findSignoffRows(db, [row.id]),
    findLinkRows(db, [row.id]),
  ]);
  const out: Project['links'] = { campaigns: [], goals: [], deals: [], accounts: [] };
  for (const l of links) {
    // a link to a record that went to the trash (or is gone) is not shown
    if (l.name !== null) out[linkKinds[l.record_type as LinkType]].push({ id: l.record_id, name: l.name });
  }
  return {
    ...(base as ProjectListItem),
    links: out,
    requirements: requirements.map(presentRequirement),
    signoffs: signoffs.map(presentSignoff),
  };
};

/** The project as it is now (in the caller's transaction). */
export const reloadProject = async (db: Db, id: string): Promise<Project> =>
  presentProject(db, await loadProject(db, id));
