import {
  AccountTimelineQuery,
  CreateCommentInput,
  CreateNoteInput,
  IdParams,
  pageOf,
  TimelineEntry,
  TimelineQuery,
} from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { createComment, createNote, listTimeline, type RecordType } from './timeline.service.js';

const recordPaths: [string, RecordType][] = [
  ['/api/accounts', 'account'],
  ['/api/contacts', 'contact'],
  ['/api/deals', 'deal'],
  ['/api/campaigns', 'campaign'],
];

export const registerTimelineRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const [path, type] of recordPaths) {
    const tags = ['timeline'];
    r.get(
      `${path}/:id/timeline`,
      {
        schema: {
          tags,
          summary:
            type === 'account'
              ? "The account's timeline, newest first; scope=account is the 360° view with its contacts' and deals' entries"
              : `The ${type}'s timeline: notes, comments, activities and audit entries, newest first`,
          params: IdParams,
          // only an account has a 360° scope; `scope` on another record is refused as an unknown parameter
          querystring: type === 'account' ? AccountTimelineQuery : TimelineQuery,
          response: { 200: pageOf(TimelineEntry) },
        },
      },
      async (request) => listTimeline(ctx, requireActor(request), type, request.params.id, request.query),
    );
    r.post(
      `${path}/:id/notes`,
      {
        schema: {
          tags,
          summary: `Add a markdown note to the ${type}`,
          params: IdParams,
          body: CreateNoteInput,
          response: { 201: TimelineEntry },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createNote(ctx, requireActor(request), type, request.params.id, request.body)),
    );
    r.post(
      `${path}/:id/comments`,
      {
        schema: {
          tags,
          summary: `Comment on the ${type}, mentioning colleagues`,
          params: IdParams,
          body: CreateCommentInput,
          response: { 201: TimelineEntry },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createComment(ctx, requireActor(request), type, request.params.id, request.body)),
    );
  }
};
