import { reportEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { answer, registerEndpoints } from '../../http/endpoints.js';
import { exportRows, positionalColumns } from '../../lib/export.js';
import { alignmentReport } from './alignment.service.js';
import { slaReport, slaReportTable } from './reports.service.js';

export const registerReportRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, reportEndpoints, {
    // the same report as JSON or, for `Accept: text/csv`, as a download
    slaReport: async (ctx, _actor, { query }, { request }) => {
      const report = await slaReport(ctx, query);
      if ((request.headers.accept ?? '').includes('text/csv')) {
        const { header, rows } = slaReportTable(report);
        // machine-readable (comma, dot), as the report has always been written
        return exportRows(`nenner-sla-${report.from}-${report.to}`, 'csv', 'en', positionalColumns(header), rows);
      }
      return answer(200, report);
    },
    alignmentReport: (ctx, _actor, { query }) => alignmentReport(ctx, query),
  });
