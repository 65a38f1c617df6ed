import { SlaReportQuery } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { slaReport, slaReportCsv } from './reports.service.js';

export const registerReportRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/reports/sla',
    {
      schema: {
        tags: ['reports'],
        summary: 'SLA report for a period (from/to are local dates, inclusive); Accept: text/csv for CSV',
        querystring: SlaReportQuery,
      },
    },
    async (request, reply) => {
      requireActor(request);
      const report = await slaReport(ctx, request.query);
      if ((request.headers.accept ?? '').includes('text/csv')) {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="nenner-sla-${report.from}-${report.to}.csv"`)
          .send(slaReportCsv(report));
      }
      return report;
    },
  );
};
