import type { AppContext } from './context.js';
import { metrics } from './lib/metrics.js';
import { sweepTokenExpiryWarnings } from './modules/auth/auth.jobs.js';
import { sendEventReminders, sendGuestMail } from './modules/events/events.jobs.js';
import { sweepUnconfirmedContacts } from './modules/gdpr/gdpr.jobs.js';
import { sendGoalDigests, sweepGoals } from './modules/goals/notices.service.js';
import { sweepBreaches } from './modules/handoffs/handoffs.service.js';
import { runImportJob } from './modules/imports/imports.jobs.js';
import { type JobHandler, type PeriodicTask, runDueJobs, startWorker } from './modules/jobs/jobs.service.js';
import { RESCORE_ALL_JOB, rescoreAllJob, rescoreFadingScores } from './modules/leads/leads.jobs.js';
import { sendEmailJob } from './modules/mail/mail.service.js';
import { sweepTaskReminders } from './modules/tasks/tasks.service.js';
import { DELIVER_JOB } from './modules/webhooks/webhooks.emit.js';
import { deliverWebhookJob } from './modules/webhooks/webhooks.jobs.js';

/** Every job name the server knows, with its idempotent handler. */
export const jobHandlers: Record<string, JobHandler> = {
  send_email: sendEmailJob,
  event_reminders: sendEventReminders,
  event_guest_mail: sendGuestMail,
  import_run: (ctx, payload) => runImportJob(ctx, payload),
  [DELIVER_JOB]: deliverWebhookJob,
  [RESCORE_ALL_JOB]: rescoreAllJob,
};

/** The SLA breach check, counted for /metrics (by the instance that flagged the breaches). */
const sweepBreachesCounted = async (ctx: AppContext): Promise<number> => {
  const flagged = await sweepBreaches(ctx);
  metrics.slaBreaches.inc(flagged);
  return flagged;
};
const sweepEvery = (ctx: AppContext) => ctx.config.sweepIntervalMs;

const periodic: PeriodicTask[] = [
  { everyMs: sweepEvery, run: sweepBreachesCounted },
  { everyMs: sweepEvery, run: sweepTaskReminders },
  { everyMs: 5 * 60_000, run: sweepGoals },
  { everyMs: 15 * 60_000, run: sendGoalDigests },
  { everyMs: 15 * 60_000, run: sweepTokenExpiryWarnings },
  { everyMs: 60 * 60_000, run: sweepUnconfirmedContacts },
  // touches fade: stored scores follow, a bounded share of the workspace every 5 minutes (and at start)
  { everyMs: 5 * 60_000, run: rescoreFadingScores },
];

/**
 * Starts the in-process worker: jobs every second, SLA breach checks and task reminders every
 * NENNER_SWEEP_INTERVAL_MS (30 s), goal
 * renewals and notices every 5 min, the weekly goal digest and
 * API token expiry warnings checked every 15 min, fading lead scores every 5 min (a bounded share each time). Returns a stop function.
 */
export const startBackgroundWork = (ctx: AppContext, log: (err: unknown) => void) =>
  startWorker(ctx, jobHandlers, periodic, log);

/** Runs what is due right now, once (tests and scripts). */
export const runBackgroundOnce = async (ctx: AppContext): Promise<void> => {
  for (const task of periodic) await task.run(ctx);
  while ((await runDueJobs(ctx, jobHandlers)) > 0) {
    // drain
  }
};
