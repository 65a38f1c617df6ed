import { createHash, randomBytes } from 'node:crypto';
import { companyDomainOf, type FieldChange, type LeadInput, type LeadResult, sortKey } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { insertAccountRecord } from '../accounts/accounts.service.js';
import { insertContactRecord } from '../contacts/contacts.service.js';
import { isSuppressed } from '../gdpr/erasure.service.js';
import { queueEmail } from '../mail/mail.service.js';
import { renderTemplate } from '../mail/templates.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { recordTouchpoint } from '../touchpoints/touchpoints.service.js';
import { emitWebhookEvent } from '../webhooks/webhooks.emit.js';
import {
  confirmConsentByToken,
  fillContactGaps,
  findAccountByDomain,
  findAccountByName,
  findConsentByToken,
  findContactByEmail,
  findRecentSubmission,
  insertConsent,
  insertSubmission,
  lockLeadEmail,
  updateLeadColumns,
} from './leads.repository.js';
import { rescoreContact } from './scoring.service.js';

/** Where a lead came from: a public form (with its settings) or an API client. */
export interface LeadOrigin {
  form: {
    id: string;
    slug: string;
    name: string;
    doubleOptIn: boolean;
    consent: { enabled: boolean; text: string; version: number };
    /** The campaign the form is linked to; a post's own known UTM campaign key wins over it. */
    campaignId: string | null;
    campaignKey: string | null;
  } | null;
  actor: Actor | null;
  locale: 'de' | 'en';
}

const DEDUPE_MS = 60_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const blank = (s: string | undefined | null): s is undefined | null | '' => s === undefined || s === null || s === '';

const findOrCreateAccount = async (db: Db, input: LeadInput, email: string): Promise<string | null> => {
  const domain = companyDomainOf(email);
  if (domain) {
    const existing = await findAccountByDomain(db, domain);
    if (existing) return existing.id;
  } else if (!blank(input.company)) {
    const existing = await findAccountByName(db, sortKey(input.company));
    if (existing) return existing.id;
  } else {
    return null;
  }
  return insertAccountRecord(db, null, {
    name: blank(input.company) ? (domain ?? email) : input.company,
    domain: domain ?? null,
    country: blank(input.country) ? null : input.country,
    city: blank(input.city) ? null : input.city,
    postcode: blank(input.postcode) ? null : input.postcode,
    industry: blank(input.industry) ? null : input.industry,
    employeeBand: input.employeeBand ?? null,
    tags: [],
  });
};

type KnownContact = NonNullable<Awaited<ReturnType<typeof findContactByEmail>>>;

/** Serialises the leads of one email address until the caller's transaction ends (PostgreSQL; SQLite has one writer). */
export const lockLead = (ctx: AppContext, db: Db, email: string): Promise<void> =>
  lockLeadEmail(db, ctx.engine, email.trim().toLowerCase());

/**
 * The contact a lead names, in the caller's transaction: found by email (its empty fields filled in,
 * audited) or created as a lead with `source`, and linked to its account (found by company domain or
 * name, or created). Form posts, API leads and event registrations all come through here.
 */
export const upsertLeadContact = async (
  db: Db,
  input: LeadInput,
  actor: Actor | null,
  source: string,
): Promise<{ contactId: string; accountId: string | null; existing: KnownContact | undefined }> => {
  const email = input.email.trim().toLowerCase();
  const now = nowIso();
  const existing = await findContactByEmail(db, email);
  if (existing) {
    const accountId = existing.account_id ?? (await findOrCreateAccount(db, input, email));
    const gaps: Parameters<typeof fillContactGaps>[3] = {};
    const changes: FieldChange[] = [];
    const fill = (
      field: string,
      column: keyof typeof gaps,
      current: string | null,
      value: string | undefined | null,
    ) => {
      if (blank(current) && !blank(value)) {
        (gaps as Record<string, string>)[column] = value;
        changes.push({ field, from: current ?? null, to: value });
      }
    };
    fill('firstName', 'first_name', existing.first_name, input.firstName);
    fill('lastName', 'last_name', existing.last_name, input.lastName);
    fill('jobTitle', 'job_title', existing.job_title, input.jobTitle);
    fill('phone', 'phone', existing.phone, input.phone);
    fill('accountId', 'account_id', existing.account_id, accountId);
    if (gaps.first_name) gaps.sort_first_name = sortKey(gaps.first_name);
    if (gaps.last_name) gaps.sort_last_name = sortKey(gaps.last_name);
    if (changes.length > 0) {
      await fillContactGaps(db, existing.id, existing.version, gaps, now);
      await recordAudit(db, actor, 'contact', existing.id, 'updated', changes);
    }
    return { contactId: existing.id, accountId, existing };
  }
  const accountId = await findOrCreateAccount(db, input, email);
  const { id: contactId } = await insertContactRecord(db, actor, {
    firstName: input.firstName ?? '',
    lastName: input.lastName ?? '',
    emails: [input.email.trim()],
    phone: blank(input.phone) ? null : input.phone,
    jobTitle: blank(input.jobTitle) ? null : input.jobTitle,
    accountId,
    ownerId: null,
    lifecycleStage: 'lead',
    source,
    tags: [],
  });
  return { contactId, accountId, existing: undefined };
};

/**
 * Records a contact's consent to marketing mail as agreed to on a public page, in the caller's
 * transaction: confirmed at once, or pending with a double opt-in mail to confirm it. A consent
 * confirmed before stays in force while a newer one waits for its link.
 */
