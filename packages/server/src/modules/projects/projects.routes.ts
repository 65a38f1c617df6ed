import { projectEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { createComment, createNote, listTimeline } from '../timeline/timeline.service.js';
import {
  confirmPilot,
  createPilot,
  createPilotFeedback,
  declinePilot,
  endPilot,
  listPilots,
  pilotSummary,
  updatePilot,
} from './pilots.service.js';
import {
  createRequirement,
  createSignoff,
  deleteMySignoff,
  deleteRequirement,
  updateRequirement,
} from './plan.service.js';
import {
  advanceProject,
  createProject,
  deleteProject,
  getProject,
  listProjects,
  updateProject,
} from './projects.service.js';

export const registerProjectRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, projectEndpoints, {
    listProjects: (ctx, _actor, { query }) => listProjects(ctx, query),
    createProject: (ctx, actor, { body }) => createProject(ctx, actor, body),
    getProject: (ctx, _actor, { params }) => getProject(ctx, params.id),
    updateProject: (ctx, actor, { params, version, body }) => updateProject(ctx, actor, params.id, version, body),
    deleteProject: (ctx, actor, { params }) => deleteProject(ctx, actor, params.id),
    createRequirement: (ctx, actor, { params, body }) => createRequirement(ctx, actor, params.id, body),
    updateRequirement: (ctx, actor, { params, body }) => updateRequirement(ctx, actor, params.id, params.rid, body),
    deleteRequirement: (ctx, actor, { params }) => deleteRequirement(ctx, actor, params.id, params.rid),
    createSignoff: (ctx, actor, { params }) => createSignoff(ctx, actor, params.id),
    deleteMySignoff: (ctx, actor, { params }) => deleteMySignoff(ctx, actor, params.id),
    advanceProject: (ctx, actor, { params, body }) => advanceProject(ctx, actor, params.id, body),
    listPilots: (ctx, _actor, { params }) => listPilots(ctx, params.id),
    getPilotSummary: (ctx, _actor, { params }) => pilotSummary(ctx, params.id),
    createPilot: (ctx, actor, { params, body }) => createPilot(ctx, actor, params.id, body),
    updatePilot: (ctx, actor, { params, body }) => updatePilot(ctx, actor, params.id, params.pilotId, body),
    confirmPilot: (ctx, actor, { params }) => confirmPilot(ctx, actor, params.id, params.pilotId),
    declinePilot: (ctx, actor, { params }) => declinePilot(ctx, actor, params.id, params.pilotId),
    endPilot: (ctx, actor, { params }) => endPilot(ctx, actor, params.id, params.pilotId),
    createPilotFeedback: (ctx, actor, { params, body }) =>
      createPilotFeedback(ctx, actor, params.id, params.pilotId, body),
    listProjectTimeline: (ctx, actor, { params, query }) => listTimeline(ctx, actor, 'project', params.id, query),
    createProjectNote: (ctx, actor, { params, body }) => createNote(ctx, actor, 'project', params.id, body),
    createProjectComment: (ctx, actor, { params, body }) => createComment(ctx, actor, 'project', params.id, body),
  });
