import {
  type Campaign,
  type CampaignCost,
  type CampaignCostInput,
  type CampaignListQuery,
  type CreateCampaignInput,
  type FieldChange,
  type Page,
  type PolicyRecord,
  sortKey,
  type UpdateCampaignInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { CampaignsTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { encodeCursor, parseJsonList } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { getTeam } from '../teams/teams.service.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import { assertActiveUsers, getUser } from '../users/users.service.js';
import { emitWebhookEvent } from '../webhooks/webhooks.emit.js';
import {
  type CampaignRow,
  type CostRow,
  countCosts,
  countTeamCampaigns,
  deleteCostRow,
  findCampaignByKey,
  findCampaignRow,
  findCampaignTotals,
  findCostRow,
  findKeyOwners,
  insertCampaign,
  insertCost,
  listCampaignRows,
  listCampaignsStartingOrEnding,
  listCostRows,
  replaceUtmKeys,
  updateCampaignRow,
} from './campaigns.repository.js';

const fields = [
  'name',
  'channel',
  'status',
  'startDate',
  'endDate',
  'ownerId',
  'teamId',
  'department',
  'currency',
  'budget',
  'expectedLeads',
  'expectedPipeline',
  'utmKeys',
  'description',
] as const;

/** The policy's view of a campaign row: editing, costs and members belong to its owner, its department, and admins. */
export const campaignRecord = (row: Pick<CampaignsTable, 'owner_id' | 'department'>): PolicyRecord => ({
  ownerId: row.owner_id,
  department: row.department,
});

/** Why a campaign change was refused; the members service says the same. */
export const cannotManage = "Only the owner, the campaign's department or an admin can change this campaign";

/** A live campaign row, or 404. */
export const loadCampaign = async (db: Db, id: string): Promise<CampaignRow> => {
  const row = await findCampaignRow(db, id);
  if (!row) throw new AppError('campaign_not_found');
  return row;
};

/** A live campaign's id and name, or undefined (a touch names the campaign it belongs to). */
export const findCampaignRef = async (db: Db, id: string): Promise<{ id: string; name: string } | undefined> => {
  const row = await findCampaignRow(db, id);
  return row && { id: row.id, name: row.name };
};

/** The live campaign a folded UTM key belongs to, or undefined. */
export const findCampaignByUtmKey = (db: Db, key: string): Promise<{ id: string; name: string } | undefined> =>
  findCampaignByKey(db, key);

const present = async (db: Db, rows: CampaignRow[]): Promise<Campaign[]> => {
  const totals = await findCampaignTotals(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    name: r.name,
    channel: r.channel as Campaign['channel'],
    status: r.status as Campaign['status'],
    startDate: r.start_date,
    endDate: r.end_date,
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '', department: r.owner_department ?? '' } : null,
    teamId: r.team_id,
    team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
    department: r.department as Campaign['department'],
    currency: r.currency,
    budget: Number(r.budget),
    actualCost: totals.costs.get(r.id) ?? 0,
    expectedLeads: r.expected_leads,
    expectedPipeline: r.expected_pipeline === null ? null : Number(r.expected_pipeline),
    utmKeys: parseJsonList(r.utm_keys),
    description: r.description,
    memberCount: totals.members.get(r.id) ?? 0,
  }));
};

const reload = async (db: Db, id: string): Promise<Campaign> =>
  (await present(db, [await loadCampaign(db, id)]))[0] as Campaign;

/** Folds the keys (trim, lower case), refuses one given twice, and one owned by another live campaign. */
const foldKeys = async (db: Db, keys: string[], campaignId: string | null): Promise<string[]> => {
  const folded = keys.map((k) => k.trim().toLowerCase());
  const twice = folded.findIndex((k, i) => folded.indexOf(k) !== i);
  if (twice >= 0) throw fieldError(`utmKeys.${twice}`, 'This key is given twice');
  const owners = await findKeyOwners(db, folded, campaignId);
  if (owners.length > 0) {
    throw new AppError('utm_key_taken', undefined, {
      errors: owners.map((o) => ({
        path: `utmKeys.${folded.indexOf(o.key)}`,
        message: `“${keys[folded.indexOf(o.key)]}” belongs to the campaign “${o.name}”`,
      })),
    });
  }
  return folded;
};

const assertTeam = async (ctx: AppContext, teamId: string | null | undefined): Promise<void> => {
  if (!teamId) return;
  try {
    await getTeam(ctx, teamId);
  } catch {
    throw fieldError('teamId', 'Unknown team');
  }
};

/** Live campaigns by name, filtered by text, status, channel or owner. */
export const listCampaigns = async (
  ctx: AppContext,
  _actor: Actor,
  query: CampaignListQuery,
): Promise<Page<Campaign>> => {
  const rows = await listCampaignRows(ctx.db, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await present(ctx.db, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.sort_name, last.id, 'name') : null,
  };
};

