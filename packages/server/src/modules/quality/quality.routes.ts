import {
  AttentionItem,
  AttentionQuery,
  CompletenessResult,
  DismissDuplicateInput,
  DuplicatePair,
  DuplicatesQuery,
  IdParams,
  ListMergesQuery,
  Merge,
  MergeInput,
  MergeResult,
  pageOf,
} from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { dismissDuplicate, listDuplicates } from './duplicates.service.js';
import { listMerges, mergeAccounts, mergeContacts, undoMerge } from './merges.service.js';
import { accountQuality, contactQuality, listAttention } from './quality.service.js';

/** Data quality: completeness, the "needs attention" list, duplicate review, merges and their undo. */
export const registerQualityRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['quality'];

  r.get(
    '/api/contacts/:id/quality',
    {
      schema: {
        tags,
        summary: "A contact's completeness: score 0–100 and the missing fields, heaviest first",
        params: IdParams,
        response: { 200: CompletenessResult },
      },
    },
    async (request) => contactQuality(ctx, requireActor(request), request.params.id),
  );
  r.get(
    '/api/accounts/:id/quality',
    {
      schema: {
        tags,
        summary: "An account's completeness: score 0–100 and the missing fields, heaviest first",
        params: IdParams,
        response: { 200: CompletenessResult },
      },
    },
    async (request) => accountQuality(ctx, requireActor(request), request.params.id),
  );
  r.get(
    '/api/quality/attention',
    {
      schema: {
        tags,
        summary: "An owner's contacts or accounts, least complete first (ownerId me|<id>)",
        querystring: AttentionQuery,
        response: { 200: pageOf(AttentionItem) },
      },
    },
    async (request) => listAttention(ctx, requireActor(request), request.query),
  );
  r.get(
    '/api/duplicates',
    {
      schema: {
        tags,
        summary: 'Probable duplicate pairs with reasons and confidence (dismissed pairs left out)',
        querystring: DuplicatesQuery,
        response: { 200: pageOf(DuplicatePair) },
      },
    },
    async (request) => listDuplicates(ctx, requireActor(request), request.query),
  );
  r.post(
    '/api/duplicates/dismiss',
    { schema: { tags, summary: 'Mark a pair as not a duplicate, for good', body: DismissDuplicateInput } },
    async (request, reply) => {
      await dismissDuplicate(ctx, requireActor(request), request.body);
      return reply.status(204).send();
    },
  );
  const mergeDoc = (noun: string) => ({
    tags,
    summary: `Merge two ${noun}s: fields maps a field to the id whose value survives; the other goes to the trash`,
    body: MergeInput,
    response: { 200: MergeResult },
  });
  r.post('/api/contacts/merge', { schema: mergeDoc('contact') }, async (request) =>
    mergeContacts(ctx, requireActor(request), request.body),
  );
  r.post('/api/accounts/merge', { schema: mergeDoc('account') }, async (request) =>
    mergeAccounts(ctx, requireActor(request), request.body),
  );
  r.get(
    '/api/merges',
    {
      schema: {
        tags,
        summary: 'Merges a record took part in, newest first',
        querystring: ListMergesQuery,
        response: { 200: z.object({ items: z.array(Merge) }) },
      },
    },
    async (request) => ({ items: await listMerges(ctx, requireActor(request), request.query) }),
  );
  r.post(
    '/api/merges/:id/undo',
    {
      schema: {
        tags,
        summary: 'Undo a merge (412 if either record changed since)',
        params: IdParams,
        response: { 200: Merge },
      },
    },
    async (request) => undoMerge(ctx, requireActor(request), request.params.id),
  );
};
