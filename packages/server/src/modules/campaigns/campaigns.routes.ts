import {
  AddCampaignMembersInput,
  AddCampaignMembersResult,
  Campaign,
  CampaignCost,
  CampaignCostInput,
  CampaignListQuery,
  CampaignMember,
  CampaignMemberListQuery,
  CampaignResults,
  CreateCampaignInput,
  CreateTouchpointInput,
  Id,
  IdParams,
  pageOf,
  Touchpoint,
  UpdateCampaignInput,
  UpdateCampaignMemberInput,
} from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireVersion } from '../../http/access.js';
import { requireActor } from '../../http/auth.js';
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
import { createTouchpoint } from './touches.service.js';

const CostParams = z.strictObject({ id: Id, costId: Id });
const MemberParams = z.strictObject({ id: Id, contactId: Id });

export const registerCampaignRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['campaigns'];
  r.get(
    '/api/campaigns',
    {
      schema: {
        tags,
        summary: 'Campaigns (Aktionen) by name, filtered by text, status, channel or owner',
        querystring: CampaignListQuery,
        response: { 200: pageOf(Campaign) },
      },
    },
    async (request) => listCampaigns(ctx, requireActor(request), request.query),
  );
  r.post(
    '/api/campaigns',
    {
      schema: {
        tags,
        summary: 'Create a campaign (members and admins); a UTM key of another campaign answers 409 utm_key_taken',
        body: CreateCampaignInput,
        response: { 201: Campaign },
      },
    },
    async (request, reply) => reply.status(201).send(await createCampaign(ctx, requireActor(request), request.body)),
  );
  r.get(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'One campaign with its actual cost and member count',
        params: IdParams,
        response: { 200: Campaign },
      },
    },
    async (request) => getCampaign(ctx, requireActor(request), request.params.id),
  );
  r.patch(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Edit a campaign (owner, the campaign\'s department, admins; If-Match: "<version>" required)',
        params: IdParams,
        body: UpdateCampaignInput,
        response: { 200: Campaign },
      },
    },
    async (request) =>
      updateCampaign(
        ctx,
        requireActor(request),
        request.params.id,
        requireVersion(request.headers['if-match']),
        request.body,
      ),
  );
  r.delete(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary:
          'Delete a campaign; its touchpoints stay on the timelines and in attribution, its UTM keys become free',
        params: IdParams,
      },
    },
    async (request, reply) => {
      await deleteCampaign(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/campaigns/:id/results',
    {
      schema: {
        tags,
        summary:
          "Members, leads, MQLs, SQLs, sales' verdict on its handoffs, cost per stage, attributed pipeline, revenue and ROI",
        params: IdParams,
        response: { 200: CampaignResults },
      },
    },
    async (request) => campaignResults(ctx, requireActor(request), request.params.id),
  );
  r.get(
    '/api/campaigns/:id/costs',
    {
      schema: {
        tags,
        summary: 'Cost lines, newest spending first',
        params: IdParams,
        response: { 200: z.array(CampaignCost) },
      },
    },
    async (request) => listCosts(ctx, requireActor(request), request.params.id),
  );
  r.post(
    '/api/campaigns/:id/costs',
    {
      schema: {
        tags,
        summary: "Add a cost line in the campaign's currency (another currency answers 409 currency_mismatch)",
        params: IdParams,
        body: CampaignCostInput,
        response: { 201: CampaignCost },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addCost(ctx, requireActor(request), request.params.id, request.body)),
  );
  r.delete(
    '/api/campaigns/:id/costs/:costId',
    {
      schema: { tags, summary: 'Remove a cost line', params: CostParams },
    },
    async (request, reply) => {
      await deleteCost(ctx, requireActor(request), request.params.id, request.params.costId);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/campaigns/:id/members',
    {
      schema: {
        tags,
        summary: 'Members by last name, optionally of one status',
        params: IdParams,
        querystring: CampaignMemberListQuery,
        response: { 200: pageOf(CampaignMember) },
      },
    },
    async (request) => listMembers(ctx, requireActor(request), request.params.id, request.query),
  );
  r.post(
    '/api/campaigns/:id/members',
    {
      schema: {
        tags,
        summary:
          'Add members by contact ids, by a contact filter (at most 50,000) or by a CSV list with an email column; existing members get the status',
        params: IdParams,
        body: AddCampaignMembersInput,
        response: { 200: AddCampaignMembersResult },
      },
    },
    async (request) => addMembers(ctx, requireActor(request), request.params.id, request.body),
  );
  r.patch(
    '/api/campaigns/:id/members/:contactId',
    {
      schema: {
        tags,
        summary: "Change a member's status; a response (clicked, responded, registered, attended) records a touchpoint",
        params: MemberParams,
        body: UpdateCampaignMemberInput,
        response: { 200: CampaignMember },
      },
    },
    async (request) =>
      updateMember(ctx, requireActor(request), request.params.id, request.params.contactId, request.body.status),
  );
  r.post(
    '/api/touchpoints',
    {
      schema: {
        tags: ['touchpoints'],
        summary: 'Record a touch of a contact with a campaign that happened earlier (never in the future)',
        body: CreateTouchpointInput,
        response: { 201: Touchpoint },
      },
    },
    async (request, reply) => reply.status(201).send(await createTouchpoint(ctx, requireActor(request), request.body)),
  );
};
