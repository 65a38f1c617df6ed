import { exportEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { exportAccounts, exportCampaigns, exportContacts, exportDeals, exportHandoffs } from './exports.service.js';

export const registerExportRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, exportEndpoints, {
    exportContacts: (ctx, actor, { query }) => exportContacts(ctx, actor, query),
    exportAccounts: (ctx, actor, { query }) => exportAccounts(ctx, actor, query),
    exportDeals: (ctx, actor, { query }) => exportDeals(ctx, actor, query),
    exportCampaigns: (ctx, actor, { query }) => exportCampaigns(ctx, actor, query),
    exportHandoffs: (ctx, actor, { query }) => exportHandoffs(ctx, actor, query),
  });
