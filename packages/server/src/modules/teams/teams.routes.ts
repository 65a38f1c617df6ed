import { CreateTeamInput, IdParams, Team, UpdateTeamInput } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireVersion } from '../../http/access.js';
import { requireActor } from '../../http/auth.js';
import { createTeam, getTeam, listTeams, updateTeam } from './teams.service.js';

export const registerTeamRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['teams'];
  r.get(
    '/api/teams',
    { schema: { tags, summary: 'Teams and their members', response: { 200: z.object({ items: z.array(Team) }) } } },
    async (request) => {
      requireActor(request);
      return { items: await listTeams(ctx) };
    },
  );
  r.post(
    '/api/teams',
    { schema: { tags, summary: 'Create a team', body: CreateTeamInput, response: { 201: Team } } },
    async (request, reply) => reply.status(201).send(await createTeam(ctx, requireActor(request), request.body)),
  );
  r.get(
    '/api/teams/:id',
    { schema: { tags, summary: 'One team', params: IdParams, response: { 200: Team } } },
    async (request) => {
      requireActor(request);
      return getTeam(ctx, request.params.id);
    },
  );
  r.patch(
    '/api/teams/:id',
    {
      schema: {
        tags,
        summary: 'Rename or change members (If-Match)',
        params: IdParams,
        body: UpdateTeamInput,
        response: { 200: Team },
      },
    },
    async (request) =>
      updateTeam(
        ctx,
        requireActor(request),
        request.params.id,
        requireVersion(request.headers['if-match']),
        request.body,
      ),
  );
};
