import {
  type AccountPilot,
  type CreatePilotFeedbackInput,
  type CreatePilotInput,
  can,
  localDateIn,
  type OpenPipeline,
  type Pilot,
  type PilotAccountWarning,
  type PilotStatus,
  type PilotSummary,
  type UpdatePilotInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { now } from '../../lib/clock.js';
import { newId, nowIso } from '../../lib/ids.js';
import { notifyUsers, settleNotifications } from '../notifications/notifications.service.js';
import { readSetting } from '../settings/settings.service.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import { assertOpen, loadProject, projectRecord, userRef } from './projects.present.js';
import {
  type FeedbackRow,
  findAccountRef,
  findContactAccounts,
  findFeedbackRows,
  findOpenPilotAt,
  findPilotIdsByStatus,
  findPilotRow,
  findPilotRows,
  findRunningPilots,
  insertFeedback,
  insertPilot,
  type PilotRow,
  sumOpenPipeline,
  touchProjectRow,
  updatePilotRow,
} from './projects.repository.js';
import { feedbackThemes } from './themes.js';

/** Mean of ratings, rounded to two decimals; null without any. */
const meanOf = (ratings: number[]): number | null =>
  ratings.length === 0 ? null : Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100;

/** The workspace's today (a local date in the SLA's time zone): pilots run by whole days. */
const workspaceToday = async (db: Db): Promise<string> =>
  localDateIn(now(), (await readSetting(db, 'sla')).value.timeZone);

const presentPilots = async (db: Db, rows: PilotRow[]): Promise<Pilot[]> => {
  const feedback = await findFeedbackRows(
    db,
    rows.map((r) => r.id),
  );
  const byPilot = new Map<string, FeedbackRow[]>();
  for (const f of feedback) byPilot.set(f.pilot_id, [...(byPilot.get(f.pilot_id) ?? []), f]);
  return rows.map((r) => {
    const entries = byPilot.get(r.id) ?? [];
    return {
      id: r.id,
      projectId: r.project_id,
      account: {
        id: r.account_id,
        name: r.account_name,
        owner: userRef(r.account_owner_id, r.owner_name, r.owner_department),
      },
      status: r.status as PilotStatus,
      scope: r.scope,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      proposedBy: userRef(r.proposed_by, r.proposer_name, r.proposer_department),
      decidedBy: userRef(r.decided_by, r.decider_name, r.decider_department),
      decidedAt: r.decided_at,
      feedback: entries.map((f) => ({
        id: f.id,
        rating: f.rating,
        text: f.text,
        at: f.created_at,
        author: userRef(f.author_id, f.author_name, f.author_department),
      })),
      meanRating: meanOf(entries.map((f) => f.rating)),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
};

const loadPilot = async (db: Db, projectId: string, pilotId: string): Promise<PilotRow> => {
  const row = await findPilotRow(db, projectId, pilotId);
  if (!row) throw new AppError('pilot_not_found');
  return row;
};

const reloadPilot = async (db: Db, projectId: string, pilotId: string): Promise<Pilot> =>
  (await presentPilots(db, [await loadPilot(db, projectId, pilotId)]))[0] as Pilot;

const cannotDecide = "Pilots are confirmed and changed by the account's owner, sales and admins";

/** A project's pilots, oldest first, each with its feedback. */
export const listPilots = async (ctx: AppContext, projectId: string): Promise<Pilot[]> => {
  await loadProject(ctx.db, projectId);
  return presentPilots(ctx.db, await findPilotRows(ctx.db, projectId));
};

/**
 * Nominates a pilot account while the project is in pilot. Whoever may confirm a pilot there (the
 * account's owner, sales, admins) starts it active at once; anyone else's nomination (marketing's) is
 * proposed, and the account's owner hears of it.
 */
export const createPilot = (
  ctx: AppContext,
  actor: Actor,
  projectId: string,
  input: CreatePilotInput,
): Promise<Pilot> =>
  ctx.db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    assertCan(actor, 'pilots.nominate', undefined, 'Viewers can read pilots but not nominate them');
    assertOpen(project);
    if (project.stage !== 'pilot') throw new AppError('project_not_in_pilot');
    const account = await findAccountRef(trx, input.accountId);
    if (!account) throw fieldError('accountId', 'Unknown account');
    if (await findOpenPilotAt(trx, projectId, account.id)) throw new AppError('pilot_exists');
    const status: PilotStatus = can(actor, 'pilots.decide', { ownerId: account.owner_id }) ? 'active' : 'proposed';
    const id = newId();
    const at = nowIso();
    await insertPilot(trx, {
      id,
      project_id: projectId,
      account_id: account.id,
      status,
      scope: input.scope ?? null,
      starts_at: input.startsAt ?? null,
      ends_at: input.endsAt ?? null,
      proposed_by: actor.id,
      decided_by: status === 'active' ? actor.id : null,
      decided_at: status === 'active' ? at : null,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, actor, 'project', projectId, 'pilot_nominated', [
      { field: 'pilot', from: null, to: { accountId: account.id, account: account.name, status } },
    ]);
    await touchProjectRow(trx, projectId, at);
    if (status === 'proposed' && account.owner_id && account.owner_id !== actor.id) {
      await notifyUsers(
        ctx,
        trx,
        [account.owner_id],
        'pilot_proposed',
        { type: 'project', id: projectId, path: `/projects/${projectId}` },
        { project: project.name, account: account.name, by: actor.name },
      );
    }
    return reloadPilot(trx, projectId, id);
  });

/** Confirms or declines a proposed pilot (the account's owner, sales, admins). */
const decidePilot = (
  ctx: AppContext,
  actor: Actor,
  projectId: string,
  pilotId: string,
  outcome: 'active' | 'declined',
): Promise<Pilot> =>
  ctx.db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    const pilot = await loadPilot(trx, projectId, pilotId);
    assertCan(actor, 'pilots.decide', { ownerId: pilot.account_owner_id }, cannotDecide);
    assertOpen(project);
    if (outcome === 'active' && project.stage !== 'pilot') throw new AppError('project_not_in_pilot');
    if (pilot.status !== 'proposed') throw new AppError('pilot_not_proposed');
    const at = nowIso();
    await updatePilotRow(trx, pilotId, { status: outcome, decided_by: actor.id, decided_at: at, updated_at: at });
    // the owner was asked to decide; the notice settles once none of their accounts waits in this project
    const owner = pilot.account_owner_id;
    const waiting = (await findPilotRows(trx, projectId)).some(
      (p) => p.status === 'proposed' && p.account_owner_id === owner,
    );
    if (owner && !waiting)
      await settleNotifications(trx, { type: 'project', id: projectId }, ['pilot_proposed'], [owner]);
    await recordAudit(trx, actor, 'project', projectId, outcome === 'active' ? 'pilot_confirmed' : 'pilot_declined', [
      {
        field: 'pilot',
        from: { accountId: pilot.account_id, account: pilot.account_name, status: pilot.status },
        to: { accountId: pilot.account_id, account: pilot.account_name, status: outcome },
      },
    ]);
    await touchProjectRow(trx, projectId, at);
    return reloadPilot(trx, projectId, pilotId);
  });

export const confirmPilot = (ctx: AppContext, actor: Actor, projectId: string, pilotId: string) =>
  decidePilot(ctx, actor, projectId, pilotId, 'active');

export const declinePilot = (ctx: AppContext, actor: Actor, projectId: string, pilotId: string) =>
  decidePilot(ctx, actor, projectId, pilotId, 'declined');

/** Changes a proposed or active pilot's scope or days (the account's owner, sales, admins). */
export const updatePilot = (
  ctx: AppContext,
  actor: Actor,
  projectId: string,
  pilotId: string,
  input: UpdatePilotInput,
): Promise<Pilot> =>
  ctx.db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    const pilot = await loadPilot(trx, projectId, pilotId);
    assertCan(actor, 'pilots.decide', { ownerId: pilot.account_owner_id }, cannotDecide);
    assertOpen(project);
    if (pilot.status !== 'proposed' && pilot.status !== 'active') {
      throw new AppError('pilot_not_active', 'A declined or ended pilot stays as it was');
    }
    const before = { scope: pilot.scope, startsAt: pilot.starts_at, endsAt: pilot.ends_at };
    const after = {
      scope: input.scope !== undefined ? input.scope : before.scope,
      startsAt: input.startsAt !== undefined ? input.startsAt : before.startsAt,
      endsAt: input.endsAt !== undefined ? input.endsAt : before.endsAt,
    };
    if (after.startsAt && after.endsAt && after.endsAt < after.startsAt) {
      throw fieldError('endsAt', 'The end comes before the start');
    }
    const changes = changesBetween(before, after, ['scope', 'startsAt', 'endsAt']);
    if (changes.length === 0) return reloadPilot(trx, projectId, pilotId);
    const at = nowIso();
    await updatePilotRow(trx, pilotId, {
      scope: after.scope,
      starts_at: after.startsAt,
      ends_at: after.endsAt,
      updated_at: at,
    });
    await recordAudit(trx, actor, 'project', projectId, 'pilot_updated', [
      {
        field: 'pilot',
        from: { account: pilot.account_name, ...before },
        to: { account: pilot.account_name, ...after },
      },
    ]);
    await touchProjectRow(trx, projectId, at);
    return reloadPilot(trx, projectId, pilotId);
  });

