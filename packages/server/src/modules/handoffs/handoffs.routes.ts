import {
  ConvertHandoffInput,
  Handoff,
  IdParams,
  ListHandoffsQuery,
  pageOf,
  ReassignHandoffInput,
  RecycleHandoffInput,
  RejectHandoffInput,
} from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import {
  acceptHandoff,
  convertHandoff,
  getHandoff,
  listHandoffs,
  logFirstTouch,
  reassignHandoff,
  recycleHandoff,
  rejectHandoff,
} from './handoffs.service.js';

export const registerHandoffRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['handoffs'];
  const one = { 200: Handoff };

  r.get(
    '/api/handoffs',
    {
      schema: {
        tags,
        summary:
          'Lead handoffs, newest first (status open|accepted|rejected|converted|recycled|breached; assignee me|none|<id>)',
        querystring: ListHandoffsQuery,
        response: { 200: pageOf(Handoff) },
      },
    },
    async (request) => listHandoffs(ctx, requireActor(request), request.query),
  );
  r.get(
    '/api/handoffs/:id',
    { schema: { tags, summary: 'One handoff', params: IdParams, response: one } },
    async (request) => {
      requireActor(request);
      return getHandoff(ctx, request.params.id);
    },
  );
  r.post(
    '/api/handoffs/:id/accept',
    { schema: { tags, summary: 'Accept the lead (sales)', params: IdParams, response: one } },
    async (request) => acceptHandoff(ctx, requireActor(request), request.params.id),
  );
  r.post(
    '/api/handoffs/:id/reject',
    {
      schema: {
        tags,
        summary: 'Return the lead with a reason (sales)',
        params: IdParams,
        body: RejectHandoffInput,
        response: one,
      },
    },
    async (request) => rejectHandoff(ctx, requireActor(request), request.params.id, request.body),
  );
  r.post(
    '/api/handoffs/:id/first-touch',
    { schema: { tags, summary: "Log sales' first contact (sales)", params: IdParams, response: one } },
    async (request) => logFirstTouch(ctx, requireActor(request), request.params.id),
  );
  r.post(
    '/api/handoffs/:id/convert',
    {
      schema: {
        tags,
        summary:
          'Convert to SQL or opportunity (sales); an opportunity, or `deal`, opens a deal on the contact’s account',
        params: IdParams,
        // fastify hands a missing body over as null: converting without one means sql
        body: ConvertHandoffInput.nullish(),
        response: one,
      },
    },
    async (request) => convertHandoff(ctx, requireActor(request), request.params.id, request.body ?? { stage: 'sql' }),
  );
  r.post(
    '/api/handoffs/:id/reassign',
    {
      schema: {
        tags,
        summary: 'Hand to another user (sales)',
        params: IdParams,
        body: ReassignHandoffInput,
        response: one,
      },
    },
    async (request) => reassignHandoff(ctx, requireActor(request), request.params.id, request.body.userId),
  );
  r.post(
    '/api/handoffs/:id/recycle',
    {
      schema: {
        tags,
        summary: 'Send a returned lead back to nurture (marketing)',
        params: IdParams,
        body: RecycleHandoffInput,
        response: one,
      },
    },
    async (request) => recycleHandoff(ctx, requireActor(request), request.params.id, request.body.note),
  );
};
