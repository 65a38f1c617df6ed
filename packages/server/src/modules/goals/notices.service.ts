import {
  addDays,
  type GoalProgressSummary,
  type GoalStatus,
  kindOfUnit,
  type MetricUnit,
  type PeriodType,
  resolvePeriod,
  zonedParts,
} from '@nenner/shared';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { newId, nowIso } from '../../lib/ids.js';
import { queueEmail } from '../mail/mail.service.js';
import { goalStatusWords, renderTemplate } from '../mail/templates.js';
import { notifyUsers } from '../notifications/notifications.service.js';
import { findSetting, writeSetting } from '../settings/settings.repository.js';
import { readSetting } from '../settings/settings.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { findGoalsToRenew, findOwnerIds, insertGoal, replaceOwners } from './goals.repository.js';
import { specOf } from './goals.service.js';
import { catalogue } from './metrics.catalogue.js';
import {
  claimRenewal,
  findActiveOwnerIds,
  findDigestRows,
  findGoalsToNotice,
  type Noticed,
  type NoticeRow,
  recordNotice,
} from './notices.repository.js';
import { evaluateGoal, type GoalEnv, goalEnv } from './progress.service.js';

/*
 * What the worker does for goals on its own: it renews repeating goals when their period is over, tells
 * owners when a goal falls behind or reaches a milestone, and sends each owner a weekly digest.
 *
 * Goals are evaluated outside the transactions that write: on SQLite a transaction holds the only
 * connection, and the metrics read through ctx.db.
 */

type Locale = 'de' | 'en';
const locales: Locale[] = ['de', 'en'];
const intlLocale: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };
const localeOf = (value: string | null): Locale => (value === 'en' ? 'en' : 'de');

/** Shares of the target that notify when first reached, highest first. */
const MILESTONES = [100, 90, 50] as const;

/** How many periods one sweep renews a series by, after a worker was down for long. */
const MAX_CATCH_UP = 36;

/** The settings row that remembers the ISO week whose digest went out. */
const DIGEST_KEY = 'goal_digest';
const DigestState = z.object({ week: z.string() });
/** The digest goes out on Monday from this hour (workspace time zone). */
const DIGEST_HOUR = 8;

// ——— Figures in the reader's language ————————————————————————————————————————————————————————————

const currencyDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/**
 * One figure of a goal in its unit, as the goal screens show it: counts whole (a forecast, `fractional`,
 * to one decimal, so 10.6 of 11 does not read as 11 of 11), money from minor units (without cents when
 * whole), percentages and business hours with at most one decimal.
 */
