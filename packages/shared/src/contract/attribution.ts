import { z } from 'zod';
import {
  AttributionAllResult,
  AttributionDrillQuery,
  AttributionDrillResult,
  AttributionModelResult,
  AttributionQuery,
} from '../schemas/campaigns.js';
import { endpoint } from './endpoint.js';

const tag = 'reports';

export const attributionEndpoints = {
  attributionReport: endpoint({
    method: 'GET',
    path: '/api/reports/attribution',
    tag,
    summary:
      'Attribution of pipeline (deals created) or revenue (deals won) in a period of local dates to campaigns, channels or departments; all seven models when `model` is omitted',
    query: AttributionQuery,
    response: z.union([AttributionModelResult, AttributionAllResult]),
    action: 'reports.read',
  }),
  attributionDrill: endpoint({
    method: 'GET',
    path: '/api/reports/attribution/deals',
    tag,
    summary: 'The deals and touches behind one cell of the attribution report (`id=unattributed` for the rest)',
    query: AttributionDrillQuery,
    response: AttributionDrillResult,
    action: 'reports.read',
  }),
  attributionCsv: endpoint({
    method: 'GET',
    path: '/api/reports/attribution.csv',
    tag,
    summary: 'The attribution report as CSV: one row per campaign, channel or department, one column per model',
    // the CSV always holds every model
    query: AttributionQuery.transform(({ model: _model, ...rest }) => rest),
    produces: 'text/csv',
    action: 'reports.read',
  }),
};
