import { z } from 'zod';
import { Id, IsoDateTime, Limit, optionalText } from './common.js';

/** Every event a webhook subscription can ask for (issue 19). */
export const webhookEventTypes = [
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'contact.erased',
  'account.created',
  'account.updated',
  'account.deleted',
  'deal.created',
  'deal.stage_changed',
  'deal.won',
  'deal.lost',
  'handoff.created',
  'handoff.accepted',
  'handoff.rejected',
  'handoff.breached',
  'handoff.converted',
  'form.submitted',
  'campaign.created',
  'event.registration.created',
  'event.registration.cancelled',
  'import.completed',
] as const;
export const WebhookEventType = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** The type of the event `POST /api/webhooks/{id}/test` sends; no subscription asks for it, every one gets it. */
export const webhookTestEventType = 'webhook.test';

export const webhookLimits = { urlMax: 2000, descriptionMax: 500, responseBytesMax: 1024 } as const;

/** A URL as typed; the server's SSRF rules decide whether it may be called (400 `url_not_allowed`). */
const WebhookUrl = z.string().trim().min(1).max(webhookLimits.urlMax);
const Events = z
  .array(WebhookEventType)
  .min(1)
  .max(webhookEventTypes.length)
  .transform((e) => [...new Set(e)]);

export const CreateWebhookInput = z.strictObject({
  url: WebhookUrl,
  events: Events,
  description: optionalText(webhookLimits.descriptionMax).optional(),
  enabled: z.boolean().default(true),
});
export type CreateWebhookInput = z.infer<typeof CreateWebhookInput>;

export const UpdateWebhookInput = z.strictObject({
  url: WebhookUrl.optional(),
  events: Events.optional(),
  description: optionalText(webhookLimits.descriptionMax).optional(),
  /** Switching a subscription on again clears its failure count. */
  enabled: z.boolean().optional(),
});
export type UpdateWebhookInput = z.infer<typeof UpdateWebhookInput>;

/** Why the server switched a subscription off: the receiver answered 410, or 20 deliveries in a row failed. */
export const WebhookDisabledReason = z.enum(['gone', 'failures']);

export const Webhook = z.object({
  id: Id,
  url: z.string(),
  events: z.array(WebhookEventType),
  description: z.string().nullable(),
  enabled: z.boolean(),
  disabledReason: WebhookDisabledReason.nullable(),
  consecutiveFailures: z.number().int(),
  /** Until then deliveries carry a signature with the previous secret too (after a rotation). */
  previousSecretUntil: IsoDateTime.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Webhook = z.infer<typeof Webhook>;

/** A subscription with its signing secret: answered once, by the create and by a rotation. */
export const WebhookWithSecret = Webhook.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const WebhookAttemptStatus = z.enum(['delivered', 'failed', 'refused']);
export const WebhookAttempt = z.object({
  attempt: z.number().int(),
  at: IsoDateTime,
  status: WebhookAttemptStatus,
  /** The receiver's HTTP status, null when none came (refused, timeout, connection error). */
  responseCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  /** The first 1 KB of the response. */
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const WebhookDeliveryStatus = z.enum(['pending', 'delivered', 'failed']);
export const WebhookDelivery = z.object({
  /** Also the `webhook-id` header: the same on every attempt, so receivers can deduplicate. */
  id: z.string(),
  webhookId: Id,
  eventType: z.string(),
  status: WebhookDeliveryStatus,
  attempts: z.array(WebhookAttempt),
  nextAttemptAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  deliveredAt: IsoDateTime.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookListQuery = z.strictObject({ limit: Limit, cursor: z.string().max(200).optional() });
export type WebhookListQuery = z.infer<typeof WebhookListQuery>;

export const WebhookDeliveryQuery = z.strictObject({
  status: WebhookDeliveryStatus.optional(),
  limit: Limit,
  cursor: z.string().max(200).optional(),
});
export type WebhookDeliveryQuery = z.infer<typeof WebhookDeliveryQuery>;

export const WebhookDeliveryParams = z.strictObject({ id: Id, deliveryId: Id });
