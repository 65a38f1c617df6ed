import {
  type AlignmentPartKey,
  type AlignmentQuery,
  type AlignmentReport,
  type AlignmentWeights,
  acceptanceScore,
  accountCompletenessFields,
  addDays,
  alignmentIndex,
  alignmentPartKeys,
  type CompletenessField,
  completenessOf,
  contactCompletenessFields,
  type DayCalendar,
  type GoalOutcome,
  isBusinessDay,
  type QualityRecordType,
  type SlaSettings,
  sharedGoalAttainment,
  shareScore,
  slaFiguresOfCells,
} from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { now as clockNow } from '../../lib/clock.js';
import { sharedGoalOutcomes } from '../goals/goals.service.js';
import { goalEnv } from '../goals/progress.service.js';
import { countFilledWeights } from '../quality/quality.service.js';
import { calendarOf, readSetting } from '../settings/settings.service.js';
import { actionItemsDueBetween } from '../tasks/tasks.service.js';
import {
  aggregateAccountIntervals,
  aggregateHandoffIntervals,
  findRejections,
  type RejectionRow,
} from './alignment.repository.js';
import { periodOf, startOfLocalDay } from './period.js';

const MAX_DAYS = 400;
/** Business days marketing has to recycle or close a lead sales returned. */
const FOLLOW_UP_DAYS = 10;
const TREND_MONTHS = 12;

/** Local dates (inclusive) and the half-open UTC interval they make. */
interface Range {
  fromDate: string;
  toDate: string;
  from: string;
  to: string;
}

interface Completeness {
  contacts: number;
  accounts: number;
  meanContacts: number | null;
  meanAccounts: number | null;
}

/** The figures behind the parts, for one range. */
interface Figures {
  withinSla: number;
  judged: number;
  accepted: number;
  rejected: number;
  acceptanceRate: number | null;
  reasoned: number;
  followedUp: number;
  returned: number;
  goals: GoalOutcome[];
  twoSided: number;
  active: number;
  completeness: Completeness;
  /** Meeting action items due in the range (and by now), and those done by their due date. */
  actionItemsDue: number;
  actionItemsOnTime: number;
}

type Part = { value: number | null; raw: Record<string, number | null> };

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (ms: number) => new Date(ms).toISOString();

