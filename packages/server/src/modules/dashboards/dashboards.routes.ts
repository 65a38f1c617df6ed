import {
  CreateDashboardInput,
  Dashboard,
  DashboardIdParams,
  DashboardList,
  UpdateDashboardInput,
} from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireVersion } from '../../http/access.js';
import { requireActor } from '../../http/auth.js';
import {
  createDashboard,
  deleteDashboard,
  getDashboard,
  listDashboards,
  updateDashboard,
} from './dashboards.service.js';

export const registerDashboardRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dashboards'];
  r.get(
    '/api/dashboards',
    {
      schema: {
        tags,
        summary: 'The built-in default dashboard, then mine, then those others share',
        response: { 200: DashboardList },
      },
    },
    async (request) => listDashboards(ctx, requireActor(request)),
  );
  r.post(
    '/api/dashboards',
    {
      schema: {
        tags,
        summary: 'Create a dashboard of up to 12 widgets, owned by the caller',
        body: CreateDashboardInput,
        response: { 201: Dashboard },
      },
    },
    async (request, reply) => reply.status(201).send(await createDashboard(ctx, requireActor(request), request.body)),
  );
  r.get(
    '/api/dashboards/:id',
    {
      schema: {
        tags,
        summary: 'One dashboard (`default` is the built-in one); others’ private dashboards are not found',
        params: DashboardIdParams,
        response: { 200: Dashboard },
      },
    },
    async (request) => getDashboard(ctx, requireActor(request), request.params.id),
  );
  r.patch(
    '/api/dashboards/:id',
    {
      schema: {
        tags,
        summary: 'Rename, rearrange or share a dashboard (owner, admins; If-Match: "<version>" required)',
        params: DashboardIdParams,
        body: UpdateDashboardInput,
        response: { 200: Dashboard },
      },
    },
    async (request) =>
      updateDashboard(
        ctx,
        requireActor(request),
        request.params.id,
        requireVersion(request.headers['if-match']),
        request.body,
      ),
  );
  r.delete(
    '/api/dashboards/:id',
    {
      schema: { tags, summary: 'Delete a dashboard (owner, admins)', params: DashboardIdParams },
    },
    async (request, reply) => {
      await deleteDashboard(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );
};
