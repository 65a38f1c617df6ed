import { campaignEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import {
  addCost,
  createCampaign,
  deleteCampaign,
  deleteCost,
  getCampaign,
  listCampaigns,
  listCosts,
  updateCampaign,
} from './campaigns.service.js';
import { addMembers, listMembers, updateMember } from './members.service.js';
import { campaignResults } from './results.service.js';

export const registerCampaignRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, campaignEndpoints, {
    listCampaigns: (ctx, actor, { query }) => listCampaigns(ctx, actor, query),
    createCampaign: (ctx, actor, { body }) => createCampaign(ctx, actor, body),
    getCampaign: (ctx, actor, { params }) => getCampaign(ctx, actor, params.id),
    updateCampaign: (ctx, actor, { params, version, body }) => updateCampaign(ctx, actor, params.id, version, body),
    deleteCampaign: (ctx, actor, { params }) => deleteCampaign(ctx, actor, params.id),
    campaignResults: (ctx, actor, { params }) => campaignResults(ctx, actor, params.id),
    listCosts: (ctx, actor, { params }) => listCosts(ctx, actor, params.id),
    addCost: (ctx, actor, { params, body }) => addCost(ctx, actor, params.id, body),
    deleteCost: (ctx, actor, { params }) => deleteCost(ctx, actor, params.id, params.costId),
    listMembers: (ctx, actor, { params, query }) => listMembers(ctx, actor, params.id, query),
    addMembers: (ctx, actor, { params, body }) => addMembers(ctx, actor, params.id, body),
    updateMember: (ctx, actor, { params, body }) => updateMember(ctx, actor, params.id, params.contactId, body.status),
  });
