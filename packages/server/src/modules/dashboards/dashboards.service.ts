import {
  type CreateDashboardInput,
  can,
  type Dashboard,
  type DashboardList,
  type DashboardWidget,
  DefaultDashboardId,
  defaultDashboardWidgets,
  type UpdateDashboardInput,
} from '@nenner/shared';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import {
  type DashboardRow,
  deleteDashboardRow,
  findDashboardRow,
  insertDashboard,
  listVisibleDashboardRows,
  updateDashboardRow,
} from './dashboards.repository.js';

const fields = ['name', 'widgets', 'shared'] as const;

/** Its owner and admins may change a dashboard (the policy); the built-in one nobody. */
const canEdit = (actor: Actor, row: DashboardRow): boolean => can(actor, 'dashboards.edit', { ownerId: row.owner_id });

/** Private dashboards are visible to their owner (and to admins, who may change them). */
const canSee = (actor: Actor, row: DashboardRow): boolean => row.shared === 1 || canEdit(actor, row);

const present = (actor: Actor, row: DashboardRow): Dashboard => ({
  id: row.id,
  name: row.name,
  widgets: JSON.parse(row.widgets) as DashboardWidget[],
  shared: row.shared === 1,
  builtIn: false,
  owner: { id: row.owner_id, name: row.owner_name, department: row.owner_department },
  canEdit: canEdit(actor, row),
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The built-in dashboard: not stored, the same for everyone; the client shows its name in its language. */
const defaultDashboard = (): Dashboard => ({
  id: DefaultDashboardId,
  name: 'Default',
  widgets: defaultDashboardWidgets,
  shared: true,
  builtIn: true,
  owner: null,
  canEdit: false,
  version: 1,
  createdAt: null,
  updatedAt: null,
});

/** A stored dashboard the actor may see; someone else's private one is answered as not found. */
const load = async (db: Db, actor: Actor, id: string): Promise<DashboardRow> => {
  const row = await findDashboardRow(db, id);
  if (!row || !canSee(actor, row)) throw new AppError('dashboard_not_found');
  return row;
};

/** A stored dashboard the actor may change: the built-in one and others' shared ones are read-only. */
const loadForChange = async (db: Db, actor: Actor, id: string): Promise<DashboardRow> => {
  if (id === DefaultDashboardId) throw new AppError('forbidden', 'The default dashboard cannot be changed');
  const row = await load(db, actor, id);
  assertCan(actor, 'dashboards.edit', { ownerId: row.owner_id }, 'Only its owner or an admin can change a dashboard');
  return row;
};

/** The default dashboard first, then the caller's own, then those others share, each by name. */
export const listDashboards = async (ctx: AppContext, actor: Actor): Promise<DashboardList> => {
  const rows = await listVisibleDashboardRows(ctx.db, actor.id);
  return { items: [defaultDashboard(), ...rows.map((r) => present(actor, r))] };
};

/** One dashboard the caller may see (`default` is the built-in one). */
export const getDashboard = async (ctx: AppContext, actor: Actor, id: string): Promise<Dashboard> =>
  id === DefaultDashboardId ? defaultDashboard() : present(actor, await load(ctx.db, actor, id));

/**
 * Creates a dashboard owned by the caller. Viewers may too: a dashboard is a personal view of the
 * reports and changes no customer record.
 */
export const createDashboard = async (
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof CreateDashboardInput>,
): Promise<Dashboard> => {
  const now = nowIso();
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    await insertDashboard(trx, {
      id,
      owner_id: actor.id,
      name: input.name,
      widgets: JSON.stringify(input.widgets),
      shared: input.shared ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, 'dashboard', id, 'created');
    return present(actor, await load(trx, actor, id));
  });
};

/** Renames, rearranges or shares a dashboard if the caller saw the latest version (owner, admins). */
export const updateDashboard = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateDashboardInput,
): Promise<Dashboard> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadForChange(trx, actor, id);
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    const before = present(actor, row);
    const changes = changesBetween(before, input, fields);
    if (changes.length === 0) return before;
    const result = await updateDashboardRow(trx, id, expectedVersion, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.widgets !== undefined && { widgets: JSON.stringify(input.widgets) }),
      ...(input.shared !== undefined && { shared: input.shared ? 1 : 0 }),
      updated_at: nowIso(),
    });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    await recordAudit(trx, actor, 'dashboard', id, 'updated', changes);
    return present(actor, await load(trx, actor, id));
  });

/** Deletes a dashboard for good (owner, admins); its audit entries stay. */
export const deleteDashboard = async (ctx: AppContext, actor: Actor, id: string): Promise<void> =>
  ctx.db.transaction().execute(async (trx) => {
    await loadForChange(trx, actor, id);
    await deleteDashboardRow(trx, id);
    await recordAudit(trx, actor, 'dashboard', id, 'deleted');
  });
