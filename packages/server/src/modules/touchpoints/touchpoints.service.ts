import type { CreateTouchpointInput, Touchpoint } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { findCampaignByUtmKey, findCampaignRef, loadCampaign } from '../campaigns/campaigns.service.js';
import { assignSourceCampaign } from '../contacts/contacts.service.js';
import { rescoreContact } from '../leads/scoring.service.js';
import { writeTimelineEntries } from '../timeline/timeline.service.js';
import { findTouchedContact, insertTouchpoint } from './touchpoints.repository.js';

/*
 * A touchpoint is one touch of a contact: a form post, a campaign response, an imported offline touch.
 * Leads (form posts), campaigns (member responses) and POST /api/touchpoints all record theirs here.
 */

export interface UtmValues {
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
}

/** What one touch of a contact is: how, when, and whatever tells which campaign it belongs to. */
export interface TouchpointFacts {
  contactId: string;
  type: string;
  occurredAt: string;
  /** The campaign, when the caller knows it (member responses, POST /api/touchpoints). */
  campaignId?: string | null;
  /** The public form the touch came through, with its campaign link and its old free-text key. */
  form?: { id: string; name: string; campaignId: string | null; campaignKey: string | null } | null;
  utm?: UtmValues;
  referrer?: string | null;
  landingPage?: string | null;
  /** A message the contact wrote (form posts). */
  body?: string | null;
  /** More for the timeline entry's data (e.g. the member status that caused it). */
  data?: Record<string, unknown>;
}

const fold = (key: string | null | undefined) => (key ?? '').trim().toLowerCase();

/**
 * The campaign a touch belongs to: the one given, else the campaign whose UTM key the post names, else
 * the form's linked campaign, else the campaign owning the form's old free-text key; null when none.
 */
const resolveCampaign = async (db: Db, facts: TouchpointFacts): Promise<{ id: string; name: string } | null> => {
  if (facts.campaignId) {
    const row = await loadCampaign(db, facts.campaignId);
    return { id: row.id, name: row.name };
  }
  const utmKey = fold(facts.utm?.utm_campaign);
  if (utmKey) {
    const byKey = await findCampaignByUtmKey(db, utmKey);
    if (byKey) return byKey;
  }
  if (facts.form?.campaignId) {
    const linked = await findCampaignRef(db, facts.form.campaignId);
    if (linked) return linked;
  }
  const formKey = fold(facts.form?.campaignKey);
  if (formKey) return (await findCampaignByUtmKey(db, formKey)) ?? null;
  return null;
};

/**
 * The one way a touchpoint is recorded, in the caller's transaction: resolves its campaign, writes the
 * touchpoint and the touchpoint entry on the contact's timeline (naming the campaign), and makes the
 * campaign the contact's source campaign if it has none yet. The caller checks permissions.
 */
export const recordTouchpoint = async (db: Db, actor: Actor | null, facts: TouchpointFacts): Promise<Touchpoint> => {
  const contact = await findTouchedContact(db, facts.contactId);
  if (!contact) throw new AppError('contact_not_found');
  const campaign = await resolveCampaign(db, facts);
  const utm: UtmValues = facts.utm ?? {
    utm_source: null,
    utm_medium: null,
    utm_campaign: null,
    utm_term: null,
    utm_content: null,
  };
  const now = nowIso();
  const id = newId(Date.parse(facts.occurredAt));
  await insertTouchpoint(db, {
    id,
    contact_id: facts.contactId,
    type: facts.type,
    occurred_at: facts.occurredAt,
    form_id: facts.form?.id ?? null,
    campaign_key: facts.form?.campaignKey ?? utm.utm_campaign,
    ...utm,
    referrer: facts.referrer ?? null,
    landing_page: facts.landingPage ?? null,
    created_at: now,
    campaign_id: campaign?.id ?? null,
  });
  await writeTimelineEntries(db, [
    {
      id: newId(Date.parse(facts.occurredAt)),
      entity_type: 'contact',
      entity_id: facts.contactId,
      kind: 'touchpoint',
      action: facts.type,
      actor_id: actor?.id ?? null,
      department: actor?.department ?? null,
      body: facts.body || null,
      data: JSON.stringify({
        ...(facts.form !== undefined && { formId: facts.form?.id ?? null, formName: facts.form?.name ?? null }),
        ...(facts.utm && utm),
        ...(facts.referrer !== undefined && { referrer: facts.referrer }),
        ...(facts.landingPage !== undefined && { landingPage: facts.landingPage }),
        ...facts.data,
        campaignId: campaign?.id ?? null,
        campaignName: campaign?.name ?? null,
      }),
      created_at: facts.occurredAt,
    },
  ]);
  if (campaign && !contact.source_campaign_id) await assignSourceCampaign(db, facts.contactId, campaign.id);
  return {
    id,
    contactId: facts.contactId,
    campaignId: campaign?.id ?? null,
    type: facts.type,
    occurredAt: facts.occurredAt,
    createdAt: now,
  };
};

/** Clocks of the client and the server may differ a little; more than that is a touch in the future. */
const CLOCK_SKEW_MS = 60_000;

/**
 * A campaign touch that counts for the lead score (a response, an attendance, an offline touch): records
 * it, then rescores the contact; crossing the MQL threshold opens a handoff, as a form post does.
 */
export const recordScoredTouchpoint = async (
  ctx: AppContext,
  db: Db,
  actor: Actor | null,
  facts: TouchpointFacts,
): Promise<Touchpoint> => {
  const touchpoint = await recordTouchpoint(db, actor, facts);
  await rescoreContact(ctx, db, facts.contactId);
  return touchpoint;
};

/** Records a touch that happened earlier (imports, offline events); never one in the future. */
export const createTouchpoint = async (
  ctx: AppContext,
  actor: Actor,
  input: CreateTouchpointInput,
): Promise<Touchpoint> => {
  assertCan(actor, 'touchpoints.create');
  if (Date.parse(input.occurredAt) > Date.now() + CLOCK_SKEW_MS) {
    throw new AppError('touch_in_future', undefined, {
      errors: [{ path: 'occurredAt', message: 'The touch lies in the future' }],
    });
  }
  const occurredAt = new Date(input.occurredAt).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    await loadCampaign(trx, input.campaignId);
    return recordScoredTouchpoint(ctx, trx, actor, {
      contactId: input.contactId,
      campaignId: input.campaignId,
      type: input.type,
      occurredAt,
    });
  });
};
