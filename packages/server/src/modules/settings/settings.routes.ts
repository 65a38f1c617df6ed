import { settingsEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { answer, registerEndpoints } from '../../http/endpoints.js';
import {
  decideSla,
  getSla,
  proposeSla,
  readSetting,
  updateAttributionSettings,
  updateCloseReasons,
  updateFormSettings,
  updateGoalSettings,
  updateRejectReasons,
  updateRouting,
  updateScoring,
} from './settings.service.js';

export const registerSettingsRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, settingsEndpoints, {
    getSla: (ctx) => getSla(ctx.db),
    proposeSla: async (ctx, actor, { body, version }) => {
      const { applied, state } = await proposeSla(ctx, actor, body, version);
      return applied ? state : answer(202, state);
    },
    approveSla: (ctx, actor, { params }) => decideSla(ctx, actor, params.id, true),
    declineSla: (ctx, actor, { params }) => decideSla(ctx, actor, params.id, false),
    getScoringSettings: (ctx) => readSetting(ctx.db, 'scoring'),
    updateScoring: (ctx, actor, { body, version }) => updateScoring(ctx, actor, body, version),
    getRoutingSettings: (ctx) => readSetting(ctx.db, 'routing'),
    updateRouting: (ctx, actor, { body, version }) => updateRouting(ctx, actor, body, version),
    getRejectReasons: (ctx) => readSetting(ctx.db, 'reject_reasons'),
    updateRejectReasons: (ctx, actor, { body, version }) => updateRejectReasons(ctx, actor, body, version),
    getCloseReasons: (ctx) => readSetting(ctx.db, 'close_reasons'),
    updateCloseReasons: (ctx, actor, { body, version }) => updateCloseReasons(ctx, actor, body, version),
    getAttributionSettings: (ctx) => readSetting(ctx.db, 'attribution'),
    updateAttributionSettings: (ctx, actor, { body, version }) => updateAttributionSettings(ctx, actor, body, version),
    getFormSettings: (ctx) => readSetting(ctx.db, 'forms'),
    updateFormSettings: (ctx, actor, { body, version }) => updateFormSettings(ctx, actor, body, version),
    getGoalSettings: (ctx) => readSetting(ctx.db, 'goals'),
    updateGoalSettings: (ctx, actor, { body, version }) => updateGoalSettings(ctx, actor, body, version),
  });
