import type { z } from 'zod';
import type { PolicyAction } from '../policies/policies.js';
import {
  ExportAccountsQuery,
  ExportCampaignsQuery,
  ExportContactsQuery,
  ExportDealsQuery,
  ExportHandoffsQuery,
} from '../schemas/exports.js';
import { endpoint } from './endpoint.js';

const tag = 'exports';

// whoever may read a list may export what its filters show
const exportOf = <Q extends z.ZodType>(path: string, noun: string, query: Q, action: PolicyAction) =>
  endpoint({
    method: 'GET',
    path: `${path}/export`,
    tag,
    summary: `Export the ${noun} the list's filters show (format=csv|xlsx; CSV in the user's locale)`,
    query,
    produces: 'text/csv',
    action,
  });

export const exportEndpoints = {
  exportContacts: exportOf('/api/contacts', 'contacts', ExportContactsQuery, 'records.read'),
  exportAccounts: exportOf('/api/accounts', 'accounts', ExportAccountsQuery, 'records.read'),
  exportDeals: exportOf('/api/deals', 'deals', ExportDealsQuery, 'deals.read'),
  exportCampaigns: exportOf('/api/campaigns', 'campaigns', ExportCampaignsQuery, 'campaigns.read'),
  exportHandoffs: exportOf('/api/handoffs', 'handoffs (leads)', ExportHandoffsQuery, 'handoffs.read'),
};
