import type { Goal, GoalProgressResult } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatGoalFigure, isoWeekOf } from '../src/modules/goals/notices.service.js';
import { runBackgroundOnce } from '../src/worker.js';
import { type Session, startTestApp, type TestApp } from './harness.js';
import { startTestSmtp, type TestSmtp } from './smtp.js';

/*
 * What the worker does for goals on its own, through HTTP and a real SMTP server: notices to the owners
 * (milestones, falling behind), the renewal of a repeating goal, and the Monday digest.
 *
 * Time is set with vi.setSystemTime rather than t.clock: the job queue compares run_at (the app clock)
 * with Date.now(), so both have to move together, and the scenario needs fixed dates in 2027.
 * Workspace time zone Europe/Berlin (CET until 28 March 2027, CEST after).
 */

const PUBLIC = 'https://crm.example.de';
const NBSP = '\u00a0';

let smtp: TestSmtp;
let t: TestApp;
let marketer: Session; // German (no locale set)
let seller: Session; // English
let viewer: Session;

const at = (iso: string) => vi.setSystemTime(new Date(iso));

const sweep = () => runBackgroundOnce(t.ctx);

beforeAll(async () => {
  at('2027-03-02T08:00:00.000Z'); // Tue 09:00 CET (no digest: that is Mondays)
  smtp = await startTestSmtp();
  t = await startTestApp({ SMTP_URL: smtp.url, NENNER_PUBLIC_URL: PUBLIC, NENNER_SESSION_DAYS: '365' });
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  viewer = await t.session('marketing', 'viewer', 'Vera Viewer');
  const me = await t.request('PATCH', '/api/auth/me', { cookie: seller.cookie, body: { locale: 'en' } });
  expect(me.status, me.text).toBe(200);
});

afterAll(async () => {
  vi.useRealTimers();
  await t?.close();
  await smtp?.close();
});

const createGoal = async (as: Session, body: Record<string, unknown>): Promise<Goal> => {
  const res = await t.request<Goal>('POST', '/api/goals', { cookie: as.cookie, body });
  expect(res.status, res.text).toBe(201);
  return res.body;
};

/** Contacts that become MQLs now: created as leads, then moved to MQL by a seller. */
const makeMqls = async (n: number) => {
  for (let i = 0; i < n; i++) {
    const c = await t.createContact(seller, { lifecycleStage: 'lead' });
    const res = await t.request('PATCH', `/api/contacts/${c.id}`, {
      cookie: seller.cookie,
      ifMatch: c.version,
      body: { lifecycleStage: 'mql' },
    });
    expect(res.status, res.text).toBe(200);
  }
};

interface Note {
  kind: string;
  entityType: string;
  entityId: string;
  data: Record<string, string>;
}

/** The user's goal notifications (newest first), optionally of one goal: kind and milestone. */
const goalNotes = async (who: Session, goalId?: string) => {
  const res = await t.get<{ items: Note[] }>('/api/notifications?limit=200', who);
  expect(res.status).toBe(200);
  return res.body.items
    .filter((n) => n.entityType === 'goal' && (goalId === undefined || n.entityId === goalId))
    .map((n) => ({ kind: n.kind, goal: n.data.goal, percent: n.data.percent }));
};

const mailsAbout = (who: Session, goalName: string) =>
  smtp.to(who.email).filter((m) => m.subject.endsWith(`: ${goalName}`));

const digests = (who: Session) =>
  smtp.to(who.email).filter((m) => /^(Deine Ziele in KW|Your goals in week) /.test(m.subject));

let monthly: Goal;

