import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { now } from '../../lib/clock.js';
import { newId, nowIso } from '../../lib/ids.js';
import { notifyUsers } from '../notifications/notifications.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { type AttemptOutcome, sendSigned } from './webhooks.client.js';
import { DeliverPayload, queueDelivery } from './webhooks.emit.js';
import {
  countFailure,
  findActiveAdminIds,
  findDeliveryRow,
  findWebhookRow,
  insertAttempt,
  updateDeliveryRow,
  updateWebhookRow,
  type WebhookRow,
} from './webhooks.repository.js';

/** Waits before the 2nd … 7th attempt: about a day in all. */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000] as const;
/** After this many failed attempts in a row the subscription is switched off and admins are told. */
export const MAX_CONSECUTIVE_FAILURES = 20;

/** A delay with ±10 % jitter, so receivers that came back are not hit by every sender at once. */
export const withJitter = (ms: number, random = Math.random()): number => Math.round(ms * (0.9 + 0.2 * random));

const secretsOf = (hook: WebhookRow): string[] =>
  hook.previous_secret && hook.previous_secret_until && Date.parse(hook.previous_secret_until) > now()
    ? [hook.secret, hook.previous_secret]
    : [hook.secret];

/** Switches a subscription off (410, or too many failures) and, for failures, tells every admin. */
const disable = async (ctx: AppContext, db: Db, hook: WebhookRow, reason: 'gone' | 'failures'): Promise<void> => {
  await updateWebhookRow(db, hook.id, {
    enabled: 0,
    disabled_reason: reason,
    version: hook.version + 1,
    updated_at: nowIso(),
  });
  await recordAudit(db, null, 'webhook', hook.id, reason === 'gone' ? 'disabled_gone' : 'disabled_failures');
  if (reason === 'failures') {
    await notifyUsers(
      ctx,
      db,
      await findActiveAdminIds(db),
      'webhook_disabled',
      { type: 'webhook', id: hook.id, path: '/settings?section=webhooks' },
      { url: hook.url, failures: String(MAX_CONSECUTIVE_FAILURES) },
    );
  }
};

/** Records an attempt and decides what follows: done, a retry later, or giving up (and maybe switching off). */
const settle = (ctx: AppContext, hook: WebhookRow, job: DeliverPayload, outcome: AttemptOutcome, startedAt: string) =>
  ctx.db.transaction().execute(async (trx) => {
    await insertAttempt(trx, {
      id: newId(),
      delivery_id: job.deliveryId,
      attempt: job.attempt,
      status: outcome.status,
      response_code: outcome.responseCode,
      duration_ms: outcome.durationMs,
      response_body: outcome.responseBody,
      error: outcome.error,
      created_at: startedAt,
    });
    const at = nowIso();
    if (outcome.status === 'delivered') {
      await updateDeliveryRow(trx, job.deliveryId, {
        status: 'delivered',
        attempts: job.attempt,
        next_attempt_at: null,
        delivered_at: at,
      });
      if (hook.consecutive_failures > 0) await updateWebhookRow(trx, hook.id, { consecutive_failures: 0 });
      return;
    }
    const failures = await countFailure(trx, hook.id, at);
    const gone = outcome.responseCode === 410;
    const tooMany = failures >= MAX_CONSECUTIVE_FAILURES;
    const delay = RETRY_DELAYS_MS[job.attempt - 1];
    const retry = !gone && !tooMany && !job.manual && delay !== undefined;
    const retryAt = retry ? new Date(now() + withJitter(delay)).toISOString() : null;
    await updateDeliveryRow(trx, job.deliveryId, {
      status: retry ? 'pending' : 'failed',
      attempts: job.attempt,
      next_attempt_at: retryAt,
    });
    if (retryAt)
      await queueDelivery(
        trx,
        { deliveryId: job.deliveryId, attempt: job.attempt + 1, manual: false },
        undefined,
        retryAt,
      );
    const current = await findWebhookRow(trx, hook.id);
    if (current?.enabled === 1 && (gone || tooMany)) await disable(ctx, trx, current, gone ? 'gone' : 'failures');
  });

/**
 * Makes one attempt of a delivery (job `webhook_deliver`). Idempotent: an attempt made already, a delivery
 * that is settled, or one for a subscription that was deleted or (for automatic ones) switched off is skipped.
 */
export const deliverWebhookJob = async (ctx: AppContext, payload: unknown): Promise<void> => {
  const job = DeliverPayload.parse(payload);
  const delivery = await findDeliveryRow(ctx.db, job.deliveryId);
  if (delivery?.status !== 'pending' || delivery.attempts >= job.attempt) return;
  const hook = await findWebhookRow(ctx.db, delivery.webhook_id);
  if (!hook) return;
  if (hook.enabled !== 1 && !job.manual) {
    await updateDeliveryRow(ctx.db, delivery.id, { status: 'failed', next_attempt_at: null });
    return;
  }
  const startedAt = nowIso();
  const outcome = await sendSigned(hook.url, ctx.config.webhooks, {
    id: delivery.id,
    body: delivery.payload,
    secrets: secretsOf(hook),
    at: new Date(now()),
  });
  await settle(ctx, hook, job, outcome, startedAt);
};
