import { teamEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { getTeamPage } from './teamPage.service.js';
import { createTeam, listTeams, updateTeam } from './teams.service.js';

export const registerTeamRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, teamEndpoints, {
    listTeams: async (ctx) => ({ items: await listTeams(ctx) }),
    createTeam: (ctx, actor, { body }) => createTeam(ctx, actor, body),
    getTeam: (ctx, actor, { params }) => getTeamPage(ctx, actor, params.id),
    updateTeam: (ctx, actor, { params, version, body }) => updateTeam(ctx, actor, params.id, version, body),
  });
