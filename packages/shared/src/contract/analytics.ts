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
} from '../schemas/analytics.js';
import { endpoint } from './endpoint.js';

// Funnel, contribution scorecard, lead flow and pipeline by source: readable by every signed-in user.
const tag = 'reports';
const period = 'from/to are local dates in the workspace time zone, inclusive';

export const analyticsEndpoints = {
  funnelReport: endpoint({
    method: 'GET',
    path: '/api/reports/funnel',
    tag,
    summary: `Funnel and velocity of the contacts that became leads in a period, by source|channel|campaign|owner (${period})`,
    query: FunnelQuery,
    response: FunnelResult,
    action: 'reports.read',
  }),
  contribution: endpoint({
    method: 'GET',
    path: '/api/reports/contribution',
    tag,
    summary: `Contribution scorecard: marketing- and sales-sourced figures side by side, influenced pipeline, both sides of the SLA (${period})`,
    query: ContributionQuery,
    response: ContributionResult,
    action: 'reports.read',
  }),
  contributionRecords: endpoint({
    method: 'GET',
    path: '/api/reports/contribution/records',
    tag,
    summary: 'The deals or handoffs behind one scorecard figure (its `link`), newest first, with the total',
    query: ContributionRecordsQuery,
    response: ContributionRecords,
    action: 'reports.read',
  }),
  leadFlow: endpoint({
    method: 'GET',
    path: '/api/reports/lead-flow',
    tag,
    summary: `Sankey of the period's new leads: origin → handoff → verdict → result (${period})`,
    query: LeadFlowQuery,
    response: LeadFlowResult,
    action: 'reports.read',
  }),
  pipelineBySource: endpoint({
    method: 'GET',
    path: '/api/reports/pipeline-by-source',
    tag,
    summary: `Pipeline created and revenue won per month, marketing- vs sales-sourced, in one currency (${period})`,
    query: PipelineBySourceQuery,
    response: PipelineBySourceResult,
    action: 'reports.read',
  }),
};
