import { timelineEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { createComment, createNote, listTimeline } from './timeline.service.js';

export const registerTimelineRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, timelineEndpoints, {
    listAccountTimeline: (ctx, actor, { params, query }) => listTimeline(ctx, actor, 'account', params.id, query),
    createAccountNote: (ctx, actor, { params, body }) => createNote(ctx, actor, 'account', params.id, body),
    createAccountComment: (ctx, actor, { params, body }) => createComment(ctx, actor, 'account', params.id, body),
    listContactTimeline: (ctx, actor, { params, query }) => listTimeline(ctx, actor, 'contact', params.id, query),
    createContactNote: (ctx, actor, { params, body }) => createNote(ctx, actor, 'contact', params.id, body),
    createContactComment: (ctx, actor, { params, body }) => createComment(ctx, actor, 'contact', params.id, body),
    listDealTimeline: (ctx, actor, { params, query }) => listTimeline(ctx, actor, 'deal', params.id, query),
    createDealNote: (ctx, actor, { params, body }) => createNote(ctx, actor, 'deal', params.id, body),
    createDealComment: (ctx, actor, { params, body }) => createComment(ctx, actor, 'deal', params.id, body),
    listCampaignTimeline: (ctx, actor, { params, query }) => listTimeline(ctx, actor, 'campaign', params.id, query),
    createCampaignNote: (ctx, actor, { params, body }) => createNote(ctx, actor, 'campaign', params.id, body),
    createCampaignComment: (ctx, actor, { params, body }) => createComment(ctx, actor, 'campaign', params.id, body),
  });
