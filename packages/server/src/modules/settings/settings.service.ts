import {
  AttributionSettings,
  type BusinessCalendar,
  CloseReasons,
  can,
  GoalSettings,
  LeadFormSettings,
  RejectReasons,
  RoutingSettings,
  ScoringSettings,
  SlaSettings,
  type SlaState,
  slaCalendar,
} from '@nenner/shared';
import { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { enqueueFullRescore } from '../leads/leads.jobs.js';
import { recordAudit } from '../timeline/timeline.service.js';
import {
  defaultAttribution,
  defaultCloseReasons,
  defaultFormSettings,
  defaultGoalSettings,
  defaultRejectReasons,
  defaultRouting,
  defaultScoring,
  defaultSla,
  type FormSettings,
} from './settings.defaults.js';
import {
  decideSlaProposals,
  findPendingSlaProposal,
  findSetting,
  insertSlaProposal,
  writeSetting,
} from './settings.repository.js';

/** Each setting: its key, schema and default. Who may change it is the policies' (settings.*) to say. */
const definitions = {
  sla: { schema: SlaSettings, fallback: defaultSla },
  scoring: { schema: ScoringSettings, fallback: defaultScoring },
  routing: { schema: RoutingSettings, fallback: defaultRouting },
  reject_reasons: { schema: RejectReasons, fallback: defaultRejectReasons },
  forms: { schema: LeadFormSettings, fallback: defaultFormSettings },
  close_reasons: { schema: CloseReasons, fallback: defaultCloseReasons },
  attribution: { schema: AttributionSettings, fallback: defaultAttribution },
  goals: { schema: GoalSettings, fallback: defaultGoalSettings },
} as const;
type Key = keyof typeof definitions;
type ValueOf<K extends Key> = z.output<(typeof definitions)[K]['schema']>;

export interface Stored<T> {
  value: T;
  version: number;
  updatedAt: string | null;
}

/** Reads a setting, or its default when none is stored yet. */
export const readSetting = async <K extends Key>(db: Db, key: K): Promise<Stored<ValueOf<K>>> => {
  const row = await findSetting(db, key);
  const def = definitions[key];
  if (!row) return { value: def.fallback as ValueOf<K>, version: 0, updatedAt: null };
  return {
    value: def.schema.parse(JSON.parse(row.value)) as ValueOf<K>,
    version: row.version,
    updatedAt: row.updated_at,
  };
};

const store = async <K extends Key>(
  db: Db,
  actor: Actor | null,
  key: K,
  value: ValueOf<K>,
  expectedVersion: number | null,
): Promise<Stored<ValueOf<K>>> => {
  const current = await readSetting(db, key);
  if (expectedVersion !== null && expectedVersion !== current.version) throw new AppError('version_conflict');
  const now = nowIso();
  if (!(await writeSetting(db, key, JSON.stringify(value), current.version, actor?.id ?? null, now))) {
    throw new AppError('version_conflict');
  }
  await recordAudit(db, actor, 'setting', key, 'updated', [{ field: key, from: current.value, to: value }]);
  return { value, version: current.version + 1, updatedAt: now };
};

const ADMINS_ONLY = 'Only admins can do this';

/** Replaces the scoring rules (marketing and admins) and queues the rescore of every contact. */
export const updateScoring = (
  ctx: AppContext,
  actor: Actor,
  value: ScoringSettings,
  expectedVersion: number | null,
) => {
  assertCan(actor, 'settings.scoring', undefined, 'Only marketing, admins can change this setting');
  return ctx.db.transaction().execute(async (trx) => {
    const stored = await store(trx, actor, 'scoring', value, expectedVersion);
    // every stored score was computed with the old rules: all are rescored, and the job exists exactly
    // when the new rules do
    await enqueueFullRescore(trx, stored.version);
    return stored;
  });
};

/** Replaces the routing rules (sales and admins). */
export const updateRouting = (
  ctx: AppContext,
  actor: Actor,
  value: RoutingSettings,
  expectedVersion: number | null,
) => {
  assertCan(actor, 'settings.routing', undefined, 'Only sales, admins can change this setting');
  return ctx.db.transaction().execute((trx) => store(trx, actor, 'routing', value, expectedVersion));
};

/** Replaces the list of rejection reasons (admins). */
export const updateRejectReasons = (
  ctx: AppContext,
  actor: Actor,
  value: RejectReasons,
  expectedVersion: number | null,
) => {
  assertCan(actor, 'settings.admin', undefined, ADMINS_ONLY);
  return ctx.db.transaction().execute((trx) => store(trx, actor, 'reject_reasons', value, expectedVersion));
};

/** Replaces the list of reasons a deal is won or lost (admins). */
export const updateCloseReasons = (
  ctx: AppContext,
  actor: Actor,
  value: CloseReasons,
  expectedVersion: number | null,
) => {
  assertCan(actor, 'settings.admin', undefined, ADMINS_ONLY);
  return ctx.db.transaction().execute((trx) => store(trx, actor, 'close_reasons', value, expectedVersion));
};

/** Replaces the attribution settings: default model, lookback, half-life, touch types (admins). */
export const updateAttributionSettings = (
  ctx: AppContext,
  actor: Actor,
  value: AttributionSettings,
  expectedVersion: number | null,
) => {
  assertCan(actor, 'settings.admin', undefined, ADMINS_ONLY);
  return ctx.db.transaction().execute((trx) => store(trx, actor, 'attribution', value, expectedVersion));
};

/** Replaces the goal settings: fiscal year, at-risk band, the alignment index's weights (admins). */
export const updateGoalSettings = (
  ctx: AppContext,
  actor: Actor,
  value: GoalSettings,
  expectedVersion: number | null,
) => {
  assertCan(actor, 'settings.admin', undefined, ADMINS_ONLY);
  return ctx.db.transaction().execute((trx) => store(trx, actor, 'goals', value, expectedVersion));
};

/** Replaces form settings such as the redirect allow-list (marketing and admins). */
export const updateFormSettings = (
  ctx: AppContext,
  actor: Actor,
  value: FormSettings,
  expectedVersion: number | null,
) => {
  assertCan(actor, 'settings.forms', undefined, 'Only marketing, admins can change this setting');
  return ctx.db.transaction().execute((trx) => store(trx, actor, 'forms', value, expectedVersion));
};

/** The SLA in force and a change waiting for the other department's approval. */
export const getSla = async (db: Db): Promise<SlaState> => {
  const current = await readSetting(db, 'sla');
  const pending = await findPendingSlaProposal(db);
  return {
    current: current.value,
    version: current.version,
    updatedAt: current.updatedAt,
    pending: pending
      ? {
          id: pending.id,
          proposal: SlaSettings.parse(JSON.parse(pending.value)),
          proposedBy: { id: pending.proposed_by, name: pending.proposer_name, department: pending.department },
          proposedAt: pending.created_at,
        }
      : null,
  };
};

/**
 * The SLA is a contract: admins set it directly; a member of marketing or sales proposes, and the
 * change takes effect when someone from the other department approves it.
 */
export const proposeSla = async (
  ctx: AppContext,
  actor: Actor,
  value: SlaSettings,
  expectedVersion: number | null,
): Promise<{ applied: boolean; state: SlaState }> => {
  assertCan(actor, 'settings.sla.propose', undefined, 'The SLA is agreed between marketing and sales');
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    if (can(actor, 'settings.sla.apply')) {
      await store(trx, actor, 'sla', value, expectedVersion);
      await decideSlaProposals(trx, 'superseded', actor.id, now);
      return { applied: true, state: await getSla(trx) };
    }
    const current = await readSetting(trx, 'sla');
    if (expectedVersion !== null && expectedVersion !== current.version) throw new AppError('version_conflict');
    await decideSlaProposals(trx, 'superseded', actor.id, now);
    const id = newId();
    await insertSlaProposal(trx, {
      id,
      value: JSON.stringify(value),
      proposed_by: actor.id,
      department: actor.department,
      created_at: now,
    });
    await recordAudit(trx, actor, 'setting', 'sla', 'proposed', [{ field: 'sla', from: current.value, to: value }]);
    return { applied: false, state: await getSla(trx) };
  });
};

