import {
  type AdvanceProjectInput,
  type CreateProjectInput,
  type FieldChange,
  type FieldError,
  nextProjectStages,
  type Page,
  type Project,
  type ProjectListItem,
  type ProjectListQuery,
  type ProjectStage,
  type UpdateProjectInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { assertTeamExists } from '../teams/teams.service.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import { assertActiveDepartmentUser } from '../users/users.service.js';
import { closePilotsOf } from './pilots.service.js';
import {
  assertOpen,
  loadProject,
  missingOf,
  presentListItems,
  presentProject,
  projectRecord,
  reloadProject,
} from './projects.present.js';
import {
  findLinkRows,
  findLiveRecordIds,
  findRequirementRows,
  findSignoffRows,
  insertProject,
  type LinkType,
  listProjectRows,
  replaceLinks,
  updateProjectRow,
} from './projects.repository.js';

const fields = [
  'name',
  'goalStatement',
  'teamId',
  'marketingLeadId',
  'salesLeadId',
  'campaignIds',
  'goalIds',
  'dealIds',
  'accountIds',
] as const;

const linkInputs = [
  ['campaignIds', 'campaign'],
  ['goalIds', 'goal'],
  ['dealIds', 'deal'],
  ['accountIds', 'account'],
] as const satisfies readonly (readonly [string, LinkType])[];

type Links = Record<(typeof linkInputs)[number][0], string[]>;

const onlyLeads = "Only the project's leads and admins can change it";

/** Leads from the right department, an existing team, live linked records: one 400 naming every field at fault. */
const validate = async (
  db: Db,
  draft: { marketingLeadId: string | null; salesLeadId: string | null; teamId: string | null },
  links: Partial<Links>,
): Promise<void> => {
  const errors: FieldError[] = [];
  const collect = async (check: () => Promise<void>) => {
    try {
      await check();
    } catch (e) {
      if (e instanceof AppError && e.errors) errors.push(...e.errors);
      else throw e;
    }
  };
  await collect(() => assertActiveDepartmentUser(db, draft.marketingLeadId, 'marketing', 'marketingLeadId'));
  await collect(() => assertActiveDepartmentUser(db, draft.salesLeadId, 'sales', 'salesLeadId'));
  await collect(() => assertTeamExists(db, draft.teamId));
  for (const [key, type] of linkInputs) {
    const ids = links[key];
    if (!ids) continue;
    const live = await findLiveRecordIds(db, type, ids);
    ids.forEach((id, i) => {
      if (!live.has(id)) errors.push({ path: `${key}.${i}`, message: `Unknown ${type}` });
    });
  }
  if (errors.length > 0) throw new AppError('validation_failed', undefined, { errors });
};

/** The ids stored per link kind (including links to records now in the trash), sorted. */
const storedLinks = async (db: Db, id: string): Promise<Links> => {
  const rows = await findLinkRows(db, [id]);
  const of = (type: LinkType) =>
    rows
      .filter((l) => l.record_type === type)
      .map((l) => l.record_id)
      .sort();
  return { campaignIds: of('campaign'), goalIds: of('goal'), dealIds: of('deal'), accountIds: of('account') };
};

const defaultLead = (actor: Actor, department: 'marketing' | 'sales', given: string | null | undefined) =>
  given !== undefined ? given : actor.department === department ? actor.id : null;

/** Projects, most recently changed first, with their counts and what they still miss. */
export const listProjects = async (ctx: AppContext, query: ProjectListQuery): Promise<Page<ProjectListItem>> => {
  const rows = await listProjectRows(ctx.db, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await presentListItems(ctx.db, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.updated_at, last.id, 'updated') : null,
  };
};

export const getProject = (ctx: AppContext, id: string): Promise<Project> => reloadProject(ctx.db, id);

/** Starts a project (members and admins); a creator from marketing or sales leads for their department by default. */
export const createProject = async (ctx: AppContext, actor: Actor, input: CreateProjectInput): Promise<Project> => {
  assertCan(actor, 'projects.create', undefined, 'Viewers can read projects but not start them');
  return ctx.db.transaction().execute(async (trx) => {
    const draft = {
      marketingLeadId: defaultLead(actor, 'marketing', input.marketingLeadId),
      salesLeadId: defaultLead(actor, 'sales', input.salesLeadId),
      teamId: input.teamId ?? null,
    };
    await validate(trx, draft, input);
    const id = newId();
    const now = nowIso();
    await insertProject(trx, {
      id,
      name: input.name,
      goal_statement: input.goalStatement ?? null,
      stage: input.stage ?? 'idea',
      team_id: draft.teamId,
      marketing_lead_id: draft.marketingLeadId,
      sales_lead_id: draft.salesLeadId,
      created_by: actor.id,
      stage_changed_at: now,
      version: 1,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    });
    for (const [key, type] of linkInputs) await replaceLinks(trx, id, type, input[key] ?? []);
    await recordAudit(trx, actor, 'project', id, 'created');
    return reloadProject(trx, id);
  });
};

/** Edits a project (its leads and admins) if the caller saw the latest version; a link list sent replaces the old. */
export const updateProject = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateProjectInput,
): Promise<Project> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadProject(trx, id);
    assertCan(actor, 'projects.edit', projectRecord(row), onlyLeads);
    assertOpen(row);
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    const links = await storedLinks(trx, id);
    const before = {
      name: row.name,
      goalStatement: row.goal_statement,
      teamId: row.team_id,
      marketingLeadId: row.marketing_lead_id,
      salesLeadId: row.sales_lead_id,
      ...links,
    };
    const after = {
      name: input.name ?? before.name,
      goalStatement: input.goalStatement !== undefined ? input.goalStatement : before.goalStatement,
      teamId: input.teamId !== undefined ? input.teamId : before.teamId,
      marketingLeadId: input.marketingLeadId !== undefined ? input.marketingLeadId : before.marketingLeadId,
      salesLeadId: input.salesLeadId !== undefined ? input.salesLeadId : before.salesLeadId,
      campaignIds: input.campaignIds ? [...input.campaignIds].sort() : before.campaignIds,
      goalIds: input.goalIds ? [...input.goalIds].sort() : before.goalIds,
      dealIds: input.dealIds ? [...input.dealIds].sort() : before.dealIds,
      accountIds: input.accountIds ? [...input.accountIds].sort() : before.accountIds,
    };
    const changes = changesBetween(before, after, fields);
    if (changes.length === 0) return presentProject(trx, row);
    // only what the request names is checked: a lead who left since does not block an edit of the name
    await validate(
      trx,
      {
        marketingLeadId: input.marketingLeadId !== undefined ? after.marketingLeadId : null,
        salesLeadId: input.salesLeadId !== undefined ? after.salesLeadId : null,
        teamId: input.teamId !== undefined ? after.teamId : null,
      },
      input,
    );
    const result = await updateProjectRow(trx, id, expectedVersion, {
      name: after.name,
      goal_statement: after.goalStatement,
      team_id: after.teamId,
      marketing_lead_id: after.marketingLeadId,
      sales_lead_id: after.salesLeadId,
      updated_at: nowIso(),
    });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    for (const [key, type] of linkInputs) {
      const ids = input[key];
      if (ids) await replaceLinks(trx, id, type, ids);
    }
    await recordAudit(trx, actor, 'project', id, 'updated', changes);
    return reloadProject(trx, id);
  });

