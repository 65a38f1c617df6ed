import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { limits } from '@nenner/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { fastifyTrustProxy } from './config.js';
import type { AppContext } from './context.js';
import { registerAuth } from './http/auth.js';
import { registerCompression } from './http/compression.js';
import { registerObservability, requestIdOf } from './http/observability.js';
import { registerProblems } from './http/problems.js';
import { responseSerializer } from './http/responses.js';
import { registerSecurityHeaders } from './http/securityHeaders.js';
import { validatorCompiler } from './http/validation.js';
import { registerWebApp } from './http/webApp.js';
import { loggerOptions, RequestLog } from './lib/logging.js';
import type { PoolStats } from './lib/metrics.js';
import { registerAccountRoutes } from './modules/accounts/accounts.routes.js';
import { registerActivityRoutes } from './modules/activities/activities.routes.js';
import { registerAnalyticsRoutes } from './modules/analytics/analytics.routes.js';
import { registerAttributionRoutes } from './modules/attribution/attribution.routes.js';
import { registerAuthRoutes } from './modules/auth/auth.routes.js';
import { registerSecurityRoutes } from './modules/auth/security.routes.js';
import { registerTwoFactorRoutes } from './modules/auth/twoFactor.routes.js';
import { registerCalendarRoutes } from './modules/calendar/calendar.routes.js';
import { registerCampaignRoutes } from './modules/campaigns/campaigns.routes.js';
import { registerCompetitorRoutes } from './modules/competitors/competitors.routes.js';
import { registerContactRoutes } from './modules/contacts/contacts.routes.js';
import { registerDashboardRoutes } from './modules/dashboards/dashboards.routes.js';
import { registerDealRoutes } from './modules/deals/deals.routes.js';
import { registerEventRoutes } from './modules/events/events.routes.js';
import { registerExportRoutes } from './modules/exports/exports.routes.js';
import { registerFormRoutes } from './modules/forms/forms.routes.js';
import { registerGdprRoutes } from './modules/gdpr/gdpr.routes.js';
import { registerGoalRoutes } from './modules/goals/goals.routes.js';
import { registerHandoffRoutes } from './modules/handoffs/handoffs.routes.js';
import { registerHealthRoutes } from './modules/health/health.routes.js';
import { registerImportRoutes } from './modules/imports/imports.routes.js';
import { registerLeadRoutes } from './modules/leads/leads.routes.js';
import { registerMeetingRoutes } from './modules/meetings/meetings.routes.js';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.js';
import { registerPipelineRoutes } from './modules/pipelines/pipelines.routes.js';
import { registerProjectRoutes } from './modules/projects/projects.routes.js';
import { registerQualityRoutes } from './modules/quality/quality.routes.js';
import { registerReportRoutes } from './modules/reports/reports.routes.js';
import { registerRotationRoutes } from './modules/rotations/rotations.routes.js';
import { registerSearchRoutes } from './modules/search/search.routes.js';
import { registerSettingsRoutes } from './modules/settings/settings.routes.js';
import { registerSsoRoutes } from './modules/sso/sso.routes.js';
import { registerTaskRoutes } from './modules/tasks/tasks.routes.js';
import { registerTeamRoutes } from './modules/teams/teams.routes.js';
import { registerTimelineRoutes } from './modules/timeline/timeline.routes.js';
import { registerTouchpointRoutes } from './modules/touchpoints/touchpoints.routes.js';
import { registerUserRoutes } from './modules/users/users.routes.js';
import { registerWebhookRoutes } from './modules/webhooks/webhooks.routes.js';

/** Builds the HTTP app: API under /api, docs at /api/docs, the web app everywhere else. */
export const buildApp = async (
  ctx: AppContext,
  options: { logger?: boolean; pool?: () => PoolStats } = {},
): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(ctx.config.logLevel, ctx.config.logFormat),
    logController: new RequestLog(),
    genReqId: requestIdOf,
    bodyLimit: limits.bodyBytesMax,
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer(ctx.config.validateResponses));

  // Only JSON is accepted: a text/plain body is what a cross-site form can send without a preflight.
  app.removeContentTypeParser('text/plain');
  await app.register(fastifyCookie);
  await registerSecurityHeaders(app, ctx);
  await registerCompression(app);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Nenner API',
        version: '0.1.0',
        description:
          'The shared workspace of marketing and sales. Authenticate with the session cookie from /api/auth/login or with `Authorization: Bearer <personal API token>`. Errors are application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'nenner_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerProblems(app);
  registerAuth(app, ctx);
  registerObservability(app, ctx, options.pool ?? (() => ({ total: 1, idle: 1, waiting: 0 })));

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerSecurityRoutes(app, ctx);
  registerTwoFactorRoutes(app, ctx);
  registerSsoRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerContactRoutes(app, ctx);
  registerTimelineRoutes(app, ctx);
  registerFormRoutes(app, ctx);
  registerLeadRoutes(app, ctx);
  registerHandoffRoutes(app, ctx);
  registerSettingsRoutes(app, ctx);
  registerTeamRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerRotationRoutes(app, ctx);
  registerAnalyticsRoutes(app, ctx);
  registerAttributionRoutes(app, ctx);
  registerQualityRoutes(app, ctx);
  registerActivityRoutes(app, ctx);
  registerTaskRoutes(app, ctx);
  registerCompetitorRoutes(app, ctx);
  registerPipelineRoutes(app, ctx);
  registerDealRoutes(app, ctx);
  registerCampaignRoutes(app, ctx);
  registerTouchpointRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  registerGoalRoutes(app, ctx);
  registerMeetingRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerProjectRoutes(app, ctx);
  registerImportRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerExportRoutes(app, ctx);
  registerGdprRoutes(app, ctx);

  await registerWebApp(app, ctx);

  return app;
};
