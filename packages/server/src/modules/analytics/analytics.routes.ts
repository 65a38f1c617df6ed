import {
  ContributionQuery,
  ContributionRecords,
  ContributionRecordsQuery,
  ContributionResult,
  FunnelQuery,
  FunnelResult,
  LeadFlowQuery,
  LeadFlowResult,
  PipelineBySourceQuery,
  PipelineBySourceResult,
} from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { funnelReport, leadFlow, pipelineBySource } from './analytics.service.js';
import { contribution, contributionRecords } from './contribution.service.js';

/** Funnel, contribution scorecard, lead flow and pipeline by source: readable by every signed-in user. */
export const registerAnalyticsRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  const period = 'from/to are local dates in the workspace time zone, inclusive';

  r.get(
    '/api/reports/funnel',
    {
      schema: {
        tags,
        summary: `Funnel and velocity of the contacts that became leads in a period, by source|channel|campaign|owner (${period})`,
        querystring: FunnelQuery,
        response: { 200: FunnelResult },
      },
    },
    async (request) => {
      requireActor(request);
      return funnelReport(ctx, request.query);
    },
  );
  r.get(
    '/api/reports/contribution',
    {
      schema: {
        tags,
        summary: `Contribution scorecard: marketing- and sales-sourced figures side by side, influenced pipeline, both sides of the SLA (${period})`,
        querystring: ContributionQuery,
        response: { 200: ContributionResult },
      },
    },
    async (request) => {
      requireActor(request);
      return contribution(ctx, request.query);
    },
  );
  r.get(
    '/api/reports/contribution/records',
    {
      schema: {
        tags,
        summary: 'The deals or handoffs behind one scorecard figure (its `link`), newest first, with the total',
        querystring: ContributionRecordsQuery,
        response: { 200: ContributionRecords },
      },
    },
    async (request) => {
      requireActor(request);
      return contributionRecords(ctx, request.query);
    },
  );
  r.get(
    '/api/reports/lead-flow',
    {
      schema: {
        tags,
        summary: `Sankey of the period's new leads: origin → handoff → verdict → result (${period})`,
        querystring: LeadFlowQuery,
        response: { 200: LeadFlowResult },
      },
    },
    async (request) => {
      requireActor(request);
      return leadFlow(ctx, request.query);
    },
  );
  r.get(
    '/api/reports/pipeline-by-source',
    {
      schema: {
        tags,
        summary: `Pipeline created and revenue won per month, marketing- vs sales-sourced, in one currency (${period})`,
        querystring: PipelineBySourceQuery,
        response: { 200: PipelineBySourceResult },
      },
    },
    async (request) => {
      requireActor(request);
      return pipelineBySource(ctx, request.query);
    },
  );
};