/** How many live campaigns the team owns (the team page). */
export const countCampaignsOfTeam = (db: Db, teamId: string): Promise<number> => countTeamCampaigns(db, teamId);

/** Campaigns starting or ending on a local date in [fromDate, toDate] (a meeting's next two weeks). */
export const campaignsStartingOrEnding = async (ctx: AppContext, fromDate: string, toDate: string) =>
  (await listCampaignsStartingOrEnding(ctx.db, fromDate, toDate)).map((c) => ({
    id: c.id,
    name: c.name,
    channel: c.channel,
    status: c.status,
    startDate: c.start_date,
    endDate: c.end_date,
    budget: Number(c.budget),
    currency: c.currency,
  }));

/** One campaign with its actual cost and member count. */
export const getCampaign = (ctx: AppContext, _actor: Actor, id: string): Promise<Campaign> => reload(ctx.db, id);

/** Creates a campaign (members and admins of any department); owner defaults to the caller, department to the owner's. */
export const createCampaign = async (ctx: AppContext, actor: Actor, input: CreateCampaignInput): Promise<Campaign> => {
  assertCan(actor, 'campaigns.create');
  const ownerId = input.ownerId === undefined ? actor.id : input.ownerId;
  await assertTeam(ctx, input.teamId);
  if (ownerId && ownerId !== actor.id) await assertActiveUsers(ctx.db, [ownerId], 'ownerId');
  const department =
    input.department ?? (ownerId && ownerId !== actor.id ? (await getUser(ctx, ownerId)).department : actor.department);
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    const keys = await foldKeys(trx, input.utmKeys, null);
    const now = nowIso();
    await insertCampaign(trx, {
      id,
      name: input.name,
      sort_name: sortKey(input.name),
      channel: input.channel,
      status: input.status,
      start_date: input.startDate,
      end_date: input.endDate,
      owner_id: ownerId,
      team_id: input.teamId,
      department,
      currency: input.currency,
      budget: input.budget,
      expected_leads: input.expectedLeads,
      expected_pipeline: input.expectedPipeline,
      utm_keys: JSON.stringify(input.utmKeys.map((k) => k.trim())),
      description: input.description,
      version: 1,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    });
    await replaceUtmKeys(trx, id, keys);
    await recordAudit(trx, actor, 'campaign', id, 'created');
    await emitWebhookEvent(trx, 'campaign.created', () => reload(trx, id));
    return reload(trx, id);
  });
};

/** Edits a campaign if the caller saw the latest version; its currency is fixed once it has cost lines. */
export const updateCampaign = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateCampaignInput,
): Promise<Campaign> => {
  assertCan(actor, 'campaigns.manage');
  await assertTeam(ctx, input.teamId);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadCampaign(trx, id);
    assertCan(actor, 'campaigns.manage', campaignRecord(row), cannotManage);
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    const startDate = input.startDate !== undefined ? input.startDate : row.start_date;
    const endDate = input.endDate !== undefined ? input.endDate : row.end_date;
    if (startDate && endDate && startDate > endDate)
      throw fieldError('endDate', 'The end date is before the start date');
    if (input.ownerId) await assertActiveUsers(trx, [input.ownerId], 'ownerId');
    if (input.currency !== undefined && input.currency !== row.currency && (await countCosts(trx, id)) > 0) {
      throw new AppError('currency_mismatch', 'The campaign has cost lines in its currency', {
        errors: [{ path: 'currency', message: `Cost lines are in ${row.currency}` }],
      });
    }
    const keys = input.utmKeys === undefined ? undefined : await foldKeys(trx, input.utmKeys, id);
    const before = (await present(trx, [row]))[0] as Campaign;
    const after = {
      ...input,
      ...(input.ownerId !== undefined && { ownerId: input.ownerId }),
      ...(input.utmKeys !== undefined && { utmKeys: input.utmKeys.map((k) => k.trim()) }),
    };
    const changes = changesBetween({ ...before, ownerId: before.owner?.id ?? null }, after, fields);
    if (changes.length === 0) return before;
    const result = await updateCampaignRow(trx, id, expectedVersion, {
      ...(input.name !== undefined && { name: input.name, sort_name: sortKey(input.name) }),
      ...(input.channel !== undefined && { channel: input.channel }),
      ...(input.status !== undefined && { status: input.status }),
      ...(input.startDate !== undefined && { start_date: input.startDate }),
      ...(input.endDate !== undefined && { end_date: input.endDate }),
      ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
      ...(input.teamId !== undefined && { team_id: input.teamId }),
      ...(input.department !== undefined && { department: input.department }),
      ...(input.currency !== undefined && { currency: input.currency }),
      ...(input.budget !== undefined && { budget: input.budget }),
      ...(input.expectedLeads !== undefined && { expected_leads: input.expectedLeads }),
      ...(input.expectedPipeline !== undefined && { expected_pipeline: input.expectedPipeline }),
      ...(after.utmKeys !== undefined && { utm_keys: JSON.stringify(after.utmKeys) }),
      ...(input.description !== undefined && { description: input.description }),
      updated_at: nowIso(),
    });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    if (keys) await replaceUtmKeys(trx, id, keys);
    await recordAudit(trx, actor, 'campaign', id, 'updated', changes);
    return reload(trx, id);
  });
};

