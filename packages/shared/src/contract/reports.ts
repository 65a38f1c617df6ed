import { AlignmentQuery, AlignmentReport } from '../schemas/goals.js';
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
  alignmentReport: endpoint({
    method: 'GET',
    path: '/api/reports/alignment',
    tag: 'reports',
    summary:
      'The alignment index (Zusammenarbeits-Index) for a period: its parts with weights, raw figures and explanations, and the last 12 months',
    query: AlignmentQuery,
    response: AlignmentReport,
    action: 'reports.read',
  }),
};
