import { addDays } from '@nenner/shared';
import type { AppContext } from '../../src/context.js';
import type { BenchContext, Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { get, measureReport } from '../lib/phases.js';
import { round1 } from '../lib/timing.js';
import { openCapturing } from '../queries.js';

/** Goals this benchmark creates carry this prefix, so a run removes them (and an aborted run's) again. */
const PREFIX = 'Bench · ';

type Period = 'year' | 'quarter' | 'quarter-1' | 'month' | 'month-1' | 'month-2' | 'month-3';
interface Template {
  metric: string;
  /** Per month (a quarter's is three times, a year's twelve), in minor units for money. */
  target: number;
  money?: boolean;
  /** A rate or a median: the same target for any period length. */
  level?: boolean;
  filters?: (ids: { campaign: string; pipeline: string }) => Record<string, string>;
  owners: 'marketing' | 'sales' | 'shared';
}

const t = {
  mqls: { metric: 'mqls', target: 9_000, owners: 'shared' },
  mqlsEmail: { metric: 'mqls', target: 1_500, filters: () => ({ channel: 'email' }), owners: 'marketing' },
  mqlsWebsite: { metric: 'mqls', target: 2_000, filters: () => ({ source: 'website' }), owners: 'marketing' },
  sqls: { metric: 'sqls', target: 2_500, owners: 'shared' },
  sals: { metric: 'sals', target: 6_000, owners: 'sales' },
  sla: { metric: 'handoff_sla_rate', target: 90, level: true, owners: 'shared' },
  slaWebsite: {
    metric: 'handoff_sla_rate',
    target: 95,
    level: true,
    filters: () => ({ source: 'website' }),
    owners: 'sales',
  },
  response: { metric: 'median_response_hours', target: 4, level: true, owners: 'sales' },
  acceptance: { metric: 'acceptance_rate', target: 80, level: true, owners: 'shared' },
  pipeline: { metric: 'pipeline_created', target: 150_000_000, money: true, owners: 'shared' },
  pipelineMarketing: {
    metric: 'pipeline_created',
    target: 60_000_000,
    money: true,
    filters: () => ({ department: 'marketing' }),
    owners: 'marketing',
  },
  influenced: { metric: 'pipeline_influenced', target: 100_000_000, money: true, owners: 'marketing' },
  revenue: { metric: 'revenue_won', target: 80_000_000, money: true, owners: 'shared' },
  revenuePipeline: {
    metric: 'revenue_won',
    target: 80_000_000,
    money: true,
    filters: (ids) => ({ pipeline: ids.pipeline }),
    owners: 'sales',
  },
  won: { metric: 'deals_won', target: 2_500, owners: 'sales' },
  wonCampaign: { metric: 'deals_won', target: 50, filters: (ids) => ({ campaign: ids.campaign }), owners: 'shared' },
  winRate: { metric: 'win_rate', target: 60, level: true, owners: 'sales' },
  customers: { metric: 'new_customers', target: 1_200, owners: 'shared' },
} satisfies Record<string, Template>;

/** 50 goals as a team sets them: this year, quarter and month, the quarter before, the three months before. */
const plan: [Period, Template[]][] = [
  ['year', [t.mqls, t.sqls, t.sals, t.sla, t.pipeline, t.influenced, t.revenue, t.won, t.winRate, t.customers]],
  [
    'quarter',
    [
      ...[t.mqls, t.mqlsEmail, t.sqls, t.sals, t.sla, t.response, t.acceptance],
      ...[t.pipeline, t.pipelineMarketing, t.revenue, t.revenuePipeline, t.won, t.wonCampaign],
    ],
  ],
  ['quarter-1', [t.mqls, t.sqls, t.sla, t.pipeline, t.revenue, t.winRate]],
  ['month', [t.mqls, t.sqls, t.sals, t.sla, t.response, t.pipeline, t.won]],
  ['month-1', [t.mqls, t.mqlsWebsite, t.sqls, t.sla, t.acceptance, t.pipeline, t.revenue]],
  ['month-2', [t.mqls, t.sqls, t.sla, t.slaWebsite]],
  ['month-3', [t.mqls, t.pipeline, t.won]],
];

const monthsOf = (p: Period) => (p.startsWith('year') ? 12 : p.startsWith('quarter') ? 3 : 1);

/** A date inside the period, counted back from the month of `last` (the bench data's last day). */
const startIn = (p: Period, last: string) => {
  const back = Number(p.split('-')[1] ?? 0) * monthsOf(p);
  const d = new Date(`${last.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 10);
};

/** Removes this benchmark's goals, with their owners and audit entries. */
const removeBenchGoals = async (fx: BenchContext['fx']) => {
  const ours = `select id from goals where name like '${PREFIX}%'`;
  await fx.query(`delete from timeline_entries where entity_type = 'goal' and entity_id in (${ours})`);
  await fx.query(`delete from goal_owners where goal_id in (${ours})`);
  const [r] = await fx.query(`delete from goals where name like '${PREFIX}%'`);
  return Number(r?.changes ?? 0);
};

/** Creates the 50 goals through the goals service, as an admin naming the owners. */
const createBenchGoals = async (ctx: AppContext, fx: BenchContext['fx'], last: string) => {
  const { createGoal } = await import('../../src/modules/goals/goals.service.js');
  const { CreateGoalInput } = await import('@nenner/shared');
  const userOf = async (email: string) => {
    const [u] = await fx.query('select id, name from users where email = ?', [email]);
    if (!u) throw new Error(`goals: no user ${email} in the bench data`);
    return { id: String(u.id), name: String(u.name), email };
  };
  const admin = await userOf('sabine.brandt@nenner.demo');
  const actor = {
    ...admin,
    department: 'management' as const,
    role: 'admin' as const,
    locale: 'de' as const,
    timeZone: 'Europe/Berlin',
    via: 'session' as const,
    credentialId: '',
  };
  const marketing = (await userOf('lena.vogt@nenner.demo')).id;
  const sales = (await userOf(fx.actorEmail)).id;
  const [campaign] = await fx.query(
    `select id from campaigns where deleted_at is null and channel = 'email' order by id limit 1`,
  );
  const ids = { campaign: String(campaign?.id), pipeline: fx.pipelineId };
  let n = 0;
  for (const [period, templates] of plan) {
    for (const tp of templates) {
      await createGoal(
        ctx,
        actor,
        CreateGoalInput.parse({
          name: `${PREFIX}${tp.metric} ${period} ${++n}`,
          metric: tp.metric,
          filters: tp.filters?.(ids),
          period: { type: period.split('-')[0], start: startIn(period, last) },
          target: tp.target * (tp.level ? 1 : monthsOf(period)),
          currency: tp.money ? 'EUR' : undefined,
          ownerIds: tp.owners === 'shared' ? [marketing, sales] : [tp.owners === 'marketing' ? marketing : sales],
        }),
      );
    }
  }
  return n;
};
export const goals: Benchmark = async (b) => {
  const { engine, target, fx, nenner, cookie, explain } = b;
  const { listGoals } = await import('../../src/modules/goals/goals.service.js');
  const { alignmentReport } = await import('../../src/modules/reports/alignment.service.js');
  const { GoalListQuery } = await import('@nenner/shared');
  const capturing = openCapturing(engine, target);
  try {
    const removed = await removeBenchGoals(fx);
    if (removed > 0) log(`  goals: removed ${removed} goals of an earlier run`);
    const last = fx.reportPeriod.to;
    const created = await createBenchGoals(capturing.ctx, fx, last);
    const [{ n: all }] = (await fx.query('select count(*) as n from goals')) as [{ n: number }];
    log(`  goals: created ${created} goals around ${last} (the bench data's last day); ${all} goals in all`);

    const listPath = '/api/goals?withProgress=true&limit=50';
    const check = (await get(`${nenner.url}${listPath}`, { cookie })) as {
      items?: { metric: string; progress?: { status: string } }[];
    };
    const statuses = new Map<string, number>();
    for (const g of check.items ?? []) {
      const s = g.progress?.status ?? 'none';
      statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    if (check.items?.length !== 50 || statuses.has('none')) throw new Error('goals: expected 50 goals with progress');
    log(`  goals: GET ${listPath}: ${[...statuses].map(([s, n]) => `${n} ${s}`).join(', ')}`);
    const query = GoalListQuery.parse({ withProgress: 'true', limit: '50' });
    await measureReport(
      b,
      capturing,
      {
        versions: ['facts'],
        bench: 'goals progress (50)',
        pathAndQuery: listPath,
        targetMs: { warm: 300, cold: 2000, fresh: 2000 },
      },
      (ctx) => listGoals(ctx, query),
    );

    const year = { from: addDays(last, -364), to: last };
    const alignmentPath = `/api/reports/alignment?from=${year.from}&to=${year.to}`;
    const report = (await get(`${nenner.url}${alignmentPath}`, { cookie })) as {
      index?: number | null;
      parts?: { key: string; value: number | null }[];
    };
    if (!report.parts) throw new Error(`alignment: ${JSON.stringify(report)}`);
    log(
      `  alignment: GET ${alignmentPath}: index ${report.index}; ` +
        report.parts.map((p) => `${p.key} ${p.value === null ? '–' : round1(p.value)}`).join(', '),
    );
    await measureReport(
      b,
      capturing,
      {
        versions: ['facts'],
        bench: 'alignment (a year)',
        pathAndQuery: alignmentPath,
        targetMs: { warm: 1000, cold: 1000, fresh: 1000 },
      },
      (ctx) => alignmentReport(ctx, year),
    );

    if (explain) {
      await explain.plan('progress of 50 goals', (ctx) => listGoals(ctx, query));
      await explain.plan('alignment for a year', (ctx) => alignmentReport(ctx, year));
    }
  } finally {
    const n = await removeBenchGoals(fx);
    log(`  goals: removed the ${n} bench goals`);
    await capturing.close();
  }
};
