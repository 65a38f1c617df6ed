import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { now } from '../../lib/clock.js';
import { newId, nowIso } from '../../lib/ids.js';
import { claimJobs, failJob, finishJob, insertJobs } from './jobs.repository.js';

export type JobHandler = (ctx: AppContext, payload: unknown) => Promise<void>;

const MAX_ATTEMPTS = 5;

/** Enqueues a job in the caller's transaction, so it exists exactly when the change that caused it does. */
export const enqueueJob = (db: Db, name: string, payload: unknown, runAt = nowIso()): Promise<void> => {
  const now = nowIso();
  return insertJobs(db, [
    {
      id: newId(),
      name,
      payload: JSON.stringify(payload),
      status: 'pending',
      run_at: runAt,
      attempts: 0,
      locked_until: null,
      last_error: null,
      created_at: now,
    },
  ]);
};

/** Runs every due job once; returns how many ran. Handlers are idempotent, failures retry with backoff. */
export const runDueJobs = async (ctx: AppContext, handlers: Record<string, JobHandler>): Promise<number> => {
  const at = now();
  const jobs = await claimJobs(ctx.db, ctx.engine, new Date(at).toISOString(), new Date(at + 60_000).toISOString(), 20);
  for (const job of jobs) {
    const handler = handlers[job.name];
    try {
      if (!handler) throw new Error(`No handler for job ${job.name}`);
      await handler(ctx, JSON.parse(job.payload));
      await finishJob(ctx.db, job.id);
    } catch (err) {
      const retry = job.attempts < MAX_ATTEMPTS ? new Date(now() + 2 ** job.attempts * 5_000).toISOString() : null;
      await failJob(ctx.db, job.id, err instanceof Error ? err.message : String(err), retry);
    }
  }
  return jobs.length;
};

/** Polls for jobs and runs periodic tasks until stopped. */
export const startWorker = (
  ctx: AppContext,
  handlers: Record<string, JobHandler>,
  periodic: { everyMs: number; run: (ctx: AppContext) => Promise<unknown> }[],
  log: (err: unknown) => void,
): (() => Promise<void>) => {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const last = periodic.map(() => 0);
  const tick = async () => {
    for (const [i, task] of periodic.entries()) {
      if (Date.now() - (last[i] ?? 0) >= task.everyMs) {
        last[i] = Date.now();
        await task.run(ctx).catch(log);
      }
    }
    const drain = () =>
      runDueJobs(ctx, handlers).catch((err: unknown) => {
        log(err);
        return 0;
      });
    while (!stopped && (await drain()) > 0) {
      // keep draining while there is work
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, 1000);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
};
