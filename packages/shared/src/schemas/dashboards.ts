import { z } from 'zod';
import { funnelDimensions } from './analytics.js';
import { AttributionModelName, attributionDimensions, attributionMeasures } from './campaigns.js';
import { IsoDateTime, UserRef } from './common.js';

/*
 * Dashboards: a named, ordered list of widgets. Each widget shows one report (funnel, lead flow, pipeline
 * by source, top campaigns, attribution, contribution) for a period relative to today, so a saved
 * dashboard stays current. The built-in default dashboard is not stored and cannot be changed.
 */

export const widgetTypes = [
  'funnel',
  'leadFlow',
  'pipelineBySource',
  'topCampaigns',
  'attribution',
  'contribution',
] as const;
export type WidgetType = (typeof widgetTypes)[number];

/** Periods relative to today (in the workspace's calendar), resolved to local dates when a widget loads. */
export const widgetPeriods = ['last30', 'thisQuarter', 'lastQuarter', 'thisYear', 'last365'] as const;
export type WidgetPeriod = (typeof widgetPeriods)[number];

/** How the lead-flow widget names its left column. */
export const leadFlowDimensions = ['source', 'channel'] as const;

/** Which option keys a widget type accepts; anything else is refused with its field path. */
export const widgetOptionKeys: Record<WidgetType, readonly ('model' | 'measure' | 'by')[]> = {
  funnel: ['by'],
  leadFlow: ['by'],
  pipelineBySource: ['measure'],
  topCampaigns: ['model', 'measure'],
  attribution: ['model', 'measure', 'by'],
  contribution: [],
};

/** The `by` values each type accepts. */
const byValues: Partial<Record<WidgetType, readonly string[]>> = {
  funnel: funnelDimensions,
  leadFlow: leadFlowDimensions,
  attribution: attributionDimensions,
};

export const maxDashboardWidgets = 12;
export const dashboardNameMax = 120;
export const widgetTitleMax = 120;

export const DefaultDashboardId = 'default';

export const WidgetOptions = z.strictObject({
  model: AttributionModelName.optional(),
  measure: z.enum(attributionMeasures).optional(),
  by: z.enum(['none', 'source', 'channel', 'campaign', 'owner', 'department']).optional(),
});
export type WidgetOptions = z.infer<typeof WidgetOptions>;

export const DashboardWidget = z
  .strictObject({
    /** Chosen by the client (stable across reorderings); unique within a dashboard. */
    id: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, 'Letters, digits, - and _ only'),
    type: z.enum(widgetTypes),
    title: z.string().trim().max(widgetTitleMax).optional(),
    period: z.enum(widgetPeriods),
    options: WidgetOptions.optional(),
  })
  .superRefine((w, ctx) => {
    const allowed = widgetOptionKeys[w.type];
    for (const [key, value] of Object.entries(w.options ?? {})) {
      if (value === undefined) continue;
      if (!allowed.includes(key as 'model')) {
        ctx.addIssue({ code: 'custom', path: ['options', key], message: `Not an option of a ${w.type} widget` });
      } else if (key === 'by' && !byValues[w.type]?.includes(String(value))) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', 'by'],
          message: `A ${w.type} widget groups by ${byValues[w.type]?.join(', ')}`,
        });
      }
    }
  });
export type DashboardWidget = z.infer<typeof DashboardWidget>;

export const DashboardWidgets = z
  .array(DashboardWidget)
  .max(maxDashboardWidgets)
  .superRefine((widgets, ctx) => {
    const seen = new Set<string>();
    widgets.forEach((w, i) => {
      if (seen.has(w.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Widget ids must be unique' });
      seen.add(w.id);
    });
  });

const DashboardName = z.string().trim().min(1).max(dashboardNameMax);

export const CreateDashboardInput = z.strictObject({
  name: DashboardName,
  widgets: DashboardWidgets.default([]),
  /** Everyone may see (not change) a shared dashboard. */
  shared: z.boolean().default(false),
});
export type CreateDashboardInput = z.input<typeof CreateDashboardInput>;

export const UpdateDashboardInput = z.strictObject({
  name: DashboardName.optional(),
  widgets: DashboardWidgets.optional(),
  shared: z.boolean().optional(),
});
export type UpdateDashboardInput = z.infer<typeof UpdateDashboardInput>;

/** A dashboard id: a stored one (UUID) or `default`, the built-in one. */
export const DashboardIdParams = z.strictObject({ id: z.union([z.literal(DefaultDashboardId), z.uuid()]) });

export const Dashboard = z.object({
  id: z.string(),
  name: z.string(),
  widgets: z.array(DashboardWidget),
  shared: z.boolean(),
  /** The built-in default: not stored, read-only for everyone. */
  builtIn: z.boolean(),
  /** null for the built-in default. */
  owner: UserRef.nullable(),
  /** Whether the caller may change or delete it (its owner, or an admin). */
  canEdit: z.boolean(),
  version: z.number().int(),
  createdAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime.nullable(),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const DashboardList = z.object({ items: z.array(Dashboard) });
export type DashboardList = z.infer<typeof DashboardList>;

/** The built-in dashboard everyone starts from (titles come from the client's language). */
export const defaultDashboardWidgets: DashboardWidget[] = [
  { id: 'funnel', type: 'funnel', period: 'thisQuarter' },
  { id: 'lead-flow', type: 'leadFlow', period: 'thisQuarter' },
  { id: 'pipeline-by-source', type: 'pipelineBySource', period: 'last365' },
  { id: 'top-campaigns', type: 'topCampaigns', period: 'thisYear', options: { model: 'w' } },
];
