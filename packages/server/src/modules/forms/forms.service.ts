import {
  type CreateFormInput,
  escapeHtml,
  type Form,
  type FormFieldKey,
  LeadInput,
  type UpdateFormInput,
  utmKeys,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { FormsTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { caughtInHoneypot, takePublicPost } from '../../http/public.js';
import { newId, nowIso } from '../../lib/ids.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import { ingestLead } from '../leads/leads.service.js';
import { readSetting } from '../settings/settings.service.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import { type PageLocale, pageText } from './forms.page.js';
import { findFormBySlug, findFormRow, insertForm, listFormRows, slugInUse, updateFormRow } from './forms.repository.js';

interface StoredConsent {
  enabled: boolean;
  text: string;
  required: boolean;
  version: number;
}

export type FormRow = FormsTable & { submissions: number; campaign_name?: string | null };

export const presentForm = (ctx: AppContext, r: FormRow): Form => {
  const url = `${ctx.config.publicUrl}/f/${r.slug}`;
  return {
    id: r.id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    name: r.name,
    slug: r.slug,
    fields: JSON.parse(r.fields) as Form['fields'],
    consent: JSON.parse(r.consent) as StoredConsent,
    doubleOptIn: r.double_opt_in === 1,
    campaignKey: r.campaign_key,
    campaignId: r.campaign_id ?? null,
    campaignName: r.campaign_id ? (r.campaign_name ?? null) : null,
    thankYouMessage: r.thank_you_message,
    redirectUrl: r.redirect_url,
    active: r.active === 1,
    submissions: r.submissions,
    url,
    embedHtml: `<iframe src="${escapeHtml(`${url}?embed=1`)}" title="${escapeHtml(r.name)}" style="width:100%;min-height:560px;border:0" loading="lazy"></iframe>`,
  };
};

const MARKETING_BUILDS = 'Marketing builds the lead forms';

const assertRedirectAllowed = async (db: Db, redirectUrl: string | null | undefined) => {
  if (!redirectUrl) return;
  const hosts = (await readSetting(db, 'forms')).value.redirectHosts;
  const host = new URL(redirectUrl).host.toLowerCase();
  if (!hosts.includes(host)) {
    throw fieldError('redirectUrl', `${host} is not on the redirect allow-list (Settings → Forms)`);
  }
};

/** A form may credit only a live campaign. */
const assertCampaign = async (db: Db, campaignId: string | null | undefined) => {
  if (campaignId) await loadCampaign(db, campaignId);
};

const load = async (db: Db, id: string): Promise<FormRow> => {
  const row = await findFormRow(db, id);
  if (!row) throw new AppError('form_not_found');
  return row;
};

export const listForms = async (ctx: AppContext): Promise<Form[]> =>
  (await listFormRows(ctx.db)).map((r) => presentForm(ctx, r));

export const getForm = async (ctx: AppContext, id: string): Promise<Form> => presentForm(ctx, await load(ctx.db, id));

/** Creates a public lead form (marketing and admins). */
export const createForm = async (ctx: AppContext, actor: Actor, input: CreateFormInput): Promise<Form> => {
  assertCan(actor, 'forms.manage', undefined, MARKETING_BUILDS);
  return ctx.db.transaction().execute(async (trx) => {
    if (await slugInUse(trx, input.slug))
      throw new AppError('slug_taken', undefined, { errors: [{ path: 'slug', message: 'Taken' }] });
    await assertRedirectAllowed(trx, input.redirectUrl);
    await assertCampaign(trx, input.campaignId);
    const now = nowIso();
    const id = newId();
    const consent = input.consent ?? { enabled: false, text: '', required: true };
    await insertForm(trx, {
      id,
      name: input.name,
      slug: input.slug,
      fields: JSON.stringify(input.fields),
      consent: JSON.stringify({ ...consent, version: 1 }),
      double_opt_in: input.doubleOptIn ? 1 : 0,
      campaign_key: input.campaignKey ?? null,
      campaign_id: input.campaignId ?? null,
      thank_you_message: input.thankYouMessage ?? null,
      redirect_url: input.redirectUrl ?? null,
      active: input.active === false ? 0 : 1,
      version: 1,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    });
    await recordAudit(trx, actor, 'form', id, 'created');
    return presentForm(ctx, await load(trx, id));
  });
};

/** Edits a form (If-Match); a changed consent text gets a new version, so each consent says which text it agreed to. */
export const updateForm = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  input: UpdateFormInput,
): Promise<Form> => {
  assertCan(actor, 'forms.manage', undefined, MARKETING_BUILDS);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await load(trx, id);
    if (row.version !== version) throw new AppError('version_conflict');
    if (input.slug !== undefined && (await slugInUse(trx, input.slug, id))) {
      throw new AppError('slug_taken', undefined, { errors: [{ path: 'slug', message: 'Taken' }] });
    }
    if (input.redirectUrl !== undefined) await assertRedirectAllowed(trx, input.redirectUrl);
    await assertCampaign(trx, input.campaignId);
    const before = presentForm(ctx, row);
    let consent: StoredConsent | undefined;
    if (input.consent) {
      consent = {
        ...input.consent,
        version: before.consent.version + (input.consent.text !== before.consent.text ? 1 : 0),
      };
    }
    const set: Partial<FormsTable> = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.slug !== undefined && { slug: input.slug }),
      ...(input.fields !== undefined && { fields: JSON.stringify(input.fields) }),
      ...(consent && { consent: JSON.stringify(consent) }),
      ...(input.doubleOptIn !== undefined && { double_opt_in: input.doubleOptIn ? 1 : 0 }),
      ...(input.campaignKey !== undefined && { campaign_key: input.campaignKey }),
      ...(input.campaignId !== undefined && { campaign_id: input.campaignId }),
      ...(input.thankYouMessage !== undefined && { thank_you_message: input.thankYouMessage }),
      ...(input.redirectUrl !== undefined && { redirect_url: input.redirectUrl }),
      ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
      updated_at: nowIso(),
    };
    const result = await updateFormRow(trx, id, version, set);
    if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
    const changes = changesBetween(
      before as unknown as Record<string, unknown>,
      { ...input, ...(consent && { consent }) } as Record<string, unknown>,
      [
        'name',
        'slug',
        'fields',
        'consent',
        'doubleOptIn',
        'campaignKey',
        'campaignId',
        'thankYouMessage',
        'redirectUrl',
        'active',
      ],
    );
    await recordAudit(trx, actor, 'form', id, 'updated', changes);
    return presentForm(ctx, await load(trx, id));
  });
};