/** Ends an active pilot today (the account's owner, sales, admins); its feedback stays. */
export const endPilot = (ctx: AppContext, actor: Actor, projectId: string, pilotId: string): Promise<Pilot> =>
  ctx.db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    const pilot = await loadPilot(trx, projectId, pilotId);
    assertCan(actor, 'pilots.decide', { ownerId: pilot.account_owner_id }, cannotDecide);
    assertOpen(project);
    if (pilot.status !== 'active') throw new AppError('pilot_not_active');
    const today = await workspaceToday(trx);
    const endsAt = pilot.ends_at && pilot.ends_at < today ? pilot.ends_at : today;
    const at = nowIso();
    await updatePilotRow(trx, pilotId, { status: 'ended', ends_at: endsAt, updated_at: at });
    await recordAudit(trx, actor, 'project', projectId, 'pilot_ended', [
      {
        field: 'pilot',
        from: { account: pilot.account_name, status: 'active', endsAt: pilot.ends_at },
        to: { account: pilot.account_name, status: 'ended', endsAt },
      },
    ]);
    await touchProjectRow(trx, projectId, at);
    return reloadPilot(trx, projectId, pilotId);
  });

/** Logs what a pilot customer said (sales, the project's leads, admins); only an active pilot takes feedback. */
export const createPilotFeedback = (
  ctx: AppContext,
  actor: Actor,
  projectId: string,
  pilotId: string,
  input: CreatePilotFeedbackInput,
): Promise<Pilot> =>
  ctx.db.transaction().execute(async (trx) => {
    const project = await loadProject(trx, projectId);
    const pilot = await loadPilot(trx, projectId, pilotId);
    assertCan(
      actor,
      'pilots.feedback',
      projectRecord(project),
      "Pilot feedback is logged by sales, the project's leads and admins",
    );
    assertOpen(project);
    if (pilot.status !== 'active') throw new AppError('pilot_not_active');
    const at = nowIso();
    await insertFeedback(trx, {
      id: newId(),
      pilot_id: pilotId,
      rating: input.rating,
      text: input.text,
      author_id: actor.id,
      created_at: at,
    });
    await recordAudit(trx, actor, 'project', projectId, 'pilot_feedback', [
      { field: 'feedback', from: null, to: { account: pilot.account_name, rating: input.rating } },
    ]);
    await touchProjectRow(trx, projectId, at);
    return reloadPilot(trx, projectId, pilotId);
  });

