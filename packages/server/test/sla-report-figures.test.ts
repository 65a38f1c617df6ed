import { type HandoffFact, type SlaReportQuery, slaFigures, slaFiguresBy, weekOf } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { nowIso } from '../src/lib/ids.js';
import { periodOf } from '../src/modules/reports/period.js';
import { type SlaReport, slaReport, slaTotalsBetween } from '../src/modules/reports/reports.service.js';
import { startTestApp, type TestApp } from './harness.js';

/*
 * The SLA report gives the same figures however it is computed. The reference below is the report as it
 * was first written: every handoff of the period read into JavaScript and aggregated one by one with the
 * shared pure functions (slaFigures, slaFiguresBy, weekOf). It is compared with the report the service
 * builds from the database's aggregates, on 3,000 handoffs spread over eleven weeks, four assignees and
 * nobody, two teams and none, sources, forms and campaigns with gaps, every outcome, due times before and
 * after now, response times on the hundredth-of-an-hour rounding edges (3,618 s rounds to 1.00 h in
 * JavaScript's floating point, not 1.01), and handoffs just inside and just outside the period.
 */

const NOW = '2026-03-20T12:00:00.000Z';
const TZ_START = '2026-01-04T23:00:00.000Z'; // 5 Jan 2026, 00:00 in Berlin
const TZ_END = '2026-03-20T23:00:00.000Z'; // 21 Mar 2026, 00:00 in Berlin (exclusive)
const HANDOFFS = 3_000;

let t: TestApp;

/** A small deterministic generator (LCG), so a failure reproduces. */
const random = (seed: number) => {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
};

const pickFrom = <T>(rnd: () => number, values: readonly T[], weights: readonly number[]): T => {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rnd() * total;
  for (const [i, w] of weights.entries()) {
    x -= w;
    if (x < 0) return values[i] as T;
  }
  return values[values.length - 1] as T;
};

const iso = (ms: number) => new Date(ms).toISOString();