/** Approves or declines the pending SLA change; only the other department (or an admin) may. */
export const decideSla = async (ctx: AppContext, actor: Actor, id: string, approve: boolean): Promise<SlaState> => {
  assertCan(actor, 'settings.sla.decide');
  return ctx.db.transaction().execute(async (trx) => {
    const pending = await findPendingSlaProposal(trx);
    if (!pending || pending.id !== id) throw new AppError('proposal_not_found');
    assertCan(
      actor,
      'settings.sla.decide',
      { department: pending.department },
      'The other department approves an SLA change',
    );
    const now = nowIso();
    if (approve) {
      await store(trx, actor, 'sla', SlaSettings.parse(JSON.parse(pending.value)), null);
    }
    await decideSlaProposals(trx, approve ? 'approved' : 'rejected', actor.id, now, id);
    await recordAudit(trx, actor, 'setting', 'sla', approve ? 'approved' : 'declined');
    return getSla(trx);
  });
};

/** The business calendar of an SLA (the one the web app's countdowns use too). */
export const calendarOf = (sla: SlaSettings): BusinessCalendar => slaCalendar(sla);

export const settingKeys = Object.keys(definitions) as Key[];

const ROUND_ROBIN = 'routing_state';
const RoundRobinSchema = z.record(z.string(), z.string());

/** Per team, who got the last lead. */
export const readRoundRobin = async (db: Db): Promise<Stored<Record<string, string>>> => {
  const row = await findSetting(db, ROUND_ROBIN);
  if (!row) return { value: {}, version: 0, updatedAt: null };
  return { value: RoundRobinSchema.parse(JSON.parse(row.value)), version: row.version, updatedAt: row.updated_at };
};

/**
 * Stores the round-robin state. Losing a race to a concurrent assignment only means two leads in a
 * row may go to the same person, so a lost write is not an error.
 */
export const writeRoundRobin = async (
  db: Db,
  state: Record<string, string>,
  expectedVersion: number,
): Promise<void> => {
  await writeSetting(db, ROUND_ROBIN, JSON.stringify(state), expectedVersion, null, nowIso());
};
