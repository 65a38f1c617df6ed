import { SlaReportQuery } from '../schemas/leads.js';
import { endpoint } from './endpoint.js';

export const reportEndpoints = {
  // JSON by default, CSV on `Accept: text/csv`: documented as a plain 200, as before
  slaReport: endpoint({
    method: 'GET',
    path: '/api/reports/sla',
    tag: 'reports',
    summary: 'SLA report for a period (from/to are local dates, inclusive); Accept: text/csv for CSV',
    query: SlaReportQuery,
    produces: 'text/csv',
    action: 'reports.read',
  }),
};
