import {
  type Contact,
  type CreateContactInput,
  can,
  type ListContactsQuery,
  type Page,
  sortKey,
  type UpdateContactInput,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { rankedSort } from '../../db/search.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { encodeCursor, parseJsonList } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { assertLiveAccount } from '../accounts/accounts.service.js';
import { openHandoffByHand } from '../handoffs/handoffs.service.js';
import { handOverIfQualified, rescoreContact, type StoredScore, scoreNewContact } from '../leads/scoring.service.js';
import { contactKeyColumns } from '../quality/quality.keys.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import { assertActiveUsers } from '../users/users.service.js';
import { emitWebhookEvent } from '../webhooks/webhooks.emit.js';
import {
  type ContactRow,
  cursorValue,
  findContactRow,
  insertContact,
  listContactRows,
  setSourceCampaignIfNone,
  updateContactRow,
} from './contacts.repository.js';
import { changeContactLifecycle } from './lifecycle.service.js';

const fields = [
  'firstName',
  'lastName',
  'emails',
  'phone',
  'jobTitle',
  'accountId',
  'ownerId',
  'lifecycleStage',
  'source',
  'tags',
] as const;

/** The contact's own fit facts the lead score reads (its account's are rescored by the account edit). */
const scoredFields = new Set<string>(['jobTitle', 'emails', 'accountId', 'source']);

export const presentContact = (r: ContactRow): Contact => ({
  id: r.id,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  firstName: r.first_name,
  lastName: r.last_name,
  emails: parseJsonList(r.emails),
  phone: r.phone,
  jobTitle: r.job_title,
  accountId: r.account_id,
  account: r.account_id ? { id: r.account_id, name: r.account_name ?? '' } : null,
  ownerId: r.owner_id,
  owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '', department: r.owner_department ?? '' } : null,
  lifecycleStage: r.lifecycle_stage as Contact['lifecycleStage'],
  source: r.source,
  tags: parseJsonList(r.tags),
  deletedAt: r.deleted_at,
  score: r.score ?? 0,
  firstUtmSource: r.first_utm_source ?? null,
  lastUtmSource: r.last_utm_source ?? null,
  consentStatus: (r.consent_status ?? null) as Contact['consentStatus'],
});