/** Deletes a form; its address becomes free again, its submissions stay on the contacts. */
export const deleteForm = async (ctx: AppContext, actor: Actor, id: string): Promise<void> => {
  assertCan(actor, 'forms.manage', undefined, MARKETING_BUILDS);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await load(trx, id);
    const now = nowIso();
    await updateFormRow(trx, id, row.version, {
      deleted_at: now,
      updated_at: now,
      slug: `${row.slug}--deleted-${id.slice(-8)}`,
      active: 0,
    });
    await recordAudit(trx, actor, 'form', id, 'deleted');
  });
};

export interface PublicForm {
  id: string;
  slug: string;
  name: string;
  fields: { key: FormFieldKey; required: boolean; label?: string }[];
  consent: StoredConsent;
  doubleOptIn: boolean;
  campaignId: string | null;
  campaignKey: string | null;
  thankYouMessage: string | null;
  redirectUrl: string | null;
}

/**
 * Where a visitor goes after a post: the form's redirect, if its host is on the allow-list now (a host
 * removed after the form was saved no longer receives visitors, issue 15); otherwise null (the thank-you page).
 */
export const redirectTarget = async (ctx: AppContext, form: PublicForm): Promise<string | null> => {
  if (!form.redirectUrl) return null;
  const hosts = (await readSetting(ctx.db, 'forms')).value.redirectHosts;
  return hosts.includes(new URL(form.redirectUrl).host.toLowerCase()) ? form.redirectUrl : null;
};

