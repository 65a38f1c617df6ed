import type { CreateTeamInput, RoutingTeam, Team, UpdateTeamInput } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { assertActiveUsers } from '../users/users.service.js';
import {
  findTeamRow,
  insertTeam,
  listMemberRows,
  listTeamRows,
  replaceMembers,
  updateTeamRow,
} from './teams.repository.js';

const present = async (
  db: Db,
  rows: { id: string; name: string; version: number; created_at: string; updated_at: string }[],
) => {
  const members = await listMemberRows(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r): Team => {
    const own = members.filter((m) => m.team_id === r.id);
    const balance = { marketing: 0, sales: 0, management: 0 };
    for (const m of own) if (m.department in balance) balance[m.department as keyof typeof balance] += 1;
    return {
      id: r.id,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      name: r.name,
      members: own.map((m) => ({ id: m.id, name: m.name, department: m.department })),
      balance,
      mixed: balance.marketing > 0 && balance.sales > 0,
    };
  });
};

const viewersRead = 'Viewers can read but not change records';

/** Every team with its members, their balance per department and whether marketing and sales both take part. */
export const listTeams = async (ctx: AppContext): Promise<Team[]> => present(ctx.db, await listTeamRows(ctx.db));

const load = async (db: Db, id: string): Promise<Team> => {
  const row = await findTeamRow(db, id);
  if (!row) throw new AppError('team_not_found');
  const [team] = await present(db, [row]);
  if (!team) throw new AppError('team_not_found');
  return team;
};

export const getTeam = (ctx: AppContext, id: string) => load(ctx.db, id);

/** A team read in the caller's transaction, or 404 (the team page adds what the team owns). */
export const loadTeam = (db: Db, id: string): Promise<Team> => load(db, id);

/** Throws a field error unless the id (when given) names a team: what a record names as its owning team. */
export const assertTeamExists = async (db: Db, id: string | null | undefined, path = 'teamId'): Promise<void> => {
  if (!id) return;
  if (!(await findTeamRow(db, id))) throw fieldError(path, 'Unknown team');
};

/** Creates a team of active users from any department. */
export const createTeam = async (ctx: AppContext, actor: Actor, input: CreateTeamInput): Promise<Team> => {
  assertCan(actor, 'teams.write', undefined, viewersRead);
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    await assertActiveUsers(trx, input.memberIds, 'memberIds');
    await insertTeam(trx, { id, name: input.name, created_at: nowIso() });
    await replaceMembers(trx, id, [...new Set(input.memberIds)]);
    await recordAudit(trx, actor, 'team', id, 'created');
    return load(trx, id);
  });
};

/** Renames a team or replaces its members (If-Match). */
export const updateTeam = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  input: UpdateTeamInput,
): Promise<Team> => {
  assertCan(actor, 'teams.write', undefined, viewersRead);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await load(trx, id);
    if (before.version !== version) throw new AppError('version_conflict');
    if (input.memberIds) await assertActiveUsers(trx, input.memberIds, 'memberIds');
    const result = await updateTeamRow(trx, id, version, { name: input.name, updated_at: nowIso() });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    if (input.memberIds) await replaceMembers(trx, id, [...new Set(input.memberIds)]);
    const changes = [];
    if (input.name !== undefined && input.name !== before.name)
      changes.push({ field: 'name', from: before.name, to: input.name });
    if (input.memberIds) {
      changes.push({ field: 'members', from: before.members.map((m) => m.name), to: input.memberIds });
    }
    await recordAudit(trx, actor, 'team', id, 'updated', changes);
    return load(trx, id);
  });
};

/** Teams as routing sees them: member ids in a stable order. */
export const routingTeams = async (db: Db): Promise<RoutingTeam[]> => {
  const teams = await listTeamRows(db);
  const members = await listMemberRows(
    db,
    teams.map((t) => t.id),
  );
  return teams.map((t) => ({ id: t.id, memberIds: members.filter((m) => m.team_id === t.id).map((m) => m.id) }));
};
