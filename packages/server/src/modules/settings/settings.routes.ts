import { settingsEndpoints } from '@nenner/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireVersion } from '../../http/access.js';
import { answer, registerEndpoints } from '../../http/endpoints.js';
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
const optionalVersion = (request: FastifyRequest): number | null =>
  request.headers['if-match'] === undefined ? null : requireVersion(request.headers['if-match']);

export const registerSettingsRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, settingsEndpoints, {
    getSla: (ctx) => getSla(ctx.db),
    proposeSla: async (ctx, actor, { body }, { request }) => {
      const { applied, state } = await proposeSla(ctx, actor, body, optionalVersion(request));
      return applied ? state : answer(202, state);
    },
    approveSla: (ctx, actor, { params }) => decideSla(ctx, actor, params.id, true),
    declineSla: (ctx, actor, { params }) => decideSla(ctx, actor, params.id, false),
    getScoringSettings: (ctx) => readSetting(ctx.db, 'scoring'),
    updateScoring: (ctx, actor, { body }, { request }) => updateScoring(ctx, actor, body, optionalVersion(request)),
    getRoutingSettings: (ctx) => readSetting(ctx.db, 'routing'),
    updateRouting: (ctx, actor, { body }, { request }) => updateRouting(ctx, actor, body, optionalVersion(request)),
    getRejectReasons: (ctx) => readSetting(ctx.db, 'reject_reasons'),
    updateRejectReasons: (ctx, actor, { body }, { request }) =>
      updateRejectReasons(ctx, actor, body, optionalVersion(request)),
    getCloseReasons: (ctx) => readSetting(ctx.db, 'close_reasons'),
    updateCloseReasons: (ctx, actor, { body }, { request }) =>
      updateCloseReasons(ctx, actor, body, optionalVersion(request)),
    getAttributionSettings: (ctx) => readSetting(ctx.db, 'attribution'),
    updateAttributionSettings: (ctx, actor, { body }, { request }) =>
      updateAttributionSettings(ctx, actor, body, optionalVersion(request)),
    getFormSettings: (ctx) => readSetting(ctx.db, 'forms'),
    updateFormSettings: (ctx, actor, { body }, { request }) =>
      updateFormSettings(ctx, actor, body, optionalVersion(request)),
  });
