import type { ErasureResult } from '@nenner/shared';
import { sql } from 'kysely';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { parseJsonList } from '../../lib/cursor.js';
import { nowIso } from '../../lib/ids.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { emitWebhookEvent } from '../webhooks/webhooks.emit.js';
import {
  anonymiseContactRow,
  blankContactTimeline,
  blankContactTraces,
  deleteQueuedMailsTo,
  listMergeSnapshots,
  updateMergeSnapshot,
} from './erasure.repository.js';
import { emailHash, serverKey } from './gdpr.keys.js';
import { findContactForGdpr, hasSuppression, insertSuppression } from './gdpr.repository.js';
import { REDACTED, redact, scrubEverywhere } from './gdpr.scrub.js';

type ContactRow = NonNullable<Awaited<ReturnType<typeof findContactForGdpr>>>;

/** What identifies the person in free text elsewhere: the addresses, the phone and the full name. */
const identifyingTokens = (c: ContactRow): string[] => {
  const emails = [...new Set([...(c.email ? [c.email] : []), ...parseJsonList(c.emails)])];
  const fullName = `${c.first_name} ${c.last_name}`.trim();
  return [...emails, ...(c.phone ? [c.phone] : []), ...(fullName.includes(' ') ? [fullName] : [])];
};

/** Replaces every string of a JSON value that holds a token (names alone too: the snapshot is the person's). */
const scrubJson = (value: unknown, tokens: readonly string[]): unknown => {
  if (typeof value === 'string') return redact(value, tokens);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, tokens));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, tokens)]));
  }
  return value;
};

/**
 * Removes a contact's personal data in the caller's transaction: the row (names, addresses, phone, the
 * duplicate and sort keys), the timeline and notes about them, audit values, form submissions, queued
 * mails, event registrations, merge snapshots, and then every text column of every table that still
 * names them. Counts keep their numbers: the rows stay, anonymous. With `suppress`, the addresses' keyed
 * hashes go on the suppression list.
 */
export const erasePersonalData = async (
  ctx: AppContext,
  db: Db,
  c: ContactRow,
  opts: { suppress: boolean },
): Promise<void> => {
  const now = nowIso();
  const emails = [...new Set([...(c.email ? [c.email] : []), ...parseJsonList(c.emails)])];
  const tokens = identifyingTokens(c);
  const nameParts = [c.first_name, c.last_name].filter((n) => n.trim().length >= 2);
  if (ctx.engine === 'sqlite') {
    // freed space and rewritten cells are overwritten with zeros, not left readable in the file
    await sql`pragma secure_delete = on`.execute(db);
  }
  await deleteQueuedMailsTo(db, emails);
  for (const m of await listMergeSnapshots(db, c.id)) {
    const scrubbed = JSON.stringify(scrubJson(JSON.parse(m.snapshot), [...tokens, ...nameParts]));
    await updateMergeSnapshot(db, m.id, scrubbed);
  }
  await blankContactTimeline(db, c.id);
  await blankContactTraces(db, c.id);
  await anonymiseContactRow(db, c.id, now);
  await scrubEverywhere(db, ctx.engine, tokens);
  if (opts.suppress) {
    const key = await serverKey(ctx, db);
    for (const e of emails) await insertSuppression(db, emailHash(key, e), 'erasure', now);
  }
};

/**
 * Erases a person (Art. 17 DSGVO, admins): irreversible. The audit entry says who and when, with the
 * reason stripped of the person's identifiers; `contact.erased` goes to webhook subscribers.
 */
export const eraseContact = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  reason: string,
): Promise<ErasureResult> => {
  assertCan(actor, 'gdpr.admin');
  return ctx.db.transaction().execute(async (trx) => {
    const c = await findContactForGdpr(trx, id);
    if (!c) throw new AppError('contact_not_found');
    if (c.erased_at) throw new AppError('contact_erased');
    const tokens = [...identifyingTokens(c), c.first_name, c.last_name].filter((t) => t.trim().length >= 2);
    await erasePersonalData(ctx, trx, c, { suppress: true });
    const cleanReason = redact(reason, tokens);
    await recordAudit(trx, actor, 'contact', id, 'erased', [
      { field: 'reason', from: null, to: cleanReason === reason ? reason : cleanReason || REDACTED },
    ]);
    await emitWebhookEvent(trx, 'contact.erased', { id });
    const row = await findContactForGdpr(trx, id);
    return { contactId: id, erasedAt: row?.erased_at ?? nowIso() };
  });
};

/**
 * Whether an email was erased and is on the suppression list (its keyed hash). An import skips such a
 * row unless it brings fresh consent; a form post with fresh consent is allowed and marked.
 */
export const isSuppressed = async (ctx: AppContext, email: string, db: Db = ctx.db): Promise<boolean> =>
  hasSuppression(db, emailHash(await serverKey(ctx, db), email));
