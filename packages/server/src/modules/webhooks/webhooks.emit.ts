import type { WebhookEventType } from '@nenner/shared';
import { z } from 'zod';
import type { Db } from '../../db/db.js';
import { newId, nowIso } from '../../lib/ids.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import { type DeliveryRow, findEnabledSubscriptions, insertDeliveries } from './webhooks.repository.js';

export type { WebhookEventType } from '@nenner/shared';

/** The handoff transitions (timeline actions) that are webhook events. */
export const handoffWebhookEvents: Partial<Record<string, WebhookEventType>> = {
  accepted: 'handoff.accepted',
  rejected: 'handoff.rejected',
  converted: 'handoff.converted',
};

/** The job that makes one attempt of one delivery. */
export const DELIVER_JOB = 'webhook_deliver';
export const DeliverPayload = z.object({
  deliveryId: z.string(),
  /** The attempt this job makes: a job that finds it made already does nothing (idempotent). */
  attempt: z.number().int().min(1),
  /** Asked for by an admin (retry, test): sent even while the subscription is switched off. */
  manual: z.boolean().default(false),
});
export type DeliverPayload = z.infer<typeof DeliverPayload>;

/** Writes a delivery (when given) and the job for its attempt, in the caller's transaction. */
export const queueDelivery = async (
  db: Db,
  job: DeliverPayload,
  delivery?: DeliveryRow,
  runAt = nowIso(),
): Promise<void> => {
  if (delivery) await insertDeliveries(db, [delivery]);
  await enqueueJob(db, DELIVER_JOB, job, runAt);
};

/**
 * Tells the subscribers of `type` that it happened, in the caller's transaction, so a delivery exists
 * exactly when the change does. `data` is the record as the REST API presents it, or a function that reads
 * it (called only when someone subscribed). With no subscription this is one indexed read of an empty set.
 */
export const emitWebhookEvent = async (
  db: Db,
  type: WebhookEventType,
  data: object | (() => Promise<unknown>),
): Promise<void> => {
  const subscriptions = await findEnabledSubscriptions(db);
  if (subscriptions.length === 0) return;
  const wanting = subscriptions.filter((s) => (JSON.parse(s.events) as string[]).includes(type));
  if (wanting.length === 0) return;
  const at = nowIso();
  const record = typeof data === 'function' ? await data() : data;
  const body = JSON.stringify({ type, timestamp: at, data: record });
  for (const s of wanting) {
    const id = newId();
    await queueDelivery(
      db,
      { deliveryId: id, attempt: 1, manual: false },
      {
        id,
        webhook_id: s.id,
        event_type: type,
        payload: body,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        delivered_at: null,
        created_at: at,
      },
    );
  }
};
