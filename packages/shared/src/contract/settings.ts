import { z } from 'zod';
import type { PolicyAction } from '../policies/policies.js';
import { AttributionSettings } from '../schemas/campaigns.js';
import { IdParams } from '../schemas/common.js';
import { CloseReasons } from '../schemas/deals.js';
import { GoalSettings } from '../schemas/goals.js';
import {
  LeadFormSettings,
  RejectReasons,
  RoutingSettings,
  ScoringSettings,
  SlaSettings,
  SlaState,
} from '../schemas/leads.js';
import { endpoint } from './endpoint.js';

const tag = 'settings';

/** A stored setting: its value, the version an `If-Match` may name, and when it last changed. */
export const storedSetting = <T extends z.ZodType>(value: T) =>
  z.object({ value, version: z.number().int(), updatedAt: z.string().nullable() });

/*
 * Each plain setting is read by anyone and replaced by one policy. `If-Match` is optional on these PUTs:
 * a stale version sent is refused.
 */
const setting = <S extends z.ZodType>(
  path: string,
  schema: S,
  summary: string,
  action: PolicyAction,
  readSummary = summary,
) => ({
  get: endpoint({
    method: 'GET',
    path: `/api/settings/${path}`,
    tag,
    summary: readSummary,
    response: storedSetting(schema),
    action: 'settings.read',
  }),
  put: endpoint({
    method: 'PUT',
    path: `/api/settings/${path}`,
    tag,
    summary,
    body: schema,
    response: storedSetting(schema),
    ifMatch: 'optional',
    action,
  }),
});

const scoring = setting('scoring', ScoringSettings, 'Scoring rules (marketing edits)', 'settings.scoring');
const routing = setting('routing', RoutingSettings, 'Routing rules (sales edits)', 'settings.routing');
const rejectReasons = setting(
  'reject-reasons',
  RejectReasons,
  'Reasons for returning a lead (admins edit)',
  'settings.admin',
);
/*
 * Close reasons are validated before the role is asked (an invalid body is 400 even from a viewer, as the
 * deals tests pin), so the gate lets everyone through and the service asks `settings.admin`.
 */
const closeReasons = setting(
  'close-reasons',
  CloseReasons,
  'Reasons a deal is won or lost (admins edit)',
  'settings.read',
);
const attribution = setting(
  'attribution',
  AttributionSettings,
  'Attribution: default model, lookback, half-life, touch types (admins edit)',
  'settings.admin',
);
// the same schema the stored value is read with, so nothing is stored that cannot be read back
const forms = setting(
  'forms',
  LeadFormSettings,
  'Form settings (marketing edits)',
  'settings.forms',
  'Form settings (redirect allow-list)',
);

const goals = setting(
  'goals',
  GoalSettings,
  "Goals and the alignment index: fiscal year's first month, at-risk band, the index's weights (admins edit)",
  'settings.admin',
);

export const settingsEndpoints = {
  getSla: endpoint({
    method: 'GET',
    path: '/api/settings/sla',
    tag,
    summary: 'The SLA in force and a pending change',
    response: SlaState,
    action: 'settings.read',
  }),
  proposeSla: endpoint({
    method: 'PUT',
    path: '/api/settings/sla',
    tag,
    summary: 'Change the SLA: admins directly (200); marketing or sales propose (202) and the other side approves',
    body: SlaSettings,
    response: SlaState,
    alsoStatus: [202],
    ifMatch: 'optional',
    action: 'settings.sla.propose',
  }),
  approveSla: endpoint({
    method: 'POST',
    path: '/api/settings/sla/proposals/:id/approve',
    tag,
    summary: 'Approve the pending SLA change (the other department)',
    params: IdParams,
    response: SlaState,
    action: 'settings.sla.decide',
  }),
  declineSla: endpoint({
    method: 'POST',
    path: '/api/settings/sla/proposals/:id/decline',
    tag,
    summary: 'Decline the pending SLA change',
    params: IdParams,
    response: SlaState,
    action: 'settings.sla.decide',
  }),
  getScoringSettings: scoring.get,
  updateScoring: scoring.put,
  getRoutingSettings: routing.get,
  updateRouting: routing.put,
  getRejectReasons: rejectReasons.get,
  updateRejectReasons: rejectReasons.put,
  getCloseReasons: closeReasons.get,
  updateCloseReasons: closeReasons.put,
  getAttributionSettings: attribution.get,
  updateAttributionSettings: attribution.put,
  getFormSettings: forms.get,
  updateFormSettings: forms.put,
  getGoalSettings: goals.get,
  updateGoalSettings: goals.put,
};
