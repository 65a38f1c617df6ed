import {
  type DismissDuplicateInput,
  type DuplicatePair,
  type DuplicateReason,
  normalizePersonName,
  type Page,
  type QualityRecordType,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { nowIso } from '../../lib/ids.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { accountKeyColumns, memoize, personNameKey, phoneKey } from './quality.keys.js';
import {
  type DuplicateGroupSpec,
  type DuplicateMemberRow,
  findDismissedPairs,
  findDuplicateGroups,
  findGroupMembers,
  findLiveIds,
  findStaleKeyRows,
  insertDismissal,
  writeKeys,
} from './quality.repository.js';

/*
 * The scan walks, kind by kind, the keys that more than one live record shares (an indexed GROUP BY, never
 * a comparison of all pairs) and turns each group into pairs. A pair that also matches on an earlier kind
 * was listed there already and is skipped, so each pair appears once, with all its reasons. The cursor
 * says where to resume: kind, group key, and how many of that group's pairs were listed.
 */

interface Kind {
  spec: DuplicateGroupSpec;
}
const kinds: Record<QualityRecordType, Kind[]> = {
  contact: [
    { spec: { table: 'contacts', columns: ['email'], index: 'contacts_dup_email' } },
    { spec: { table: 'contacts', columns: ['phone_key'], index: 'contacts_dup_phone' } },
    // similar names only count at the same account
    { spec: { table: 'contacts', columns: ['account_id', 'name_key'], index: 'contacts_dup_name' } },
  ],
  account: [
    { spec: { table: 'accounts', columns: ['domain'], index: 'accounts_dup_domain' } },
    { spec: { table: 'accounts', columns: ['name_key'], index: 'accounts_dup_name' } },
    { spec: { table: 'accounts', columns: ['phonetic_key'], index: 'accounts_dup_phonetic' } },
  ],
};

/** Reasons a pair matches, in kind order: the index of the first is the kind it is listed under. */
const reasonsOf = (type: QualityRecordType, a: DuplicateMemberRow, b: DuplicateMemberRow) => {
  const found: { kind: number; reason: DuplicateReason }[] = [];
  const same = (x: string | null | undefined, y: string | null | undefined) => !!x && x === y;
  if (type === 'contact') {
    if (same(a.email, b.email)) found.push({ kind: 0, reason: 'email' });
    if (same(a.phone_key, b.phone_key)) found.push({ kind: 1, reason: 'phone' });
    if (same(a.account_id, b.account_id) && same(a.name_key, b.name_key)) {
      const full = (r: DuplicateMemberRow) => normalizePersonName(`${r.first_name ?? ''} ${r.last_name ?? ''}`);
      found.push({ kind: 2, reason: full(a) === full(b) ? 'same_name' : 'similar_name' });
    }
  } else {
    if (same(a.domain, b.domain)) found.push({ kind: 0, reason: 'domain' });
    if (same(a.name_key, b.name_key)) found.push({ kind: 1, reason: 'same_name' });
    else if (same(a.phonetic_key, b.phonetic_key)) found.push({ kind: 2, reason: 'similar_name' });
  }
  return found;
};

/** How much each reason alone says; together they combine as independent evidence, 1 − Π(1 − w). */
const weights: Record<QualityRecordType, Partial<Record<DuplicateReason, number>>> = {
  contact: { email: 0.9, phone: 0.6, same_name: 0.7, similar_name: 0.5 },
  account: { domain: 0.8, same_name: 0.8, similar_name: 0.5 },
};
const confidenceOf = (type: QualityRecordType, reasons: DuplicateReason[]) =>
  Math.round((1 - reasons.reduce((p, r) => p * (1 - (weights[type][r] ?? 0)), 1)) * 100) / 100;

const present = (type: QualityRecordType, r: DuplicateMemberRow) =>
  type === 'contact'
    ? {
        id: r.id,
        name: `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim(),
        email: r.email ?? null,
        phone: r.phone ?? null,
        accountId: r.account_id,
        updatedAt: r.updated_at,
      }
    : { id: r.id, name: r.name ?? '', email: r.domain ?? null, phone: null, accountId: null, updatedAt: r.updated_at };

// Members of one key beyond this are not paired: a switchboard number shared by a whole company would
// otherwise make thousands of pairs, and the first ones show the problem already.
const GROUP_MEMBERS_MAX = 12;
const REKEY_BATCH = 1000;

interface ScanCursor {
  kind: number;
  key: string[] | null;
  /** Pairs of group `key` already listed; -1: the whole group, resume after it. */
  skip: number;
}

const encodeScanCursor = (type: QualityRecordType, c: ScanCursor) =>
  Buffer.from(JSON.stringify([type, c.kind, c.key, c.skip])).toString('base64url');

const decodeScanCursor = (type: QualityRecordType, cursor: string): ScanCursor => {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 4 &&
      v[0] === type &&
      Number.isInteger(v[1]) &&
      v[1] >= 0 &&
      v[1] < kinds[type].length &&
      Array.isArray(v[2]) &&
      v[2].length === kinds[type][v[1]]?.spec.columns.length &&
      v[2].every((k: unknown) => typeof k === 'string') &&
      Number.isInteger(v[3]) &&
      v[3] >= -1
    ) {
      return { kind: v[1], key: v[2], skip: v[3] };
    }
  } catch {
    // fall through
  }
  throw new AppError('invalid_cursor');
};

/**
 * Computes the keys of rows written without them (a bulk import, rows from before keys existed, edits by
 * paths that do not key). Memoized: names repeat, and the phonetic code is the costly part.
 */
export const refreshDuplicateKeys = async (ctx: AppContext, type: QualityRecordType): Promise<number> => {
  const personKey = memoize(personNameKey);
  const companyKeys = memoize((name: string) => accountKeyColumns({ name }, ''));
  let afterId = '';
  let count = 0;
  for (;;) {
    const rows = await findStaleKeyRows(ctx.db, type, afterId, REKEY_BATCH);
    if (rows.length === 0) return count;
    const keyed = rows.map((r): [string, string | null, string | null] => {
      if ('first_name' in r) return [r.id, phoneKey(r.phone), personKey(r.first_name, r.last_name)];
      const k = companyKeys((r as { name: string }).name);
      return [r.id, k.name_key, k.phonetic_key];
    });
    await writeKeys(ctx.db, type, keyed);
    count += rows.length;
    afterId = rows.at(-1)?.id ?? afterId;
    if (rows.length < REKEY_BATCH) return count;
  }
};

/** Pairs of probable duplicates with their reasons and a confidence, paged; dismissed pairs are left out. */
export const listDuplicates = async (
  ctx: AppContext,
  _actor: Actor,
  query: { type: QualityRecordType; limit: number; cursor?: string },
): Promise<Page<DuplicatePair>> => {
  const { type, limit } = query;
  // A scan re-keys stale rows when it starts; its later pages read the keys as they are.
  if (!query.cursor) await refreshDuplicateKeys(ctx, type);
  let at: ScanCursor = query.cursor ? decodeScanCursor(type, query.cursor) : { kind: 0, key: null, skip: 0 };
  const items: DuplicatePair[] = [];
  const kindList = kinds[type];
  while (at.kind < kindList.length) {
    const spec = kindList[at.kind]?.spec as DuplicateGroupSpec;
    const groups = await findDuplicateGroups(ctx.db, spec, at.key, at.skip !== -1, limit, ctx.engine);
    const members = await findGroupMembers(ctx.db, spec, groups, GROUP_MEMBERS_MAX);
    const byKey = new Map<string, DuplicateMemberRow[]>();
    for (const m of members) {
      const k = JSON.stringify(spec.columns.map((c) => String((m as unknown as Record<string, unknown>)[c])));
      byKey.set(k, [...(byKey.get(k) ?? []), m]);
    }
    const dismissed = await findDismissedPairs(
      ctx.db,
      type,
      members.map((m) => m.id),
    );
    for (const key of groups) {
      const group = (byKey.get(JSON.stringify(key)) ?? []).sort((a, b) => (a.id < b.id ? -1 : 1));
      const skip = at.key && JSON.stringify(at.key) === JSON.stringify(key) ? at.skip : 0;
      let index = 0;
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          index += 1;
          if (index <= skip) continue;
          const a = group[i] as DuplicateMemberRow;
          const b = group[j] as DuplicateMemberRow;
          const found = reasonsOf(type, a, b);
          if (found[0]?.kind !== at.kind || dismissed.has(`${a.id}|${b.id}`)) continue;
          const reasons = found.map((f) => f.reason);
          items.push({
            type,
            ids: [a.id, b.id],
            records: [present(type, a), present(type, b)],
            reasons,
            confidence: confidenceOf(type, reasons),
          });
          if (items.length === limit) {
            return { items, nextCursor: encodeScanCursor(type, { kind: at.kind, key, skip: index }) };
          }
        }
      }
    }
    const last = groups.at(-1);
    if (groups.length < limit || !last) at = { kind: at.kind + 1, key: null, skip: 0 };
    else at = { kind: at.kind, key: last, skip: -1 };
  }
  return { items, nextCursor: null };
};

/** Marks a pair as "not a duplicate" for good; audited on both records. */
export const dismissDuplicate = async (ctx: AppContext, actor: Actor, input: DismissDuplicateInput): Promise<void> => {
  assertCan(actor, 'quality.write');
  const [a, b] = [...input.ids].sort() as [string, string];
  await ctx.db.transaction().execute(async (trx) => {
    const live = await findLiveIds(trx, input.type, [a, b]);
    if (live.length !== 2) throw new AppError(input.type === 'contact' ? 'contact_not_found' : 'account_not_found');
    const result = await insertDismissal(trx, {
      entity_type: input.type,
      id_a: a,
      id_b: b,
      actor_id: actor.id,
      created_at: nowIso(),
    });
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await recordAudit(trx, actor, input.type, a, 'duplicate_dismissed', [{ field: 'duplicateOf', from: null, to: b }]);
    await recordAudit(trx, actor, input.type, b, 'duplicate_dismissed', [{ field: 'duplicateOf', from: null, to: a }]);
  });
};
