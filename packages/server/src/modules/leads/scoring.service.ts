import { type ScoreLine, scoreContact } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { AppError } from '../../http/errors.js';
import { now } from '../../lib/clock.js';
import { changeContactLifecycle } from '../contacts/lifecycle.service.js';
import { awaitsRecycling, openHandoff } from '../handoffs/handoffs.service.js';
import { readSetting } from '../settings/settings.service.js';
import { findScoringFacts } from './leads.repository.js';

/** Scores a contact now from its fit facts and touches, with the workspace's rules. */
const computeScore = async (db: Db, contactId: string) => {
  const facts = await findScoringFacts(db, contactId);
  if (!facts) throw new AppError('contact_not_found');
  const rules = (await readSetting(db, 'scoring')).value;
  const { contact, touches } = facts;
  const score = scoreContact(
    {
      fields: {
        jobTitle: contact.job_title,
        industry: contact.industry,
        country: contact.country,
        employeeBand: contact.employee_band,
        source: contact.source,
        emailDomain: contact.email?.split('@')[1] ?? null,
      },
      touchpoints: touches.map((t) => ({ type: t.type, occurredAt: Date.parse(t.occurred_at) })),
    },
    rules,
    now(),
  );
  return { contact, rules, score };
};

/** Recomputes a contact's score; crossing the MQL threshold moves it to MQL and opens a handoff. */
export const rescoreContact = async (
  ctx: AppContext,
  db: Db,
  contactId: string,
): Promise<{ score: number; handoffId: string | null }> => {
  const { contact, rules, score } = await computeScore(db, contactId);
  if (score.score !== contact.score) await changeContactLifecycle(db, null, contactId, { score: score.score });
  let handoffId: string | null = null;
  const qualifies =
    score.score >= rules.mqlThreshold &&
    (contact.lifecycle_stage === 'subscriber' || contact.lifecycle_stage === 'lead');
  if (qualifies && !(await awaitsRecycling(db, contactId))) {
    handoffId = await openHandoff(ctx, db, contactId, { actor: null, reason: 'score' });
  }
  return { score: score.score, handoffId };
};

/**
 * A contact's score right now, line by line, so sales sees why. The stored score that lists and cards
 * show is brought to the same figure first (touches fade, rules and fit facts change), exactly as a new
 * touch would rescore it, so the breakdown and the card never disagree.
 */
export const explainScore = async (
  ctx: AppContext,
  contactId: string,
): Promise<{ score: number; threshold: number; lines: ScoreLine[] }> => {
  const { contact, rules, score } = await computeScore(ctx.db, contactId);
  if (score.score !== contact.score) {
    await ctx.db.transaction().execute((trx) => rescoreContact(ctx, trx, contactId));
  }
  return { score: score.score, threshold: rules.mqlThreshold, lines: score.lines };
};
