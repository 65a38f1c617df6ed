import type { CreateRequirementInput, Project, UpdateRequirementInput } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { notifyUsers, settleNotifications } from '../notifications/notifications.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import {
  assertOpen,
  assertPlanOpen,
  loadProject,
  presentProject,
  projectRecord,
  reloadProject,
  signoffDepartmentOf,
} from './projects.present.js';
import {
  deleteAllSignoffs,
  deleteRequirementRow,
  deleteSignoff,
  findRequirementRow,
  findSignoffRows,
  insertRequirement,
  insertSignoff,
  type ProjectRow,
  touchProjectRow,
  updateRequirementRow,
} from './projects.repository.js';

/*
 * A project's plan: the requirements both departments write, and the sign-offs given on them. Any change
 * to the plan voids every sign-off; ticking a requirement done is progress on it, not a change.
 */

/**
 * The plan changed: every sign-off given on it is void. Removes them, audits who had signed, and tells
 * those people (not the one who changed the plan: they know).
 */
const resetSignoffs = async (ctx: AppContext, db: Db, actor: Actor, row: ProjectRow): Promise<void> => {
  const signoffs = await findSignoffRows(db, [row.id]);
  if (signoffs.length === 0) return;
  await deleteAllSignoffs(db, row.id);
  await recordAudit(db, actor, 'project', row.id, 'signoffs_reset', [
    {
      field: 'signoffs',
      from: signoffs.map((s) => ({ userId: s.user_id, name: s.name, department: s.department })),
      to: [],
    },
  ]);
  await notifyUsers(
    ctx,
    db,
    signoffs.map((s) => s.user_id).filter((u) => u !== actor.id),
    'project_signoffs_reset',
    { type: 'project', id: row.id, path: `/projects/${row.id}` },
    { project: row.name, by: actor.name },
  );
};

const requirementView = (r: { department: string; text: string; done: number }) => ({
  department: r.department,
  text: r.text,
  done: r.done === 1,
});

/** Adds a requirement to the plan (that department's writers, the leads, admins); every sign-off is reset. */
export const createRequirement = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CreateRequirementInput,
): Promise<Project> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadProject(trx, id);
    assertCan(
      actor,
      'projects.requirements',
      projectRecord(row, input.department),
      "Requirements are written by the department they are for, the project's leads and admins",
    );
    assertPlanOpen(row);
    const now = nowIso();
    await insertRequirement(trx, {
      id: newId(),
      project_id: id,
      department: input.department,
      text: input.text,
      done: 0,
      done_at: null,
      author_id: actor.id,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, 'project', id, 'requirement_added', [
      { field: 'requirement', from: null, to: { department: input.department, text: input.text, done: false } },
    ]);
    await resetSignoffs(ctx, trx, actor, row);
    await touchProjectRow(trx, id, now);
    return reloadProject(trx, id);
  });

/**
 * Edits a requirement. A new text or department changes the plan and resets every sign-off; ticking it
 * done (or undone) is progress on the agreed plan, not a change of it, so sign-offs stay — and it is
 * allowed in every stage until the project is done or cancelled.
 */
export const updateRequirement = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  rid: string,
  input: UpdateRequirementInput,
): Promise<Project> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadProject(trx, id);
    const req = await findRequirementRow(trx, id, rid);
    if (!req) throw new AppError('requirement_not_found');
    const refusal = "Requirements are changed by the department they are for, the project's leads and admins";
    assertCan(actor, 'projects.requirements', projectRecord(row, req.department), refusal);
    if (input.department !== undefined && input.department !== req.department) {
      assertCan(actor, 'projects.requirements', projectRecord(row, input.department), refusal);
    }
    assertOpen(row);
    const text = input.text ?? req.text;
    const department = input.department ?? req.department;
    const done = input.done === undefined ? req.done === 1 : input.done;
    const planChanged = text !== req.text || department !== req.department;
    if (planChanged) assertPlanOpen(row);
    if (!planChanged && done === (req.done === 1)) return presentProject(trx, row);
    const now = nowIso();
    await updateRequirementRow(trx, rid, {
      text,
      department,
      done: done ? 1 : 0,
      done_at: done === (req.done === 1) ? req.done_at : done ? now : null,
      updated_at: now,
    });
    await recordAudit(trx, actor, 'project', id, 'requirement_updated', [
      { field: 'requirement', from: requirementView(req), to: { department, text, done } },
    ]);
    if (planChanged) await resetSignoffs(ctx, trx, actor, row);
    await touchProjectRow(trx, id, now);
    return reloadProject(trx, id);
  });

/** Removes a requirement from the plan; every sign-off is reset. */
export const deleteRequirement = (ctx: AppContext, actor: Actor, id: string, rid: string): Promise<Project> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadProject(trx, id);
    const req = await findRequirementRow(trx, id, rid);
    if (!req) throw new AppError('requirement_not_found');
    assertCan(
      actor,
      'projects.requirements',
      projectRecord(row, req.department),
      "Requirements are removed by the department they are for, the project's leads and admins",
    );
    assertPlanOpen(row);
    await deleteRequirementRow(trx, rid);
    await recordAudit(trx, actor, 'project', id, 'requirement_removed', [
      { field: 'requirement', from: requirementView(req), to: null },
    ]);
    await resetSignoffs(ctx, trx, actor, row);
    await touchProjectRow(trx, id, nowIso());
    return reloadProject(trx, id);
  });

/** Signs the plan off for the caller's own department (once per person; signing again changes nothing). */
export const createSignoff = (ctx: AppContext, actor: Actor, id: string): Promise<Project> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadProject(trx, id);
    const department = signoffDepartmentOf(actor);
    assertCan(actor, 'projects.signoff', undefined, 'Members of marketing and sales sign off for their department');
    if (!department) throw new AppError('forbidden', 'Members of marketing and sales sign off for their department');
    assertPlanOpen(row);
    const mine = (await findSignoffRows(trx, [id])).find((s) => s.user_id === actor.id);
    if (mine) return presentProject(trx, row);
    const now = nowIso();
    await insertSignoff(trx, { project_id: id, user_id: actor.id, department, created_at: now });
    // signed again: the notice that the earlier sign-off was void has been acted on
    await settleNotifications(trx, { type: 'project', id }, ['project_signoffs_reset'], [actor.id]);
    await recordAudit(trx, actor, 'project', id, 'signed_off', [{ field: 'signoff', from: null, to: { department } }]);
    await touchProjectRow(trx, id, now);
    return reloadProject(trx, id);
  });

/** Takes the caller's own sign-off back (nothing to take back changes nothing). */
export const deleteMySignoff = (ctx: AppContext, actor: Actor, id: string): Promise<Project> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadProject(trx, id);
    assertCan(actor, 'projects.signoff', undefined, 'Members of marketing and sales sign off for their department');
    assertPlanOpen(row);
    const mine = (await findSignoffRows(trx, [id])).find((s) => s.user_id === actor.id);
    if (!mine) return presentProject(trx, row);
    await deleteSignoff(trx, id, actor.id);
    await recordAudit(trx, actor, 'project', id, 'signoff_withdrawn', [
      { field: 'signoff', from: { department: mine.department }, to: null },
    ]);
    await touchProjectRow(trx, id, nowIso());
    return reloadProject(trx, id);
  });
