import { qualityEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { dismissDuplicate, listDuplicates } from './duplicates.service.js';
import { listMerges, mergeAccounts, mergeContacts, undoMerge } from './merges.service.js';
import { accountQuality, contactQuality, listAttention } from './quality.service.js';

/** Data quality: completeness, the "needs attention" list, duplicate review, merges and their undo. */
export const registerQualityRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, qualityEndpoints, {
    contactQuality: (ctx, actor, { params }) => contactQuality(ctx, actor, params.id),
    accountQuality: (ctx, actor, { params }) => accountQuality(ctx, actor, params.id),
    listAttention: (ctx, actor, { query }) => listAttention(ctx, actor, query),
    listDuplicates: (ctx, actor, { query }) => listDuplicates(ctx, actor, query),
    dismissDuplicate: (ctx, actor, { body }) => dismissDuplicate(ctx, actor, body),
    mergeContacts: (ctx, actor, { body }) => mergeContacts(ctx, actor, body),
    mergeAccounts: (ctx, actor, { body }) => mergeAccounts(ctx, actor, body),
    listMerges: async (ctx, actor, { query }) => ({ items: await listMerges(ctx, actor, query) }),
    undoMerge: (ctx, actor, { params }) => undoMerge(ctx, actor, params.id),
  });
