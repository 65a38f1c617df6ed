import { randomBytes } from 'node:crypto';
import {
  type CreateWebhookInput,
  type Page,
  type UpdateWebhookInput,
  type Webhook,
  type WebhookDelivery,
  type WebhookDeliveryQuery,
  type WebhookEventType,
  type WebhookListQuery,
  type WebhookWithSecret,
  webhookTestEventType,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { now } from '../../lib/clock.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { checkUrlAtSave, SsrfError } from '../../lib/ssrf.js';
import { changesBetween, recordAudit } from '../timeline/timeline.service.js';
import { queueDelivery } from './webhooks.emit.js';
import {
  type AttemptRow,
  type DeliveryRow,
  deleteWebhookRow,
  findAttempts,
  findDeliveryRow,
  findWebhookRow,
  insertWebhook,
  listDeliveryRows,
  listWebhookRows,
  updateDeliveryRow,
  updateWebhookRow,
  type WebhookRow,
} from './webhooks.repository.js';

/** How long deliveries stay signed with the old secret too after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

/** `whsec_` + base64 of 32 random bytes, as Standard Webhooks libraries read it. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export const presentWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  url: r.url,
  events: JSON.parse(r.events) as WebhookEventType[],
  description: r.description,
  enabled: r.enabled === 1,
  disabledReason: (r.disabled_reason as Webhook['disabledReason']) ?? null,
  consecutiveFailures: r.consecutive_failures,
  previousSecretUntil:
    r.previous_secret && r.previous_secret_until && Date.parse(r.previous_secret_until) > now()
      ? new Date(r.previous_secret_until).toISOString()
      : null,
  version: r.version,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);

const presentDelivery = (d: DeliveryRow, attempts: AttemptRow[]): WebhookDelivery => ({
  id: d.id,
  webhookId: d.webhook_id,
  eventType: d.event_type,
  status: d.status as WebhookDelivery['status'],
  attempts: attempts
    .filter((a) => a.delivery_id === d.id)
    .map((a) => ({
      attempt: a.attempt,
      at: new Date(a.created_at).toISOString(),
      status: a.status as WebhookDelivery['attempts'][number]['status'],
      responseCode: a.response_code,
      durationMs: a.duration_ms,
      responseBody: a.response_body,
      error: a.error,
    })),
  nextAttemptAt: iso(d.next_attempt_at),
  createdAt: new Date(d.created_at).toISOString(),
  deliveredAt: iso(d.delivered_at),
});

const loadRow = async (db: Db, id: string): Promise<WebhookRow> => {
  const row = await findWebhookRow(db, id);
  if (!row) throw new AppError('webhook_not_found');
  return row;
};

/** The SSRF rules at save time: a refused URL is a 400 `url_not_allowed` that names the rule. */
const assertUrlAllowed = async (ctx: AppContext, url: string): Promise<void> => {
  try {
    await checkUrlAtSave(url, ctx.config.webhooks);
  } catch (err) {
    if (!(err instanceof SsrfError)) throw err;
    throw new AppError('url_not_allowed', `Refused by rule ${err.message}`, {
      errors: [{ path: 'url', message: err.message }],
    });
  }
};

/** Subscriptions, newest first (admins). */
export const listWebhooks = async (ctx: AppContext, query: WebhookListQuery): Promise<Page<Webhook>> => {
  const after = query.cursor ? String(decodeCursor(query.cursor, { sort: 'webhooks' })[1]) : undefined;
  const rows = await listWebhookRows(ctx.db, query.limit + 1, after);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentWebhook),
    nextCursor: rows.length > query.limit && last ? encodeCursor(0, last.id, 'webhooks') : null,
  };
};

/** One subscription. */
export const getWebhook = async (ctx: AppContext, id: string): Promise<Webhook> =>
  presentWebhook(await loadRow(ctx.db, id));

/** Subscribes a URL the SSRF rules allow; answers the secret once. */
export const createWebhook = async (
  ctx: AppContext,
  actor: Actor,
  input: CreateWebhookInput,
): Promise<WebhookWithSecret> => {
  assertCan(actor, 'webhooks.manage', undefined, 'Only admins manage webhooks');
  await assertUrlAllowed(ctx, input.url);
  const secret = newSecret();
  return ctx.db.transaction().execute(async (trx) => {
    const id = newId();
    const at = nowIso();
    await insertWebhook(trx, {
      id,
      url: input.url,
      events: JSON.stringify(input.events),
      description: input.description ?? null,
      enabled: input.enabled ? 1 : 0,
      disabled_reason: null,
      consecutive_failures: 0,
      secret,
      previous_secret: null,
      previous_secret_until: null,
      created_by: actor.id,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, actor, 'webhook', id, 'created');
    return { ...presentWebhook(await loadRow(trx, id)), secret };
  });
};

/** Changes the URL (checked again), event types, description or switch (If-Match). */
export const updateWebhook = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: UpdateWebhookInput,
): Promise<Webhook> => {
  assertCan(actor, 'webhooks.manage', undefined, 'Only admins manage webhooks');
  if (input.url !== undefined) await assertUrlAllowed(ctx, input.url);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, id);
    if (row.version !== expectedVersion) throw new AppError('version_conflict');
    const before = presentWebhook(row);
    const switchedOn = input.enabled === true && row.enabled === 0;
    await updateWebhookRow(trx, id, {
      ...(input.url !== undefined && { url: input.url }),
      ...(input.events !== undefined && { events: JSON.stringify(input.events) }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.enabled !== undefined && { enabled: input.enabled ? 1 : 0 }),
      ...(switchedOn && { consecutive_failures: 0, disabled_reason: null }),
      version: row.version + 1,
      updated_at: nowIso(),
    });
    const after = presentWebhook(await loadRow(trx, id));
    const pick = (w: Webhook) => ({ url: w.url, events: w.events, description: w.description, enabled: w.enabled });
    await recordAudit(
      trx,
      actor,
      'webhook',
      id,
      'updated',
      changesBetween(pick(before), pick(after), ['url', 'events', 'description', 'enabled']),
    );
    return after;
  });
};

