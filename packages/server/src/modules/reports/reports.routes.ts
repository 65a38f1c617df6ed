import { reportEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { answer, csvFile, registerEndpoints } from '../../http/endpoints.js';
import { alignmentReport } from './alignment.service.js';
import { slaReport, slaReportCsv } from './reports.service.js';

export const registerReportRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, reportEndpoints, {
    // the same report as JSON or, for `Accept: text/csv`, as a download
    slaReport: async (ctx, _actor, { query }, { request }) => {
      const report = await slaReport(ctx, query);
      if ((request.headers.accept ?? '').includes('text/csv')) {
        return csvFile(`nenner-sla-${report.from}-${report.to}.csv`, slaReportCsv(report));
      }
      return answer(200, report);
    },
    alignmentReport: (ctx, _actor, { query }) => alignmentReport(ctx, query),
  });