describe('notices to the owners', () => {
  it('the first sweep only records; 50 % and then 100 % notify each owner once, in app and by email', async () => {
    monthly = await createGoal(marketer, {
      name: 'MQLs im Monat',
      description: 'Gemeinsam mit dem Vertrieb',
      metric: 'mqls',
      period: { type: 'month', start: '2027-03-01' },
      target: 4,
      ownerIds: [marketer.user.id, seller.user.id],
      repeat: true,
    });

    // nothing after a business day: off track, but a goal just set is not news
    await sweep();
    expect(await t.row('goals', monthly.id)).toMatchObject({ noticed_status: 'off_track', noticed_percent: 0 });
    expect(await goalNotes(marketer)).toEqual([]);
    expect(await goalNotes(seller)).toEqual([]);

    // 1 of 4 (25 %): on track now, which is no notice, and no milestone
    at('2027-03-02T09:00:00.000Z');
    await makeMqls(1);
    await sweep();
    expect(await t.row('goals', monthly.id)).toMatchObject({ noticed_status: 'on_track', noticed_percent: 0 });
    expect(await goalNotes(marketer)).toEqual([]);

    // 2 of 4: 50 %
    at('2027-03-02T09:05:00.000Z');
    await makeMqls(1);
    await sweep();
    at('2027-03-02T09:10:00.000Z');
    await sweep();
    const fifty = [{ kind: 'goal_reached', goal: 'MQLs im Monat', percent: '50' }];
    expect(await goalNotes(marketer)).toEqual(fifty);
    expect(await goalNotes(seller)).toEqual(fifty);

    // 4 of 4: straight past 90 % to 100 %, one notice for the highest
    at('2027-03-02T09:15:00.000Z');
    await makeMqls(2);
    await sweep();
    at('2027-03-02T09:20:00.000Z');
    await sweep();
    const both = [{ kind: 'goal_reached', goal: 'MQLs im Monat', percent: '100' }, ...fifty];
    expect(await goalNotes(marketer)).toEqual(both);
    expect(await goalNotes(seller)).toEqual(both);
    expect(await t.row('goals', monthly.id)).toMatchObject({ noticed_status: 'on_track', noticed_percent: 100 });

    const link = `${PUBLIC}/goals/${monthly.id}`;
    const german = mailsAbout(marketer, 'MQLs im Monat');
    expect(german.map((m) => m.subject)).toEqual([
      'Ziel zu 50 % erreicht: MQLs im Monat',
      'Ziel zu 100 % erreicht: MQLs im Monat',
    ]);
    expect(german[0]?.text).toContain('Hallo Mia Marketing');
    expect(german[0]?.text).toContain('„MQLs im Monat“ ist zu 50 % erreicht: 2 von 4.');
    expect(german[1]?.text).toContain('ist zu 100 % erreicht: 4 von 4.');
    expect(german[1]?.text).toContain(link);
    const english = mailsAbout(seller, 'MQLs im Monat');
    expect(english.map((m) => m.subject)).toEqual([
      'Goal 50% reached: MQLs im Monat',
      'Goal 100% reached: MQLs im Monat',
    ]);
    expect(english[0]?.text).toContain('Hi Sam Sales');
    expect(english[0]?.text).toContain('“MQLs im Monat” is 50% there: 2 of 4.');
    expect(english[1]?.text).toContain(link);

    expect(await goalNotes(viewer)).toEqual([]);
    expect(smtp.to(viewer.email)).toEqual([]);
  });
});

describe('the weekly digest', () => {
  let pipeline: Goal;

  it('goes out on Monday from 08:00, once a week, in each owner’s language with the figures', async () => {
    at('2027-03-08T06:50:00.000Z'); // Mon 07:50 CET
    pipeline = await createGoal(seller, {
      name: 'Pipeline Q1',
      metric: 'pipeline_created',
      period: { type: 'quarter', start: '2027-03-08' },
      target: 2_500_000,
      currency: 'EUR',
      ownerIds: [seller.user.id, marketer.user.id],
    });
    // over: not in the digest
    await createGoal(marketer, {
      name: 'MQLs Februar',
      metric: 'mqls',
      period: { type: 'custom', from: '2027-02-01', to: '2027-02-28' },
      target: 10,
      ownerIds: [marketer.user.id],
    });

    await sweep();
    expect(digests(marketer)).toEqual([]);

    at('2027-03-08T07:00:00.000Z'); // 08:00 CET
    await sweep();
    at('2027-03-08T07:15:00.000Z');
    await sweep();
    const [german, ...moreGerman] = digests(marketer);
    expect(moreGerman).toEqual([]);
    expect(german?.subject).toBe('Deine Ziele in KW 10');
    expect(german?.text).toBe(
      [
        'Hallo Mia Marketing,',
        '',
        'so stehen deine Ziele zum Wochenstart:',
        '',
        '• MQLs im Monat: 4 / 4 – Im Plan',
        `  ${PUBLIC}/goals/${monthly.id}`,
        `• Pipeline Q1: 0${NBSP}€ / 25.000${NBSP}€ – Nicht im Plan`,
        `  ${PUBLIC}/goals/${pipeline.id}`,
        '',
        `Alle Ziele: ${PUBLIC}/goals`,
        '',
      ].join('\n'),
    );
    const [english, ...moreEnglish] = digests(seller);
    expect(moreEnglish).toEqual([]);
    expect(english?.subject).toBe('Your goals in week 10');
    expect(english?.text).toBe(
      [
        'Hi Sam Sales,',
        '',
        'here is where your goals stand at the start of the week:',
        '',
        '• MQLs im Monat: 4 / 4 – On track',
        `  ${PUBLIC}/goals/${monthly.id}`,
        '• Pipeline Q1: €0 / €25,000 – Off track',
        `  ${PUBLIC}/goals/${pipeline.id}`,
        '',
        `All goals: ${PUBLIC}/goals`,
        '',
      ].join('\n'),
    );
    expect(digests(viewer)).toEqual([]);

    // not again this week, not on Tuesday; again the next Monday
    at('2027-03-09T07:30:00.000Z');
    await sweep();
    expect(digests(marketer)).toHaveLength(1);
    at('2027-03-15T06:45:00.000Z'); // Mon 07:45 CET
    await sweep();
    expect(digests(marketer)).toHaveLength(1);
    at('2027-03-15T07:05:00.000Z');
    await sweep();
    expect(digests(marketer).map((m) => m.subject)).toEqual(['Deine Ziele in KW 10', 'Deine Ziele in KW 11']);
    expect(digests(seller).map((m) => m.subject)).toEqual(['Your goals in week 10', 'Your goals in week 11']);
    expect(digests(viewer)).toEqual([]);
  });
});

