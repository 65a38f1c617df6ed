import type { Db } from '../../db/db.js';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhooksTable } from '../../db/schema.js';

export type WebhookRow = WebhooksTable;
export type DeliveryRow = WebhookDeliveriesTable;
export type AttemptRow = WebhookAttemptsTable;

export const findWebhookRow = (db: Db, id: string) =>
  db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();

/** Subscriptions, newest first, keyset on id (ids are time-ordered). */
export const listWebhookRows = (db: Db, limit: number, afterId?: string) => {
  let q = db.selectFrom('webhooks').selectAll().orderBy('id', 'desc').limit(limit);
  if (afterId) q = q.where('id', '<', afterId);
  return q.execute();
};

/** The switched-on subscriptions and what they want: the one read every change makes (indexed, tiny). */
export const findEnabledSubscriptions = (db: Db) =>
  db.selectFrom('webhooks').select(['id', 'events']).where('enabled', '=', 1).execute();

export const insertWebhook = (db: Db, row: WebhookRow) => db.insertInto('webhooks').values(row).execute();

export const updateWebhookRow = (db: Db, id: string, set: Partial<WebhookRow>) =>
  db.updateTable('webhooks').set(set).where('id', '=', id).execute();

export const deleteWebhookRow = (db: Db, id: string) => db.deleteFrom('webhooks').where('id', '=', id).execute();

/** Counts a failure and answers the new count. */
export const countFailure = async (db: Db, id: string, at: string): Promise<number> => {
  await db
    .updateTable('webhooks')
    .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
  const row = await db.selectFrom('webhooks').select('consecutive_failures').where('id', '=', id).executeTakeFirst();
  return row?.consecutive_failures ?? 0;
};

export const insertDeliveries = async (db: Db, rows: DeliveryRow[]) => {
  if (rows.length > 0) await db.insertInto('webhook_deliveries').values(rows).execute();
};

export const findDeliveryRow = (db: Db, id: string) =>
  db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();

export const updateDeliveryRow = (db: Db, id: string, set: Partial<DeliveryRow>) =>
  db.updateTable('webhook_deliveries').set(set).where('id', '=', id).execute();

/** A subscription's deliveries, newest first, keyset on id. */
export const listDeliveryRows = (db: Db, webhookId: string, limit: number, status?: string, afterId?: string) => {
  let q = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('id', 'desc')
    .limit(limit);
  if (status) q = q.where('status', '=', status);
  if (afterId) q = q.where('id', '<', afterId);
  return q.execute();
};

export const insertAttempt = (db: Db, row: AttemptRow) => db.insertInto('webhook_attempts').values(row).execute();

/** The attempts of some deliveries, in order (one query for any number). */
export const findAttempts = async (db: Db, deliveryIds: string[]) =>
  deliveryIds.length === 0
    ? []
    : db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where('delivery_id', 'in', deliveryIds)
        .orderBy('delivery_id')
        .orderBy('attempt')
        .execute();

/** Active admins: who is told when a subscription is switched off (a read of users, like notifications' own). */
export const findActiveAdminIds = async (db: Db): Promise<string[]> =>
  (await db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', 1).execute()).map(
    (r) => r.id,
  );
