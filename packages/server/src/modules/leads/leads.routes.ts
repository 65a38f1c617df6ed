import { IdParams, LeadInput, LeadResult, ScoreBreakdown } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { assertCanWrite } from '../../http/access.js';
import { requireActor } from '../../http/auth.js';
import { explainScore, ingestLead, listConsents } from './leads.service.js';

export const registerLeadRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['leads'];

  r.post(
    '/api/leads',
    {
      schema: {
        tags,
        summary: 'Ingest a lead from another system (like a form post: contact, account, touchpoint, score, handoff)',
        body: LeadInput.omit({ formId: true }),
        response: { 201: LeadResult, 200: LeadResult },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      assertCanWrite(actor);
      const result = await ingestLead(ctx, request.body, { form: null, actor, locale: actor.locale ?? 'de' });
      return reply.status(result.duplicate ? 200 : 201).send(result);
    },
  );
  r.get(
    '/api/contacts/:id/score',
    {
      schema: {
        tags,
        summary: "The contact's score now, line by line",
        params: IdParams,
        response: { 200: ScoreBreakdown },
      },
    },
    async (request) => {
      requireActor(request);
      return explainScore(ctx, request.params.id);
    },
  );
  r.get(
    '/api/contacts/:id/consents',
    {
      schema: {
        tags,
        summary: 'Consents the contact gave',
        params: IdParams,
        response: { 200: z.object({ items: z.array(z.record(z.string(), z.unknown())) }) },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: await listConsents(ctx, request.params.id) };
    },
  );
};
