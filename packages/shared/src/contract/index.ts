import { accountEndpoints } from './accounts.js';
import { activityEndpoints } from './activities.js';
import { analyticsEndpoints } from './analytics.js';
import { attributionEndpoints } from './attribution.js';
import { authEndpoints } from './auth.js';
import { calendarEndpoints } from './calendar.js';
import { campaignEndpoints } from './campaigns.js';
import { competitorEndpoints } from './competitors.js';
import { contactEndpoints } from './contacts.js';
import { dashboardEndpoints } from './dashboards.js';
import { dealEndpoints } from './deals.js';
import type { Endpoint } from './endpoint.js';
import { eventEndpoints } from './events.js';
import { exportEndpoints } from './exports.js';
import { formEndpoints } from './forms.js';
import { gdprEndpoints } from './gdpr.js';
import { goalEndpoints } from './goals.js';
import { handoffEndpoints } from './handoffs.js';
import { importEndpoints } from './imports.js';
import { leadEndpoints } from './leads.js';
import { meetingEndpoints } from './meetings.js';
import { notificationEndpoints } from './notifications.js';
import { pipelineEndpoints } from './pipelines.js';
import { projectEndpoints } from './projects.js';
import { qualityEndpoints } from './quality.js';
import { reportEndpoints } from './reports.js';
import { rotationEndpoints } from './rotations.js';
import { searchEndpoints } from './search.js';
import { securityEndpoints } from './security.js';
import { settingsEndpoints } from './settings.js';
import { ssoEndpoints } from './sso.js';
import { systemEndpoints } from './system.js';
import { taskEndpoints } from './tasks.js';
import { teamEndpoints } from './teams.js';
import { timelineEndpoints } from './timeline.js';
import { touchpointEndpoints } from './touchpoints.js';
import { twoFactorEndpoints } from './twoFactor.js';
import { userEndpoints } from './users.js';
import { webhookEndpoints } from './webhooks.js';

export { accountEndpoints } from './accounts.js';
export { activityEndpoints } from './activities.js';
export { analyticsEndpoints } from './analytics.js';
export { attributionEndpoints } from './attribution.js';
export { authEndpoints } from './auth.js';
export { calendarEndpoints } from './calendar.js';
export { campaignEndpoints } from './campaigns.js';
export { competitorEndpoints } from './competitors.js';
export { contactEndpoints } from './contacts.js';
export { dashboardEndpoints } from './dashboards.js';
export { dealEndpoints } from './deals.js';
export * from './endpoint.js';
export { eventEndpoints } from './events.js';
export { exportEndpoints } from './exports.js';
export { formEndpoints } from './forms.js';
export { gdprEndpoints } from './gdpr.js';
export { goalEndpoints } from './goals.js';
export { handoffEndpoints } from './handoffs.js';
export { importEndpoints } from './imports.js';
export { leadEndpoints } from './leads.js';
export { meetingEndpoints } from './meetings.js';
export { notificationEndpoints } from './notifications.js';
export { pipelineEndpoints } from './pipelines.js';
export { projectEndpoints } from './projects.js';
export { qualityEndpoints } from './quality.js';
export { reportEndpoints } from './reports.js';
export { rotationEndpoints } from './rotations.js';
export { searchEndpoints } from './search.js';
export { securityEndpoints } from './security.js';
export { settingsEndpoints } from './settings.js';
export { ssoEndpoints } from './sso.js';
export { systemEndpoints } from './system.js';
export { taskEndpoints } from './tasks.js';
export { teamEndpoints } from './teams.js';
export { timelineEndpoints } from './timeline.js';
export { touchpointEndpoints } from './touchpoints.js';
export { twoFactorEndpoints, twoFactorEnrollmentPaths } from './twoFactor.js';
export { userEndpoints } from './users.js';
export { webhookEndpoints } from './webhooks.js';

/** Every endpoint of the HTTP surface, by name: what the server registers and the tests walk. */
export const contract = {
  ...accountEndpoints,
  ...activityEndpoints,
  ...analyticsEndpoints,
  ...attributionEndpoints,
  ...authEndpoints,
  ...calendarEndpoints,
  ...campaignEndpoints,
  ...competitorEndpoints,
  ...contactEndpoints,
  ...dashboardEndpoints,
  ...dealEndpoints,
  ...eventEndpoints,
  ...exportEndpoints,
  ...formEndpoints,
  ...gdprEndpoints,
  ...goalEndpoints,
  ...handoffEndpoints,
  ...importEndpoints,
  ...leadEndpoints,
  ...securityEndpoints,
  ...twoFactorEndpoints,
  ...meetingEndpoints,
  ...notificationEndpoints,
  ...pipelineEndpoints,
  ...projectEndpoints,
  ...qualityEndpoints,
  ...reportEndpoints,
  ...rotationEndpoints,
  ...settingsEndpoints,
  ...ssoEndpoints,
  ...systemEndpoints,
  ...taskEndpoints,
  ...teamEndpoints,
  ...timelineEndpoints,
  ...touchpointEndpoints,
  ...userEndpoints,
  ...webhookEndpoints,
  ...searchEndpoints,
} satisfies Record<string, Endpoint>;
