import type { Actor } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { ContactsTable } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { nowIso } from '../../lib/ids.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { findContactColumns, updateContactRow } from './contacts.repository.js';

/*
 * A contact's place in the funnel (lifecycle stage, the stage stamps) changes here and nowhere else: the
 * contact edit, handoffs, deals, merges and the demo seed call changeContactLifecycle. The trigger of
 * migration 0007 stamps a stage when the contact reaches it; only the demo seed moves stamps back in time.
 * The lead score is derived: scoring (modules/leads) stores it with the instant it was computed for, without
 * moving the version, so a rescore never turns an open edit into a conflict.
 */

/** The funnel stamps, `<stage>_at`: when the contact first reached each stage. */
export type FunnelStamp = 'lead_at' | 'mql_at' | 'sal_at' | 'sql_at' | 'opportunity_at' | 'customer_at';

export interface LifecycleChange {
  /** The new lifecycle stage; the same stage again changes nothing. */
  stage?: string;
  /** The new lead score. */
  score?: number;
  /**
   * Moves stamps back in time (seeding): a stamp later than `at` takes `at`; an unset stamp only with
   * `fill`.
   */
  backdate?: Partial<Record<FunnelStamp, { at: string; fill?: boolean }>>;
}

/** Columns a caller may write in the same versioned update; the lifecycle's own go through the change. */
export type ContactColumns = Omit<
  Partial<ContactsTable>,
  'id' | 'version' | 'updated_at' | 'lifecycle_stage' | 'score' | FunnelStamp
>;

export interface LifecycleOptions {
  /** The version the caller saw: another one is a version_conflict (412). Without it, the version read now. */
  expectedVersion?: number;
  /** The write's time: the new updated_at, and so the stamp the trigger sets on a stage change. Default now. */
  at?: string;
  /** The "updated" audit entry of a stage change; off when the caller writes its own (a merge). */
  audit?: boolean;
  /**
   * More columns for the same write, so the version moves by one (a merge writes all the survivor's fields
   * at once).
   */
  alongside?: ContactColumns;
}

const stampChanges = (row: ContactsTable, backdate: LifecycleChange['backdate'] = {}) => {
  const set: Partial<Record<FunnelStamp, string>> = {};
  for (const [stamp, { at, fill }] of Object.entries(backdate) as [FunnelStamp, { at: string; fill?: boolean }][]) {
    const current = row[stamp] ?? null;
    if (current === null ? fill : current > at) set[stamp] = at;
  }
  return set;
};

/**
 * Changes a contact's lifecycle stage, score or stamps in the caller's transaction: checks the version
 * (when given), writes with the version guard and bumps it, audits a stage change, and returns the row as
 * written (with the stamps the trigger set). Nothing to change writes nothing.
 */
export const changeContactLifecycle = async (
  db: Db,
  actor: Pick<Actor, 'id' | 'department'> | null,
  contactId: string,
  change: LifecycleChange,
  opts: LifecycleOptions = {},
): Promise<ContactsTable> => {
  const row = await findContactColumns(db, contactId);
  if (!row) throw new AppError('contact_not_found');
  if (opts.expectedVersion !== undefined && row.version !== opts.expectedVersion) {
    throw new AppError('version_conflict');
  }
  const stageChanged = change.stage !== undefined && change.stage !== row.lifecycle_stage;
  const set: Partial<ContactsTable> = {
    ...(stageChanged && { lifecycle_stage: change.stage }),
    ...(change.score !== undefined && change.score !== row.score && { score: change.score }),
    ...stampChanges(row, change.backdate),
  };
  const alongside = opts.alongside ?? {};
  if (Object.keys(set).length === 0 && Object.keys(alongside).length === 0) return row;
  const at = opts.at ?? nowIso();
  // the duplicate keys do not depend on the funnel: fresh keys stay fresh (callers writing more columns
  // alongside write their keys themselves)
  const keys = Object.keys(alongside).length === 0 && row.keys_at === row.updated_at ? { keys_at: at } : {};
  const result = await updateContactRow(db, contactId, row.version, { ...keys, ...alongside, ...set, updated_at: at });
  if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
  if (stageChanged && opts.audit !== false) {
    await recordAudit(db, actor, 'contact', contactId, 'updated', [
      { field: 'lifecycleStage', from: row.lifecycle_stage, to: change.stage },
    ]);
  }
  return (await findContactColumns(db, contactId)) ?? row;
};
