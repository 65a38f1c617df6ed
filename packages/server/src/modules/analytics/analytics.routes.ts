import { analyticsEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { funnelReport, leadFlow, pipelineBySource } from './analytics.service.js';
import { contribution, contributionRecords } from './contribution.service.js';

/** Funnel, contribution scorecard, lead flow and pipeline by source: readable by every signed-in user. */
export const registerAnalyticsRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, analyticsEndpoints, {
    funnelReport: (ctx, _actor, { query }) => funnelReport(ctx, query),
    contribution: (ctx, _actor, { query }) => contribution(ctx, query),
    contributionRecords: (ctx, _actor, { query }) => contributionRecords(ctx, query),
    leadFlow: (ctx, _actor, { query }) => leadFlow(ctx, query),
    pipelineBySource: (ctx, _actor, { query }) => pipelineBySource(ctx, query),
  });
