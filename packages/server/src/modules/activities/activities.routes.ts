import { Activity, CreateActivityInput, ListActivitiesQuery, pageOf } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { createActivity, listActivities } from './activities.service.js';

export const registerActivityRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['activities'];
  r.get(
    '/api/activities',
    {
      schema: {
        tags,
        summary: 'Logged calls, emails, meetings and notes, newest first (optionally of one record)',
        querystring: ListActivitiesQuery,
        response: { 200: pageOf(Activity) },
      },
    },
    async (request) => listActivities(ctx, requireActor(request), request.query),
  );
  r.post(
    '/api/activities',
    {
      schema: {
        tags,
        summary: 'Log a call, email, meeting or note on an account, contact or deal (also on its timeline)',
        body: CreateActivityInput,
        response: { 201: Activity },
      },
    },
    async (request, reply) => reply.status(201).send(await createActivity(ctx, requireActor(request), request.body)),
  );
};