export const formatGoalFigure = (
  value: number,
  unit: MetricUnit,
  currency: string | null,
  locale: Locale,
  fractional = false,
): string => {
  const tag = intlLocale[locale];
  switch (unit) {
    case 'count':
      return new Intl.NumberFormat(tag, { maximumFractionDigits: fractional ? 1 : 0 }).format(
        fractional ? value : Math.round(value),
      );
    case 'money': {
      const code = currency ?? 'EUR';
      const digits = currencyDigits(code);
      const minor = Math.round(value);
      const whole = minor % 10 ** digits === 0;
      return new Intl.NumberFormat(tag, {
        style: 'currency',
        currency: code,
        ...(whole && { minimumFractionDigits: 0, maximumFractionDigits: 0 }),
      }).format(minor / 10 ** digits);
    }
    case 'percent':
      return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
    case 'business_hours':
      return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(value)} ${locale === 'de' ? 'Std.' : 'h'}`;
  }
};

/** `{ x_de, x_en }` for notifyUsers' templates, which pick the recipient's language. */
const inBoth = (key: string, value: (l: Locale) => string): Record<string, string> =>
  Object.fromEntries(locales.map((l) => [`${key}_${l}`, value(l)]));

// ——— Repeating goals ——————————————————————————————————————————————————————————————————————————————

type RenewableRow = Awaited<ReturnType<typeof findGoalsToRenew>>[number];

/**
 * The period after one that ended on `endedOn`: from the next day to the end of the month, quarter or
 * year holding it. It starts the day after even when the fiscal year's start moved meanwhile, so periods
 * of a series neither overlap nor leave a gap (the one after a move is shorter).
 */
const periodAfter = (
  type: PeriodType,
  endedOn: string,
  today: string,
  fiscalYearStartMonth: number,
): { from: string; to: string } | null => {
  const from = addDays(endedOn, 1);
  const resolved = resolvePeriod({ type, start: from }, { today, fiscalYearStartMonth });
  return resolved.ok ? { from, to: resolved.period.to } : null;
};

/**
 * Creates the next period's goal of a series; the repeat passes to it (the old goal's `repeat` becomes 0),
 * so exactly one goal of a series repeats: turning the repeat off, or deleting the newest goal, ends the
 * series. Each period is its own row with its own history.
 */
const renewGoal = async (ctx: AppContext, old: RenewableRow, fiscalYearStartMonth: number, today: string) => {
  const period = periodAfter(old.period_type as PeriodType, old.period_to, today, fiscalYearStartMonth);
  if (!period) return false;
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    if (!(await claimRenewal(trx, old.id, old.version, now))) return false;
    await recordAudit(trx, null, 'goal', old.id, 'updated', [{ field: 'repeat', from: true, to: false }]);
    // deactivated owners stay on the old periods but are not carried on (all of them if none is active)
    const active = await findActiveOwnerIds(trx, old.id);
    const ownerIds = active.length > 0 ? active : await findOwnerIds(trx, old.id);
    const id = newId();
    await insertGoal(trx, {
      id,
      series_id: old.series_id,
      name: old.name,
      description: old.description,
      metric: old.metric,
      filters: old.filters,
      period_type: old.period_type,
      period_from: period.from,
      period_to: period.to,
      target: Number(old.target),
      currency: old.currency,
      parent_id: old.parent_id,
      team_id: old.team_id,
      repeat: 1,
      created_by: old.created_by,
      noticed_status: null,
      noticed_percent: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await replaceOwners(trx, id, ownerIds);
    await recordAudit(trx, null, 'goal', id, 'created');
    return true;
  });
};

/** Renews every repeating goal whose period is over; returns how many goals it created. */
const renewRepeatingGoals = async (ctx: AppContext, today: string): Promise<number> => {
  const { fiscalYearStartMonth } = (await readSetting(ctx.db, 'goals')).value;
  let created = 0;
  // a successor that has itself ended (the worker was down) is renewed in the next round
  for (let round = 0; round < MAX_CATCH_UP; round++) {
    const due = (await findGoalsToRenew(ctx.db, today)).filter((g) => g.period_type !== 'custom');
    let renewed = 0;
    for (const goal of due) if (await renewGoal(ctx, goal, fiscalYearStartMonth, today)) renewed += 1;
    created += renewed;
    if (renewed === 0) break;
  }
  return created;
};

// ——— Notices ——————————————————————————————————————————————————————————————————————————————————————

/** The highest milestone the attainment has reached, 0 for none. Only for sums where higher is better. */
const milestoneOf = (row: NoticeRow, progress: GoalProgressSummary): number => {
  const metric = catalogue.get(row.metric);
  if (metric?.direction !== 'higher' || kindOfUnit(metric.unit) !== 'cumulative') return 0;
  const attainment = progress.attainment;
  if (attainment === null) return 0;
  return MILESTONES.find((m) => attainment >= m) ?? 0;
};

/** What the notices of a goal say: its name, the milestone, and actual, target and forecast in both languages. */
const noticeData = (row: NoticeRow, progress: GoalProgressSummary, percent: number): Record<string, string> => {
  const unit = catalogue.get(row.metric)?.unit ?? 'count';
  const figure =
    (value: number, fractional = false) =>
    (l: Locale) =>
      formatGoalFigure(value, unit, row.currency, l, fractional);
  return {
    goal: row.name,
    percent: String(percent),
    status: progress.status,
    ...inBoth('actual', figure(progress.actual)),
    ...inBoth('target', figure(progress.target)),
    ...inBoth('forecast', figure(progress.forecast, true)),
  };
};

/**
 * The notices a goal's new state calls for. The first sweep of a goal only records (no notice for a goal
 * just created); a status notice needs a move to at risk or off track from another recorded status while
 * the period runs; a milestone notifies once, the highest newly reached only.
 */
const noticesFor = (seen: Noticed, next: Noticed, running: boolean): string[] => {
  if (seen.status === null) return [];
  const kinds: string[] = [];
  if (running && next.status !== seen.status && (next.status === 'at_risk' || next.status === 'off_track')) {
    kinds.push(next.status === 'at_risk' ? 'goal_at_risk' : 'goal_off_track');
  }
  if (next.percent > seen.percent) kinds.push('goal_reached');
  return kinds;
};

/** Evaluates each running goal once and tells its owners what changed; returns how many notices went out. */
const noticeGoals = async (ctx: AppContext, env: GoalEnv): Promise<number> => {
  const rows = await findGoalsToNotice(ctx.db, addDays(env.today, -1), env.today);
  let sent = 0;
  for (const row of rows) {
    if (!catalogue.has(row.metric)) continue;
    const progress = await evaluateGoal(ctx, env, specOf(row), false);
    const seen: Noticed = { status: row.noticed_status, percent: Number(row.noticed_percent) };
    const next: Noticed = { status: progress.status, percent: Math.max(seen.percent, milestoneOf(row, progress)) };
    if (next.status === seen.status && next.percent === seen.percent) continue;
    const kinds = noticesFor(seen, next, row.period_to >= env.today);
    sent += await ctx.db.transaction().execute(async (trx) => {
      if (!(await recordNotice(trx, row.id, seen, next))) return 0;
      if (kinds.length === 0) return 0;
      const owners = await findActiveOwnerIds(trx, row.id);
      const data = noticeData(row, progress, next.percent);
      for (const kind of kinds) {
        await notifyUsers(ctx, trx, owners, kind, { type: 'goal', id: row.id, path: `/goals/${row.id}` }, data);
      }
      return kinds.length;
    });
  }
  return sent;
};

/**
 * The goals' periodic work: renews repeating goals whose period is over, then tells owners when a
 * running goal moves to at risk or off track, or first reaches 50, 90 or 100 % of its target.
 */
export const sweepGoals = async (ctx: AppContext): Promise<{ renewed: number; notices: number }> => {
  const env = await goalEnv(ctx);
  const renewed = await renewRepeatingGoals(ctx, env.today);
  const notices = await noticeGoals(ctx, env);
  return { renewed, notices };
};

// ——— The weekly digest ————————————————————————————————————————————————————————————————————————————

/** The ISO 8601 week of a local date: year and week number (2027-01-04 → 2027, 1). */
export const isoWeekOf = (date: string): { year: number; week: number } => {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  const weekday = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - weekday); // the week's Thursday decides its year
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return { year, week };
};

const isMonday = (date: string): boolean => new Date(`${date}T00:00:00Z`).getUTCDay() === 1;

type DigestRow = Awaited<ReturnType<typeof findDigestRows>>[number];

const digestLine = (ctx: AppContext, row: DigestRow, progress: GoalProgressSummary, locale: Locale): string => {
  const unit = catalogue.get(row.metric)?.unit ?? 'count';
  const figure = (value: number) => formatGoalFigure(value, unit, row.currency, locale);
  const status = goalStatusWords[locale][progress.status as GoalStatus] ?? progress.status;
  return `• ${row.name}: ${figure(progress.actual)} / ${figure(progress.target)} – ${status}\n  ${ctx.config.publicUrl}/goals/${row.id}\n`;
};

/**
 * The weekly digest: on Monday from 08:00 (workspace time zone), once per ISO week, every active owner of
 * a running goal gets one email listing those goals with actual / target and status, in their language.
 * A Monday the worker misses is not made up later in the week. Returns how many emails it queued.
 */
export const sendGoalDigests = async (ctx: AppContext): Promise<number> => {
  const env = await goalEnv(ctx);
  if (!isMonday(env.today) || zonedParts(Date.parse(env.now), env.timeZone).hour < DIGEST_HOUR) return 0;
  const { year, week } = isoWeekOf(env.today);
  const weekKey = `${year}-W${String(week).padStart(2, '0')}`;
  const sentWeek = async (db: Db) => {
    const row = await findSetting(db, DIGEST_KEY);
    const parsed = row ? DigestState.safeParse(JSON.parse(row.value)) : null;
    return { week: parsed?.success ? parsed.data.week : null, version: row?.version ?? 0 };
  };
  if ((await sentWeek(ctx.db)).week === weekKey) return 0;
  const rows = await findDigestRows(ctx.db, env.today);
  // nobody to write to: nothing to remember either, so goals set later this Monday still get a digest
  if (rows.length === 0) return 0;
  const progress = new Map<string, GoalProgressSummary>();
  for (const row of rows) {
    if (!progress.has(row.id) && catalogue.has(row.metric)) {
      progress.set(row.id, await evaluateGoal(ctx, env, specOf(row), false));
    }
  }
  const byUser = new Map<string, DigestRow[]>();
  for (const row of rows) {
    if (progress.has(row.id)) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const sent = await sentWeek(trx);
    if (sent.week === weekKey) return 0;
    // the claim and the emails commit together: a lost race, or a failure, sends nothing
    if (!(await writeSetting(trx, DIGEST_KEY, JSON.stringify({ week: weekKey }), sent.version, null, nowIso()))) {
      return 0;
    }
    for (const goals of byUser.values()) {
      const first = goals[0] as DigestRow;
      const locale = localeOf(first.locale);
      const mail = renderTemplate('goal_digest', locale, {
        name: first.user_name,
        week: String(week),
        goals: goals.map((g) => digestLine(ctx, g, progress.get(g.id) as GoalProgressSummary, locale)).join(''),
        link: `${ctx.config.publicUrl}/goals`,
      });
      await queueEmail(trx, { to: first.email, ...mail });
    }
    return byUser.size;
  });
};
