import {
  type AttentionItem,
  type AttentionQuery,
  accountCompletenessFields,
  type Completeness,
  completenessOf,
  contactCompletenessFields,
  type Page,
  type QualityRecordType,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, encodeCursor, parseJsonList } from '../../lib/cursor.js';
import { getAccount } from '../accounts/accounts.service.js';
import { getContact } from '../contacts/contacts.service.js';
import {
  type AttentionRow,
  countFilledWeights as countFilledWeightRows,
  type FilledWeightCount,
  listAttentionRows,
  recordsFingerprint,
} from './quality.repository.js';

/** Completeness of one contact (which important fields are missing). */
export const contactQuality = async (ctx: AppContext, actor: Actor, id: string): Promise<Completeness> =>
  completenessOf<Record<string, unknown>>(await getContact(ctx, actor, id), contactCompletenessFields);

/** Completeness of one account. */
export const accountQuality = async (ctx: AppContext, actor: Actor, id: string): Promise<Completeness> =>
  completenessOf<Record<string, unknown>>(await getAccount(ctx, actor, id), accountCompletenessFields);

const attentionItem = (type: QualityRecordType, r: AttentionRow): AttentionItem => {
  if (type === 'contact') {
    const record = {
      emails: parseJsonList(r.emails ?? null),
      lastName: r.last_name,
      firstName: r.first_name,
      accountId: r.account_id,
      jobTitle: r.job_title,
      phone: r.phone,
      ownerId: r.owner_id,
    };
    const name = `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim() || record.emails[0] || '';
    return { type, id: r.id, name, updatedAt: r.updated_at, ...completenessOf(record, contactCompletenessFields) };
  }
  const record = {
    domain: r.domain,
    industry: r.industry,
    employeeBand: r.employee_band,
    country: r.country,
    city: r.city,
    ownerId: r.owner_id,
  };
  return {
    type,
    id: r.id,
    name: r.name ?? '',
    updatedAt: r.updated_at,
    ...completenessOf(record, accountCompletenessFields),
  };
};

/** An owner's records that need attention: the least complete first, paged (an unknown owner has none). */
export const listAttention = async (
  ctx: AppContext,
  actor: Actor,
  query: AttentionQuery,
): Promise<Page<AttentionItem>> => {
  const ownerId = query.ownerId === 'me' ? actor.id : query.ownerId;
  const sort = `attention:${query.type}`;
  let after: [number, string] | undefined;
  if (query.cursor) {
    const [filled, id] = decodeCursor(query.cursor, { sort, value: 'integer' });
    if (typeof filled !== 'number') throw new AppError('invalid_cursor');
    after = [Number(filled), id];
  }
  const rows = await listAttentionRows(ctx.db, { type: query.type, ownerId, limit: query.limit, after });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => attentionItem(query.type, r)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.filled, last.id, sort) : null,
  };
};

/*
 * Counting every record's filled weight reads the whole table (a second over a million contacts), and
 * the answer only changes when a record does: it is kept per question until the records' fingerprint
 * (count and last change) moves. Per process; a few dozen questions (one per day and window asked).
 */
const FILLED_WEIGHT_CACHE_SIZE = 32;
const filledWeightCache = new Map<string, { fingerprint: string; rows: FilledWeightCount[] }>();

/**
 * Live contacts or accounts per filled completeness weight and interval of creation, for figures over
 * many records (the alignment index's data completeness): scored with completeness.ts, as a record is.
 */
export const countFilledWeights = async (
  ctx: AppContext,
  type: QualityRecordType,
  createdBefore: string[],
): Promise<FilledWeightCount[]> => {
  const key = `${type}|${createdBefore.join(',')}`;
  const fingerprint = await recordsFingerprint(ctx.db, type);
  const cached = filledWeightCache.get(key);
  if (cached?.fingerprint === fingerprint) return cached.rows;
  const rows = await countFilledWeightRows(ctx.db, type, createdBefore);
  if (filledWeightCache.size >= FILLED_WEIGHT_CACHE_SIZE) {
    filledWeightCache.delete(filledWeightCache.keys().next().value as string);
  }
  filledWeightCache.set(key, { fingerprint, rows });
  return rows;
};
