import {
  addDays,
  type CreateGoalInput,
  type FieldError,
  type Goal,
  type GoalChain,
  type GoalListQuery,
  type GoalMetric,
  type GoalOutcome,
  type GoalProgressResult,
  type GoalProgressSummary,
  goalTargetIssues,
  type Page,
  type PeriodSpec,
  resolvePeriod,
  type UpdateGoalInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { readSetting } from '../settings/settings.service.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import { assertActiveUsers } from '../users/users.service.js';
import {
  countTeamGoals,
  deleteGoalRow,
  findGoalRow,
  findGoalRows,
  findOwners,
  findParentLinks,
  type GoalRow,
  insertGoal,
  listGoalRows,
  replaceOwners,
  updateGoalRow,
} from './goals.repository.js';
import { catalogue, filterValueExists, metricList } from './metrics.catalogue.js';
import { earlierDate, evaluateGoal, evaluateGoals, type GoalEnv, type GoalSpec, goalEnv } from './progress.service.js';

const fields = [
  'name',
  'description',
  'metric',
  'filters',
  'period',
  'target',
  'currency',
  'ownerIds',
  'parentId',
  'teamId',
  'repeat',
] as const;

/** How deep a chain may go (revenue ← pipeline ← SQLs ← MQLs is four). */
const MAX_CHAIN_DEPTH = 8;

const parseFilters = (text: string): Record<string, string> => JSON.parse(text) as Record<string, string>;

export const specOf = (
  row: Pick<GoalRow, 'metric' | 'filters' | 'period_from' | 'period_to' | 'target' | 'currency'>,
): GoalSpec => ({
  metric: row.metric,
  filters: parseFilters(row.filters),
  from: row.period_from,
  to: row.period_to,
  target: Number(row.target),
  currency: row.currency,
});

type Owner = { id: string; name: string; department: string };

/** Owned from marketing and from sales. */
const isShared = (owners: Owner[]) =>
  owners.some((o) => o.department === 'marketing') && owners.some((o) => o.department === 'sales');

const present = async (db: Db, rows: GoalRow[]): Promise<Goal[]> => {
  const owners = new Map<string, Owner[]>();
  for (const o of await findOwners(
    db,
    rows.map((r) => r.id),
  )) {
    const list = owners.get(o.goal_id) ?? [];
    list.push({ id: o.id, name: o.name, department: o.department });
    owners.set(o.goal_id, list);
  }
  return rows.map((r) => {
    const metric = catalogue.get(r.metric);
    const own = owners.get(r.id) ?? [];
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      metric: r.metric,
      unit: metric?.unit ?? 'count',
      direction: metric?.direction ?? 'higher',
      filters: parseFilters(r.filters),
      period: { type: r.period_type as Goal['period']['type'], from: r.period_from, to: r.period_to },
      target: Number(r.target),
      currency: r.currency,
      owners: own,
      shared: isShared(own),
      parent: r.parent_id ? { id: r.parent_id, name: r.parent_name ?? '' } : null,
      team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
      repeat: r.repeat === 1,
      seriesId: r.series_id,
      createdBy: r.created_by
        ? { id: r.created_by, name: r.creator_name ?? '', department: r.creator_department ?? '' }
        : null,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
};

const loadRow = async (db: Db, id: string): Promise<GoalRow> => {
  const row = await findGoalRow(db, id);
  if (!row) throw new AppError('goal_not_found');
  return row;
};

const reload = async (db: Db, id: string): Promise<Goal> => (await present(db, [await loadRow(db, id)]))[0] as Goal;

/** The policy's view of a goal: its owners. */
const goalRecord = async (db: Db, id: string) => ({
  ownerIds: (await findOwners(db, [id])).map((o) => o.id),
});

const periodMessages = {
  required: 'Required for this period type',
  invalid_date: 'Not a calendar date',
  end_before_start: 'The end comes before the start',
} as const;

interface Draft {
  metric: string;
  filters: Record<string, string>;
  period: PeriodSpec;
  target: number;
  currency: string | null;
  ownerIds: string[];
  parentId: string | null;
  teamId: string | null;
}

/**
 * Everything the schema cannot know, as one 400 listing every field at fault: the metric, its filters
 * and their values, the period, the target for the metric's unit, owners, the parent (no cycles) and
 * the team. Returns the period's dates.
 */
const validate = async (
  ctx: AppContext,
  db: Db,
  draft: Draft,
  selfId: string | null,
): Promise<{ from: string; to: string }> => {
  const errors: FieldError[] = [];
  const metric = catalogue.get(draft.metric);
  if (!metric) errors.push({ path: 'metric', message: 'Unknown metric: see GET /api/goals/metrics' });
  for (const [key, value] of Object.entries(draft.filters)) {
    const spec = metric?.filters[key];
    if (!metric) continue;
    if (!spec) {
      errors.push({ path: `filters.${key}`, message: `The metric ${metric.key} has no filter ${key}` });
    } else if (!(await filterValueExists(db, spec.kind, value))) {
      errors.push({ path: `filters.${key}`, message: `Unknown ${spec.kind}` });
    }
  }
  const goals = await readSetting(db, 'goals');
  const { today } = await goalEnv(ctx, db);
  const resolved = resolvePeriod(draft.period, { today, fiscalYearStartMonth: goals.value.fiscalYearStartMonth });
  if (!resolved.ok) errors.push({ path: `period.${resolved.field}`, message: periodMessages[resolved.reason] });
  if (metric) {
    for (const issue of goalTargetIssues(metric.unit, draft, metric.percentCapped ?? true)) errors.push(issue);
  }
  try {
    await assertActiveUsers(db, draft.ownerIds, 'ownerIds');
  } catch {
    errors.push({ path: 'ownerIds', message: 'Unknown or inactive user' });
  }
  if (draft.teamId && !(await db.selectFrom('teams').select('id').where('id', '=', draft.teamId).executeTakeFirst())) {
    errors.push({ path: 'teamId', message: 'Unknown team' });
  }
  if (draft.parentId) {
    const links = new Map((await findParentLinks(db)).map((l) => [l.id, l.parent_id]));
    if (!links.has(draft.parentId)) errors.push({ path: 'parentId', message: 'Unknown goal' });
    else {
      // walk up from the new parent: meeting this goal would close a loop
      let depth = 1;
      for (let at: string | null | undefined = draft.parentId; at; at = links.get(at)) {
        if (at === selfId) {
          errors.push({ path: 'parentId', message: 'A goal cannot sit below itself' });
          break;
        }
        if (++depth > MAX_CHAIN_DEPTH) {
          errors.push({ path: 'parentId', message: `Chains are at most ${MAX_CHAIN_DEPTH} goals deep` });
          break;
        }
      }
    }
  }
  if (errors.length > 0) throw new AppError('validation_failed', undefined, { errors });
  if (!resolved.ok) throw new Error('unreachable');
  return resolved.period;
};

/** The catalogue of metrics a goal can count. */
export const listGoalMetrics = (): GoalMetric[] => metricList();

/** Creates a goal; the creator is an owner unless the owners are named without them (members and admins). */
export const createGoal = async (ctx: AppContext, actor: Actor, input: CreateGoalInput): Promise<Goal> => {
  assertCan(actor, 'goals.create');
  return ctx.db.transaction().execute(async (trx) => {
    const draft: Draft = {
      metric: input.metric,
      filters: input.filters ?? {},
      period: input.period,
      target: input.target,
      currency: input.currency ?? null,
      ownerIds: input.ownerIds,
      parentId: input.parentId ?? null,
      teamId: input.teamId ?? null,
    };
    const period = await validate(ctx, trx, draft, null);
    const id = newId();
    const now = nowIso();
    await insertGoal(trx, {
      id,
      series_id: id,
      name: input.name,
      description: input.description ?? null,
      metric: input.metric,
      filters: JSON.stringify(draft.filters),
      period_type: input.period.type,
      period_from: period.from,
      period_to: period.to,
      target: input.target,
      currency: draft.currency,
      parent_id: draft.parentId,
      team_id: draft.teamId,
      repeat: input.repeat ? 1 : 0,
      created_by: actor.id,
      noticed_status: null,
      noticed_percent: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await replaceOwners(trx, id, input.ownerIds);
    await recordAudit(trx, actor, 'goal', id, 'created');
    return reload(trx, id);
  });
};

/** Edits a goal (its owners and admins) if the caller saw the latest version. */
export const updateGoal = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateGoalInput,
): Promise<Goal> =>
  ctx.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, id);
    assertCan(actor, 'goals.edit', await goalRecord(trx, id), "Only the goal's owners and admins can change it");
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    const before = (await present(trx, [row]))[0] as Goal;
    const metricChanged = input.metric !== undefined && input.metric !== row.metric;
    const draft: Draft = {
      metric: input.metric ?? row.metric,
      // a new metric starts without the old one's filters unless new ones are given
      filters: input.filters ?? (metricChanged ? {} : before.filters),
      period:
        input.period ??
        (row.period_type === 'custom'
          ? { type: 'custom', from: row.period_from, to: row.period_to }
          : { type: row.period_type as PeriodSpec['type'], start: row.period_from }),
      target: input.target ?? Number(row.target),
      currency: input.currency !== undefined ? input.currency : row.currency,
      ownerIds: input.ownerIds ?? before.owners.map((o) => o.id),
      parentId: input.parentId !== undefined ? input.parentId : row.parent_id,
      teamId: input.teamId !== undefined ? input.teamId : row.team_id,
    };
    const repeat = input.repeat ?? row.repeat === 1;
    if (repeat && draft.period.type === 'custom') {
      throw new AppError('validation_failed', undefined, {
        errors: [{ path: 'repeat', message: 'A custom period does not repeat' }],
      });
    }
    const period = await validate(ctx, trx, draft, id);
    const after = {
      name: input.name ?? before.name,
      description: input.description !== undefined ? input.description : before.description,
      metric: draft.metric,
      filters: draft.filters,
      period: { type: draft.period.type, from: period.from, to: period.to },
      target: draft.target,
      currency: draft.currency,
      ownerIds: [...draft.ownerIds].sort(),
      parentId: draft.parentId,
      teamId: draft.teamId,
      repeat,
    };
    const changes = changesBetween(
      {
        ...before,
        ownerIds: before.owners.map((o) => o.id).sort(),
        parentId: before.parent?.id ?? null,
        teamId: before.team?.id ?? null,
      },
      after,
      fields,
    );
    if (changes.length === 0) return before;
    const result = await updateGoalRow(trx, id, expectedVersion, {
      name: after.name,
      description: after.description ?? null,
      metric: after.metric,
      filters: JSON.stringify(after.filters),
      period_type: after.period.type,
      period_from: after.period.from,
      period_to: after.period.to,
      target: after.target,
      currency: after.currency,
      parent_id: after.parentId,
      team_id: after.teamId,
      repeat: repeat ? 1 : 0,
      updated_at: nowIso(),
    });
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    if (input.ownerIds) await replaceOwners(trx, id, input.ownerIds);
    await recordAudit(trx, actor, 'goal', id, 'updated', changes);
    return reload(trx, id);
  });

/** Deletes a goal (its owners and admins); the goals below it stay, without a parent. */
export const deleteGoal = (ctx: AppContext, actor: Actor, id: string): Promise<void> =>
  ctx.db.transaction().execute(async (trx) => {
    const before = await reload(trx, id);
    assertCan(actor, 'goals.edit', await goalRecord(trx, id), "Only the goal's owners and admins can delete it");
    await deleteGoalRow(trx, id);
    await recordAudit(trx, actor, 'goal', id, 'deleted', [{ field: 'name', from: before.name, to: null }]);
  });

export const getGoal = (ctx: AppContext, id: string): Promise<Goal> => reload(ctx.db, id);

/** How many goals the team owns (the team page). */
export const countGoalsOfTeam = (db: Db, teamId: string): Promise<number> => countTeamGoals(db, teamId);

const summaryOf = ({ series: _series, ...summary }: GoalProgressResult): GoalProgressSummary => summary;

/** Goals, newest period first; with `withProgress`, each with its progress (no series). */
export const listGoals = async (ctx: AppContext, query: GoalListQuery): Promise<Page<Goal>> => {
  const env = query.on === 'today' || query.withProgress ? await goalEnv(ctx) : null;
  const rows = await listGoalRows(ctx.db, {
    ...query,
    on: query.on === 'today' ? env?.today : query.on,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  let items = await present(ctx.db, page);
  if (query.withProgress && env) {
    const progress = await evaluateGoals(ctx, env, page.map(specOf));
    items = items.map((g, i) => ({ ...g, progress: summaryOf(progress[i] as GoalProgressResult) }));
  }
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.period_from, last.id, 'period') : null,
  };
};

/** A goal's actual, pace, forecast and status, with the daily series for the burn-up chart. */
export const goalProgressOf = async (ctx: AppContext, id: string): Promise<GoalProgressResult> => {
  const row = await loadRow(ctx.db, id);
  return evaluateGoal(ctx, await goalEnv(ctx), specOf(row), true);
};

/** The goal's chain: its ancestors up to the root, the goal, and every goal below it, each with its status. */
export const goalChain = async (ctx: AppContext, id: string): Promise<GoalChain> => {
  await loadRow(ctx.db, id);
  const links = await findParentLinks(ctx.db);
  const parentOf = new Map(links.map((l) => [l.id, l.parent_id]));
  const children = new Map<string, string[]>();
  for (const l of links) {
    if (!l.parent_id) continue;
    children.set(l.parent_id, [...(children.get(l.parent_id) ?? []), l.id]);
  }
  const ancestors: string[] = [];
  for (let at = parentOf.get(id); at && ancestors.length < MAX_CHAIN_DEPTH; at = parentOf.get(at))
    ancestors.unshift(at);
  const order: { id: string; depth: number }[] = ancestors.map((a, depth) => ({ id: a, depth }));
  const walk = (at: string, depth: number) => {
    order.push({ id: at, depth });
    if (depth >= MAX_CHAIN_DEPTH * 2) return;
    for (const c of children.get(at) ?? []) walk(c, depth + 1);
  };
  walk(id, ancestors.length);
  const rows = new Map(
    (
      await findGoalRows(
        ctx.db,
        order.map((o) => o.id),
      )
    ).map((r) => [r.id, r]),
  );
  const goals = new Map((await present(ctx.db, [...rows.values()])).map((g) => [g.id, g]));
  const env = await goalEnv(ctx);
  const progress = await evaluateGoals(
    ctx,
    env,
    order.map(({ id: goalId }) => specOf(rows.get(goalId) as GoalRow)),
  );
  const result = order.map(({ id: goalId, depth }, i) => {
    const row = rows.get(goalId) as GoalRow;
    const goal = goals.get(goalId) as Goal;
    return {
      id: goalId,
      name: goal.name,
      metric: goal.metric,
      unit: goal.unit,
      currency: goal.currency,
      shared: goal.shared,
      departments: [...new Set(goal.owners.map((o) => o.department))].sort(),
      parentId: row.parent_id,
      depth,
      progress: summaryOf(progress[i] as GoalProgressResult),
    };
  });
  return { links: result };
};

/**
 * The alignment index's shared-goal part: the outcome of each shared goal whose period ended in
 * [fromDate, toDate] (local dates) and before today.
 */
export const sharedGoalOutcomes = async (
  ctx: AppContext,
  fromDate: string,
  toDate: string,
  envIn?: GoalEnv,
): Promise<(GoalOutcome & { id: string; name: string })[]> => {
  const env = envIn ?? (await goalEnv(ctx));
  const endTo = earlierDate(toDate, addDays(env.today, -1));
  const rows = await listGoalRows(ctx.db, { shared: true, endFrom: fromDate, endTo, limit: 10_000 });
  const progress = await evaluateGoals(ctx, env, rows.map(specOf));
  return rows.map((r, i) => ({
    id: r.id,
    name: r.name,
    actual: (progress[i] as GoalProgressResult).actual,
    target: Number(r.target),
    direction: catalogue.get(r.metric)?.direction ?? 'higher',
  }));
};

export type { GoalEnv };