describe('repeating goals', () => {
  it('the month after gets its own goal, once, with the same owners and series; the old one keeps its history', async () => {
    at('2027-04-01T07:00:00.000Z'); // Thu 09:00 CEST
    // set today for January, long over: the sweep catches up month by month
    const late = await createGoal(seller, {
      name: 'SQLs im Monat',
      metric: 'sqls',
      period: { type: 'month', start: '2027-01-01' },
      target: 3,
      ownerIds: [seller.user.id],
      repeat: true,
    });
    await sweep();
    at('2027-04-01T07:05:00.000Z');
    await sweep();

    const series = await t.ctx.db
      .selectFrom('goals')
      .select(['id', 'period_from', 'period_to', 'repeat'])
      .where('series_id', '=', monthly.seriesId)
      .orderBy('period_from')
      .execute();
    expect(series.map((g) => [g.period_from, g.period_to, Number(g.repeat)])).toEqual([
      ['2027-03-01', '2027-03-31', 0],
      ['2027-04-01', '2027-04-30', 1],
    ]);
    const nextId = String(series[1]?.id);
    const next = (await t.get<Goal>(`/api/goals/${nextId}`, viewer)).body;
    expect(next).toMatchObject({
      name: 'MQLs im Monat',
      description: 'Gemeinsam mit dem Vertrieb',
      metric: 'mqls',
      filters: {},
      period: { type: 'month', from: '2027-04-01', to: '2027-04-30' },
      target: 4,
      currency: null,
      parent: null,
      team: null,
      repeat: true,
      seriesId: monthly.seriesId,
      createdBy: expect.objectContaining({ id: marketer.user.id }),
    });
    expect(next.owners.map((o) => o.id).sort()).toEqual([marketer.user.id, seller.user.id].sort());

    // created by the system (no actor); the old goal's repeat passed on, also audited
    const audits = await t.ctx.db
      .selectFrom('timeline_entries')
      .select(['entity_id', 'action', 'actor_id'])
      .where('entity_type', '=', 'goal')
      .where('entity_id', 'in', [monthly.id, nextId])
      .where('kind', '=', 'audit')
      .execute();
    expect(audits).toContainEqual({ entity_id: nextId, action: 'created', actor_id: null });
    expect(audits).toContainEqual({ entity_id: monthly.id, action: 'updated', actor_id: null });

    const old = (await t.get<Goal>(`/api/goals/${monthly.id}`, viewer)).body;
    expect(old.repeat).toBe(false);
    const march = (await t.get<GoalProgressResult>(`/api/goals/${monthly.id}/progress`, viewer)).body;
    expect([march.actual, march.status]).toEqual([4, 'on_track']);
    const april = (await t.get<GoalProgressResult>(`/api/goals/${nextId}/progress`, viewer)).body;
    expect(april.actual).toBe(0);

    const caughtUp = await t.ctx.db
      .selectFrom('goals')
      .select(['period_from', 'period_to', 'repeat'])
      .where('series_id', '=', late.seriesId)
      .orderBy('period_from')
      .execute();
    expect(caughtUp.map((g) => [g.period_from, g.period_to, Number(g.repeat)])).toEqual([
      ['2027-01-01', '2027-01-31', 0],
      ['2027-02-01', '2027-02-28', 0],
      ['2027-03-01', '2027-03-31', 0],
      ['2027-04-01', '2027-04-30', 1],
    ]);

    // a goal that does not repeat ends with its period
    const quarters = await t.ctx.db.selectFrom('goals').select('id').where('name', '=', 'Pipeline Q1').execute();
    expect(quarters).toHaveLength(1);
  });
});

