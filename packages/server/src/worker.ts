import type { AppContext } from './context.js';
import { sendEventReminders, sendGuestMail } from './modules/events/events.jobs.js';
import { sendGoalDigests, sweepGoals } from './modules/goals/notices.service.js';
import { sweepBreaches } from './modules/handoffs/handoffs.service.js';
import { type JobHandler, runDueJobs, startWorker } from './modules/jobs/jobs.service.js';
import { sendEmailJob } from './modules/mail/mail.service.js';
import { sweepTaskReminders } from './modules/tasks/tasks.service.js';

/** Every job name the server knows, with its idempotent handler. */
export const jobHandlers: Record<string, JobHandler> = {
  send_email: sendEmailJob,
  event_reminders: sendEventReminders,
  event_guest_mail: sendGuestMail,
};

const periodic = [
  { everyMs: 30_000, run: sweepBreaches },
  { everyMs: 30_000, run: sweepTaskReminders },
  { everyMs: 5 * 60_000, run: sweepGoals },
  { everyMs: 15 * 60_000, run: sendGoalDigests },
];

/**
 * Starts the in-process worker: jobs every second, SLA breach checks and task reminders every 30 s, goal
 * renewals and notices every 5 min, the weekly goal digest checked every 15 min. Returns a stop function.
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