/** Lists contacts page by page; the trash is for admins. */
export const listContacts = async (ctx: AppContext, actor: Actor, query: ListContactsQuery): Promise<Page<Contact>> => {
  if (query.trash) assertCan(actor, 'records.trash');
  const rows = await listContactRows(ctx.db, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentContact),
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

export const getContact = async (ctx: AppContext, actor: Actor, id: string): Promise<Contact> => {
  const row = await findContactRow(ctx.db, id, { includeDeleted: can(actor, 'records.trash') });
  if (!row) throw new AppError('contact_not_found');
  return presentContact(row);
};

const toColumns = (input: UpdateContactInput) => ({
  ...(input.firstName !== undefined && { first_name: input.firstName, sort_first_name: sortKey(input.firstName) }),
  ...(input.lastName !== undefined && { last_name: input.lastName, sort_last_name: sortKey(input.lastName) }),
  ...(input.emails !== undefined && {
    emails: JSON.stringify(input.emails),
    email: input.emails[0]?.toLowerCase() ?? null,
  }),
  ...(input.phone !== undefined && { phone: input.phone }),
  ...(input.jobTitle !== undefined && { job_title: input.jobTitle }),
  ...(input.accountId !== undefined && { account_id: input.accountId }),
  ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
  ...(input.lifecycleStage !== undefined && { lifecycle_stage: input.lifecycleStage }),
  ...(input.source !== undefined && { source: input.source }),
  ...(input.tags !== undefined && { tags: JSON.stringify(input.tags) }),
});

const reload = async (db: Db, id: string): Promise<Contact> => {
  const row = await findContactRow(db, id, { includeDeleted: true });
  if (!row) throw new AppError('contact_not_found');
  return presentContact(row);
};

const assertReferences = async (db: Db, input: UpdateContactInput) => {
  if (input.ownerId !== undefined) await assertActiveUsers(db, [input.ownerId], 'ownerId');
  if (input.accountId !== undefined) await assertLiveAccount(db, input.accountId, 'accountId');
};

/**
 * Inserts a contact in the caller's transaction after checking its references; the caller checks the
 * permission. `actor` null means a public form. Returns the new id and the score stored with it.
 */
export const insertContactRecord = async (
  db: Db,
  actor: Actor | null,
  input: CreateContactInput,
): Promise<{ id: string; scored: StoredScore }> => {
  const now = nowIso();
  const id = newId();
  await assertReferences(db, input);
  await insertContact(db, {
    id,
    first_name: input.firstName,
    last_name: input.lastName,
    sort_first_name: sortKey(input.firstName),
    sort_last_name: sortKey(input.lastName),
    email: input.emails[0]?.toLowerCase() ?? null,
    emails: JSON.stringify(input.emails),
    phone: input.phone ?? null,
    job_title: input.jobTitle ?? null,
    account_id: input.accountId ?? null,
    owner_id: input.ownerId ?? null,
    lifecycle_stage: input.lifecycleStage,
    source: input.source ?? null,
    tags: JSON.stringify(input.tags ?? []),
    version: 1,
    created_at: now,
    updated_at: now,
    deleted_at: null,
    ...contactKeyColumns({ ...input, phone: input.phone ?? null }, now),
  });
  const scored = await scoreNewContact(db, id);
  await recordAudit(db, actor, 'contact', id, 'created');
  await emitWebhookEvent(db, 'contact.created', () => reload(db, id));
  return { id, scored };
};

/** Creates a contact; owner and account must exist. A contact created as MQL is handed to sales. */
export const createContact = async (ctx: AppContext, actor: Actor, input: CreateContactInput): Promise<Contact> => {
  assertCan(actor, 'records.write');
  return ctx.db.transaction().execute(async (trx) => {
    const { id, scored } = await insertContactRecord(trx, actor, input);
    // its fit facts already count in the score stored with it; a score past the threshold hands it over
    // (not scored a second time: nothing in between changes its facts)
    if (input.lifecycleStage === 'mql') await openHandoffByHand(ctx, trx, actor, id);
    else await handOverIfQualified(ctx, trx, id, scored);
    return reload(trx, id);
  });
};

/** Applies a partial edit if the caller saw the latest version; audits each changed field. */
export const updateContact = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateContactInput,
): Promise<Contact> => {
  assertCan(actor, 'records.write');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findContactRow(trx, id);
    if (!row) throw new AppError('contact_not_found');
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    const before = presentContact(row);
    const after = { ...before, ...input };
    if (after.firstName === '' && after.lastName === '' && after.emails.length === 0) {
      throw new AppError('validation_failed', undefined, {
        errors: [{ path: 'lastName', message: 'A contact needs a name or an email' }],
      });
    }
    await assertReferences(trx, input);
    const changes = changesBetween(before, input, fields);
    if (changes.length === 0) return before;
    const now = nowIso();
    const keys = contactKeyColumns(after, now);
    const { lifecycle_stage: stage, ...columns } = toColumns(input);
    // the stage goes through the one writer of the funnel; the audit entry below lists every change
    await changeContactLifecycle(trx, actor, id, stage === undefined ? {} : { stage }, {
      expectedVersion,
      at: now,
      audit: false,
      alongside: { ...columns, ...keys },
    });
    // a fit fact changed: rescored before the webhook, so the update it announces carries the new score
    if (changes.some((c) => scoredFields.has(c.field))) await rescoreContact(ctx, trx, id);
    await recordAudit(trx, actor, 'contact', id, 'updated', changes);
    await emitWebhookEvent(trx, 'contact.updated', () => reload(trx, id));
    // Setting a contact to MQL by hand hands it over to sales, like a score crossing the threshold.
    if (input.lifecycleStage === 'mql' && before.lifecycleStage !== 'mql') await openHandoffByHand(ctx, trx, actor, id);
    return reload(trx, id);
  });
};

/** Moves a contact to the trash; admins can restore it. */
export const deleteContact = async (ctx: AppContext, actor: Actor, id: string): Promise<void> => {
  assertCan(actor, 'records.write');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findContactRow(trx, id);
    if (!row) throw new AppError('contact_not_found');
    const now = nowIso();
    await updateContactRow(trx, id, row.version, { deleted_at: now, updated_at: now });
    await recordAudit(trx, actor, 'contact', id, 'deleted');
    await emitWebhookEvent(trx, 'contact.deleted', () => reload(trx, id));
  });
};

/** Brings a contact back from the trash (admins). */
export const restoreContact = async (ctx: AppContext, actor: Actor, id: string): Promise<Contact> => {
  assertCan(actor, 'records.trash');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findContactRow(trx, id, { includeDeleted: true });
    if (!row) throw new AppError('contact_not_found');
    if (!row.deleted_at) throw new AppError('not_in_trash');
    await updateContactRow(trx, id, row.version, { deleted_at: null, updated_at: nowIso() });
    await recordAudit(trx, actor, 'contact', id, 'restored');
    return reload(trx, id);
  });
};

/** Makes a campaign the contact's source campaign unless it has one (the first campaign touch wins). */
export const assignSourceCampaign = (db: Db, contactId: string, campaignId: string): Promise<unknown> =>
  setSourceCampaignIfNone(db, contactId, campaignId);
