import {
  BattlecardRating,
  Competitor,
  CompetitorIntel,
  CreateCompetitorInput,
  CreateIntelInput,
  IdParams,
  ListCompetitorsQuery,
  PageQuery,
  pageOf,
  RateBattlecardInput,
  UpdateCompetitorInput,
  WinLossQuery,
  WinLossReport,
} from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireVersion } from '../../http/access.js';
import { requireActor } from '../../http/auth.js';
import {
  addIntel,
  createCompetitor,
  getCompetitor,
  listCompetitors,
  listIntel,
  listRatings,
  rateBattlecard,
  updateCompetitor,
} from './competitors.service.js';
import { winLossReport } from './winloss.service.js';

export const registerCompetitorRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['competitors'];
  r.get(
    '/api/competitors',
    {
      schema: {
        tags,
        summary: 'Competitors by name, with battlecard ratings and deal counts',
        querystring: ListCompetitorsQuery,
        response: { 200: pageOf(Competitor) },
      },
    },
    async (request) => listCompetitors(ctx, requireActor(request), request.query),
  );
  r.post(
    '/api/competitors',
    {
      schema: {
        tags,
        summary: 'Create a competitor (marketing, admins)',
        body: CreateCompetitorInput,
        response: { 201: Competitor },
      },
    },
    async (request, reply) => reply.status(201).send(await createCompetitor(ctx, requireActor(request), request.body)),
  );
  r.get(
    '/api/competitors/:id',
    {
      schema: {
        tags,
        summary: 'One competitor with its battlecard rendered as safe HTML',
        params: IdParams,
        response: { 200: Competitor },
      },
    },
    async (request) => getCompetitor(ctx, requireActor(request), request.params.id),
  );
  r.patch(
    '/api/competitors/:id',
    {
      schema: {
        tags,
        summary: 'Edit a competitor or its battlecard (marketing, admins; If-Match: "<version>" required)',
        params: IdParams,
        body: UpdateCompetitorInput,
        response: { 200: Competitor },
      },
    },
    async (request) =>
      updateCompetitor(
        ctx,
        requireActor(request),
        request.params.id,
        requireVersion(request.headers['if-match']),
        request.body,
      ),
  );
  r.post(
    '/api/competitors/:id/ratings',
    {
      schema: {
        tags,
        summary: 'Rate the current battlecard helpful or outdated (sales, admins); answers the competitor',
        params: IdParams,
        body: RateBattlecardInput,
        response: { 201: Competitor },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await rateBattlecard(ctx, requireActor(request), request.params.id, request.body)),
  );
  r.get(
    '/api/competitors/:id/ratings',
    {
      schema: {
        tags,
        summary: 'Battlecard ratings with comments, newest first',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageOf(BattlecardRating) },
      },
    },
    async (request) => listRatings(ctx, requireActor(request), request.params.id, request.query),
  );
  r.post(
    '/api/competitors/:id/intel',
    {
      schema: {
        tags,
        summary: 'Add field intel, optionally from a deal (any member)',
        params: IdParams,
        body: CreateIntelInput,
        response: { 201: CompetitorIntel },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addIntel(ctx, requireActor(request), request.params.id, request.body)),
  );
  r.get(
    '/api/competitors/:id/intel',
    {
      schema: {
        tags,
        summary: 'Field intel, newest first, with author and deal',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageOf(CompetitorIntel) },
      },
    },
    async (request) => listIntel(ctx, requireActor(request), request.params.id, request.query),
  );
  r.get(
    '/api/reports/win-loss',
    {
      schema: {
        tags: ['reports'],
        summary: 'Win/loss per competitor for deals closed in a period of local dates (inclusive)',
        querystring: WinLossQuery,
        response: { 200: WinLossReport },
      },
    },
    async (request) => {
      requireActor(request);
      return winLossReport(ctx, request.query);
    },
  );
};
