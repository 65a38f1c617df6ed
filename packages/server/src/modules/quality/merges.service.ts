import {
  type FieldChange,
  limits,
  type Merge,
  type MergeInput,
  type MergeResult,
  type QualityRecordType,
  sortKey,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { AccountsTable, ContactsTable, MergesTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { parseJsonList } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { changeContactLifecycle } from '../contacts/lifecycle.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import {
  type DealContactRow,
  findAccountForMerge,
  findContactForMerge,
  findMerge,
  insertMerge,
  listMergeRows,
  markMergeUndone,
  moveDealContacts,
  moveRows,
  moveSpecs,
  restoreDealContacts,
  setAccountColumns,
  setColumn,
} from './merges.repository.js';
import { accountKeyColumns, contactKeyColumns } from './quality.keys.js';

/*
 * Merging keeps the survivor and moves everything that pointed at the other record to it; the other record
 * goes to the trash. The snapshot keeps the survivor's previous column values, the ids of every moved row
 * and both records' versions after the merge, so an undo puts back exactly what the merge changed — and
 * refuses (412) once the survivor was edited since, rather than overwrite that edit with older values.
 */

type Row = ContactsTable | AccountsTable;
interface FieldDef<R> {
  read(row: R): unknown;
  write(value: unknown): Partial<R>;
  /** Lists are united, the chosen record's entries first. */
  unionMax?: number;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const list = (v: unknown) => JSON.stringify(Array.isArray(v) ? v : []);

const contactFields: Record<string, FieldDef<ContactsTable>> = {
  firstName: {
    read: (r) => r.first_name,
    write: (v) => ({ first_name: String(v ?? ''), sort_first_name: sortKey(String(v ?? '')) }),
  },
  lastName: {
    read: (r) => r.last_name,
    write: (v) => ({ last_name: String(v ?? ''), sort_last_name: sortKey(String(v ?? '')) }),
  },
  emails: {
    read: (r) => parseJsonList(r.emails),
    write: (v) => ({
      emails: list(v),
      email: Array.isArray(v) && v.length > 0 ? String(v[0]).toLowerCase() : null,
    }),
    unionMax: limits.emailsPerContact,
  },
  phone: { read: (r) => r.phone, write: (v) => ({ phone: str(v) }) },
  jobTitle: { read: (r) => r.job_title, write: (v) => ({ job_title: str(v) }) },
  accountId: { read: (r) => r.account_id, write: (v) => ({ account_id: str(v) }) },
  ownerId: { read: (r) => r.owner_id, write: (v) => ({ owner_id: str(v) }) },
  lifecycleStage: { read: (r) => r.lifecycle_stage, write: (v) => ({ lifecycle_stage: String(v) }) },
  source: { read: (r) => r.source, write: (v) => ({ source: str(v) }) },
  tags: { read: (r) => parseJsonList(r.tags), write: (v) => ({ tags: list(v) }), unionMax: limits.tagsPerRecord },
};

const accountFields: Record<string, FieldDef<AccountsTable>> = {
  name: { read: (r) => r.name, write: (v) => ({ name: String(v), sort_name: sortKey(String(v)) }) },
  domain: { read: (r) => r.domain, write: (v) => ({ domain: str(v) }) },
  industry: { read: (r) => r.industry, write: (v) => ({ industry: str(v) }) },
  employeeBand: { read: (r) => r.employee_band, write: (v) => ({ employee_band: str(v) }) },
  country: { read: (r) => r.country, write: (v) => ({ country: str(v) }) },
  city: { read: (r) => r.city, write: (v) => ({ city: str(v) }) },
  postcode: { read: (r) => r.postcode, write: (v) => ({ postcode: str(v) }) },
  ownerId: { read: (r) => r.owner_id, write: (v) => ({ owner_id: str(v) }) },
  tags: { read: (r) => parseJsonList(r.tags), write: (v) => ({ tags: list(v) }), unionMax: limits.tagsPerRecord },
};

const isEmpty = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

const union = (first: unknown, second: unknown, max: number): string[] => {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of [...(first as string[]), ...(second as string[])]) {
    const k = v.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out.slice(0, max);
};

/**
 * The survivor's new values: a named field takes the named record's value; any other keeps the
 * survivor's, or the merged record's where the survivor's is empty; lists are united.
 */
const pickValues = <R extends Row>(
  defs: Record<string, FieldDef<R>>,
  survivor: R,
  merged: R,
  input: MergeInput,
): { set: Partial<R>; before: Partial<R>; changes: FieldChange[]; values: Record<string, unknown> } => {
  const errors = Object.entries(input.fields).flatMap(([field, id]) =>
    !defs[field]
      ? [{ path: `fields.${field}`, message: `Not a field that can be merged (${Object.keys(defs).join(', ')})` }]
      : id !== input.survivorId && id !== input.mergedId
        ? [{ path: `fields.${field}`, message: 'Must be survivorId or mergedId' }]
        : [],
  );
  if (errors.length > 0) throw new AppError('validation_failed', undefined, { errors });
  const set: Partial<R> = {};
  const before: Partial<R> = {};
  const changes: FieldChange[] = [];
  const values: Record<string, unknown> = {};
  for (const [field, def] of Object.entries(defs)) {
    const mine = def.read(survivor);
    const theirs = def.read(merged);
    const chosen = input.fields[field];
    const value =
      def.unionMax !== undefined
        ? chosen === input.mergedId
          ? union(theirs, mine, def.unionMax)
          : union(mine, theirs, def.unionMax)
        : chosen === input.mergedId
          ? theirs
          : chosen === input.survivorId || !isEmpty(mine)
            ? mine
            : theirs;
    values[field] = value;
    if (JSON.stringify(value ?? null) === JSON.stringify(mine ?? null)) continue;
    changes.push({ field, from: mine ?? null, to: value ?? null });
    const written = def.write(value);
    Object.assign(set, written);
    for (const col of Object.keys(written) as (keyof R)[]) before[col] = survivor[col];
  }
  return { set, before, changes, values };
};

interface MergeSnapshot {
  /** The survivor's columns the merge changed, as they were. */
  before: Record<string, unknown>;
  survivorVersion: number;
  mergedVersion: number;
  moved: Record<string, string[]>;
  dealContacts?: { moved: string[]; removed: DealContactRow[] };
}

const counts = (s: MergeSnapshot): Record<string, number> => ({
  ...Object.fromEntries(Object.entries(s.moved).map(([k, ids]) => [k, ids.length])),
  ...(s.dealContacts ? { deal_contacts: s.dealContacts.moved.length + s.dealContacts.removed.length } : {}),
});

const notFound = (type: QualityRecordType) =>
  new AppError(type === 'contact' ? 'contact_not_found' : 'account_not_found');

/**
 * Writes a contact's merged or restored fields through the contacts module, which owns its lifecycle stage:
 * one versioned write, so the version moves by one; a stale version is a version_conflict. The merge writes
 * its own audit entries.
 */
const setContactColumns = async (db: Db, id: string, version: number, set: Partial<ContactsTable>) => {
  const { lifecycle_stage: stage, updated_at: at, ...alongside } = set;
  await changeContactLifecycle(db, null, id, stage === undefined ? {} : { stage }, {
    expectedVersion: version,
    audit: false,
    ...(at !== undefined && { at }),
    alongside,
  });
  return true;
};

const ops = {
  contact: {
    find: findContactForMerge as (db: Db, id: string) => Promise<Row | undefined>,
    set: setContactColumns as (db: Db, id: string, version: number, set: Partial<Row>) => Promise<boolean>,
    defs: contactFields as Record<string, FieldDef<Row>>,
    keys: (values: Record<string, unknown>, at: string) =>
      contactKeyColumns(
        {
          firstName: String(values.firstName ?? ''),
          lastName: String(values.lastName ?? ''),
          phone: str(values.phone),
        },
        at,
      ),
  },
  account: {
    find: findAccountForMerge as (db: Db, id: string) => Promise<Row | undefined>,
    set: setAccountColumns as (db: Db, id: string, version: number, set: Partial<Row>) => Promise<boolean>,
    defs: accountFields as Record<string, FieldDef<Row>>,
    keys: (values: Record<string, unknown>, at: string) => accountKeyColumns({ name: String(values.name ?? '') }, at),
  },
};

const mergeRecords = async (
  ctx: AppContext,
  actor: Actor,
  type: QualityRecordType,
  input: MergeInput,
): Promise<MergeResult> => {
  assertCan(actor, 'quality.write');
  if (input.survivorId === input.mergedId) throw fieldError('mergedId', 'A record cannot be merged with itself');
  const op = ops[type];
  return ctx.db.transaction().execute(async (trx) => {
    const survivor = await op.find(trx, input.survivorId);
    const merged = await op.find(trx, input.mergedId);
    if (!survivor || survivor.deleted_at || !merged || merged.deleted_at) throw notFound(type);
    const { set, before, changes, values } = pickValues(op.defs, survivor, merged, input);
    const now = nowIso();
    const mergeId = newId();

    const moved: Record<string, string[]> = {};
    for (const spec of moveSpecs[type]) moved[spec.key] = await moveRows(trx, spec, merged.id, survivor.id, now);
    const dealContacts = type === 'contact' ? await moveDealContacts(trx, merged.id, survivor.id) : undefined;

    const keys = op.keys(values, now);
    const keysBefore = Object.fromEntries(Object.keys(keys).map((k) => [k, survivor[k as keyof Row] ?? null]));
    if (!(await op.set(trx, survivor.id, survivor.version, { ...set, ...keys, updated_at: now }))) {
      throw new AppError('version_conflict');
    }
    if (!(await op.set(trx, merged.id, merged.version, { deleted_at: now, updated_at: now }))) {
      throw new AppError('version_conflict');
    }
    const snapshot: MergeSnapshot = {
      before: { ...before, ...keysBefore },
      survivorVersion: survivor.version + 1,
      mergedVersion: merged.version + 1,
      moved,
      ...(dealContacts ? { dealContacts } : {}),
    };
    await insertMerge(trx, {
      id: mergeId,
      entity_type: type,
      survivor_id: survivor.id,
      merged_id: merged.id,
      snapshot: JSON.stringify(snapshot),
      actor_id: actor.id,
      created_at: now,
      undone_at: null,
      undone_by: null,
    });
    const link = { field: 'merge', from: null, to: mergeId };
    await recordAudit(trx, actor, type, survivor.id, 'merged', [
      link,
      { field: 'mergedRecord', from: null, to: merged.id },
      ...changes,
    ]);
    await recordAudit(trx, actor, type, merged.id, 'merged_into', [
      link,
      { field: 'survivor', from: null, to: survivor.id },
    ]);
    return { mergeId, type, survivorId: survivor.id, mergedId: merged.id, moved: counts(snapshot) };
  });
};

/** Merges two contacts: timeline, handoffs, touchpoints, consents, deals, tasks… move to the survivor. */
export const mergeContacts = (ctx: AppContext, actor: Actor, input: MergeInput) =>
  mergeRecords(ctx, actor, 'contact', input);

/** Merges two accounts: contacts, deals, timeline, tasks and activities move to the survivor. */
export const mergeAccounts = (ctx: AppContext, actor: Actor, input: MergeInput) =>
  mergeRecords(ctx, actor, 'account', input);

const presentMerge = (m: MergesTable): Merge => ({
  id: m.id,
  type: m.entity_type as QualityRecordType,
  survivorId: m.survivor_id,
  mergedId: m.merged_id,
  actorId: m.actor_id,
  createdAt: m.created_at,
  undoneAt: m.undone_at,
  undoneBy: m.undone_by,
  moved: counts(JSON.parse(m.snapshot) as MergeSnapshot),
});

/**
 * Undoes a merge: the merged record comes back from the trash, the moved rows move back and the survivor
 * gets its previous values. Refused with 412 if either record changed since the merge.
 */
export const undoMerge = async (ctx: AppContext, actor: Actor, id: string): Promise<Merge> => {
  assertCan(actor, 'quality.write');
  return ctx.db.transaction().execute(async (trx) => {
    const merge = await findMerge(trx, id);
    if (!merge) throw new AppError('merge_not_found');
    if (merge.undone_at) throw new AppError('merge_undone');
    const type = merge.entity_type as QualityRecordType;
    const op = ops[type];
    const snapshot = JSON.parse(merge.snapshot) as MergeSnapshot;
    const survivor = await op.find(trx, merge.survivor_id);
    const merged = await op.find(trx, merge.merged_id);
    if (!survivor || survivor.deleted_at || survivor.version !== snapshot.survivorVersion) {
      throw new AppError('version_conflict', 'The surviving record was changed since the merge');
    }
    if (!merged?.deleted_at || merged.version !== snapshot.mergedVersion) {
      throw new AppError('version_conflict', 'The merged record was changed since the merge');
    }
    const now = nowIso();
    await op.set(trx, merged.id, merged.version, { deleted_at: null, updated_at: now });
    for (const spec of moveSpecs[type]) {
      await setColumn(trx, spec, snapshot.moved[spec.key] ?? [], survivor.id, merged.id, now);
    }
    if (snapshot.dealContacts) {
      const { moved, removed } = snapshot.dealContacts;
      await restoreDealContacts(trx, merged.id, survivor.id, moved, removed);
    }
    // the keys are restored with the values they belong to, so they are fresh as of now
    await op.set(trx, survivor.id, survivor.version, {
      ...(snapshot.before as Partial<Row>),
      updated_at: now,
      keys_at: now,
    });
    await markMergeUndone(trx, merge.id, actor.id, now);
    const link = { field: 'merge', from: null, to: merge.id };
    await recordAudit(trx, actor, type, survivor.id, 'merge_undone', [link]);
    await recordAudit(trx, actor, type, merged.id, 'merge_undone', [link]);
    return presentMerge({ ...merge, undone_at: now, undone_by: actor.id });
  });
};

/** The merges a record took part in, newest first (the audit entry links to one by id). */
export const listMerges = async (
  ctx: AppContext,
  _actor: Actor,
  query: { type: QualityRecordType; id: string },
): Promise<Merge[]> => (await listMergeRows(ctx.db, query.type, query.id)).map(presentMerge);
