import { dealEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { getBoard } from './board.service.js';
import { createDeal, deleteDeal, getDeal, listDeals, restoreDeal, updateDeal } from './deals.service.js';
import { closeDeal, moveDeal, reopenDeal } from './deals.stages.js';
import { getForecast } from './forecast.service.js';

export const registerDealRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, dealEndpoints, {
    getBoard: (ctx, actor, { query }) => getBoard(ctx, actor, query),
    listDeals: (ctx, actor, { query }) => listDeals(ctx, actor, query),
    createDeal: (ctx, actor, { body }) => createDeal(ctx, actor, body),
    getDeal: (ctx, actor, { params }) => getDeal(ctx, actor, params.id),
    updateDeal: (ctx, actor, { params, version, body }) => updateDeal(ctx, actor, params.id, version, body),
    deleteDeal: (ctx, actor, { params }) => deleteDeal(ctx, actor, params.id),
    restoreDeal: (ctx, actor, { params }) => restoreDeal(ctx, actor, params.id),
    moveDeal: (ctx, actor, { params, version, body }) => moveDeal(ctx, actor, params.id, version, body.stageId),
    closeDeal: (ctx, actor, { params, body, version }) => closeDeal(ctx, actor, params.id, version, body),
    reopenDeal: (ctx, actor, { params, body, version }) => reopenDeal(ctx, actor, params.id, version, body.stageId),
    getForecast: (ctx, _actor, { query }) => getForecast(ctx, query),
  });
