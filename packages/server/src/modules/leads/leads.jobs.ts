import type { ScoringRules } from '@nenner/shared';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { now } from '../../lib/clock.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import { readSetting } from '../settings/settings.service.js';
import { listLiveContactIds, listRescoreCandidates } from './leads.repository.js';
import { rescoreContacts } from './scoring.service.js';

/*
 * Stored scores follow the facts without a read ever writing (issue 14). A touch and a fit fact rescore in
 * their own write; what changes a score without a write — touches fading with time, a change of the rules —
 * is caught up here, always through rescoreContact, so crossing the MQL threshold opens a handoff exactly
 * as a new touch would.
 */

const DAY_MS = 86_400_000;
/** Contacts per transaction: short enough for SQLite's one writer, and for the job's one-minute lease. */
const BATCH = 100;

/**
 * How long a touch can still move a score: a line is rounded to 0.1, so a touch worth `p` points with a
 * half-life of `h` days counts nothing once p·2^(−age/h) < 0.05, at age h·log2(p/0.05). Touches older than
 * the longest such age of the rules (plus a day to take the last step) no longer change any score; a rule
 * that never fades changes none with time.
 */
export const scoreDecayWindowMs = (rules: ScoringRules): number => {
  let days = 0;
  for (const r of rules.engagement) {
    const points = Math.abs(r.points);
    if (r.halfLifeDays > 0 && points > 0.05) days = Math.max(days, r.halfLifeDays * Math.log2(points / 0.05));
  }
  return (days + 1) * DAY_MS;
};

/** Contacts one periodic run rescores at most: a run stays a few seconds of work, whatever the workspace's size. */
export const FADING_PER_RUN = 2_000;
// where the last run stopped (id order), so the next run goes on from there and a large workspace is covered
// in turns; per instance, which is enough: a rescore is idempotent, whoever does it
let fadingCursor = '';

/**
 * The periodic rescore (every 5 minutes, and when an instance starts; one instance at a time): contacts
 * whose score can have moved — a touch inside the decay window, never scored, or written since by a path
 * that does not rescore — are rescored in batches of one transaction each, at most FADING_PER_RUN per run,
 * going on where the last run stopped and wrapping round. Idempotent: a second run stores the same
 * figures. Returns how many were rescored.
 */
export async function rescoreFadingScores(ctx: AppContext): Promise<number> {
  const rules = (await readSetting(ctx.db, 'scoring')).value;
  const since = new Date(now() - scoreDecayWindowMs(rules)).toISOString();
  const startedAt = fadingCursor;
  let after = startedAt;
  let wrapped = startedAt === '';
  let done = 0;
  for (let seen = 0; seen < FADING_PER_RUN; ) {
    const ids = (await listRescoreCandidates(ctx.db, since, after, BATCH)).filter(
      // after wrapping round, stop where this run began
      (id) => !wrapped || startedAt === '' || id <= startedAt,
    );
    seen += ids.length;
    done += await ctx.db.transaction().execute((trx) => rescoreContacts(ctx, trx, ids));
    const last = ids.at(-1);
    if (ids.length < BATCH || last === undefined) {
      if (wrapped) {
        fadingCursor = '';
        return done;
      }
      wrapped = true;
      after = '';
    } else after = last;
    fadingCursor = after;
    // SQLite answers synchronously: without a turn of the event loop between batches, a large run
    // would hold off every request until it is done
    await new Promise((resolve) => setImmediate(resolve));
  }
  return done;
}

export const RESCORE_ALL_JOB = 'leads_rescore_all';

/** The full rescore's payload: the rules version it rescores for, and where the last batch ended (id order). */
export const RescoreAllPayload = z.object({ rulesVersion: z.number().int(), afterId: z.string() });

/** Queues a rescore of every contact in the caller's transaction: the rules changed to `rulesVersion`. */
export const enqueueFullRescore = (db: Db, rulesVersion: number): Promise<void> =>
  enqueueJob(db, RESCORE_ALL_JOB, { rulesVersion, afterId: '' } satisfies z.infer<typeof RescoreAllPayload>);

/**
 * The `leads_rescore_all` job: rescores one batch of contacts and, in the same transaction, queues the
 * next batch, so a retry redoes at most one batch and a large workspace never holds one long transaction.
 * A job for rules replaced since stops: the newer change queued its own rescore from the start.
 */
export const rescoreAllJob = async (ctx: AppContext, payload: unknown): Promise<void> => {
  const { rulesVersion, afterId } = RescoreAllPayload.parse(payload);
  await ctx.db.transaction().execute(async (trx) => {
    if ((await readSetting(trx, 'scoring')).version !== rulesVersion) return;
    const ids = await listLiveContactIds(trx, afterId, BATCH);
    await rescoreContacts(ctx, trx, ids);
    const last = ids.at(-1);
    if (ids.length === BATCH && last !== undefined) {
      await enqueueJob(trx, RESCORE_ALL_JOB, { rulesVersion, afterId: last } satisfies z.infer<
        typeof RescoreAllPayload
      >);
    }
  });
};
