import {
  AttributionAllResult,
  AttributionDrillQuery,
  AttributionDrillResult,
  AttributionModelResult,
  AttributionQuery,
} from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { attributionCsv, attributionDrill, attributionReport } from './attribution.service.js';

export const registerAttributionRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  r.get(
    '/api/reports/attribution',
    {
      schema: {
        tags,
        summary:
          'Attribution of pipeline (deals created) or revenue (deals won) in a period of local dates to campaigns, channels or departments; all seven models when `model` is omitted',
        querystring: AttributionQuery,
        response: { 200: z.union([AttributionModelResult, AttributionAllResult]) },
      },
    },
    async (request) => {
      requireActor(request);
      return attributionReport(ctx, request.query);
    },
  );
  r.get(
    '/api/reports/attribution/deals',
    {
      schema: {
        tags,
        summary: 'The deals and touches behind one cell of the attribution report (`id=unattributed` for the rest)',
        querystring: AttributionDrillQuery,
        response: { 200: AttributionDrillResult },
      },
    },
    async (request) => {
      requireActor(request);
      return attributionDrill(ctx, request.query);
    },
  );
  r.get(
    '/api/reports/attribution.csv',
    {
      schema: {
        tags,
        summary: 'The attribution report as CSV: one row per campaign, channel or department, one column per model',
        // the CSV always holds every model
        querystring: AttributionQuery.transform(({ model: _model, ...rest }) => rest),
      },
    },
    async (request, reply) => {
      requireActor(request);
      const { filename, csv } = await attributionCsv(ctx, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
};