/** Deletes a subscription with its delivery log. */
export const deleteWebhook = async (ctx: AppContext, actor: Actor, id: string): Promise<void> => {
  assertCan(actor, 'webhooks.manage', undefined, 'Only admins manage webhooks');
  await ctx.db.transaction().execute(async (trx) => {
    await loadRow(trx, id);
    await deleteWebhookRow(trx, id);
    await recordAudit(trx, actor, 'webhook', id, 'deleted');
  });
};

/** A new secret, answered once; the old one keeps signing beside it for 24 hours. */
export const rotateWebhookSecret = async (ctx: AppContext, actor: Actor, id: string): Promise<WebhookWithSecret> => {
  assertCan(actor, 'webhooks.manage', undefined, 'Only admins manage webhooks');
  const secret = newSecret();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, id);
    await updateWebhookRow(trx, id, {
      secret,
      previous_secret: row.secret,
      previous_secret_until: new Date(now() + ROTATION_OVERLAP_MS).toISOString(),
      version: row.version + 1,
      updated_at: nowIso(),
    });
    await recordAudit(trx, actor, 'webhook', id, 'secret_rotated');
    return { ...presentWebhook(await loadRow(trx, id)), secret };
  });
};

/** The delivery log: deliveries newest first, each with all its attempts. */
export const listWebhookDeliveries = async (
  ctx: AppContext,
  id: string,
  query: WebhookDeliveryQuery,
): Promise<Page<WebhookDelivery>> => {
  await loadRow(ctx.db, id);
  const after = query.cursor ? String(decodeCursor(query.cursor, { sort: 'deliveries' })[1]) : undefined;
  const rows = await listDeliveryRows(ctx.db, id, query.limit + 1, query.status, after);
  const page = rows.slice(0, query.limit);
  const attempts = await findAttempts(
    ctx.db,
    page.map((d) => d.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((d) => presentDelivery(d, attempts)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(0, last.id, 'deliveries') : null,
  };
};

const reloadDelivery = async (db: Db, deliveryId: string) => {
  const d = await findDeliveryRow(db, deliveryId);
  if (!d) throw new AppError('delivery_not_found');
  return presentDelivery(d, await findAttempts(db, [d.id]));
};

/** Sends a delivery again now: the same webhook-id and body, a new attempt in its log. */
export const retryWebhookDelivery = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  deliveryId: string,
): Promise<WebhookDelivery> => {
  assertCan(actor, 'webhooks.manage', undefined, 'Only admins manage webhooks');
  return ctx.db.transaction().execute(async (trx) => {
    await loadRow(trx, id);
    const d = await findDeliveryRow(trx, deliveryId);
    if (!d || d.webhook_id !== id) throw new AppError('delivery_not_found');
    await updateDeliveryRow(trx, d.id, { status: 'pending', next_attempt_at: nowIso() });
    await queueDelivery(trx, { deliveryId: d.id, attempt: d.attempts + 1, manual: true });
    await recordAudit(trx, actor, 'webhook', id, 'delivery_retried');
    return reloadDelivery(trx, d.id);
  });
};

/** Queues a `webhook.test` event for one subscription (sent even when it is switched off). */
export const testWebhook = async (ctx: AppContext, actor: Actor, id: string): Promise<WebhookDelivery> => {
  assertCan(actor, 'webhooks.manage', undefined, 'Only admins manage webhooks');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, id);
    const deliveryId = newId();
    const at = nowIso();
    const payload = {
      type: webhookTestEventType,
      timestamp: at,
      data: { webhookId: row.id, message: 'Hello from Nenner' },
    };
    await queueDelivery(
      trx,
      { deliveryId, attempt: 1, manual: true },
      {
        id: deliveryId,
        webhook_id: row.id,
        event_type: webhookTestEventType,
        payload: JSON.stringify(payload),
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        delivered_at: null,
        created_at: at,
      },
    );
    await recordAudit(trx, actor, 'webhook', id, 'test_sent');
    return reloadDelivery(trx, deliveryId);
  });
};
