import type { ConsentEntry, RecordConsentInput } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { contactOfToken, serverKey, unsubscribeToken } from './gdpr.keys.js';
import {
  type ConsentLedgerRow,
  findContactForGdpr,
  insertConsentLine,
  listConsentLedger,
  setContactConsentStatus,
} from './gdpr.repository.js';

const kindOf = (source: string): ConsentEntry['sourceKind'] => {
  const prefix = source.split(':')[0] ?? '';
  if (prefix === 'form' || prefix === 'event' || prefix === 'import' || prefix === 'unsubscribe') return prefix;
  return 'manual';
};

export const presentConsent = (r: ConsentLedgerRow): ConsentEntry => ({
  id: r.id,
  purpose: r.purpose,
  action: r.action === 'withdrawn' ? 'withdrawn' : 'given',
  status: r.status === 'pending' || r.status === 'confirmed' ? r.status : 'withdrawn',
  text: r.text,
  textVersion: r.text_version,
  source: r.source,
  sourceKind: kindOf(r.source),
  at: r.given_at,
  confirmedAt: r.confirmed_at,
  recordedBy: r.user_id ? { id: r.user_id, name: r.user_name ?? '', department: r.user_department ?? '' } : null,
  afterSuppression: Number(r.after_suppression) === 1,
});

/** The contact's consent ledger, newest first. */
export const listContactConsents = async (ctx: AppContext, id: string): Promise<ConsentEntry[]> => {
  const c = await findContactForGdpr(ctx.db, id);
  if (!c || c.deleted_at) throw new AppError('contact_not_found');
  return (await listConsentLedger(ctx.db, id)).map(presentConsent);
};

/**
 * Appends a withdrawal for every purpose the contact consented to (or for `purpose`), in the caller's
 * transaction; the contact no longer counts as consented. Returns the new line's id.
 */
export const withdrawConsent = async (
  db: Db,
  contactId: string,
  by: { actorId: string | null; source: string; purpose?: string },
): Promise<string> => {
  const id = newId();
  await insertConsentLine(db, {
    id,
    contact_id: contactId,
    purpose: by.purpose ?? 'marketing',
    text: '',
    text_version: 0,
    source: by.source,
    status: 'withdrawn',
    action: 'withdrawn',
    given_at: nowIso(),
    confirm_token_hash: null,
    confirmed_at: null,
    recorded_by: by.actorId,
  });
  await setContactConsentStatus(db, contactId, null);
  return id;
};

/** Records a consent given or withdrawn by hand or from an import; audited. */
export const recordContactConsent = async (
  ctx: AppContext,
  actor: Actor,
  contactId: string,
  input: RecordConsentInput,
): Promise<ConsentEntry> => {
  assertCan(actor, 'records.write');
  if (input.action === 'given' && input.text === '') {
    throw fieldError('text', 'The consent text is required when consent is given');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const c = await findContactForGdpr(trx, contactId);
    if (!c || c.deleted_at) throw new AppError('contact_not_found');
    if (c.erased_at) throw new AppError('contact_erased');
    const source = input.sourceKind === 'import' ? 'import' : 'manual';
    let id: string;
    if (input.action === 'withdrawn') {
      id = await withdrawConsent(trx, contactId, { actorId: actor.id, source, purpose: input.purpose });
    } else {
      id = newId();
      const now = nowIso();
      await insertConsentLine(trx, {
        id,
        contact_id: contactId,
        purpose: input.purpose,
        text: input.text,
        text_version: input.textVersion,
        source,
        status: 'confirmed',
        action: 'given',
        given_at: now,
        confirm_token_hash: null,
        confirmed_at: now,
        recorded_by: actor.id,
      });
      await setContactConsentStatus(trx, contactId, 'confirmed');
    }
    await recordAudit(
      trx,
      actor,
      'contact',
      contactId,
      input.action === 'given' ? 'consent_given' : 'consent_withdrawn',
      [{ field: 'consent', from: null, to: { purpose: input.purpose, source } }],
    );
    const line = (await listConsentLedger(trx, contactId)).find((r) => r.id === id);
    if (!line) throw new Error('The consent line was not written');
    return presentConsent(line);
  });
};

/** Follows the unsubscribe link of a marketing mail: the marketing consent is withdrawn. */
export const unsubscribeByToken = async (ctx: AppContext, token: string): Promise<'withdrawn' | 'already'> => {
  const key = await serverKey(ctx);
  const contactId = contactOfToken(key, token);
  if (!contactId) throw new AppError('link_not_found');
  return ctx.db.transaction().execute(async (trx) => {
    const c = await findContactForGdpr(trx, contactId);
    if (!c || c.erased_at) throw new AppError('link_not_found');
    const latest = (await listConsentLedger(trx, contactId)).find((r) => r.purpose === 'marketing');
    if (latest?.action === 'withdrawn') return 'already';
    await withdrawConsent(trx, contactId, { actorId: null, source: 'unsubscribe' });
    await recordAudit(trx, null, 'contact', contactId, 'consent_withdrawn', [
      { field: 'consent', from: null, to: { purpose: 'marketing', source: 'unsubscribe' } },
    ]);
    return 'withdrawn';
  });
};

/** The unsubscribe link for a marketing mail to the contact. */
export const unsubscribeLink = async (ctx: AppContext, contactId: string, db: Db = ctx.db): Promise<string> => {
  const key = await serverKey(ctx, db);
  return `${ctx.config.publicUrl}/u/${unsubscribeToken(key, contactId)}`;
};

const footer = {
  de: 'Du möchtest keine solchen E-Mails mehr? Hier abmelden:',
  en: 'No longer want emails like this? Unsubscribe here:',
} as const;

/** A marketing mail with its unsubscribe line at the end of the text (and of the HTML, when it has one). */
export const withUnsubscribe = <M extends { text: string; html?: string }>(
  mail: M,
  link: string,
  locale: 'de' | 'en',
): M => ({
  ...mail,
  text: `${mail.text}\n\n--\n${footer[locale]} ${link}\n`,
  ...(mail.html !== undefined && {
    html: `${mail.html}<p style="font-size:12px;color:#666">${footer[locale]} <a href="${link}">${link}</a></p>`,
  }),
});
