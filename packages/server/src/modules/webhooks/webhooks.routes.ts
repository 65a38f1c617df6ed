import { webhookEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  retryWebhookDelivery,
  rotateWebhookSecret,
  testWebhook,
  updateWebhook,
} from './webhooks.service.js';

export const registerWebhookRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, webhookEndpoints, {
    listWebhooks: (ctx, _actor, { query }) => listWebhooks(ctx, query),
    createWebhook: (ctx, actor, { body }) => createWebhook(ctx, actor, body),
    getWebhook: (ctx, _actor, { params }) => getWebhook(ctx, params.id),
    updateWebhook: (ctx, actor, { params, version, body }) => updateWebhook(ctx, actor, params.id, version, body),
    deleteWebhook: (ctx, actor, { params }) => deleteWebhook(ctx, actor, params.id),
    rotateWebhookSecret: (ctx, actor, { params }) => rotateWebhookSecret(ctx, actor, params.id),
    listWebhookDeliveries: (ctx, _actor, { params, query }) => listWebhookDeliveries(ctx, params.id, query),
    retryWebhookDelivery: (ctx, actor, { params }) => retryWebhookDelivery(ctx, actor, params.id, params.deliveryId),
    testWebhook: (ctx, actor, { params }) => testWebhook(ctx, actor, params.id),
  });
