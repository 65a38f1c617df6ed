import {
  type Account,
  type AccountCoverage,
  type AccountCoverageQuery,
  type AccountPilot,
  type CreateAccountInput,
  can,
  type ListAccountsQuery,
  type Page,
  sortKey,
  type UpdateAccountInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { rankedSort } from '../../db/search.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { encodeCursor, parseJsonList } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { rescoreAccountContacts } from '../leads/scoring.service.js';
import { runningPilotsOf } from '../projects/pilots.service.js';
import { accountKeyColumns } from '../quality/quality.keys.js';
import { assertTeamExists } from '../teams/teams.service.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import { assertActiveDepartmentUser, assertActiveUsers } from '../users/users.service.js';
import { emitWebhookEvent } from '../webhooks/webhooks.emit.js';
import {
  type AccountRow,
  accountIsLive,
  countCoverage,
  countTeamAccounts,
  cursorValue,
  findAccountRow,
  insertAccount,
  listAccountRows,
  updateAccountRow,
} from './accounts.repository.js';

const fields = [
  'name',
  'domain',
  'industry',
  'employeeBand',
  'country',
  'city',
  'postcode',
  'ownerId',
  'marketingPartnerId',
  'teamId',
  'tags',
] as const;

/** An account as the API shows it; `pilot` from runningPilotsOf (the projects module) for the page. */
export const presentAccount = (r: AccountRow, pilot: AccountPilot | null = null): Account => ({
  id: r.id,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  name: r.name,
  domain: r.domain,
  industry: r.industry,
  employeeBand: r.employee_band as Account['employeeBand'],
  country: r.country,
  city: r.city,
  postcode: r.postcode ?? null,
  ownerId: r.owner_id,
  owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '', department: r.owner_department ?? '' } : null,
  marketingPartnerId: r.marketing_partner_id,
  marketingPartner: r.marketing_partner_id
    ? { id: r.marketing_partner_id, name: r.partner_name ?? '', department: r.partner_department ?? '' }
    : null,
  teamId: r.team_id,
  team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
  tags: parseJsonList(r.tags),
  deletedAt: r.deleted_at,
  pilot,
});

/** Accounts with their pilot badge: one query for the whole page. */
const withPilots = async (db: Db, rows: AccountRow[]): Promise<Account[]> => {
  const pilots = await runningPilotsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentAccount(r, pilots.get(r.id) ?? null));
};

/** Lists accounts page by page; the trash is for admins. */
export const listAccounts = async (ctx: AppContext, actor: Actor, query: ListAccountsQuery): Promise<Page<Account>> => {
  if (query.trash) assertCan(actor, 'records.trash');
  const rows = await listAccountRows(ctx.db, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await withPilots(ctx.db, page),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor(
            cursorValue(last, query.sort),
            last.id,
            last.search_rank === undefined ? query.sort : rankedSort(query.sort, last.search_rank),
          )
        : null,
  };
};

export const getAccount = async (ctx: AppContext, actor: Actor, id: string): Promise<Account> => {
  const row = await findAccountRow(ctx.db, id, { includeDeleted: can(actor, 'records.trash') });
  if (!row) throw new AppError('account_not_found');
  return (await withPilots(ctx.db, [row]))[0] as Account;
};

const toColumns = (input: UpdateAccountInput) => ({
  ...(input.name !== undefined && { name: input.name, sort_name: sortKey(input.name) }),
  ...(input.domain !== undefined && { domain: input.domain }),
  ...(input.industry !== undefined && { industry: input.industry }),
  ...(input.employeeBand !== undefined && { employee_band: input.employeeBand }),
  ...(input.country !== undefined && { country: input.country }),
  ...(input.city !== undefined && { city: input.city }),
  ...(input.postcode !== undefined && { postcode: input.postcode }),
  ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
  ...(input.marketingPartnerId !== undefined && { marketing_partner_id: input.marketingPartnerId }),
  ...(input.teamId !== undefined && { team_id: input.teamId }),
  ...(input.tags !== undefined && { tags: JSON.stringify(input.tags) }),
});

const reload = async (db: Db, id: string): Promise<Account> => {
  const row = await findAccountRow(db, id, { includeDeleted: true });
  if (!row) throw new AppError('account_not_found');
  return (await withPilots(db, [row]))[0] as Account;
};

