import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { now } from '../../lib/clock.js';
import { newId, nowIso } from '../../lib/ids.js';
import { metrics } from '../../lib/metrics.js';
import { runExclusive } from './exclusive.js';
import { claimJobs, failJob, finishJob, insertJobs, releaseJobs } from './jobs.repository.js';

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

/**
 * Runs every due job once; returns how many ran. Handlers are idempotent, failures retry with backoff.
 * When `stopping()` turns true (SIGTERM) the job in hand is finished and the rest of the batch handed back.
 */
export const runDueJobs = async (
  ctx: AppContext,
  handlers: Record<string, JobHandler>,
  stopping: () => boolean = () => false,
): Promise<number> => {
  const at = now();
  const jobs = await claimJobs(ctx.db, ctx.engine, new Date(at).toISOString(), new Date(at + 60_000).toISOString(), 20);
  for (const [i, job] of jobs.entries()) {
    if (stopping()) {
      await releaseJobs(
        ctx.db,
        jobs.slice(i).map((j) => j.id),
      );
      return i;
    }
    const handler = handlers[job.name];
    try {
      if (!handler) throw new Error(`No handler for job ${job.name}`);
      await handler(ctx, JSON.parse(job.payload));
      await finishJob(ctx.db, job.id);
      metrics.jobsRun.inc({ job: job.name });
    } catch (err) {
      metrics.jobFailures.inc({ job: job.name });
      const retry = job.attempts < MAX_ATTEMPTS ? new Date(now() + 2 ** job.attempts * 5_000).toISOString() : null;
      await failJob(ctx.db, job.id, err instanceof Error ? err.message : String(err), retry);
    }
  }
  return jobs.length;
};

/** A task the worker runs every `everyMs` (a number, or read from the configuration). */
export interface PeriodicTask {
  everyMs: number | ((ctx: AppContext) => number);
  run: (ctx: AppContext) => Promise<unknown>;
}

/** Polls for jobs and runs periodic tasks until stopped. */
export const startWorker = (
  ctx: AppContext,
  handlers: Record<string, JobHandler>,
  periodic: PeriodicTask[],
  log: (err: unknown) => void,
): (() => Promise<void>) => {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const last = periodic.map(() => 0);
  const tick = async () => {
    for (const [i, task] of periodic.entries()) {
      if (stopped) return;
      const every = typeof task.everyMs === 'number' ? task.everyMs : task.everyMs(ctx);
      if (Date.now() - (last[i] ?? 0) >= every) {
        last[i] = Date.now();
        // several instances share the database: one of them runs the check, the others skip this round
        await runExclusive(ctx, `periodic:${task.run.name || i}`, () => task.run(ctx)).catch(log);
      }
    }
    const drain = () =>
      runDueJobs(ctx, handlers, () => stopped).catch((err: unknown) => {
        log(err);
        return 0;
      });
    while (!stopped && (await drain()) > 0) {
      // keep draining while there is work
    }
  };
  let busy = false;
  const timer = setInterval(
    () => {
      if (busy) return; // a slow tick is still running: skip, do not queue up
      busy = true;
      running = tick().finally(() => {
        busy = false;
      });
    },
    Math.min(1000, ...periodic.map((t) => (typeof t.everyMs === 'number' ? t.everyMs : t.everyMs(ctx)))),
  );
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
};
