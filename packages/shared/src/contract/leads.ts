import { IdParams } from '../schemas/common.js';
import { LeadInput, LeadResult, ScoreBreakdown } from '../schemas/leads.js';
import { endpoint } from './endpoint.js';

const tag = 'leads';

export const leadEndpoints = {
  ingestApiLead: endpoint({
    method: 'POST',
    path: '/api/leads',
    tag,
    summary: 'Ingest a lead from another system (like a form post: contact, account, touchpoint, score, handoff)',
    body: LeadInput.omit({ formId: true }),
    response: LeadResult,
    status: 201,
    // the same lead again within a minute is a duplicate: 200 with the first answer
    alsoStatus: [200],
    action: 'leads.ingest',
  }),
  explainScore: endpoint({
    method: 'GET',
    path: '/api/contacts/:id/score',
    tag,
    summary: "The contact's stored score, line by line as of when it was computed (read-only)",
    params: IdParams,
    response: ScoreBreakdown,
    action: 'leads.read',
  }),
};
