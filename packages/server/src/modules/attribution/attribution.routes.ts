import { attributionEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { exportRows, positionalColumns } from '../../lib/export.js';
import { attributionCsv } from './attribution.csv.js';
import { attributionDrill, attributionReport } from './attribution.service.js';

export const registerAttributionRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, attributionEndpoints, {
    attributionReport: (ctx, _actor, { query }) => attributionReport(ctx, query),
    attributionDrill: (ctx, _actor, { query }) => attributionDrill(ctx, query),
    attributionCsv: async (ctx, _actor, { query }) => {
      const { filename, header, rows } = await attributionCsv(ctx, query);
      return exportRows(filename, 'csv', 'en', positionalColumns(header), rows);
    },
  });
