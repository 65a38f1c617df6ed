import type {
  CreateUserInput,
  Department,
  ListUsersQuery,
  Page,
  UpdateMeInput,
  UpdateUserInput,
  User,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { assertStrongPassword } from '../../lib/passwordPolicy.js';
import { hashPassword } from '../../lib/passwords.js';
import { revokeAllAccess } from '../auth/auth.service.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import { endAccessAfterPasswordChange, sessionToKeep } from './passwords.service.js';
import {
  countActiveAdmins,
  countUsers,
  findActiveUserIds,
  findUserByEmail,
  findUserById,
  insertUser,
  listUserRows,
  type UserRow,
  updateUserRow,
} from './users.repository.js';

export const presentUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  department: r.department as User['department'],
  role: r.role as User['role'],
  active: r.active === 1,
  locale: r.locale as User['locale'],
  timeZone: r.time_zone,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const onlyAdmins = 'Only admins can do this';
const auditedFields = ['name', 'department', 'role', 'active', 'locale', 'timeZone'] as const;

/** Lists users by name; everyone may see colleagues (owners, mentions), admins manage them. */
export const listUsers = async (ctx: AppContext, query: ListUsersQuery): Promise<Page<User>> => {
  const rows = await listUserRows(ctx.db, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentUser),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.name, last.id) : null,
  };
};

export const getUser = async (ctx: AppContext, id: string): Promise<User> => {
  const row = await findUserById(ctx.db, id);
  if (!row) throw new AppError('user_not_found');
  return presentUser(row);
};

/** Creates a user with an initial password. `actor` null means the system (bootstrap, demo). */
export const createUser = async (ctx: AppContext, actor: Actor | null, input: CreateUserInput): Promise<User> => {
  if (actor) assertCan(actor, 'users.manage', undefined, onlyAdmins);
  const email = input.email.toLowerCase();
  await assertStrongPassword(input.password, [email, input.name]);
  const passwordHash = await hashPassword(input.password);
  const now = nowIso();
  const row = {
    id: newId(),
    email,
    name: input.name,
    password_hash: passwordHash,
    department: input.department,
    role: input.role,
    active: 1,
    locale: input.locale ?? null,
    time_zone: input.timeZone ?? 'Europe/Berlin',
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, email))
      throw new AppError('email_taken', undefined, { errors: [{ path: 'email', message: 'Taken' }] });
    await insertUser(trx, row);
    await recordAudit(trx, actor, 'user', row.id, 'created');
  });
  return presentUser(row);
};

const applyUserUpdate = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: UpdateUserInput,
): Promise<User> => {
  if (input.password) {
    const target = await findUserById(ctx.db, id);
    if (target) await assertStrongPassword(input.password, [target.email, target.name]);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findUserById(trx, id);
    if (!current) throw new AppError('user_not_found');
    const version = expectedVersion ?? current.version;
    if (current.version !== version) throw new AppError('version_conflict');
    const before = presentUser(current);
    const losesAdmin =
      before.role === 'admin' && before.active && (input.active === false || (input.role && input.role !== 'admin'));
    if (losesAdmin && (await countActiveAdmins(trx)) <= 1) throw new AppError('last_admin');
    const now = nowIso();
    const result = await updateUserRow(trx, id, version, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.department !== undefined && { department: input.department }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
      ...(passwordHash && { password_hash: passwordHash }),
      updated_at: now,
    });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    if (input.active === false) {
      // A deactivated user is out at once: sessions go, tokens are revoked.
      await revokeAllAccess(trx, id);
    } else if (passwordHash) {
      // whoever knew the old password is out (issue 15): other sessions end, API tokens are revoked
      await endAccessAfterPasswordChange(trx, id, sessionToKeep(actor, id));
    }
    const changes = changesBetween(before, input, auditedFields);
    if (passwordHash) changes.push({ field: 'password', from: null, to: '(changed)' });
    await recordAudit(trx, actor, 'user', id, 'updated', changes);
    const updated = await findUserById(trx, id);
    if (!updated) throw new AppError('user_not_found');
    return presentUser(updated);
  });
};

/** Admins change a user's name, department, role, status, locale or password. */
export const updateUser = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateUserInput,
): Promise<User> => {
  assertCan(actor, 'users.manage', undefined, onlyAdmins);
  return applyUserUpdate(ctx, actor, id, expectedVersion, input);
};

/** A user changes their own name, language or time zone. */
export const updateMe = (ctx: AppContext, actor: Actor, input: UpdateMeInput): Promise<User> =>
  applyUserUpdate(ctx, actor, actor.id, null, input);

/** Throws a field error unless every given id is an active user. */
export const assertActiveUsers = async (db: Db, ids: (string | null | undefined)[], path: string): Promise<void> => {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
  const found = await findActiveUserIds(db, wanted);
  if (found.length !== wanted.length) throw fieldError(path, 'Unknown or inactive user');
};

/** Throws a field error unless the id (when given) is an active user of the department. */
export const assertActiveDepartmentUser = async (
  db: Db,
  id: string | null | undefined,
  department: Department,
  path: string,
): Promise<void> => {
  if (!id) return;
  const row = await findUserById(db, id);
  if (!row || !row.active) throw fieldError(path, 'Unknown or inactive user');
  if (row.department !== department) throw fieldError(path, `Not a ${department} user`);
};

/** Creates the admin named in NENNER_ADMIN_EMAIL unless that email exists already. */
export const ensureBootstrapAdmin = async (ctx: AppContext): Promise<boolean> => {
  const admin = ctx.config.admin;
  if (!admin) return false;
  if (await findUserByEmail(ctx.db, admin.email.toLowerCase())) return false;
  await createUser(ctx, null, {
    email: admin.email,
    name: admin.email.split('@')[0] ?? 'Admin',
    department: 'management',
    role: 'admin',
    password: admin.password,
  });
  return true;
};

export const isWorkspaceEmpty = async (ctx: AppContext): Promise<boolean> => (await countUsers(ctx.db)) === 0;