/** Moves a project to the trash (its leads and admins); its timeline stays. */
export const deleteProject = (ctx: AppContext, actor: Actor, id: string): Promise<void> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadProject(trx, id);
    assertCan(actor, 'projects.edit', projectRecord(row), "Only the project's leads and admins can delete it");
    const now = nowIso();
    await updateProjectRow(trx, id, row.version, { deleted_at: now, updated_at: now });
    await recordAudit(trx, actor, 'project', id, 'deleted', [{ field: 'name', from: row.name, to: null }]);
  });

/**
 * Moves a project one stage on, or cancels it (its leads and admins). Leaving planning needs at least one
 * requirement from each department and a sign-off from a marketing and a sales member; a project that
 * closes (done, cancelled) closes its running pilots.
 */
export const advanceProject = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: AdvanceProjectInput,
): Promise<Project> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadProject(trx, id);
    assertCan(actor, 'projects.edit', projectRecord(row), onlyLeads);
    const from = row.stage as ProjectStage;
    const allowed = nextProjectStages(from);
    if (!allowed.includes(input.stage)) {
      throw new AppError(
        'invalid_transition',
        allowed.length === 0
          ? `A project that is ${from} stays so`
          : `A project in ${from} moves on to ${allowed.join(' or ')}, not to ${input.stage}`,
      );
    }
    if (from === 'planning' && input.stage !== 'cancelled') {
      const [requirements, signoffs] = await Promise.all([findRequirementRows(trx, [id]), findSignoffRows(trx, [id])]);
      const missing = missingOf(
        new Set(requirements.map((r) => r.department)),
        new Set(signoffs.map((s) => s.department)),
      );
      if (missing.requirements.length > 0) {
        throw new AppError(
          'requirements_missing',
          `Still needs a requirement from: ${missing.requirements.join(', ')}`,
          {
            missing: missing.requirements,
          },
        );
      }
      if (missing.signoffs.length > 0) {
        throw new AppError('signoff_missing', `Still needs a sign-off from: ${missing.signoffs.join(', ')}`, {
          missing: missing.signoffs,
        });
      }
    }
    const now = nowIso();
    await updateProjectRow(trx, id, row.version, { stage: input.stage, stage_changed_at: now, updated_at: now });
    const changes: FieldChange[] = [{ field: 'stage', from, to: input.stage }];
    if (input.stage === 'done' || input.stage === 'cancelled') {
      const closed = await closePilotsOf(trx, actor, id, now);
      if (closed) changes.push({ field: 'pilots', from: closed.from, to: closed.to });
    }
    await recordAudit(trx, actor, 'project', id, 'updated', changes);
    return reloadProject(trx, id);
  });
