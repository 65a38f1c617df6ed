import {
  Board,
  BoardQuery,
  CloseDealInput,
  CreateDealInput,
  Deal,
  Forecast,
  ForecastQuery,
  IdParams,
  ListDealsQuery,
  MoveDealInput,
  ReopenDealInput,
  UpdateDealInput,
} from '@nenner/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireVersion } from '../../http/access.js';
import { requireActor } from '../../http/auth.js';
import { registerRecordRoutes } from '../../http/records.js';
import { getBoard } from './board.service.js';
import { createDeal, deleteDeal, getDeal, listDeals, restoreDeal, updateDeal } from './deals.service.js';
import { closeDeal, moveDeal, reopenDeal } from './deals.stages.js';
import { getForecast } from './forecast.service.js';

/** If-Match is optional for closing and reopening: when sent, a stale version is refused. */
const optionalVersion = (request: FastifyRequest) =>
  request.headers['if-match'] === undefined ? null : requireVersion(request.headers['if-match']);

export const registerDealRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deals'];

  r.get(
    '/api/deals/board',
    {
      schema: {
        tags,
        summary:
          'A pipeline board: per stage the first perStage deals and count, total and weighted total per currency (owner me|none|<id>)',
        querystring: BoardQuery,
        response: { 200: Board },
      },
    },
    async (request) => getBoard(ctx, requireActor(request), request.query),
  );
  registerRecordRoutes(app, ctx, {
    path: '/api/deals',
    noun: 'deal',
    record: Deal,
    listQuery: ListDealsQuery,
    createBody: CreateDealInput,
    updateBody: UpdateDealInput,
    service: {
      list: listDeals,
      get: getDeal,
      create: createDeal,
      update: updateDeal,
      remove: deleteDeal,
      restore: restoreDeal,
    },
  });
  r.post(
    '/api/deals/:id/move',
    {
      schema: {
        tags,
        summary: 'Move an open deal to another open stage (If-Match required)',
        params: IdParams,
        body: MoveDealInput,
        response: { 200: Deal },
      },
    },
    async (request) =>
      moveDeal(
        ctx,
        requireActor(request),
        request.params.id,
        requireVersion(request.headers['if-match']),
        request.body.stageId,
      ),
  );
  r.post(
    '/api/deals/:id/close',
    {
      schema: {
        tags,
        summary: 'Win or lose a deal with a reason from the list; lost optionally to a competitor (If-Match optional)',
        params: IdParams,
        body: CloseDealInput,
        response: { 200: Deal },
      },
    },
    async (request) => closeDeal(ctx, requireActor(request), request.params.id, optionalVersion(request), request.body),
  );
  r.post(
    '/api/deals/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen a won or lost deal into an open stage (If-Match optional)',
        params: IdParams,
        body: ReopenDealInput,
        response: { 200: Deal },
      },
    },
    async (request) =>
      reopenDeal(ctx, requireActor(request), request.params.id, optionalVersion(request), request.body.stageId),
  );
  r.get(
    '/api/reports/forecast',
    {
      schema: {
        tags: ['reports'],
        summary: 'Quarter forecast: won, committed, best case and weighted per currency; per owner and team',
        querystring: ForecastQuery,
        response: { 200: Forecast },
      },
    },
    async (request) => {
      requireActor(request);
      return getForecast(ctx, request.query);
    },
  );
};