/**
 * The pilots' summary (declined ones left out): the mean rating over every feedback entry, the themes
 * of the feedback, and per pilot its account's open pipeline per currency.
 */
export const pilotSummary = async (ctx: AppContext, projectId: string): Promise<PilotSummary> => {
  await loadProject(ctx.db, projectId);
  const pilots = (await presentPilots(ctx.db, await findPilotRows(ctx.db, projectId))).filter(
    (p) => p.status !== 'declined',
  );
  const feedback = pilots.flatMap((p) => p.feedback);
  const pipeline = new Map<string, OpenPipeline[]>();
  for (const row of await sumOpenPipeline(ctx.db, [...new Set(pilots.map((p) => p.account.id))])) {
    pipeline.set(row.account_id, [
      ...(pipeline.get(row.account_id) ?? []),
      { currency: row.currency, amount: Number(row.amount), deals: Number(row.n) },
    ]);
  }
  return {
    pilots: pilots.length,
    feedbackCount: feedback.length,
    meanRating: meanOf(feedback.map((f) => f.rating)),
    themes: feedbackThemes(feedback.map((f) => f.text)),
    accounts: pilots.map((p) => ({
      pilotId: p.id,
      account: { id: p.account.id, name: p.account.name },
      status: p.status,
      meanRating: p.meanRating,
      feedbackCount: p.feedback.length,
      openPipeline: pipeline.get(p.account.id) ?? [],
    })),
  };
};

