import { handoffEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import {
  acceptHandoff,
  convertHandoff,
  getHandoff,
  listHandoffs,
  logFirstTouch,
  reassignHandoff,
  recycleHandoff,
  rejectHandoff,
} from './handoffs.service.js';

export const registerHandoffRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, handoffEndpoints, {
    listHandoffs: (ctx, actor, { query }) => listHandoffs(ctx, actor, query),
    getHandoff: (ctx, _actor, { params }) => getHandoff(ctx, params.id),
    acceptHandoff: (ctx, actor, { params }) => acceptHandoff(ctx, actor, params.id),
    rejectHandoff: (ctx, actor, { params, body }) => rejectHandoff(ctx, actor, params.id, body),
    logFirstTouch: (ctx, actor, { params }) => logFirstTouch(ctx, actor, params.id),
    // converting without a body means sql
    convertHandoff: (ctx, actor, { params, body }) => convertHandoff(ctx, actor, params.id, body ?? { stage: 'sql' }),
    reassignHandoff: (ctx, actor, { params, body }) => reassignHandoff(ctx, actor, params.id, body.userId),
    recycleHandoff: (ctx, actor, { params, body }) => recycleHandoff(ctx, actor, params.id, body.note),
  });