/**
 * Deletes a campaign softly: it leaves the lists, its UTM keys become free, and its touchpoints, members
 * and costs stay, so contact timelines and attribution keep their history.
 */
export const deleteCampaign = async (ctx: AppContext, actor: Actor, id: string): Promise<void> => {
  assertCan(actor, 'campaigns.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadCampaign(trx, id);
    assertCan(actor, 'campaigns.manage', campaignRecord(row), cannotManage);
    const now = nowIso();
    await updateCampaignRow(trx, id, row.version, { deleted_at: now, updated_at: now });
    await replaceUtmKeys(trx, id, []);
    await recordAudit(trx, actor, 'campaign', id, 'deleted');
  });
};

const presentCost = (r: CostRow): CampaignCost => ({
  id: r.id,
  description: r.description,
  amount: Number(r.amount),
  currency: r.currency,
  incurredOn: r.incurred_on,
  createdBy: r.created_by
    ? { id: r.created_by, name: r.creator_name ?? '', department: r.creator_department ?? '' }
    : null,
  createdAt: r.created_at,
});

/** Adds a cost line in the campaign's currency. */
export const addCost = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CampaignCostInput,
): Promise<CampaignCost> => {
  assertCan(actor, 'campaigns.manage');
  const costId = newId();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadCampaign(trx, id);
    assertCan(actor, 'campaigns.manage', campaignRecord(row), cannotManage);
    const currency = input.currency ?? row.currency;
    if (currency !== row.currency) {
      throw new AppError('currency_mismatch', `The campaign's costs are in ${row.currency}`, {
        errors: [{ path: 'currency', message: `Use ${row.currency}, the campaign's currency` }],
      });
    }
    await insertCost(trx, {
      id: costId,
      campaign_id: id,
      description: input.description,
      amount: input.amount,
      currency,
      incurred_on: input.incurredOn,
      created_by: actor.id,
      created_at: nowIso(),
    });
    const change: FieldChange = {
      field: 'costs',
      from: null,
      to: { description: input.description, amount: input.amount, currency, incurredOn: input.incurredOn },
    };
    await recordAudit(trx, actor, 'campaign', id, 'cost_added', [change]);
    const cost = await findCostRow(trx, id, costId);
    if (!cost) throw new AppError('cost_not_found');
    return presentCost(cost);
  });
};

/** The campaign's cost lines, newest spending first. */
export const listCosts = async (ctx: AppContext, _actor: Actor, id: string): Promise<CampaignCost[]> => {
  await loadCampaign(ctx.db, id);
  return (await listCostRows(ctx.db, id)).map(presentCost);
};

/** Removes a cost line. */
export const deleteCost = async (ctx: AppContext, actor: Actor, id: string, costId: string): Promise<void> => {
  assertCan(actor, 'campaigns.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadCampaign(trx, id);
    assertCan(actor, 'campaigns.manage', campaignRecord(row), cannotManage);
    const cost = await findCostRow(trx, id, costId);
    if (!cost) throw new AppError('cost_not_found');
    await deleteCostRow(trx, id, costId);
    const change: FieldChange = {
      field: 'costs',
      from: { description: cost.description, amount: Number(cost.amount), currency: cost.currency },
      to: null,
    };
    await recordAudit(trx, actor, 'campaign', id, 'cost_deleted', [change]);
  });
};

/**
 * A campaign made together with another record (an event without a campaign of its own), in the
 * caller's transaction: no UTM keys, no budget, planned; audited as created. The caller checks rights.
 */
export const insertLinkedCampaign = async (
  db: Db,
  actor: Actor,
  c: Pick<CampaignsTable, 'name' | 'channel' | 'owner_id' | 'team_id' | 'department' | 'start_date' | 'end_date'>,
): Promise<string> => {
  const id = newId();
  const now = nowIso();
  await insertCampaign(db, {
    id,
    ...c,
    sort_name: sortKey(c.name),
    status: 'planned',
    currency: 'EUR',
    budget: 0,
    expected_leads: null,
    expected_pipeline: null,
    utm_keys: '[]',
    description: null,
    version: 1,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  });
  await recordAudit(db, actor, 'campaign', id, 'created');
  return id;
};