/** The calendar months, oldest first, of the `count` months that end with the month of `toDate`. */
const monthsEndingWith = (toDate: string, timeZone: string, count: number): (Range & { month: string })[] => {
  const [y = 0, m = 1] = toDate.split('-').map(Number);
  const firstOf = (shift: number) => {
    const t = new Date(Date.UTC(y, m - 1 + shift, 1));
    return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-01`;
  };
  return Array.from({ length: count }, (_, i) => {
    const first = firstOf(i - count + 1);
    const next = firstOf(i - count + 2);
    return {
      month: first.slice(0, 7),
      fromDate: first,
      toDate: addDays(next, -1),
      from: iso(startOfLocalDay(first, timeZone)),
      to: iso(startOfLocalDay(next, timeZone)),
    };
  });
};

// ——— Returned leads ——————————————————————————————————————————————————————————————————————————

/**
 * Whether marketing followed up a returned lead: it recycled the handoff, or closed the lead by deleting the
 * contact, by the end of the 10th business day after the day of the rejection. A rejection whose ten days
 * still run and that is not followed up yet is pending: it counts once it is decided either way.
 */
const followUpJudge = (timeZone: string, calendar: DayCalendar, nowMs: number) => {
  const deadlines = new Map<string, number>();
  const deadlineOf = (day: string): number => {
    let end = deadlines.get(day);
    if (end === undefined) {
      let date = day;
      for (let n = 0; n < FOLLOW_UP_DAYS; ) {
        date = addDays(date, 1);
        if (isBusinessDay(date, calendar)) n++;
      }
      end = startOfLocalDay(date, timeZone, 1);
      deadlines.set(day, end);
    }
    return end;
  };
  // local days by their first instant, for finding a rejection's local date without Intl per row
  const days: { date: string; start: number }[] = [];
  const dayOf = (ms: number): string => {
    let lo = 0;
    let hi = days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((days[mid]?.start ?? 0) <= ms) lo = mid;
      else hi = mid - 1;
    }
    return days[lo]?.date ?? '';
  };
  return {
    /** Prepares the local days from `fromDate` to `toDate`. */
    span(fromDate: string, toDate: string) {
      for (let d = fromDate; d <= toDate; d = addDays(d, 1))
        days.push({ date: d, start: startOfLocalDay(d, timeZone) });
    },
    judge(r: RejectionRow): 'followed' | 'missed' | 'pending' {
      const rejected = Date.parse(r.rejected_at);
      const deadline = deadlineOf(dayOf(rejected));
      const closed = r.contact_deleted_at && r.contact_deleted_at >= r.rejected_at ? r.contact_deleted_at : null;
      const at = [r.recycled_at, closed].filter((x): x is string => x !== null).map((x) => Date.parse(x));
      if (at.some((t) => t < deadline)) return 'followed';
      return nowMs < deadline ? 'pending' : 'missed';
    },
  };
};

// ——— Completeness ————————————————————————————————————————————————————————————————————————————

const completenessFields: Record<QualityRecordType, CompletenessField<Record<string, unknown>>[]> = {
  contact: contactCompletenessFields,
  account: accountCompletenessFields,
};

/**
 * A record's completeness score by its filled weight, from completenessOf itself (weights and rounding):
 * every subset of the fields is scored, and the score depends only on the weight that is filled.
 */
const scoresByWeight = (type: QualityRecordType): Map<number, number> => {
  const fields = completenessFields[type].map((f, i) => ({ ...f, filled: (mask: number) => (mask & (1 << i)) !== 0 }));
  const scores = new Map<number, number>();
  for (let mask = 0; mask < 1 << fields.length; mask++) {
    const weight = fields.reduce((s, f) => s + (f.filled(mask) ? f.weight : 0), 0);
    scores.set(weight, completenessOf(mask, fields).score);
  }
  return scores;
};
const scores = { contact: scoresByWeight('contact'), account: scoresByWeight('account') };

/** The live records created before ends[j] and the sum of their scores, for each j. */
const completenessByInterval = async (ctx: AppContext, type: QualityRecordType, ends: string[]) => {
  const rows = await countFilledWeights(ctx, type, ends);
  const sums = ends.map(() => ({ n: 0, score: 0 }));
  for (const r of rows) {
    const bucket = sums[r.k];
    if (!bucket) continue; // created on or after the last end
    bucket.n += r.n;
    bucket.score += r.n * (scores[type].get(r.w) ?? 0);
  }
  return (j: number) =>
    sums.slice(0, j + 1).reduce((a, b) => ({ n: a.n + b.n, score: a.score + b.score }), { n: 0, score: 0 });
};

// ——— Figures ————————————————————————————————————————————————————————————————————————————————

const sortedUnique = (xs: string[]) => [...new Set(xs)].sort();
const num = (v: number | string | null | undefined) => Number(v ?? 0);

/** The figures of every range: a few grouped queries for all of them together. */
const collectFigures = async (
  ctx: AppContext,
  sla: SlaSettings,
  window: Range,
  months: Range[],
): Promise<Figures[]> => {
  const ranges = [window, ...months];
  const bounds = sortedUnique(ranges.flatMap((r) => [r.from, r.to]));
  const ends = sortedUnique(ranges.map((r) => r.to));
  const monthBounds = sortedUnique(months.flatMap((r) => [r.from, r.to]));
  const nowMs = clockNow();
  const env = await goalEnv(ctx);
  const [handoffs, rejections, windowAccounts, monthAccounts, contacts, accounts, goals, actionItems] =
    await Promise.all([
      aggregateHandoffIntervals(ctx.db, bounds, iso(nowMs)),
      findRejections(ctx.db, bounds[0] ?? window.from, bounds.at(-1) ?? window.to),
      aggregateAccountIntervals(ctx.db, [window.from, window.to]),
      aggregateAccountIntervals(ctx.db, monthBounds),
      completenessByInterval(ctx, 'contact', ends),
      completenessByInterval(ctx, 'account', ends),
      Promise.all(ranges.map((r) => sharedGoalOutcomes(ctx, r.fromDate, r.toDate, env))),
      actionItemsDueBetween(ctx, bounds[0] ?? window.from, bounds.at(-1) ?? window.to, iso(nowMs)),
    ]);

  const judge = followUpJudge(sla.timeZone, calendarOf(sla), nowMs);
  const firstDate = sortedUnique(ranges.map((r) => r.fromDate))[0] ?? window.fromDate;
  const lastDate = sortedUnique(ranges.map((r) => r.toDate)).at(-1) ?? window.toDate;
  judge.span(addDays(firstDate, -1), addDays(lastDate, 1));
  const returned = rejections.map((r) => ({ at: r.rejected_at, outcome: judge.judge(r) }));

  const byInterval = new Map(handoffs.map((h) => [num(h.k), h]));
  const accountsOf = (rows: typeof windowAccounts, b: string[], r: Range) => {
    const row = rows.find((x) => num(x.k) === b.indexOf(r.to));
    return { active: num(row?.active), twoSided: num(row?.two_sided) };
  };

  return ranges.map((r, i) => {
    // intervals k with bounds[k-1] >= r.from and bounds[k] <= r.to
    const ks: number[] = [];
    for (let k = bounds.indexOf(r.from) + 1; k <= bounds.indexOf(r.to); k++) ks.push(k);
    const sum = (key: 'within_sla' | 'judged' | 'accepted' | 'rejected' | 'reasoned') =>
      ks.reduce((n, k) => n + num(byInterval.get(k)?.[key]), 0);
    const counts = slaFiguresOfCells([
      {
        handoffs: 0,
        answered: 0,
        withinSla: sum('within_sla'),
        judged: sum('judged'),
        accepted: sum('accepted'),
        rejected: sum('rejected'),
        converted: 0,
        responses: [],
      },
    ]);
    const items = actionItems.filter((x) => x.dueAt >= r.from && x.dueAt < r.to);
    const decided = returned.filter((x) => x.at >= r.from && x.at < r.to && x.outcome !== 'pending');
    const j = ends.indexOf(r.to);
    const c = contacts(j);
    const a = accounts(j);
    return {
      withinSla: counts.withinSla,
      judged: counts.judged,
      accepted: counts.accepted,
      rejected: counts.rejected,
      acceptanceRate: counts.acceptanceRate,
      reasoned: sum('reasoned'),
      followedUp: decided.filter((x) => x.outcome === 'followed').length,
      returned: decided.length,
      goals: goals[i] ?? [],
      ...(i === 0
        ? accountsOf(windowAccounts, [window.from, window.to], r)
        : accountsOf(monthAccounts, monthBounds, r)),
      completeness: {
        contacts: c.n,
        accounts: a.n,
        meanContacts: c.n > 0 ? c.score / c.n : null,
        meanAccounts: a.n > 0 ? a.score / a.n : null,
      },
      actionItemsDue: items.length,
      actionItemsOnTime: items.filter((x) => x.onTime).length,
    };
  });
};

// ——— Parts ——————————————————————————————————————————————————————————————————————————————————

const partsOf = (f: Figures, minAcceptanceRate: number): Record<AlignmentPartKey, Part> => {
  const means = [f.completeness.meanContacts, f.completeness.meanAccounts].filter((m): m is number => m !== null);
  return {
    sla_compliance: { value: shareScore(f.withinSla, f.judged), raw: { withinSla: f.withinSla, judged: f.judged } },
    acceptance_vs_minimum: {
      value: acceptanceScore(f.acceptanceRate, minAcceptanceRate),
      raw: { accepted: f.accepted, rejected: f.rejected, minAcceptanceRate },
    },
    reasoned_rejections: {
      value: shareScore(f.reasoned, f.rejected),
      raw: { reasoned: f.reasoned, rejected: f.rejected },
    },
    returned_lead_follow_up: {
      value: shareScore(f.followedUp, f.returned),
      raw: { followedUp: f.followedUp, returned: f.returned },
    },
    shared_goal_attainment: { value: sharedGoalAttainment(f.goals), raw: { goals: f.goals.length } },
    two_sided_accounts: { value: shareScore(f.twoSided, f.active), raw: { twoSided: f.twoSided, active: f.active } },
    // contacts and accounts weigh half each, so neither kind of record drowns the other
    data_completeness: {
      value: means.length === 0 ? null : means.reduce((s, m) => s + m, 0) / means.length,
      raw: { ...f.completeness },
    },
    action_item_completion: {
      value: shareScore(f.actionItemsOnTime, f.actionItemsDue),
      raw: { onTime: f.actionItemsOnTime, due: f.actionItemsDue },
    },
  };
};

const indexOf = (parts: Record<AlignmentPartKey, Part>, weights: AlignmentWeights) =>
  alignmentIndex(alignmentPartKeys.map((key) => ({ key, value: parts[key].value, weight: weights[key] })));

const explanations: Record<AlignmentPartKey, { de: string; en: string }> = {
  sla_compliance: {
    de: 'Rechtzeitig beantwortete Leads ÷ bewertbare Übergaben (beantwortet oder Frist abgelaufen), qualifiziert im Zeitraum – dieselben Zahlen wie im SLA-Bericht.',
    en: 'Leads answered within the SLA ÷ handoffs that can be judged (answered, or past their due time), qualified in the period – the same figures as the SLA report.',
  },
  acceptance_vs_minimum: {
    de: 'Annahmequote (angenommen ÷ angenommen und abgelehnt) im Verhältnis zur im SLA vereinbarten Mindestquote; wer die Mindestquote erreicht, erhält 100.',
    en: 'Acceptance rate (accepted ÷ accepted and rejected) against the minimum agreed in the SLA; reaching the minimum scores 100.',
  },
  reasoned_rejections: {
    de: 'Abgelehnte Leads mit konkretem Grund (nicht „Sonstiges“) oder Kommentar ÷ alle abgelehnten, qualifiziert im Zeitraum. Jede Begründung hilft, die nächsten Leads besser zu treffen.',
    en: 'Rejected leads with a specific reason (not “Other”) or a comment ÷ all rejected, qualified in the period. Every reason helps the next leads fit better.',
  },
  returned_lead_follow_up: {
    de: 'Im Zeitraum zurückgegebene Leads, die innerhalb von 10 Werktagen recycelt oder abgeschlossen (Kontakt gelöscht) wurden ÷ alle zurückgegebenen. Solange die 10 Werktage laufen, zählt ein offener Lead noch nicht.',
    en: 'Leads returned in the period that were recycled or closed (contact deleted) within 10 business days ÷ all returned. While its 10 business days run, an open lead does not count yet.',
  },
  shared_goal_attainment: {
    de: 'Mittlere Zielerreichung der gemeinsamen Ziele (Verantwortliche aus Marketing und Vertrieb), deren Zeitraum im Zeitraum endete: je Ziel Ist ÷ Soll, höchstens 100 % (wo weniger besser ist: Soll ÷ Ist).',
    en: 'Mean attainment of the shared goals (owners from marketing and sales) whose period ended in the period: actual ÷ target per goal, at most 100 % (where lower is better: target ÷ actual).',
  },
  two_sided_accounts: {
    de: 'Firmen mit Einträgen von Marketing und Vertrieb ÷ Firmen mit Aktivität im Zeitraum (Notizen, Kommentare, Kontaktpunkte, Aktivitäten, Übergaben, Verkaufschancen; das Änderungsprotokoll zählt nicht). Kontaktpunkte ohne Benutzer, etwa Formulare, zählen zum Marketing.',
    en: 'Accounts with entries from marketing and sales ÷ accounts with activity in the period (notes, comments, touchpoints, activities, handoffs, deals; the change log does not count). Touchpoints without a user, such as form posts, count for marketing.',
  },
  data_completeness: {
    de: 'Mittlere Vollständigkeit der Kontakte und der Firmen, je zur Hälfte, berechnet wie in der Datenqualität: alle nicht gelöschten Datensätze, die am Ende des Zeitraums existierten, mit ihren heutigen Feldern.',
    en: 'Mean completeness of contacts and of accounts, half each, computed as in Data quality: every record not deleted that existed at the end of the period, with its fields as they are today.',
  },
  action_item_completion: {
    de: 'Aufgaben aus Abstimmungen, die im Zeitraum fällig waren und bis zu ihrem Fälligkeitstermin erledigt wurden ÷ alle im Zeitraum fälligen (abgebrochene zählen nicht) – dieselbe Zahl wie das Ziel „Erledigte Meeting-Aufgaben“. Ohne fällige Aufgaben verteilt sich das Gewicht auf die anderen Teile.',
    en: 'Action items from alignment meetings due in the period that were done by their due date ÷ all due in the period (cancelled ones left out) – the same figure as the goal metric “Action items done”. Without items due, its weight is spread over the other parts.',
  },
};

const linkOf = (key: AlignmentPartKey, r: Range): string | null => {
  const period = `from=${r.fromDate}&to=${r.toDate}`;
  switch (key) {
    case 'sla_compliance':
    case 'acceptance_vs_minimum':
    case 'reasoned_rejections':
      return `/reports?tab=sla&${period}`;
    case 'returned_lead_follow_up':
      return '/leads?tab=returned';
    case 'shared_goal_attainment':
      return '/goals';
    case 'two_sided_accounts':
      return '/accounts';
    case 'data_completeness':
      return '/quality?tab=attention';
    case 'action_item_completion':
      return '/meetings';
  }
};

/**
 * The alignment index (Zusammenarbeits-Index) for a period of local dates, with its parts and the index of
 * each of the 12 calendar months ending with the period's last month. Same figures for everyone.
 */
export const alignmentReport = async (
  ctx: AppContext,
  query: AlignmentQuery,
  /** Without the 12-month trend (an agenda needs the period's index only): `trend` comes back empty. */
  options: { trend?: boolean } = {},
): Promise<AlignmentReport> => {
  const [sla, goals] = await Promise.all([readSetting(ctx.db, 'sla'), readSetting(ctx.db, 'goals')]);
  const { timeZone, minAcceptanceRate } = sla.value;
  const period = periodOf(query.from, query.to, timeZone, MAX_DAYS);
  const window: Range = { fromDate: query.from, toDate: query.to, ...period };
  const months = options.trend === false ? [] : monthsEndingWith(query.to, timeZone, TREND_MONTHS);
  const figures = await collectFigures(ctx, sla.value, window, months);
  const weights = goals.value.alignmentWeights;
  const [own, ...perMonth] = figures;
  if (!own) throw new Error('unreachable');
  // the handoff counts use the SLA report's conditions (qualified in the period, judged at now), so the
  // two screens agree (alignment.test.ts holds them to it) without reading every response time again
  const parts = partsOf(own, minAcceptanceRate);
  const result = indexOf(parts, weights);
  return {
    from: query.from,
    to: query.to,
    index: result.index,
    parts: result.parts.map((p) => ({
      ...p,
      raw: parts[p.key].raw,
      explanation: explanations[p.key],
      link: linkOf(p.key, window),
    })),
    trend: months.map((m, i) => ({
      month: m.month,
      index: indexOf(partsOf(perMonth[i] as Figures, minAcceptanceRate), weights).index,
    })),
  };
};