const insertWorkspace = async (db: Db) => {
  const at = '2025-12-01T00:00:00.000Z';
  for (const [n, id] of ['fu1', 'fu2', 'fu3', 'fu4'].entries()) {
    await db
      .insertInto('users')
      .values({
        id,
        email: `${id}@figures.example`,
        name: `Person ${n + 1}`,
        password_hash: 'x',
        department: n < 2 ? 'sales' : 'marketing',
        role: 'member',
        active: 1,
        time_zone: 'Europe/Berlin',
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  for (const id of ['ft1', 'ft2']) {
    await db
      .insertInto('teams')
      .values({ id, name: `Team ${id}`, version: 1, created_at: at, updated_at: at })
      .execute();
  }
  for (const id of ['ff1', 'ff2']) {
    await db
      .insertInto('forms')
      .values({
        id,
        name: `Form ${id}`,
        slug: id,
        fields: '[]',
        consent: '{}',
        active: 1,
        double_opt_in: 0,
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  await db
    .insertInto('contacts')
    .values({
      id: 'fc1',
      first_name: 'Fig',
      last_name: 'Ures',
      sort_first_name: 'fig',
      sort_last_name: 'ures',
      lifecycle_stage: 'mql',
      emails: '[]',
      tags: '[]',
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();

  const rnd = random(17);
  const start = Date.parse('2026-01-02T00:00:00.000Z');
  const span = Date.parse('2026-03-23T00:00:00.000Z') - start;
  const rows = [];
  for (let i = 0; i < HANDOFFS; i++) {
    let qualified = start + Math.floor((rnd() * span) / 1000) * 1000;
    // the period's edges: its first instant is in, the one before and its end are out
    if (i === 0) qualified = Date.parse(TZ_START);
    if (i === 1) qualified = Date.parse(TZ_START) - 1;
    if (i === 2) qualified = Date.parse(TZ_END);
    if (i === 3) qualified = Date.parse(TZ_END) - 1;
    const due = qualified + (1 + Math.floor(rnd() * 30)) * 3_600_000;
    // keep due times away from now, so "judged" cannot depend on the instant each side read the clock
    const dueAt = Math.abs(due - Date.parse(NOW)) < 3_600_000 ? due + 7_200_000 : due;
    const answered = rnd() < 0.75 && qualified < Date.parse(NOW);
    const seconds = pickFrom(
      rnd,
      [
        // on the rounding edges (s ≡ 18 mod 36), small, and anything up to ~3 days of business time
        36 * Math.floor(rnd() * 3000) + 18,
        Math.floor(rnd() * 600),
        Math.floor(rnd() * 86_400),
        3_618,
      ],
      [3, 2, 4, 1],
    );
    const respondedAt = answered
      ? rnd() < 0.05
        ? dueAt // exactly at the due time: within the SLA
        : qualified + Math.floor(rnd() * 40) * 3_600_000
      : null;
    const verdict = answered ? pickFrom(rnd, ['accepted', 'rejected', 'none'], [5, 3, 2]) : 'none';
    const converted = verdict === 'accepted' && rnd() < 0.4;
    rows.push({
      id: `fh${String(i).padStart(5, '0')}`,
      contact_id: 'fc1',
      status: converted ? 'converted' : verdict === 'none' ? 'open' : verdict,
      qualified_at: iso(qualified),
      qualified_reason: 'score',
      assignee_id: pickFrom(rnd, ['fu1', 'fu2', 'fu3', 'fu4', null], [5, 4, 2, 1, 2]),
      team_id: pickFrom(rnd, ['ft1', 'ft2', null], [3, 2, 1]),
      routing_rule: 'round_robin',
      sla_due_at: iso(dueAt),
      responded_at: respondedAt === null ? null : iso(respondedAt),
      response_seconds: respondedAt === null ? null : seconds,
      accepted_at: verdict === 'accepted' && respondedAt !== null ? iso(respondedAt) : null,
      rejected_at: verdict === 'rejected' && respondedAt !== null ? iso(respondedAt) : null,
      reject_reason:
        verdict === 'rejected' ? pickFrom(rnd, ['no_budget', 'wrong_contact', 'timing', 'other'], [4, 3, 2, 1]) : null,
      converted_at: converted && respondedAt !== null ? iso(respondedAt + 86_400_000) : null,
      source: pickFrom(rnd, ['website', 'event', 'partner', 'referral', null], [6, 3, 2, 1, 1]),
      form_id: pickFrom(rnd, ['ff1', 'ff2', null], [2, 1, 3]),
      utm_campaign: pickFrom(rnd, ['fruehling', 'herbst', 'Ümlaut-Kampagne', '=formel', null], [3, 2, 1, 1, 4]),
      version: 1,
      created_at: iso(qualified),
      updated_at: iso(qualified),
    });
  }
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('handoffs')
      .values(rows.slice(i, i + 200))
      .execute();
  }
};

/** The report as first written: every handoff of [from, to) in JavaScript, one by one. */
const referenceReport = async (db: Db, query: SlaReportQuery, from: string, to: string, now: string) => {
  const rows = await db
    .selectFrom('handoffs')
    .select([
      'assignee_id',
      'team_id',
      'source',
      'form_id',
      'utm_campaign',
      'qualified_at',
      'sla_due_at',
      'responded_at',
      'response_seconds',
      'accepted_at',
      'rejected_at',
      'converted_at',
      'reject_reason',
    ])
    .where('qualified_at', '>=', from)
    .where('qualified_at', '<', to)
    .execute();
  const facts: (HandoffFact & { formId: string | null; campaign: string | null })[] = rows.map((r) => ({
    assigneeId: r.assignee_id,
    teamId: r.team_id,
    source: r.source,
    formId: r.form_id,
    campaign: r.utm_campaign,
    qualifiedAt: r.qualified_at,
    slaDueAt: r.sla_due_at,
    respondedAt: r.responded_at,
    responseSeconds: r.response_seconds,
    accepted: r.accepted_at !== null,
    rejected: r.rejected_at !== null,
    converted: r.converted_at !== null,
    rejectReason: r.reject_reason,
  }));
  const users = new Map(
    (await db.selectFrom('users').select(['id', 'name', 'department']).execute()).map((u) => [u.id, u]),
  );
  const teams = new Map((await db.selectFrom('teams').select(['id', 'name']).execute()).map((x) => [x.id, x.name]));
  const forms = new Map((await db.selectFrom('forms').select(['id', 'name']).execute()).map((x) => [x.id, x.name]));
  const reasons = new Map<string, number>();
  const weeks = new Map<string, { handoffs: number; withinSla: number; rejected: number }>();
  for (const f of facts) {
    if (f.rejectReason) reasons.set(f.rejectReason, (reasons.get(f.rejectReason) ?? 0) + 1);
    const w = weekOf(f.qualifiedAt);
    const bucket = weeks.get(w) ?? { handoffs: 0, withinSla: 0, rejected: 0 };
    bucket.handoffs++;
    if (f.respondedAt && f.respondedAt <= f.slaDueAt) bucket.withinSla++;
    if (f.rejected) bucket.rejected++;
    weeks.set(w, bucket);
  }
  const totals = slaFigures(facts, now);
  const report: SlaReport = {
    from: query.from,
    to: query.to,
    timeZone: 'Europe/Berlin',
    responseHours: 4,
    totals,
    funnel: { mql: totals.handoffs, sal: totals.accepted, sql: totals.converted },
    rejectionReasons: [...reasons.entries()].map(([reason, count]) => ({ reason, count })),
    weeks: [...weeks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, v]) => ({ week, ...v })),
    byAssignee: slaFiguresBy(facts, (f) => f.assigneeId, now).map((g) => ({
      ...g,
      name: g.key ? (users.get(g.key)?.name ?? null) : null,
      department: g.key ? (users.get(g.key)?.department ?? null) : null,
    })),
    byTeam: slaFiguresBy(facts, (f) => f.teamId, now).map((g) => ({
      ...g,
      name: g.key ? (teams.get(g.key) ?? null) : null,
    })),
    bySource: slaFiguresBy(facts, (f) => f.source, now),
    byForm: slaFiguresBy(facts, (f) => f.formId, now).map((g) => ({
      ...g,
      name: g.key ? (forms.get(g.key) ?? null) : null,
    })),
    byCampaign: slaFiguresBy(facts, (f) => f.campaign, now),
  };
  return report;
};

type Group = { key: string | null; figures: { handoffs: number } };

/** Largest groups first, as the report promises; the order among equally large groups is not part of it. */
const expectLargestFirst = (groups: Group[]) => {
  for (let i = 1; i < groups.length; i++) {
    expect((groups[i - 1] as Group).figures.handoffs).toBeGreaterThanOrEqual((groups[i] as Group).figures.handoffs);
  }
};
const byKey = <T extends Group>(groups: T[]) =>
  [...groups].sort((a, b) => b.figures.handoffs - a.figures.handoffs || ((a.key ?? '') < (b.key ?? '') ? -1 : 1));
const canonical = (r: SlaReport) => ({
  ...r,
  rejectionReasons: [...r.rejectionReasons].sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
  byAssignee: byKey(r.byAssignee),
  byTeam: byKey(r.byTeam),
  bySource: byKey(r.bySource),
  byForm: byKey(r.byForm),
  byCampaign: byKey(r.byCampaign),
});

const compare = async (query: SlaReportQuery) => {
  const { from, to } = periodOf(query.from, query.to, 'Europe/Berlin', 400);
  const report = await slaReport(t.ctx, query);
  const reference = await referenceReport(t.ctx.db, query, from, to, nowIso());
  for (const groups of [report.byAssignee, report.byTeam, report.bySource, report.byForm, report.byCampaign]) {
    expectLargestFirst(groups);
  }
  for (let i = 1; i < report.rejectionReasons.length; i++) {
    const [a, b] = [report.rejectionReasons[i - 1], report.rejectionReasons[i]];
    expect((a?.count ?? 0) > (b?.count ?? 0) || (a?.reason ?? '') < (b?.reason ?? '')).toBe(true);
  }
  expect(canonical(report)).toEqual(canonical(reference));
  return report;
};

beforeAll(async () => {
  t = await startTestApp();
  t.clock.travelTo(NOW);
  await insertWorkspace(t.ctx.db);
}, 60_000);
afterAll(() => t?.close());

describe('SLA report: the same figures as the per-handoff computation', () => {
  it('over eleven weeks of varied handoffs', async () => {
    const report = await compare({ from: '2026-01-05', to: '2026-03-20' });
    // the data is as varied as intended: every grouping has several groups, nulls included
    expect(report.totals.handoffs).toBeGreaterThan(2_500);
    // eleven local weeks; the first instant (Sunday 23:00 UTC) falls in the UTC week before: twelve buckets
    expect(report.weeks.length).toBe(12);
    expect(report.byAssignee.map((g) => g.key)).toContain(null);
    expect(report.byCampaign.length).toBe(5);
    expect(report.totals.judged).toBeLessThan(report.totals.handoffs);
    expect(report.rejectionReasons.length).toBe(4);
  });

  it('over one week, one day, and a period without handoffs', async () => {
    await compare({ from: '2026-02-09', to: '2026-02-15' });
    await compare({ from: '2026-03-20', to: '2026-03-20' });
    const empty = await compare({ from: '2025-06-01', to: '2025-06-30' });
    expect(empty.totals.handoffs).toBe(0);
  });

  it("a meeting's window (instants) has the report's totals", async () => {
    const { from, to } = { from: '2026-02-03T10:15:00.000Z', to: '2026-03-01T08:00:00.000Z' };
    const between = await slaTotalsBetween(t.ctx, from, to);
    const reference = await referenceReport(t.ctx.db, { from: 'x', to: 'y' }, from, to, nowIso());
    expect(between.totals).toEqual(reference.totals);
  });
});
