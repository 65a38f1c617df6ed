import { IdParams } from '../schemas/common.js';
import {
  Board,
  BoardQuery,
  CloseDealInput,
  CreateDealInput,
  Deal,
  Forecast,
  ForecastQuery,
  ListDealsQuery,
  MoveDealInput,
  ReopenDealInput,
  UpdateDealInput,
} from '../schemas/deals.js';
import { endpoint } from './endpoint.js';
import { recordEndpoints } from './records.js';

const tag = 'deals';
const deals = recordEndpoints({
  path: '/api/deals',
  noun: 'deal',
  tag,
  record: Deal,
  listQuery: ListDealsQuery,
  createBody: CreateDealInput,
  updateBody: UpdateDealInput,
  read: 'deals.read',
  write: 'deals.write',
  trash: 'deals.restore',
});

export const dealEndpoints = {
  getBoard: endpoint({
    method: 'GET',
    path: '/api/deals/board',
    tag,
    summary:
      'A pipeline board: per stage the first perStage deals and count, total and weighted total per currency (owner me|none|<id>)',
    query: BoardQuery,
    response: Board,
    action: 'deals.read',
  }),
  listDeals: deals.list,
  createDeal: deals.create,
  getDeal: deals.get,
  updateDeal: deals.update,
  deleteDeal: deals.remove,
  restoreDeal: deals.restore,
  moveDeal: endpoint({
    method: 'POST',
    path: '/api/deals/:id/move',
    tag,
    summary: 'Move an open deal to another open stage (If-Match required)',
    params: IdParams,
    body: MoveDealInput,
    response: Deal,
    ifMatch: true,
    action: 'deals.write',
  }),
  // If-Match is optional here, so the handler reads the header itself (a required one answers 428)
  closeDeal: endpoint({
    method: 'POST',
    path: '/api/deals/:id/close',
    tag,
    summary: 'Win or lose a deal with a reason from the list; lost optionally to a competitor (If-Match optional)',
    params: IdParams,
    body: CloseDealInput,
    response: Deal,
    ifMatch: 'optional',
    action: 'deals.write',
  }),
  reopenDeal: endpoint({
    method: 'POST',
    path: '/api/deals/:id/reopen',
    tag,
    summary: 'Reopen a won or lost deal into an open stage (If-Match optional)',
    params: IdParams,
    body: ReopenDealInput,
    response: Deal,
    ifMatch: 'optional',
    action: 'deals.write',
  }),
  getForecast: endpoint({
    method: 'GET',
    path: '/api/reports/forecast',
    tag: 'reports',
    summary: 'Quarter forecast: won, committed, best case and weighted per currency; per owner and team',
    query: ForecastQuery,
    response: Forecast,
    action: 'reports.read',
  }),
};
