import {
  campaignChannels,
  figureDefinitions,
  type GoalDirection,
  type GoalMetric,
  type MetricFilterKind,
  type MetricUnit,
} from '@nenner/shared';
import { type RawBuilder, sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { sqlFragments } from '../../db/dialect.js';
import { MAIN_CURRENCY } from '../analytics/analytics.service.js';
import { campaignCredits } from '../attribution/attribution.service.js';

/*
 * The metric catalogue: every figure a goal can count, one definition each. A definition says what it
 * is (names and a one-line definition in German and English, unit, direction), which filters it takes
 * and how each narrows the rows, and how to read it: either as facts per UTC hour that add up (a count
 * or a sum; a numerator over a denominator; response times for a median), or, for a figure that does not
 * add up by hour (a return on investment), as a level computed for a range of days.
 *
 * Adding a metric is adding one entry here. This file holds its SQL, as a repository would: the goals
 * service turns the facts into the actual to date and the daily series.
 *
 * Where a figure exists on another screen it is read the same way: the handoff rates and the median
 * answer time count the handoffs qualified in the period, as the SLA report does; pipeline and revenue
 * count deals created or won in the period, as the contribution scorecard does.
 */

/** The period asked for: local dates (inclusive) and the same as a half-open UTC interval. */
export interface MetricScope {
  fromDate: string;
  toDate: string;
  from: string;
  to: string;
  filters: Record<string, string>;
  /** The goal's currency, for money figures. */
  currency: string | null;
  now: string;
}

/** Facts of one UTC hour (YYYY-MM-DDTHH): a sum or numerator `n`, a denominator `d`, or values for a median. */
export interface HourFact {
  hour: string;
  n: number;
  d: number;
  values: number[];
}

/** How hour facts become a figure: their sum, 100 × Σn ÷ Σd, or the median of the values in hours. */
export type Aggregate = 'sum' | 'ratio' | 'median_hours';

export interface FilterSpec {
  kind: MetricFilterKind;
  /** The condition the value adds to the metric's query. */
  where: (value: string) => RawBuilder<unknown>;
}

export interface MetricDefinition {
  key: string;
  name: { de: string; en: string };
  definition: { de: string; en: string };
  unit: MetricUnit;
  direction: GoalDirection;
  filters: Record<string, FilterSpec>;
  /** Rates stop at 100 %; a return on investment does not. */
  percentCapped?: boolean;
  aggregate: Aggregate;
  /** The facts per UTC hour in [scope.from, scope.to). */
  facts?: (ctx: AppContext, scope: MetricScope, where: RawBuilder<unknown>) => Promise<HourFact[]>;
  /** A level for the local dates [fromDate, toDate] (figures that do not add up by hour). */
  level?: (ctx: AppContext, scope: MetricScope, where: RawBuilder<unknown>) => Promise<number>;
}

const departmentOptions = ['marketing', 'sales', 'any'] as const;

// ——— Reading hour facts ——————————————————————————————————————————————————————————————————————————

interface HourRow {
  hour: string;
  n: number | string | null;
  d: number | string | null;
  vals: string | null;
}

/**
 * One grouped range scan: rows of `from` whose `column` falls in the scope, per UTC hour, with `n`, `d`
 * and the joined `vals` as given.
 */
const hourly = async (
  ctx: AppContext,
  scope: MetricScope,
  q: {
    from: RawBuilder<unknown>;
    column: string;
    where: RawBuilder<unknown>;
    n: RawBuilder<unknown>;
    d?: RawBuilder<unknown>;
    vals?: string;
  },
): Promise<HourFact[]> => {
  const f = sqlFragments(ctx.engine);
  const hour = f.utcHour(q.column);
  const result = await sql<HourRow>`
    select ${hour} as hour, ${q.n} as n, ${q.d ?? sql`0`} as d, ${q.vals ? f.joinIntegers(q.vals) : sql`null`} as vals
    from ${q.from}
    where ${sql.ref(q.column)} >= ${scope.from} and ${sql.ref(q.column)} < ${scope.to} and ${q.where}
    group by ${hour}`.execute(ctx.db);
  return result.rows.map((r) => ({
    hour: r.hour,
    n: Number(r.n ?? 0),
    d: Number(r.d ?? 0),
    values: r.vals ? r.vals.split(',').map(Number) : [],
  }));
};

const count = sql`count(*)`;
const flag = (condition: RawBuilder<unknown>) => sql`sum(case when ${condition} then 1 else 0 end)`;

// ——— Filters ———————————————————————————————————————————————————————————————————————————————————

/** Contacts (alias c): where they came from. */
const contactFilters = (stampColumn: string): Record<string, FilterSpec> => ({
  source: { kind: 'text', where: (v) => sql`c.source = ${v}` },
  campaign: { kind: 'campaign', where: (v) => sql`c.source_campaign_id = ${v}` },
  channel: {
    kind: 'channel',
    where: (v) => sql`c.source_campaign_id in (select k.id from campaigns k where k.channel = ${v})`,
  },
  form: {
    kind: 'form',
    where: (v) =>
      sql`exists (select 1 from touchpoints tp where tp.contact_id = c.id and tp.form_id = ${v} and tp.occurred_at <= ${sql.ref(stampColumn)})`,
  },
});

/** Handoffs (alias h): who answered and where the lead came from. */
const handoffFilters: Record<string, FilterSpec> = {
  team: { kind: 'team', where: (v) => sql`h.team_id = ${v}` },
  source: { kind: 'text', where: (v) => sql`h.source = ${v}` },
  form: { kind: 'form', where: (v) => sql`h.form_id = ${v}` },
};

/** Deals (alias d): the department that sourced them, a campaign that touched them first, pipeline, team. */
const dealFilters: Record<string, FilterSpec> = {
  department: {
    kind: 'department',
    where: (v) => (v === 'any' ? sql`1 = 1` : sql`d.source = ${v}`),
  },
  campaign: {
    kind: 'campaign',
    where: (v) => sql`exists (select 1 from deal_contacts dc join touchpoints tp on tp.contact_id = dc.contact_id
      where dc.deal_id = d.id and tp.campaign_id = ${v} and tp.occurred_at < d.created_at)`,
  },
  pipeline: { kind: 'pipeline', where: (v) => sql`d.pipeline_id = ${v}` },
  team: {
    kind: 'team',
    where: (v) => sql`d.owner_id in (select tm.user_id from team_members tm where tm.team_id = ${v})`,
  },
};

/** A campaign touch of one of the deal's contacts before the deal was created (the scorecard's rule). */
const influenced = sql`exists (select 1 from deal_contacts dc join touchpoints tp on tp.contact_id = dc.contact_id
  where dc.deal_id = d.id and tp.campaign_id is not null and tp.occurred_at < d.created_at)`;

const inCurrency = (scope: MetricScope) => sql`d.currency = ${scope.currency ?? ''}`;

// ——— Facts of each kind of record ————————————————————————————————————————————————————————————————

/*
 * SQLite's planner, misled by sampled statistics, prefers the trash index for these ranges; each query
 * names the partial index made for it (migration 0012). PostgreSQL plans by its own statistics.
 */
const indexed = (ctx: AppContext, table: string, index: string) =>
  sql`${sql.raw(table)} ${sqlFragments(ctx.engine).indexedBy(index)}`;

const contactsReaching =
  (stage: 'mql' | 'sql') =>
  (ctx: AppContext, scope: MetricScope, where: RawBuilder<unknown>): Promise<HourFact[]> =>
    hourly(ctx, scope, {
      from: indexed(ctx, 'contacts c', `contacts_${stage}_at`),
      column: `c.${stage}_at`,
      where: sql`c.deleted_at is null and ${where}`,
      n: count,
    });

/** Handoffs qualified in the period, as the SLA report counts them (judged at `now`). */
const handoffsQualified =
  (n: (scope: MetricScope) => RawBuilder<unknown>, d: (scope: MetricScope) => RawBuilder<unknown>) =>
  (ctx: AppContext, scope: MetricScope, where: RawBuilder<unknown>): Promise<HourFact[]> =>
    hourly(ctx, scope, { from: sql`handoffs h`, column: 'h.qualified_at', where, n: n(scope), d: d(scope) });

const deals =
  (
    column: 'd.created_at' | 'd.closed_at',
    condition: (scope: MetricScope) => RawBuilder<unknown>,
    n: RawBuilder<unknown>,
    d?: RawBuilder<unknown>,
  ) =>
  (ctx: AppContext, scope: MetricScope, where: RawBuilder<unknown>): Promise<HourFact[]> =>
    hourly(ctx, scope, {
      from: column === 'd.closed_at' ? indexed(ctx, 'deals d', 'deals_closed') : sql`deals d`,
      column,
      where: sql`d.deleted_at is null and ${condition(scope)} and ${where}`,
      n,
      d,
    });

// ——— The catalogue ——————————————————————————————————————————————————————————————————————————————

const metrics: MetricDefinition[] = [
  {
    key: 'mqls',
    // "new MQLs", not the funnel's cohort nor the handoffs the SLA counts: one name per figure
    name: figureDefinitions.mqlsReached.name,
    definition: figureDefinitions.mqlsReached.definition,
    unit: 'count',
    direction: 'higher',
    filters: contactFilters('c.mql_at'),
    aggregate: 'sum',
    facts: contactsReaching('mql'),
  },
  {
    key: 'sals',
    name: { de: 'SALs', en: 'SALs' },
    definition: {
      de: 'Übergebene Leads, die der Vertrieb im Zeitraum angenommen hat.',
      en: 'Handed-over leads that sales accepted in the period.',
    },
    unit: 'count',
    direction: 'higher',
    filters: handoffFilters,
    aggregate: 'sum',
    facts: (ctx, scope, where) =>
      hourly(ctx, scope, {
        from: indexed(ctx, 'handoffs h', 'handoffs_accepted'),
        column: 'h.accepted_at',
        where: sql`h.accepted_at is not null and ${where}`,
        n: count,
      }),
  },
  {
    key: 'sqls',
    name: { de: 'SQLs', en: 'SQLs' },
    definition: {
      de: 'Kontakte, die im Zeitraum zum Sales Qualified Lead wurden.',
      en: 'Contacts that became a sales qualified lead in the period.',
    },
    unit: 'count',
    direction: 'higher',
    filters: (({ form: _form, ...rest }) => rest)(contactFilters('c.sql_at')),
    aggregate: 'sum',
    facts: contactsReaching('sql'),
  },
  {
    key: 'handoff_sla_rate',
    name: { de: 'SLA-Quote der Übergaben', en: 'Handoff SLA rate' },
    definition: {
      de: 'Anteil der im Zeitraum übergebenen Leads, die innerhalb der SLA beantwortet wurden (wie im SLA-Bericht).',
      en: 'Share of the leads handed over in the period that were answered within the SLA (as in the SLA report).',
    },
    unit: 'percent',
    direction: 'higher',
    filters: handoffFilters,
    aggregate: 'ratio',
    facts: handoffsQualified(
      () => flag(sql`h.responded_at is not null and h.responded_at <= h.sla_due_at`),
      (scope) => flag(sql`h.responded_at is not null or h.sla_due_at < ${scope.now}`),
    ),
  },
  {
    key: 'median_response_hours',
    name: { de: 'Mittlere Antwortzeit', en: 'Median response time' },
    definition: {
      de: 'Median der Geschäftsstunden bis zur ersten Antwort des Vertriebs auf die im Zeitraum übergebenen Leads.',
      en: 'Median business hours until sales first answered the leads handed over in the period.',
    },
    unit: 'business_hours',
    direction: 'lower',
    filters: handoffFilters,
    aggregate: 'median_hours',
    facts: (ctx, scope, where) =>
      hourly(ctx, scope, {
        from: sql`handoffs h`,
        column: 'h.qualified_at',
        where: sql`h.responded_at is not null and ${where}`,
        n: count,
        vals: 'h.response_seconds',
      }),
  },
  {
    key: 'acceptance_rate',
    name: { de: 'Annahmequote', en: 'Acceptance rate' },
    definition: {
      de: 'Angenommene unter den angenommenen und abgelehnten Leads, die im Zeitraum übergeben wurden.',
      en: 'Accepted among the accepted and rejected leads handed over in the period.',
    },
    unit: 'percent',
    direction: 'higher',
    filters: handoffFilters,
    aggregate: 'ratio',
    facts: handoffsQualified(
      () => flag(sql`h.accepted_at is not null`),
      () => flag(sql`h.accepted_at is not null or h.rejected_at is not null`),
    ),
  },
  {
    key: 'pipeline_created',
    name: { de: 'Neue Pipeline', en: 'Pipeline created' },
    definition: {
      de: 'Summe der im Zeitraum angelegten Deals in der Währung des Ziels.',
      en: "Sum of the deals created in the period, in the goal's currency.",
    },
    unit: 'money',
    direction: 'higher',
    filters: dealFilters,
    aggregate: 'sum',
    facts: deals('d.created_at', inCurrency, sql`sum(d.amount)`),
  },
  {
    key: 'pipeline_influenced',
    name: { de: 'Beeinflusste Pipeline', en: 'Pipeline influenced' },
    definition: {
      de: 'Summe der im Zeitraum angelegten Deals, deren Kontakte vorher eine Kampagne berührt hat.',
      en: 'Sum of the deals created in the period whose contacts a campaign touched before.',
    },
    unit: 'money',
    direction: 'higher',
    filters: dealFilters,
    aggregate: 'sum',
    facts: deals('d.created_at', (scope) => sql`${inCurrency(scope)} and ${influenced}`, sql`sum(d.amount)`),
  },
  {
    key: 'revenue_won',
    name: { de: 'Gewonnener Umsatz', en: 'Revenue won' },
    definition: {
      de: 'Summe der im Zeitraum gewonnenen Deals in der Währung des Ziels.',
      en: "Sum of the deals won in the period, in the goal's currency.",
    },
    unit: 'money',
    direction: 'higher',
    filters: dealFilters,
    aggregate: 'sum',
    facts: deals('d.closed_at', (scope) => sql`d.status = 'won' and ${inCurrency(scope)}`, sql`sum(d.amount)`),
  },
  {
    key: 'deals_won',
    name: { de: 'Gewonnene Deals', en: 'Deals won' },
    definition: { de: 'Anzahl der im Zeitraum gewonnenen Deals.', en: 'Number of deals won in the period.' },
    unit: 'count',
    direction: 'higher',
    filters: dealFilters,
    aggregate: 'sum',
    facts: deals('d.closed_at', () => sql`d.status = 'won'`, count),
  },
  {
    key: 'win_rate',
    name: { de: 'Gewinnquote', en: 'Win rate' },
    definition: {
      de: 'Gewonnene unter den im Zeitraum gewonnenen und verlorenen Deals.',
      en: 'Won among the deals won or lost in the period.',
    },
    unit: 'percent',
    direction: 'higher',
    filters: dealFilters,
    aggregate: 'ratio',
    facts: deals('d.closed_at', () => sql`d.status in ('won', 'lost')`, flag(sql`d.status = 'won'`), count),
  },
  {
    key: 'new_customers',
    name: { de: 'Neukunden', en: 'New customers' },
    definition: {
      de: 'Firmen, deren erster gewonnener Deal im Zeitraum abgeschlossen wurde.',
      en: 'Accounts whose first won deal closed in the period.',
    },
    unit: 'count',
    direction: 'higher',
    filters: { department: dealFilters.department as FilterSpec },
    aggregate: 'sum',
    facts: deals(
      'd.closed_at',
      () => sql`d.status = 'won' and not exists (select 1 from deals e where e.account_id = d.account_id
        and e.status = 'won' and e.deleted_at is null and e.closed_at < d.closed_at)`,
      sql`count(distinct d.account_id)`,
    ),
  },
  {
    key: 'campaign_roi',
    name: { de: 'Kampagnen-ROI', en: 'Campaign ROI' },
    definition: {
      de: 'Zugeordneter Umsatz abzüglich Kosten, geteilt durch die Kosten, für eine Kampagne oder einen Kanal im Zeitraum.',
      en: 'Attributed revenue minus cost, divided by cost, for a campaign or a channel in the period.',
    },
    unit: 'percent',
    direction: 'higher',
    percentCapped: false,
    filters: {
      campaign: { kind: 'campaign', where: (v) => sql`k.id = ${v}` },
      channel: { kind: 'channel', where: (v) => sql`k.channel = ${v}` },
    },
    aggregate: 'sum',
    level: (ctx, scope, where) => campaignRoi(ctx, scope, where),
  },
  {
    key: 'action_items_done_rate',
    name: { de: 'Erledigte Meeting-Aufgaben', en: 'Action items done' },
    definition: {
      de: 'Anteil der Aufgaben aus Abstimmungen, die im Zeitraum fällig waren und bis zu ihrem Fälligkeitstermin erledigt wurden.',
      en: 'Share of the action items from alignment meetings due in the period that were done by their due date.',
    },
    unit: 'percent',
    direction: 'higher',
    filters: {},
    aggregate: 'ratio',
    // the same rows as the tasks service's actionItemsDueBetween (the alignment index's part): items
    // already due, cancelled ones left out, done on time when completed by the due instant
    facts: (ctx, scope, where) =>
      hourly(ctx, scope, {
        from: sql`tasks t`,
        column: 't.due_at',
        where: sql`t.meeting_occurrence_id is not null and t.status <> 'cancelled' and t.due_at < ${scope.now} and ${where}`,
        n: flag(sql`t.status = 'done' and t.completed_at is not null and t.completed_at <= t.due_at`),
        d: count,
      }),
  },
  {
    key: 'event_attendees',
    name: { de: 'Veranstaltungsteilnehmer', en: 'Event attendees' },
    definition: {
      de: 'Personen, die im Zeitraum bei einer Veranstaltung eingecheckt wurden.',
      en: 'People checked in at an event in the period.',
    },
    unit: 'count',
    direction: 'higher',
    filters: {
      campaign: { kind: 'campaign', where: (v) => sql`ev.campaign_id = ${v}` },
      channel: {
        kind: 'channel',
        where: (v) => sql`ev.campaign_id in (select k.id from campaigns k where k.channel = ${v})`,
      },
      team: { kind: 'team', where: (v) => sql`ev.team_id = ${v}` },
    },
    aggregate: 'sum',
    // the attended registrations by the hour they were checked in (the event report counts the same rows)
    facts: (ctx, scope, where) =>
      hourly(ctx, scope, {
        from: sql`event_registrations r join events ev on ev.id = r.event_id`,
        column: 'r.checked_in_at',
        where: sql`r.status = 'attended' and ${where}`,
        n: count,
      }),
  },
];

export const catalogue: ReadonlyMap<string, MetricDefinition> = new Map(metrics.map((m) => [m.key, m]));

/** The catalogue as GET /api/goals/metrics shows it. */
export const metricList = (): GoalMetric[] =>
  metrics.map((m) => ({
    key: m.key,
    name: m.name,
    definition: m.definition,
    unit: m.unit,
    direction: m.direction,
    maxTarget: m.unit === 'percent' && m.percentCapped !== false ? 100 : null,
    filters: Object.entries(m.filters).map(([key, f]) => ({
      key,
      kind: f.kind,
      ...(f.kind === 'channel' && { options: [...campaignChannels] }),
      ...(f.kind === 'department' && { options: [...departmentOptions] }),
    })),
  }));

/** Whether a filter value names something that exists (a live campaign, a form, a pipeline, a team, a listed option). */
export const filterValueExists = async (db: Db, kind: MetricFilterKind, value: string): Promise<boolean> => {
  const one = async (table: 'campaigns' | 'forms' | 'pipelines' | 'teams', live = false) => {
    let q = db.selectFrom(table).select('id').where('id', '=', value);
    if (live) q = q.where(sql.ref('deleted_at'), 'is', null);
    return (await q.executeTakeFirst()) !== undefined;
  };
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
  switch (kind) {
    case 'text':
      return true;
    case 'channel':
      return (campaignChannels as readonly string[]).includes(value);
    case 'department':
      return (departmentOptions as readonly string[]).includes(value);
    case 'campaign':
      return uuid && one('campaigns', true);
    case 'form':
      return uuid && one('forms');
    case 'pipeline':
      return uuid && one('pipelines');
    case 'team':
      return uuid && one('teams');
  }
};

// ——— Campaign ROI ——————————————————————————————————————————————————————————————————————————————

/**
 * (attributed revenue − cost) ÷ cost × 100 for the campaigns in scope over [fromDate, toDate]: revenue
 * credited by the workspace's attribution model (as on the campaign page) in the goal's currency, cost
 * the cost lines incurred in those days. 0 without cost.
 */
const campaignRoi = async (ctx: AppContext, scope: MetricScope, where: RawBuilder<unknown>): Promise<number> => {
  const currency = scope.currency ?? MAIN_CURRENCY;
  const campaigns = await sql<{ id: string }>`select k.id from campaigns k where ${where}`.execute(ctx.db);
  const ids = campaigns.rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  const [credits, cost] = await Promise.all([
    campaignCredits(ctx, { from: scope.fromDate, to: scope.toDate, currency }),
    ctx.db
      .selectFrom('campaign_costs')
      .select(sql<number | string | null>`sum(amount)`.as('total'))
      .where('campaign_id', 'in', ids)
      .where('currency', '=', currency)
      .where('incurred_on', '>=', scope.fromDate)
      .where('incurred_on', '<=', scope.toDate)
      .executeTakeFirst(),
  ]);
  const spent = Number(cost?.total ?? 0);
  if (spent === 0) return 0;
  const revenue = ids.reduce((s, id) => s + (credits.revenue.get(id) ?? 0), 0);
  return ((revenue - spent) / spent) * 100;
};
