import { GlobalSearchQuery, GlobalSearchResult } from '../schemas/search.js';
import { endpoint } from './endpoint.js';

export const searchEndpoints = {
  globalSearch: endpoint({
    method: 'GET',
    path: '/api/search',
    tag: 'search',
    summary:
      'Search accounts, contacts, deals, campaigns and competitors at once (a few of each, best first): the command palette',
    query: GlobalSearchQuery,
    response: GlobalSearchResult,
    action: 'records.read',
  }),
};
