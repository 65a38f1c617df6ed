import type { CreateTouchpointInput, Touchpoint } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { rescoreContact } from '../leads/leads.service.js';
import { findCampaignRow } from './campaigns.repository.js';
import { recordTouchpoint, type TouchpointFacts } from './touchpoints.service.js';

/** Clocks of the client and the server may differ a little; more than that is a touch in the future. */
const CLOCK_SKEW_MS = 60_000;

/**
 * A campaign touch that counts for the lead score (a response, an attendance, an offline touch): records
 * it, then rescores the contact; crossing the MQL threshold opens a handoff, as a form post does.
 */
export const recordScoredTouch = async (
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
    if (!(await findCampaignRow(trx, input.campaignId))) throw new AppError('campaign_not_found');
    return recordScoredTouch(ctx, trx, actor, {
      contactId: input.contactId,
      campaignId: input.campaignId,
      type: input.type,
      occurredAt,
    });
  });
};
