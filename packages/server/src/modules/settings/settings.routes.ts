import {
  AttributionSettings,
  CloseReasons,
  IdParams,
  LeadFormSettings,
  RejectReasons,
  RoutingSettings,
  ScoringSettings,
  SlaSettings,
  SlaState,
} from '@nenner/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import { requireVersion } from '../../http/access.js';
import { requireActor } from '../../http/auth.js';
import {
  decideSla,
  getSla,
  proposeSla,
  readSetting,
  updateAttributionSettings,
  updateCloseReasons,
  updateFormSettings,
  updateRejectReasons,
  updateRouting,
  updateScoring,
} from './settings.service.js';

/** If-Match is optional for settings: when sent, a stale version is refused. */
const optionalVersion = (request: FastifyRequest) =>
  request.headers['if-match'] === undefined ? null : requireVersion(request.headers['if-match']);

const stored = <T extends z.ZodType>(value: T) =>
  z.object({ value, version: z.number().int(), updatedAt: z.string().nullable() });

export const registerSettingsRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['settings'];

  r.get(
    '/api/settings/sla',
    { schema: { tags, summary: 'The SLA in force and a pending change', response: { 200: SlaState } } },
    async (request) => {
      requireActor(request);
      return getSla(ctx.db);
    },
  );
  r.put(
    '/api/settings/sla',
    {
      schema: {
        tags,
        summary: 'Change the SLA: admins directly (200); marketing or sales propose (202) and the other side approves',
        body: SlaSettings,
        response: { 200: SlaState, 202: SlaState },
      },
    },
    async (request, reply) => {
      const { applied, state } = await proposeSla(ctx, requireActor(request), request.body, optionalVersion(request));
      return reply.status(applied ? 200 : 202).send(state);
    },
  );
  r.post(
    '/api/settings/sla/proposals/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve the pending SLA change (the other department)',
        params: IdParams,
        response: { 200: SlaState },
      },
    },
    async (request) => decideSla(ctx, requireActor(request), request.params.id, true),
  );
  r.post(
    '/api/settings/sla/proposals/:id/decline',
    { schema: { tags, summary: 'Decline the pending SLA change', params: IdParams, response: { 200: SlaState } } },
    async (request) => decideSla(ctx, requireActor(request), request.params.id, false),
  );

  const pair = <S extends z.ZodType>(
    path: string,
    key: 'scoring' | 'routing' | 'reject_reasons' | 'close_reasons' | 'attribution',
    schema: S,
    update: (ctx: AppContext, actor: Actor, value: z.output<S>, version: number | null) => Promise<unknown>,
    summary: string,
  ) => {
    // generic over the schema, so the response is documented loosely (as in http/records.ts)
    const response = { 200: stored(schema) } as Record<number, z.ZodType>;
    r.get(`/api/settings/${path}`, { schema: { tags, summary, response } }, async (request) => {
      requireActor(request);
      return readSetting(ctx.db, key);
    });
    r.put(`/api/settings/${path}`, { schema: { tags, summary, body: schema, response } }, async (request) =>
      update(ctx, requireActor(request), request.body as z.output<S>, optionalVersion(request)),
    );
  };
  pair('scoring', 'scoring', ScoringSettings, updateScoring, 'Scoring rules (marketing edits)');
  pair('routing', 'routing', RoutingSettings, updateRouting, 'Routing rules (sales edits)');
  pair(
    'reject-reasons',
    'reject_reasons',
    RejectReasons,
    updateRejectReasons,
    'Reasons for returning a lead (admins edit)',
  );
  pair(
    'close-reasons',
    'close_reasons',
    CloseReasons,
    updateCloseReasons,
    'Reasons a deal is won or lost (admins edit)',
  );
  pair(
    'attribution',
    'attribution',
    AttributionSettings,
    updateAttributionSettings,
    'Attribution: default model, lookback, half-life, touch types (admins edit)',
  );
  // the same schema the stored value is read with, so nothing is stored that cannot be read back
  const FormSettings = LeadFormSettings;
  r.get(
    '/api/settings/forms',
    { schema: { tags, summary: 'Form settings (redirect allow-list)', response: { 200: stored(FormSettings) } } },
    async (request) => {
      requireActor(request);
      return readSetting(ctx.db, 'forms');
    },
  );
  r.put(
    '/api/settings/forms',
    {
      schema: {
        tags,
        summary: 'Form settings (marketing edits)',
        body: FormSettings,
        response: { 200: stored(FormSettings) },
      },
    },
    async (request) => updateFormSettings(ctx, requireActor(request), request.body, optionalVersion(request)),
  );
};