export const recordLeadConsent = async (
  ctx: AppContext,
  db: Db,
  c: {
    contactId: string;
    email: string;
    firstName: string | undefined;
    consentedBefore: boolean;
    text: string;
    version: number;
    /** Where it was given, e.g. `form:<slug>` or `event:<slug>`. */
    source: string;
    doubleOptIn: boolean;
    locale: 'de' | 'en';
    /** The email had been erased and suppressed: this fresh consent brings the person back, marked. */
    afterSuppression?: boolean;
  },
): Promise<void> => {
  const now = nowIso();
  const token = c.doubleOptIn ? randomBytes(24).toString('base64url') : null;
  await insertConsent(db, {
    id: newId(),
    contact_id: c.contactId,
    purpose: 'marketing',
    text: c.text,
    text_version: c.version,
    source: c.source,
    status: token ? 'pending' : 'confirmed',
    given_at: now,
    confirm_token_hash: token ? sha256(token) : null,
    confirmed_at: token ? null : now,
    after_suppression: c.afterSuppression ? 1 : 0,
  });
  await updateLeadColumns(db, c.contactId, { consent_status: token && !c.consentedBefore ? 'pending' : 'confirmed' });
  if (token) {
    const mail = renderTemplate('doi_confirm', c.locale, {
      name: c.firstName ?? '',
      link: `${ctx.config.publicUrl}/f/confirm/${token}`,
    });
    await queueEmail(db, { to: c.email, ...mail });
  }
};

/**
 * Takes a lead from a form or an API client: creates or updates the contact (matched by email),
 * links or creates its account (by company domain), records the touchpoint with its UTM data and its
 * campaign (the post's UTM key, else the form's campaign) and the consent, rescores, and hands an MQL
 * to sales. The same lead again within a minute writes nothing.
 */
export const ingestLead = async (ctx: AppContext, input: LeadInput, origin: LeadOrigin): Promise<LeadResult> => {
  const email = input.email.trim().toLowerCase();
  const formId = origin.form?.id ?? null;
  return ctx.db.transaction().execute(async (trx) => {
    await lockLeadEmail(trx, ctx.engine, email);
    const now = nowIso();
    const recent = await findRecentSubmission(trx, formId, email, new Date(Date.parse(now) - DEDUPE_MS).toISOString());
    if (recent) return { ...(JSON.parse(recent.result) as LeadResult), duplicate: true };

    // an erased person comes back only with fresh consent on a form, and the consent says so
    const suppressed = await isSuppressed(ctx, email, trx);
    const freshConsent = Boolean(input.consent && origin.form?.consent.enabled);
    if (suppressed && !freshConsent) throw new AppError('email_suppressed');

    const { contactId, accountId, existing } = await upsertLeadContact(
      trx,
      input,
      origin.actor,
      input.source ?? (origin.form ? 'website' : 'api'),
    );

    const utm = {
      utm_source: input.utm_source || null,
      utm_medium: input.utm_medium || null,
      utm_campaign: input.utm_campaign || null,
      utm_term: input.utm_term || null,
      utm_content: input.utm_content || null,
    };
    await recordTouchpoint(trx, origin.actor, {
      contactId,
      type: 'form_submission',
      occurredAt: now,
      form: origin.form && {
        id: origin.form.id,
        name: origin.form.name,
        campaignId: origin.form.campaignId,
        campaignKey: origin.form.campaignKey,
      },
      utm,
      referrer: input.referrer || null,
      landingPage: input.landingPage || null,
      body: blank(input.message) ? null : input.message,
    });
    if (utm.utm_source) {
      await updateLeadColumns(trx, contactId, {
        last_utm_source: utm.utm_source,
        ...(existing?.first_utm_source ? {} : { first_utm_source: utm.utm_source }),
      });
    }

    if (input.consent && origin.form?.consent.enabled) {
      await recordLeadConsent(ctx, trx, {
        contactId,
        email: input.email.trim(),
        firstName: input.firstName,
        consentedBefore: existing?.consent_status === 'confirmed',
        text: origin.form.consent.text,
        version: origin.form.consent.version,
        source: `form:${origin.form.slug}`,
        doubleOptIn: origin.form.doubleOptIn,
        locale: origin.locale,
        afterSuppression: suppressed,
      });
    }

    const scored = await rescoreContact(ctx, trx, contactId);
    const result: LeadResult = {
      contactId,
      accountId,
      created: !existing,
      duplicate: false,
      score: scored.score,
      handoffId: scored.handoffId,
    };
    await insertSubmission(trx, {
      id: newId(),
      form_id: formId,
      contact_id: contactId,
      email,
      result: JSON.stringify(result),
      created_at: now,
    });
    const form = origin.form && { id: origin.form.id, slug: origin.form.slug, name: origin.form.name };
    if (form) await emitWebhookEvent(trx, 'form.submitted', { form, email, submittedAt: now, ...result });
    return result;
  });
};

/** Takes a lead sent by an API client (members and admins), in the client's language for its mails. */
export const ingestApiLead = (ctx: AppContext, actor: Actor, input: LeadInput): Promise<LeadResult> => {
  assertCan(actor, 'leads.ingest', undefined, 'Viewers can read but not change records');
  return ingestLead(ctx, input, { form: null, actor, locale: actor.locale ?? 'de' });
};

/** Follows a double opt-in link; the contact counts as consented from now on. */
export const confirmConsent = async (ctx: AppContext, token: string): Promise<'confirmed' | 'already'> =>
  ctx.db.transaction().execute(async (trx) => {
    const hash = sha256(token);
    const confirmed = await confirmConsentByToken(trx, hash, nowIso());
    if (confirmed) {
      await updateLeadColumns(trx, confirmed.contact_id, { consent_status: 'confirmed' });
      await recordAudit(trx, null, 'contact', confirmed.contact_id, 'consent_confirmed');
      return 'confirmed';
    }
    const known = await findConsentByToken(trx, hash);
    if (!known) throw new AppError('link_not_found');
    return 'already';
  });