/**
 * A project that closes (done, cancelled) closes its pilots in the same transaction: active ones end,
 * proposed ones are declined. Returns the counts for the project's audit entry, or null when none ran.
 */
export const closePilotsOf = async (
  db: Db,
  actor: Actor,
  projectId: string,
  at: string,
): Promise<{ from: Record<string, number>; to: Record<string, number> } | null> => {
  const open = await findPilotIdsByStatus(db, projectId, ['proposed', 'active']);
  if (open.length === 0) return null;
  const active = open.filter((p) => p.status === 'active');
  const proposed = open.filter((p) => p.status === 'proposed');
  for (const p of active) await updatePilotRow(db, p.id, { status: 'ended', updated_at: at });
  for (const p of proposed) {
    await updatePilotRow(db, p.id, { status: 'declined', decided_by: actor.id, decided_at: at, updated_at: at });
  }
  return {
    from: { active: active.length, proposed: proposed.length },
    to: { ended: active.length, declined: proposed.length },
  };
};

/**
 * The pilot badge of a page of accounts: for each account in a running pilot (active, project in pilot or
 * rollout, today within its days) the project; one query for the page. Other modules call this.
 */
export const runningPilotsOf = async (db: Db, accountIds: string[]): Promise<Map<string, AccountPilot>> => {
  const out = new Map<string, AccountPilot>();
  if (accountIds.length === 0) return out;
  for (const r of await findRunningPilots(db, accountIds, await workspaceToday(db))) {
    if (!out.has(r.account_id)) out.set(r.account_id, { projectId: r.project_id, projectName: r.project_name });
  }
  return out;
};

const CHUNK = 500;

/**
 * Warnings for contacts about to be mailed by a campaign: one per account of theirs in a running pilot,
 * by account name. Other modules call this.
 */
export const pilotWarningsFor = async (db: Db, contactIds: string[]): Promise<PilotAccountWarning[]> => {
  const accounts = new Map<string, string>();
  for (let i = 0; i < contactIds.length; i += CHUNK) {
    for (const r of await findContactAccounts(db, contactIds.slice(i, i + CHUNK)))
      accounts.set(r.account_id, r.account_name);
  }
  const running = new Map<string, AccountPilot>();
  const ids = [...accounts.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const [k, v] of await runningPilotsOf(db, ids.slice(i, i + CHUNK))) running.set(k, v);
  }
  return [...running]
    .map(([accountId, p]) => ({
      code: 'pilot_account' as const,
      accountId,
      accountName: accounts.get(accountId) ?? '',
      projectId: p.projectId,
      projectName: p.projectName,
    }))
    .sort((a, b) => a.accountName.localeCompare(b.accountName) || a.accountId.localeCompare(b.accountId));
};