describe('falling behind', () => {
  it('a move to at risk and then to off track tells the owners; staying off track does not', async () => {
    at('2027-04-05T07:00:00.000Z'); // Mon 09:00 CEST; 5–16 April has 10 business days
    const sprint = await createGoal(marketer, {
      name: 'MQLs Messe-Sprint',
      metric: 'mqls',
      period: { type: 'custom', from: '2027-04-05', to: '2027-04-16' },
      target: 11,
      ownerIds: [marketer.user.id, seller.user.id],
    });
    await sweep(); // 0 after 1 of 10 days: off track, recorded only
    expect(await t.row('goals', sprint.id)).toMatchObject({ noticed_status: 'off_track', noticed_percent: 0 });
    expect(await goalNotes(marketer, sprint.id)).toEqual([]);

    // 1 after 1 of 10 days: forecast 10 of 11, within the 90 % band
    at('2027-04-05T07:05:00.000Z');
    await makeMqls(1);
    await sweep();
    const atRisk = { kind: 'goal_at_risk', goal: 'MQLs Messe-Sprint', percent: '0' };
    expect(await goalNotes(marketer, sprint.id)).toEqual([atRisk]);
    expect(await goalNotes(seller, sprint.id)).toEqual([atRisk]);

    // Tuesday, still 1: forecast 5
    at('2027-04-06T07:00:00.000Z');
    await sweep();
    at('2027-04-07T07:00:00.000Z'); // Wednesday: still off track, nothing new
    await sweep();
    const offTrack = { kind: 'goal_off_track', goal: 'MQLs Messe-Sprint', percent: '0' };
    expect(await goalNotes(marketer, sprint.id)).toEqual([offTrack, atRisk]);
    expect(await goalNotes(seller, sprint.id)).toEqual([offTrack, atRisk]);

    const german = mailsAbout(marketer, 'MQLs Messe-Sprint');
    expect(german.map((m) => m.subject)).toEqual([
      'Ziel gefährdet: MQLs Messe-Sprint',
      'Ziel nicht im Plan: MQLs Messe-Sprint',
    ]);
    expect(german[0]?.text).toContain(
      'Die Prognose zum Ende des Zeitraums liegt bei 10, das Ziel bei 11. Stand heute: 1.',
    );
    expect(german[1]?.text).toContain('liegt bei 5, das Ziel bei 11. Stand heute: 1.');
    expect(german[1]?.text).toContain(`${PUBLIC}/goals/${sprint.id}`);
    const english = mailsAbout(seller, 'MQLs Messe-Sprint');
    expect(english.map((m) => m.subject)).toEqual([
      'Goal at risk: MQLs Messe-Sprint',
      'Goal off track: MQLs Messe-Sprint',
    ]);
    expect(english[0]?.text).toContain(
      'the forecast for the end of the period is 10 against a target of 11. So far: 1.',
    );

    expect(await goalNotes(viewer)).toEqual([]);
    expect(smtp.to(viewer.email)).toEqual([]);
  });
});

describe('the pieces of the texts', () => {
  it.each([
    ['2027-03-08', 2027, 10],
    ['2027-01-04', 2027, 1],
    ['2027-01-03', 2026, 53], // Sunday: still the last week of 2026
    ['2026-12-31', 2026, 53],
    ['2024-12-30', 2025, 1], // Monday: already the first week of 2025
    ['2021-01-03', 2020, 53],
  ])('ISO week of %s is %i-W%i', (date, year, week) => {
    expect(isoWeekOf(date)).toEqual({ year, week });
  });

  it.each([
    [1500, 'count', null, false, `1.500`, '1,500'],
    [10.56, 'count', null, true, '10,6', '10.6'],
    [123_456, 'money', 'EUR', false, `1.234,56${NBSP}€`, '€1,234.56'],
    [2_500_000, 'money', 'EUR', false, `25.000${NBSP}€`, '€25,000'],
    [1500, 'money', 'JPY', false, `1.500${NBSP}¥`, 'JP¥1,500'],
    [66.67, 'percent', null, false, `66,7${NBSP}%`, '66.7%'],
    [4.5, 'business_hours', null, false, '4,5 Std.', '4.5 h'],
  ] as const)('%d %s (%s, forecast %s) reads %s / %s', (value, unit, currency, fractional, de, en) => {
    expect(formatGoalFigure(value, unit, currency, 'de', fractional)).toBe(de);
    expect(formatGoalFigure(value, unit, currency, 'en', fractional)).toBe(en);
  });
});
