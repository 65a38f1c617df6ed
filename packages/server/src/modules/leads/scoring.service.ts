import { type ScoreLine, type ScoringRules, scoreContact } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { AppError } from '../../http/errors.js';
import { now } from '../../lib/clock.js';
import { awaitsRecycling, openHandoff } from '../handoffs/handoffs.service.js';
import { readSetting } from '../settings/settings.service.js';
import { findScoringFacts, listLiveContactIds, storeScore } from './leads.repository.js';

type ScoringFacts = NonNullable<Awaited<ReturnType<typeof findScoringFacts>>>;

/** A contact's score at the instant `at`, from its fit facts and the touches it had by then. */
const scoreAt = ({ contact, touches }: ScoringFacts, rules: ScoringRules, at: number) =>
  scoreContact(
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
    at,
  );

/** Computes a live contact's score now and stores it with that instant; undefined when the contact is gone. */
const storeScoreNow = async (db: Db, contactId: string, known?: ScoringRules) => {
  const facts = await findScoringFacts(db, contactId);
  if (!facts) return undefined;
  const rules = known ?? (await readSetting(db, 'scoring')).value;
  const at = now();
  const score = scoreAt(facts, rules, at).score;
  await storeScore(db, contactId, score, new Date(at).toISOString());
  return { score, rules, stage: facts.contact.lifecycle_stage };
};

/** A score just stored, with the rules it was computed by and the contact's stage then. */
export type StoredScore = NonNullable<Awaited<ReturnType<typeof storeScoreNow>>>;

/**
 * Scores a contact just inserted, in the caller's transaction, so what the insert announces (its webhook)
 * already carries the score. The caller hands it over if that score qualifies (`handOverIfQualified`), or
 * rescores once the contact is complete (a form post's touch counts too).
 */
export const scoreNewContact = async (db: Db, contactId: string): Promise<StoredScore> => {
  const stored = await storeScoreNow(db, contactId);
  if (!stored) throw new AppError('contact_not_found');
  return stored;
};

/**
 * A stored score at or above the MQL threshold moves a subscriber or lead to MQL and opens a handoff
 * (unless it waits to be recycled); returns the handoff's id, or null.
 */
export const handOverIfQualified = async (
  ctx: AppContext,
  db: Db,
  contactId: string,
  { score, rules, stage }: StoredScore,
): Promise<string | null> => {
  const qualifies = score >= rules.mqlThreshold && (stage === 'subscriber' || stage === 'lead');
  if (!qualifies || (await awaitsRecycling(db, contactId))) return null;
  return openHandoff(ctx, db, contactId, { actor: null, reason: 'score' });
};

/**
 * Recomputes a live contact's score now and stores it with that instant; crossing the MQL threshold moves
 * it to MQL and opens a handoff. Undefined when the contact is gone (deleted meanwhile).
 */
const rescoreIfLive = async (ctx: AppContext, db: Db, contactId: string, known?: ScoringRules) => {
  const stored = await storeScoreNow(db, contactId, known);
  if (!stored) return undefined;
  return { score: stored.score, handoffId: await handOverIfQualified(ctx, db, contactId, stored) };
};

/**
 * Recomputes a contact's score in the caller's transaction (a touch, a fit fact or the rules changed, or
 * touches faded); crossing the MQL threshold moves it to MQL and opens a handoff.
 */
export const rescoreContact = async (
  ctx: AppContext,
  db: Db,
  contactId: string,
): Promise<{ score: number; handoffId: string | null }> => {
  const result = await rescoreIfLive(ctx, db, contactId);
  if (!result) throw new AppError('contact_not_found');
  return result;
};

/** Rescores the given contacts in the caller's transaction, skipping any deleted meanwhile; returns how many. */
export const rescoreContacts = async (ctx: AppContext, db: Db, contactIds: string[]): Promise<number> => {
  if (contactIds.length === 0) return 0;
  // one read of the rules for the batch, not one per contact (a batch runs in one transaction)
  const rules = (await readSetting(db, 'scoring')).value;
  let done = 0;
  for (const id of contactIds) if (await rescoreIfLive(ctx, db, id, rules)) done += 1;
  return done;
};

/** Rescores every live contact of an account in the caller's transaction (its industry, country or size changed). */
export const rescoreAccountContacts = async (ctx: AppContext, db: Db, accountId: string): Promise<number> => {
  let done = 0;
  for (let after = ''; ; ) {
    const ids = await listLiveContactIds(db, after, 500, accountId);
    done += await rescoreContacts(ctx, db, ids);
    const last = ids.at(-1);
    if (ids.length < 500 || last === undefined) return done;
    after = last;
  }
};

/** The explanation of a contact's stored score: `updating` while a rescore is due and the lines would not add up. */
export interface ScoreExplanation {
  score: number;
  threshold: number;
  scoredAt: string | null;
  state: 'current' | 'updating';
  lines: ScoreLine[];
}

/**
 * A contact's stored score (the one lists and cards show), line by line, as of the instant it was computed,
 * so the lines add up to it. Reads only: when the rules changed since, or the score was never computed, or
 * its facts moved without a rescore, it says the score is being updated (the rescore job catches up)
 * instead of showing lines that disagree with the card.
 */
export const explainScore = async (ctx: AppContext, contactId: string): Promise<ScoreExplanation> => {
  const facts = await findScoringFacts(ctx.db, contactId);
  if (!facts) throw new AppError('contact_not_found');
  const rules = await readSetting(ctx.db, 'scoring');
  const stored = facts.contact.score ?? 0;
  const scoredAt = facts.contact.scored_at ? new Date(facts.contact.scored_at).toISOString() : null;
  const threshold = rules.value.mqlThreshold;
  const updating: ScoreExplanation = { score: stored, threshold, scoredAt, state: 'updating', lines: [] };
  if (scoredAt === null) return updating;
  if (rules.updatedAt !== null && Date.parse(rules.updatedAt) > Date.parse(scoredAt)) return updating;
  const breakdown = scoreAt(facts, rules.value, Date.parse(scoredAt));
  if (breakdown.score !== stored) return updating;
  return { score: stored, threshold, scoredAt, state: 'current', lines: breakdown.lines };
};
