import { competitorEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import {
  addIntel,
  createCompetitor,
  getCompetitor,
  listCompetitors,
  listIntel,
  listRatings,
  rateBattlecard,
  updateCompetitor,
} from './competitors.service.js';
import { winLossReport } from './winloss.service.js';

export const registerCompetitorRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, competitorEndpoints, {
    listCompetitors: (ctx, actor, { query }) => listCompetitors(ctx, actor, query),
    createCompetitor: (ctx, actor, { body }) => createCompetitor(ctx, actor, body),
    getCompetitor: (ctx, actor, { params }) => getCompetitor(ctx, actor, params.id),
    updateCompetitor: (ctx, actor, { params, version, body }) => updateCompetitor(ctx, actor, params.id, version, body),
    rateBattlecard: (ctx, actor, { params, body }) => rateBattlecard(ctx, actor, params.id, body),
    listRatings: (ctx, actor, { params, query }) => listRatings(ctx, actor, params.id, query),
    addIntel: (ctx, actor, { params, body }) => addIntel(ctx, actor, params.id, body),
    listIntel: (ctx, actor, { params, query }) => listIntel(ctx, actor, params.id, query),
    winLossReport: (ctx, _actor, { query }) => winLossReport(ctx, query),
  });