/** An active form by its address, for the public page. */
export const findPublicForm = async (ctx: AppContext, slug: string): Promise<PublicForm> => {
  const row = await findFormBySlug(ctx.db, slug.toLowerCase());
  if (row?.active !== 1) throw new AppError('form_not_found');
  const form = presentForm(ctx, { ...row, submissions: 0 });
  return {
    id: form.id,
    slug: form.slug,
    name: form.name,
    fields: form.fields,
    consent: form.consent,
    doubleOptIn: form.doubleOptIn,
    campaignId: form.campaignId,
    campaignKey: form.campaignKey,
    thankYouMessage: form.thankYouMessage,
    redirectUrl: form.redirectUrl,
  };
};

/** What a visitor's post carried, read against the form: values to show again, hidden keys, errors, the lead. */
export interface PublicSubmission {
  values: Record<string, string>;
  hidden: Record<string, string>;
  errors: Record<string, string>;
  lead: LeadInput | null;
}

/** Reads what a public post may carry: the form's fields, UTM keys, referrer, landing page, consent. */
const readSubmission = (form: PublicForm, body: Record<string, unknown>, locale: PageLocale): PublicSubmission => {
  const t = pageText(locale);
  const errors: Record<string, string> = {};
  const values: Record<string, string> = {};
  const take = (key: string) => {
    const v = body[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      errors[key] = 'Expected text';
      return undefined;
    }
    return String(v).trim();
  };
  for (const f of form.fields) {
    const v = take(f.key);
    if (v) values[f.key] = v;
    else if (f.required) errors[f.key] = t.missing;
  }
  const hidden: Record<string, string> = {};
  for (const key of [...utmKeys, 'referrer', 'landingPage']) {
    const v = take(key);
    if (v) hidden[key] = v;
  }
  const consentRaw = take('consent');
  const consent = consentRaw === 'true' || consentRaw === 'on' || consentRaw === '1';
  if (consent) values.consent = 'true';
  if (form.consent.enabled && form.consent.required && !consent) errors.consent = t.consentMissing;
  const candidate = { ...values, ...hidden, consent, formId: form.id };
  const parsed = LeadInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'form');
      errors[key] ??= issue.message;
    }
  }
  return { values, hidden, errors, lead: parsed.success ? parsed.data : null };
};

/** How a visitor's post ended; the route presents it as a page or as JSON. */
export type PublicFormOutcome =
  | { kind: 'rate_limited'; form: PublicForm }
  | { kind: 'invalid'; form: PublicForm; submission: PublicSubmission }
  | { kind: 'accepted'; form: PublicForm; message: string; duplicate: boolean };

/**
 * Takes a visitor's post to a public form: the per-IP rate limit, the honeypot, the validation against
 * the form's fields and consent, then the lead. An unknown or inactive form throws `form_not_found`.
 */
export const submitPublicForm = async (
  ctx: AppContext,
  slug: string,
  body: unknown,
  client: { ip: string; locale: PageLocale },
): Promise<PublicFormOutcome> => {
  const form = await findPublicForm(ctx, slug);
  if (!(await takePublicPost(ctx, client.ip))) {
    return { kind: 'rate_limited', form };
  }
  const fields = body ?? {};
  if (typeof fields !== 'object' || Array.isArray(fields)) throw new AppError('validation_failed');
  const t = pageText(client.locale);
  const submission = readSubmission(form, fields as Record<string, unknown>, client.locale);
  const consented = form.doubleOptIn && submission.values.consent === 'true';
  const thanks = form.thankYouMessage || t.thanks;
  const accepted = (duplicate: boolean): PublicFormOutcome => ({
    kind: 'accepted',
    form,
    message: consented ? `${thanks} ${t.doi}` : thanks,
    duplicate,
  });
  // A bot filled the hidden field: answer exactly like a success, keep nothing.
  if (caughtInHoneypot(fields)) return accepted(false);
  if (!submission.lead || Object.keys(submission.errors).length > 0) return { kind: 'invalid', form, submission };
  const result = await ingestLead(ctx, submission.lead, {
    form: {
      id: form.id,
      slug: form.slug,
      name: form.name,
      doubleOptIn: form.doubleOptIn,
      consent: form.consent,
      campaignId: form.campaignId,
      campaignKey: form.campaignKey,
    },
    actor: null,
    locale: client.locale,
  });
  return accepted(result.duplicate);
};
