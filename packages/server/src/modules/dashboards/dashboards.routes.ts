import { dashboardEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import {
  createDashboard,
  deleteDashboard,
  getDashboard,
  listDashboards,
  updateDashboard,
} from './dashboards.service.js';

export const registerDashboardRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, dashboardEndpoints, {
    listDashboards: (ctx, actor) => listDashboards(ctx, actor),
    createDashboard: (ctx, actor, { body }) => createDashboard(ctx, actor, body),
    getDashboard: (ctx, actor, { params }) => getDashboard(ctx, actor, params.id),
    updateDashboard: (ctx, actor, { params, version, body }) => updateDashboard(ctx, actor, params.id, version, body),
    deleteDashboard: (ctx, actor, { params }) => deleteDashboard(ctx, actor, params.id),
  });
