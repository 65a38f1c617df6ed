import { z } from 'zod';
import { IdParams } from '../schemas/common.js';
import { CreateTeamInput, Team, UpdateTeamInput } from '../schemas/leads.js';
import { TeamDetail } from '../schemas/teams.js';
import { endpoint } from './endpoint.js';

const tag = 'teams';

export const teamEndpoints = {
  listTeams: endpoint({
    method: 'GET',
    path: '/api/teams',
    tag,
    summary: 'Teams and their members',
    response: z.object({ items: z.array(Team) }),
    action: 'teams.read',
  }),
  createTeam: endpoint({
    method: 'POST',
    path: '/api/teams',
    tag,
    summary: 'Create a team',
    body: CreateTeamInput,
    response: Team,
    status: 201,
    action: 'teams.write',
  }),
  getTeam: endpoint({
    method: 'GET',
    path: '/api/teams/:id',
    tag,
    summary: 'One team: its members by department, its balance and how many accounts, campaigns and goals it owns',
    params: IdParams,
    response: TeamDetail,
    action: 'teams.read',
  }),
  updateTeam: endpoint({
    method: 'PATCH',
    path: '/api/teams/:id',
    tag,
    summary: 'Rename or change members (If-Match)',
    params: IdParams,
    body: UpdateTeamInput,
    response: Team,
    ifMatch: true,
    action: 'teams.write',
  }),
};