/** Inserts an account in the caller's transaction (the caller checks the permission); returns its id. */
export const insertAccountRecord = async (db: Db, actor: Actor | null, input: CreateAccountInput): Promise<string> => {
  const now = nowIso();
  const id = newId();
  await assertActiveUsers(db, [input.ownerId], 'ownerId');
  await assertActiveDepartmentUser(db, input.marketingPartnerId, 'marketing', 'marketingPartnerId');
  await assertTeamExists(db, input.teamId);
  await insertAccount(db, {
    id,
    name: input.name,
    sort_name: sortKey(input.name),
    domain: input.domain ?? null,
    industry: input.industry ?? null,
    employee_band: input.employeeBand ?? null,
    country: input.country ?? null,
    city: input.city ?? null,
    postcode: input.postcode ?? null,
    owner_id: input.ownerId ?? null,
    marketing_partner_id: input.marketingPartnerId ?? null,
    team_id: input.teamId ?? null,
    tags: JSON.stringify(input.tags ?? []),
    version: 1,
    created_at: now,
    updated_at: now,
    deleted_at: null,
    ...accountKeyColumns(input, now),
  });
  await recordAudit(db, actor, 'account', id, 'created');
  await emitWebhookEvent(db, 'account.created', () => reload(db, id));
  return id;
};

/** Creates an account; the owner must be an active user. */
export const createAccount = async (ctx: AppContext, actor: Actor, input: CreateAccountInput): Promise<Account> => {
  assertCan(actor, 'records.write');
  return ctx.db.transaction().execute(async (trx) => reload(trx, await insertAccountRecord(trx, actor, input)));
};

/** Applies a partial edit if the caller saw the latest version; audits each changed field. */
export const updateAccount = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateAccountInput,
): Promise<Account> => {
  assertCan(actor, 'records.write');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findAccountRow(trx, id);
    if (!row) throw new AppError('account_not_found');
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    if (input.ownerId !== undefined) await assertActiveUsers(trx, [input.ownerId], 'ownerId');
    await assertActiveDepartmentUser(trx, input.marketingPartnerId, 'marketing', 'marketingPartnerId');
    await assertTeamExists(trx, input.teamId);
    const before = presentAccount(row);
    const changes = changesBetween(before, input, fields);
    if (changes.length === 0) return reload(trx, id);
    const now = nowIso();
    const keys = accountKeyColumns({ name: input.name ?? before.name }, now);
    const result = await updateAccountRow(trx, id, expectedVersion, { ...toColumns(input), ...keys, updated_at: now });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    await recordAudit(trx, actor, 'account', id, 'updated', changes);
    await emitWebhookEvent(trx, 'account.updated', () => reload(trx, id));
    // the lead score reads these of its contacts' account: they are rescored in the same write
    if (changes.some((c) => c.field === 'industry' || c.field === 'country' || c.field === 'employeeBand')) {
      await rescoreAccountContacts(ctx, trx, id);
    }
    return reload(trx, id);
  });
};

/** Moves an account to the trash; admins can restore it. */
export const deleteAccount = async (ctx: AppContext, actor: Actor, id: string): Promise<void> => {
  assertCan(actor, 'records.write');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findAccountRow(trx, id);
    if (!row) throw new AppError('account_not_found');
    const now = nowIso();
    await updateAccountRow(trx, id, row.version, { deleted_at: now, updated_at: now });
    await recordAudit(trx, actor, 'account', id, 'deleted');
    await emitWebhookEvent(trx, 'account.deleted', () => reload(trx, id));
  });
};

/** Brings an account back from the trash (admins). */
export const restoreAccount = async (ctx: AppContext, actor: Actor, id: string): Promise<Account> => {
  assertCan(actor, 'records.trash');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findAccountRow(trx, id, { includeDeleted: true });
    if (!row) throw new AppError('account_not_found');
    if (!row.deleted_at) throw new AppError('not_in_trash');
    await updateAccountRow(trx, id, row.version, { deleted_at: null, updated_at: nowIso() });
    await recordAudit(trx, actor, 'account', id, 'restored');
    return reload(trx, id);
  });
};

/** Throws a field error unless the id names a live account. */
export const assertLiveAccount = async (db: Db, id: string | null | undefined, path: string): Promise<void> => {
  if (!id) return;
  if (!(await accountIsLive(db, id))) {
    throw new AppError('validation_failed', undefined, { errors: [{ path, message: 'Unknown account' }] });
  }
};

/**
 * The coverage of account pairs: of the live accounts with an open deal (optionally a team's), how many
 * have both a sales owner and a marketing partner. The one place the figure is computed.
 */
export const accountCoverage = async (
  ctx: AppContext,
  _actor: Actor,
  query: AccountCoverageQuery,
): Promise<AccountCoverage> => {
  const row = await countCoverage(ctx.db, query.teamId);
  const total = Number(row.total);
  const paired = Number(row.paired ?? 0);
  return {
    accountsWithOpenDeals: total,
    paired,
    missingPartner: Number(row.missing_partner ?? 0),
    missingOwner: Number(row.missing_owner ?? 0),
    shareRatio: total === 0 ? null : paired / total,
  };
};

/** How many live accounts the team owns (the team page). */
export const countAccountsOfTeam = (db: Db, teamId: string): Promise<number> => countTeamAccounts(db, teamId);
