import type {
  AttributionModelResult,
  Campaign,
  ContributionResult,
  Goal,
  GoalMetric,
  GoalProgressResult,
  Page,
  SlaFigures,
  Team,
} from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answer,
  cet,
  closeDeal,
  contactIdByEmail,
  createDeal,
  handoffOf,
  ok,
  postGoal,
  progressOf,
  rowsOfSeries,
  setStage,
} from './goal-helpers.js';
import { expectInvalid, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';
import { createForm, postForm } from './lead-helpers.js';

/*
 * Every goal metric of issue 10 over a hand-built March 2027, written through the API at fixed instants
 * (the app clock travels forward). Workspace defaults: Europe/Berlin (CET = UTC+1 until 28 March),
 * Mon–Fri 09–17, holidays of region DE, a 4-business-hour SLA, attribution model W, at risk from 90 %.
 *
 * Business days: March 2027 has 23 weekdays, less Good Friday (26 March) and Easter Monday (29 March):
 * 21. "Today" is Thu 11 March 10:00, so 9 of them have elapsed (1–5 and 8–11 March). February 2027 has 20.
 *
 * Contacts (local times), how they became MQLs and their handoffs (H), answered by Anna (team Nord):
 *   K0  25 Feb 11:00  API, source event, created as MQL → H0; accepted 1 Mar 10:05 (a SAL of March, but
 *                     its handoff belongs to February in the rates)
 *   K1   1 Mar 00:30  form "demo", utm webinar-maerz → campaign W (webinar), account Alpen AG (AT);
 *                     (28 Feb 23:30 UTC) set to MQL 00:31 → H1 routed to team Nord; accepted 10:20: 1 h 20 min
 *                     of business time (4,800 s) before the due time 13:00; responds to campaign A on 2 Mar
 *   K2   1 Mar 10:50  API, source event; responds to campaign F (trade fair) 10:55; MQL 11:00 → H2;
 *                     rejected Tue 10:00: 6 h + 1 h = 25,200 s, after the due time (Mon 15:00)
 *   K3   2 Mar 09:30  form "whitepaper", no campaign, account Berg GmbH (DE); MQL 09:45 → H3; first touch
 *                     10:15 (1,800 s, within); converted to SQL Wed 3 Mar 11:00 (which also accepts it)
 *   K4   3 Mar 09:00  form "demo", utm ads-maerz → campaign A (paid search), account Tal KG (AT); MQL 09:10
 *                     → H4, team Nord, never answered (due 13:10: judged, not within)
 *   K5   4 Mar 09:55  API, source partner; MQL 10:00 → H5; rejected 10:30 (1,800 s, within)
 *   K6   5 Mar 14:50  form "demo", utm webinar-maerz → W, account Fluss GmbH (DE); MQL 15:00 → H6, due
 *                     Mon 11:00; accepted Mon 8 Mar 10:00: 2 h + 1 h = 10,800 s (within); SQL Tue 9 Mar 10:00
 *   K9   8 Mar 09:00  API, source partner, created as SQL (an SQL, never an MQL)
 *   K7   9 Mar 15:55  API, source event; MQL 16:00 → H7 (no form); posts form "demo" at 16:30, after its
 *                     MQL stamp; accepted Wed 10 Mar 09:30: 1 h + 30 min = 5,400 s (due Wed 12:00: within)
 *   K8  11 Mar 09:30  API, source partner, created as MQL → H8, open, due 13:30: not judged yet
 *
 * Handoffs qualified in March: H1–H8. Answered H1 H2 H3 H5 H6 H7; within the SLA H1 H3 H5 H6 H7;
 * judged those plus H4 = 7 → 5/7 = 71.43 %. Accepted H1 H3 H6 H7, rejected H2 H5 → 4/6 = 66.67 %.
 * Response times 1,800 1,800 4,800 5,400 10,800 25,200 s → median (nearest rank, 3rd of 6) 4,800 s = 1.33 h.
 *
 * Deals (EUR unless noted, amounts in cents; Anna is in team Nord, Bernd is not):
 *   O1  Omega      sales      100,000    created 25 Feb, won 25 Feb
 *   O2  Omega      sales      150,000    created 25 Feb, won Thu 11 Mar 09:40 (Omega's second win)
 *   P0  Kappa      sales      200,000    created 25 Feb, won Wed 3 Mar 14:00 (Kappa's first win)
 *   D1  Alpen      marketing  1,000,000  Anna, Mon 1 Mar 12:00, contact K1 (touched by W before), won Tue 9 Mar 11:00
 *   D3  Berg       sales      300,000    Bernd, Tue 2 Mar 14:00, no contacts, open
 *   D2  Tal        marketing  500,000    Anna, Wed 3 Mar 12:00, pipeline "Service", contact K4 (A before), lost Thu 4 Mar
 *   D4  Berg       sales      600,000 USD  Bernd, Thu 4 Mar 11:00, won Fri 5 Mar 10:00 (Berg's first win)
 *   D5  Kappa      sales      400,000    Bernd, Mon 8 Mar 10:10, contact K2 (F before), won Wed 10 Mar 16:00
 *   D7  Kappa      sales      900,000    Bernd, Mon 8 Mar 11:00, in the trash at 11:05
 *   D6  Fluss      marketing  250,000    Bernd, Tue 9 Mar 14:00, contact K6 (W before), open
 *
 * Campaign costs: W 100,000 on 20 Feb, 300,000 on 2 Mar, 50,000 on 15 Mar (after today); A 250,000 on
 * 1 Mar; F 500,000 on 5 Mar.
 */

let t: TestApp;
let salesLead: Session;
let marketer: Session;
let anna: Session;
let bernd: Session;
let formerId: string;
let team: Team;
let servicePipelineId: string;
const campaign: Record<'W' | 'F' | 'A', Campaign> = {} as Record<'W' | 'F' | 'A', Campaign>;
const form: Record<'demo' | 'whitepaper', string> = { demo: '', whitepaper: '' };

const MARCH = { type: 'month', start: '2027-03-01' } as const;
const UNTIL_TODAY = 'from=2027-03-01&to=2027-03-11';
const moneyMetrics = new Set(['pipeline_created', 'pipeline_influenced', 'revenue_won']);

const FORM_FIELDS = [
  { key: 'email', required: true },
  { key: 'firstName' },
  { key: 'lastName' },
  { key: 'company' },
  { key: 'country' },
];
const STAGES = [
  { nameDe: 'Angebot', nameEn: 'Offer', probability: 50 },
  { nameDe: 'Gewonnen', nameEn: 'Won', probability: 100, kind: 'won' },
  { nameDe: 'Verloren', nameEn: 'Lost', probability: 0, kind: 'lost' },
];

const at = (iso: string) => t.clock.travelTo(iso);

/** A public form post; returns the contact it wrote. */
const post = async (slug: string, fields: Record<string, string>): Promise<string> => {
  const res = await postForm(t, slug, fields);
  expect(res.status, res.text).toBe(200);
  return contactIdByEmail(t, fields.email ?? '');
};

const contact = async (body: Record<string, unknown>): Promise<string> => (await t.createContact(marketer, body)).id;

const respond = async (c: 'W' | 'F' | 'A', contactId: string) => {
  ok(
    await t.request('POST', `/api/campaigns/${campaign[c].id}/members`, {
      cookie: marketer.cookie,
      body: { contactIds: [contactId], status: 'responded' },
    }),
  );
};

const cost = async (c: 'W' | 'F' | 'A', amount: number, incurredOn: string) => {
  ok(
    await t.request('POST', `/api/campaigns/${campaign[c].id}/costs`, {
      cookie: marketer.cookie,
      body: { description: `Kosten ${incurredOn}`, amount, incurredOn },
    }),
    201,
  );
};

const goalBody = (metric: string, extra: Record<string, unknown> = {}) => ({
  name: `Ziel ${metric}`,
  metric,
  period: MARCH,
  target: 1,
  ...(moneyMetrics.has(metric) && { currency: 'EUR' }),
  ownerIds: [marketer.user.id, anna.user.id],
  ...extra,
});

/** Creates a March goal on the metric and returns its progress. */
const progress = async (
  metric: string,
  filters: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): Promise<GoalProgressResult> => {
  const goal = ok(await postGoal(t, marketer, goalBody(metric, { filters, ...extra })), 201);
  return progressOf(t, anna, goal.id);
};
const actualOf = async (metric: string, filters: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
  (await progress(metric, filters, extra)).actual;
/** The actuals of several March goals on one metric (label → filters), asked at once. */
const actualsOf = async (
  metric: string,
  cases: Record<string, Record<string, string>>,
  extra: Record<string, unknown> = {},
): Promise<Record<string, number>> =>
  Object.fromEntries(
    await Promise.all(
      Object.entries(cases).map(async ([label, filters]) => [label, await actualOf(metric, filters, extra)] as const),
    ),
  );

beforeAll(async () => {
  t = await startTestApp({ NENNER_FORM_POSTS_PER_MINUTE: '10000' });

  // ——— Thu 25 Feb 2027: the workspace, and what happened before March ———
  at(cet('2027-02-25T10:00'));
  // password hashing is the slow part of a session: the five at once
  let former: { id: string };
  [salesLead, marketer, anna, bernd, former] = await Promise.all([
    t.session('sales', 'admin', 'Sven Salesleitung'),
    t.session('marketing', 'member', 'Mia Marketing'),
    t.session('sales', 'member', 'Anna Vertrieb'),
    t.session('sales', 'member', 'Bernd Vertrieb'),
    t.createUser({ department: 'marketing', name: 'Frida Früher' }),
  ]);
  formerId = former.id;
  ok(
    await t.request('PATCH', `/api/users/${formerId}`, {
      cookie: salesLead.cookie,
      ifMatch: 1,
      body: { active: false },
    }),
  );
  team = ok(
    await t.request<Team>('POST', '/api/teams', {
      cookie: salesLead.cookie,
      body: { name: 'Nord', memberIds: [anna.user.id] },
    }),
    201,
  );
  ok(
    await t.request('PUT', '/api/settings/routing', {
      cookie: salesLead.cookie,
      body: { rules: [{ id: 'at', name: 'Österreich', countries: ['AT'], teamId: team.id }] },
    }),
  );
  form.demo = (await createForm(t, marketer, { name: 'Demo anfragen', slug: 'demo', fields: FORM_FIELDS })).id;
  form.whitepaper = (await createForm(t, marketer, { name: 'Whitepaper', slug: 'whitepaper', fields: FORM_FIELDS })).id;
  campaign.W = await t.createCampaign(marketer, {
    name: 'Webinar März',
    channel: 'webinar',
    status: 'active',
    utmKeys: ['webinar-maerz'],
  });
  campaign.F = await t.createCampaign(marketer, { name: 'Messe Hannover', channel: 'trade_fair', status: 'active' });
  campaign.A = await t.createCampaign(marketer, {
    name: 'Google Ads',
    channel: 'paid_search',
    status: 'active',
    utmKeys: ['ads-maerz'],
  });
  await cost('W', 100_000, '2027-02-20');
  await cost('W', 300_000, '2027-03-02');
  await cost('W', 50_000, '2027-03-15');
  await cost('A', 250_000, '2027-03-01');
  await cost('F', 500_000, '2027-03-05');
  servicePipelineId = ok(
    await t.request<{ id: string }>('POST', '/api/pipelines', {
      cookie: salesLead.cookie,
      body: { name: 'Service', stages: STAGES },
    }),
    201,
  ).id;
  const kappa = (await t.createAccount(bernd, { name: 'Kappa KG' })).id;
  const omega = (await t.createAccount(bernd, { name: 'Omega AG' })).id;

  at(cet('2027-02-25T11:00'));
  const k0 = await contact({ lastName: 'Null', source: 'event', lifecycleStage: 'mql' });
  at(cet('2027-02-25T14:00'));
  const p0 = await createDeal(t, bernd, { name: 'P0', accountId: kappa, amount: 200_000, source: 'sales' });
  at(cet('2027-02-25T15:00'));
  const o1 = await createDeal(t, bernd, { name: 'O1', accountId: omega, amount: 100_000, source: 'sales' });
  at(cet('2027-02-25T16:00'));
  await closeDeal(t, bernd, o1, 'won');
  at(cet('2027-02-25T16:30'));
  const o2 = await createDeal(t, bernd, { name: 'O2', accountId: omega, amount: 150_000, source: 'sales' });

  // ——— Mon 1 Mar (00:30 local is still 28 Feb in UTC) ———
  at(cet('2027-03-01T00:30'));
  const k1 = await post('demo', {
    email: 'lea@alpen-ag.at',
    lastName: 'Eins',
    company: 'Alpen AG',
    country: 'AT',
    utm_campaign: 'webinar-maerz',
  });
  at(cet('2027-03-01T00:31'));
  await setStage(t, marketer, k1, 'mql');
  const h1 = await handoffOf(t, k1);
  at(cet('2027-03-01T10:05'));
  await answer(t, anna, await handoffOf(t, k0), 'accept');
  at(cet('2027-03-01T10:20'));
  await answer(t, anna, h1, 'accept');
  at(cet('2027-03-01T10:50'));
  const k2 = await contact({ lastName: 'Zwei', source: 'event' });
  at(cet('2027-03-01T10:55'));
  await respond('F', k2);
  at(cet('2027-03-01T11:00'));
  await setStage(t, marketer, k2, 'mql');
  const h2 = await handoffOf(t, k2);
  at(cet('2027-03-01T12:00'));
  const alpen = (await t.get<{ accountId: string }>(`/api/contacts/${k1}`, anna)).body.accountId;
  const d1 = await createDeal(t, anna, {
    name: 'D1',
    accountId: alpen,
    amount: 1_000_000,
    source: 'marketing',
    contacts: [{ contactId: k1 }],
  });

  // ——— Tue 2 Mar ———
  at(cet('2027-03-02T09:30'));
  const k3 = await post('whitepaper', {
    email: 'ben@berg-gmbh.de',
    lastName: 'Drei',
    company: 'Berg GmbH',
    country: 'DE',
  });
  at(cet('2027-03-02T09:45'));
  await setStage(t, marketer, k3, 'mql');
  const h3 = await handoffOf(t, k3);
  at(cet('2027-03-02T10:00'));
  await answer(t, anna, h2, 'reject', { reason: 'no_budget' });
  await respond('A', k1);
  at(cet('2027-03-02T10:15'));
  await answer(t, anna, h3, 'first-touch');
  at(cet('2027-03-02T14:00'));
  const berg = (await t.get<{ accountId: string }>(`/api/contacts/${k3}`, anna)).body.accountId;
  await createDeal(t, bernd, { name: 'D3', accountId: berg, amount: 300_000, source: 'sales' });

  // ——— Wed 3 Mar ———
  at(cet('2027-03-03T09:00'));
  const k4 = await post('demo', {
    email: 'tim@tal-kg.at',
    lastName: 'Vier',
    company: 'Tal KG',
    country: 'AT',
    utm_campaign: 'ads-maerz',
  });
  at(cet('2027-03-03T09:10'));
  await setStage(t, marketer, k4, 'mql');
  at(cet('2027-03-03T11:00'));
  await answer(t, anna, h3, 'convert', { stage: 'sql' });
  at(cet('2027-03-03T12:00'));
  const tal = (await t.get<{ accountId: string }>(`/api/contacts/${k4}`, anna)).body.accountId;
  const d2 = await createDeal(t, anna, {
    name: 'D2',
    accountId: tal,
    amount: 500_000,
    source: 'marketing',
    pipelineId: servicePipelineId,
    contacts: [{ contactId: k4 }],
  });
  at(cet('2027-03-03T14:00'));
  await closeDeal(t, bernd, p0, 'won');

  // ——— Thu 4 Mar ———
  at(cet('2027-03-04T09:55'));
  const k5 = await contact({ lastName: 'Fünf', source: 'partner' });
  at(cet('2027-03-04T10:00'));
  await setStage(t, marketer, k5, 'mql');
  at(cet('2027-03-04T10:30'));
  await answer(t, anna, await handoffOf(t, k5), 'reject', { reason: 'wrong_contact' });
  at(cet('2027-03-04T11:00'));
  const d4 = await createDeal(t, bernd, {
    name: 'D4',
    accountId: berg,
    amount: 600_000,
    currency: 'USD',
    source: 'sales',
  });
  at(cet('2027-03-04T15:00'));
  await closeDeal(t, anna, d2, 'lost');

  // ——— Fri 5 Mar ———
  at(cet('2027-03-05T10:00'));
  await closeDeal(t, bernd, d4, 'won');
  at(cet('2027-03-05T14:50'));
  const k6 = await post('demo', {
    email: 'ida@fluss-gmbh.de',
    lastName: 'Sechs',
    company: 'Fluss GmbH',
    country: 'DE',
    utm_campaign: 'webinar-maerz',
  });
  at(cet('2027-03-05T15:00'));
  await setStage(t, marketer, k6, 'mql');

  // ——— Mon 8 Mar ———
  at(cet('2027-03-08T09:00'));
  await contact({ lastName: 'Neun', source: 'partner', lifecycleStage: 'sql' });
  at(cet('2027-03-08T10:00'));
  await answer(t, anna, await handoffOf(t, k6), 'accept');
  at(cet('2027-03-08T10:10'));
  const d5 = await createDeal(t, bernd, {
    name: 'D5',
    accountId: kappa,
    amount: 400_000,
    source: 'sales',
    contacts: [{ contactId: k2 }],
  });
  at(cet('2027-03-08T11:00'));
  const d7 = await createDeal(t, bernd, { name: 'D7', accountId: kappa, amount: 900_000, source: 'sales' });
  at(cet('2027-03-08T11:05'));
  ok(await t.request('DELETE', `/api/deals/${d7}`, { cookie: bernd.cookie }), 204);

  // ——— Tue 9 Mar ———
  at(cet('2027-03-09T10:00'));
  await setStage(t, anna, k6, 'sql');
  at(cet('2027-03-09T11:00'));
  await closeDeal(t, anna, d1, 'won');
  at(cet('2027-03-09T14:00'));
  const fluss = (await t.get<{ accountId: string }>(`/api/contacts/${k6}`, anna)).body.accountId;
  await createDeal(t, bernd, {
    name: 'D6',
    accountId: fluss,
    amount: 250_000,
    source: 'marketing',
    contacts: [{ contactId: k6 }],
  });
  at(cet('2027-03-09T15:55'));
  const k7 = await contact({ lastName: 'Sieben', source: 'event', emails: ['kai@kunde-sieben.de'] });
  at(cet('2027-03-09T16:00'));
  await setStage(t, marketer, k7, 'mql');
  at(cet('2027-03-09T16:30'));
  await post('demo', { email: 'kai@kunde-sieben.de', lastName: 'Sieben' });

  // ——— Wed 10 Mar ———
  at(cet('2027-03-10T09:30'));
  await answer(t, anna, await handoffOf(t, k7), 'accept');
  at(cet('2027-03-10T16:00'));
  await closeDeal(t, bernd, d5, 'won');

  // ——— Thu 11 Mar: today ———
  at(cet('2027-03-11T09:30'));
  await contact({ lastName: 'Acht', source: 'partner', lifecycleStage: 'mql' });
  at(cet('2027-03-11T09:40'));
  await closeDeal(t, bernd, o2, 'won');
  at(cet('2027-03-11T10:00'));
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/goals/metrics', () => {
  it('lists the 15 metrics with their unit, direction and filters', async () => {
    const metrics = ok(await t.get<GoalMetric[]>('/api/goals/metrics', anna));
    expect(
      Object.fromEntries(metrics.map((m) => [m.key, [m.unit, m.direction, m.filters.map((f) => f.key).join(' ')]])),
    ).toEqual({
      mqls: ['count', 'higher', 'source campaign channel form'],
      sals: ['count', 'higher', 'team source form'],
      sqls: ['count', 'higher', 'source campaign channel'],
      handoff_sla_rate: ['percent', 'higher', 'team source form'],
      median_response_hours: ['business_hours', 'lower', 'team source form'],
      acceptance_rate: ['percent', 'higher', 'team source form'],
      pipeline_created: ['money', 'higher', 'department campaign pipeline team'],
      pipeline_influenced: ['money', 'higher', 'department campaign pipeline team'],
      revenue_won: ['money', 'higher', 'department campaign pipeline team'],
      deals_won: ['count', 'higher', 'department campaign pipeline team'],
      win_rate: ['percent', 'higher', 'department campaign pipeline team'],
      new_customers: ['count', 'higher', 'department'],
      campaign_roi: ['percent', 'higher', 'campaign channel'],
      action_items_done_rate: ['percent', 'higher', ''],
      event_attendees: ['count', 'higher', 'campaign channel team'],
    });
  });
});

describe('contacts and handoffs counted', () => {
  it('mqls: 8 in March by local day, with the pace of 20 over 21 business days and the daily series', async () => {
    const p = await progress('mqls', {}, { target: 20 });
    expect({ ...p, series: undefined }).toEqual({
      actual: 8, // K1–K8
      target: 20,
      expectedToDate: 8.57, // 20 × 9 ÷ 21
      forecast: 18.67, // 8 × 21 ÷ 9 = 18.67 < 20 but ≥ 0.9 × 20 = 18
      status: 'at_risk',
      attainment: 40, // 8 ÷ 20
      elapsedBusinessDays: 9,
      totalBusinessDays: 21,
      series: undefined,
    });
    // actual through each local day (K1 was stamped 28 Feb 23:31 UTC = 1 March 00:31 in Berlin);
    // expected = 20 × business days so far ÷ 21, to two decimals; 26 and 29 March are holidays
    expect(rowsOfSeries(p)).toEqual([
      ['2027-03-01', 2, 0.95], // K1, K2
      ['2027-03-02', 3, 1.9], // K3
      ['2027-03-03', 4, 2.86], // K4
      ['2027-03-04', 5, 3.81], // K5
      ['2027-03-05', 6, 4.76], // K6
      ['2027-03-06', 6, 4.76],
      ['2027-03-07', 6, 4.76],
      ['2027-03-08', 6, 5.71], // K9 became an SQL without being an MQL
      ['2027-03-09', 7, 6.67], // K7
      ['2027-03-10', 7, 7.62],
      ['2027-03-11', 8, 8.57], // K8, today
      ['2027-03-12', null, 9.52],
      ['2027-03-13', null, 9.52],
      ['2027-03-14', null, 9.52],
      ['2027-03-15', null, 10.48],
      ['2027-03-16', null, 11.43],
      ['2027-03-17', null, 12.38],
      ['2027-03-18', null, 13.33],
      ['2027-03-19', null, 14.29],
      ['2027-03-20', null, 14.29],
      ['2027-03-21', null, 14.29],
      ['2027-03-22', null, 15.24],
      ['2027-03-23', null, 16.19],
      ['2027-03-24', null, 17.14],
      ['2027-03-25', null, 18.1],
      ['2027-03-26', null, 18.1], // Good Friday
      ['2027-03-27', null, 18.1],
      ['2027-03-28', null, 18.1],
      ['2027-03-29', null, 18.1], // Easter Monday
      ['2027-03-30', null, 19.05],
      ['2027-03-31', null, 20],
    ]);
  });

  it('mqls: each filter narrows the count', async () => {
    expect(
      await actualsOf('mqls', {
        website: { source: 'website' },
        partner: { source: 'partner' },
        W: { campaign: campaign.W.id },
        F: { campaign: campaign.F.id },
        paidSearch: { channel: 'paid_search' },
        email: { channel: 'email' },
        demo: { form: form.demo },
        whitepaper: { form: form.whitepaper },
        combined: { source: 'website', form: form.demo, channel: 'webinar' },
      }),
    ).toEqual({
      website: 4, // K1 K3 K4 K6
      partner: 2, // K5 K8
      W: 2, // K1 K6 (K1 responded to A later: its source campaign stays W)
      F: 1, // K2
      paidSearch: 1, // K4 through A
      email: 0,
      demo: 3, // K1 K4 K6; K7 posted "demo" after its MQL stamp
      whitepaper: 1, // K3
      combined: 2, // K1 K6
    });
  });

  it('mqls by local day at the edges: February has K0 only, April has not started', async () => {
    const february = ok(
      await postGoal(
        t,
        marketer,
        goalBody('mqls', { period: { type: 'custom', from: '2027-02-01', to: '2027-02-28' } }),
      ),
      201,
    );
    const feb = await progressOf(t, anna, february.id);
    // K1's stamp is 28 Feb 23:31 UTC, which is 1 March in Berlin; the period is over: forecast = actual
    expect({ ...feb, series: feb.series.length }).toEqual({
      actual: 1,
      target: 1,
      expectedToDate: 1,
      forecast: 1,
      status: 'on_track',
      attainment: 100,
      elapsedBusinessDays: 20,
      totalBusinessDays: 20,
      series: 28,
    });
    expect(feb.series.at(-1)).toEqual({ date: '2027-02-28', actual: 1, expected: 1 });
    const april = ok(
      await postGoal(t, marketer, goalBody('mqls', { period: { type: 'month', start: '2027-04-01' } })),
      201,
    );
    const apr = await progressOf(t, anna, april.id);
    expect(apr).toMatchObject({ actual: 0, status: 'not_started', expectedToDate: 0, elapsedBusinessDays: 0 });
    expect(apr.series.every((s) => s.actual === null)).toBe(true);
  });

  it('sals: handoffs accepted in March, whenever they were qualified', async () => {
    // H0 (qualified in February) 1 Mar, H1 1 Mar, H3 3 Mar (converting accepts), H6 8 Mar, H7 10 Mar
    expect(
      await actualsOf('sals', {
        all: {},
        nord: { team: team.id },
        event: { source: 'event' },
        website: { source: 'website' },
        demo: { form: form.demo },
      }),
    ).toEqual({
      all: 5,
      nord: 1, // H1
      event: 2, // H0 H7
      website: 3, // H1 H3 H6
      demo: 2, // H1 H6
    });
  });

  it('sqls: contacts stamped SQL in March', async () => {
    // K3 3 Mar (converted), K9 8 Mar (created as SQL), K6 9 Mar (set by hand)
    const p = await progress('sqls', {}, { target: 7 });
    expect(p).toMatchObject({ actual: 3, expectedToDate: 3, forecast: 7, status: 'on_track' }); // 7×9÷21; 3×21÷9
    expect(
      await actualsOf('sqls', {
        website: { source: 'website' },
        W: { campaign: campaign.W.id },
        webinar: { channel: 'webinar' },
        tradeFair: { channel: 'trade_fair' },
      }),
    ).toEqual({ website: 2 /* K3 K6 */, W: 1 /* K6 */, webinar: 1, tradeFair: 0 });
  });
});

interface SlaReport {
  totals: SlaFigures;
  byTeam: { key: string | null; figures: SlaFigures }[];
  bySource: { key: string | null; figures: SlaFigures }[];
  byForm: { key: string | null; figures: SlaFigures }[];
}

describe('handoff rates, as the SLA report counts them', () => {
  it('handoff_sla_rate: 5 of 7 judged within the SLA; a level, so the pace is the target every day', async () => {
    const p = await progress('handoff_sla_rate', {}, { target: 80 });
    expect({ ...p, series: undefined }).toEqual({
      actual: 71.43,
      target: 80,
      expectedToDate: 80,
      forecast: 71.43,
      status: 'off_track', // 71.43 < 0.9 × 80 = 72
      attainment: 89.3, // 71.43 ÷ 80
      elapsedBusinessDays: 9,
      totalBusinessDays: 21,
      series: undefined,
    });
    // running within ÷ judged through each day, judged now
    expect(rowsOfSeries(p).slice(0, 13)).toEqual([
      ['2027-03-01', 50, 80], // H1 within, H2 late: 1/2
      ['2027-03-02', 66.67, 80], // H3 within: 2/3
      ['2027-03-03', 50, 80], // H4 unanswered, past due: 2/4
      ['2027-03-04', 60, 80], // H5 within: 3/5
      ['2027-03-05', 66.67, 80], // H6 within: 4/6
      ['2027-03-06', 66.67, 80],
      ['2027-03-07', 66.67, 80],
      ['2027-03-08', 66.67, 80],
      ['2027-03-09', 71.43, 80], // H7 within: 5/7
      ['2027-03-10', 71.43, 80],
      ['2027-03-11', 71.43, 80], // H8 is not due yet: not judged
      ['2027-03-12', null, 80],
      ['2027-03-13', null, 80],
    ]);
    expect(p.series).toHaveLength(31);
    expect(p.series.slice(11).every((s) => s.actual === null && s.expected === 80)).toBe(true);
    expect(
      await actualsOf('handoff_sla_rate', {
        nord: { team: team.id },
        partner: { source: 'partner' },
        demo: { form: form.demo },
      }),
    ).toEqual({
      nord: 50, // H1 within, H4 late
      partner: 100, // H5; H8 is not judged yet
      demo: 66.67, // H1 H6 of H1 H4 H6
    });
  });

  it('median_response_hours: 4,800 s = 1.33 h; lower is better', async () => {
    const p = await progress('median_response_hours', {}, { target: 1.25 });
    expect(p).toMatchObject({
      actual: 1.33,
      expectedToDate: 1.25,
      forecast: 1.33,
      status: 'at_risk', // 1.33 > 1.25 but 1.33 × 0.9 ≤ 1.25
      attainment: 94, // 1.25 ÷ 1.33
    });
    expect(
      await actualsOf('median_response_hours', {
        event: { source: 'event' },
        partner: { source: 'partner' },
        nord: { team: team.id },
      }),
    ).toEqual({
      event: 1.5, // 5,400 s of 5,400 and 25,200 (the first of two)
      partner: 0.5, // H5
      nord: 1.33, // H1; H4 unanswered
    });
  });

  it('acceptance_rate: 4 accepted of 6 verdicts; H0 was accepted in March but qualified in February', async () => {
    const p = await progress('acceptance_rate', {}, { target: 60 });
    expect(p).toMatchObject({ actual: 66.67, expectedToDate: 60, forecast: 66.67, status: 'on_track' });
    expect(
      await actualsOf('acceptance_rate', {
        event: { source: 'event' },
        partner: { source: 'partner' },
        demo: { form: form.demo },
      }),
    ).toEqual({
      event: 50, // H7 of H2 H7
      partner: 0, // H5 rejected
      demo: 100, // H1 H6; H4 has no verdict
    });
  });

  it('agree with the SLA report for the same days, in total and per team, source and form', async () => {
    const report = ok(await t.get<SlaReport>(`/api/reports/sla?${UNTIL_TODAY}`, marketer));
    expect(report.totals).toMatchObject({ handoffs: 8, judged: 7, withinSla: 5, accepted: 4, rejected: 2 });
    const pct = (rate: number | null) => (rate === null ? 0 : Math.round(rate * 10_000) / 100);
    const same = async (filters: Record<string, string>, figures: SlaFigures | undefined) => {
      if (!figures) throw new Error(`no group for ${JSON.stringify(filters)}`);
      const [sla, acceptance, median] = await Promise.all([
        actualOf('handoff_sla_rate', filters),
        actualOf('acceptance_rate', filters),
        actualOf('median_response_hours', filters),
      ]);
      expect({ handoff_sla_rate: sla, acceptance_rate: acceptance, median_response_hours: median }).toEqual({
        handoff_sla_rate: pct(figures.withinSlaRate),
        acceptance_rate: pct(figures.acceptanceRate),
        median_response_hours: figures.medianResponseHours ?? 0,
      });
    };
    await Promise.all([
      same({}, report.totals),
      same({ team: team.id }, report.byTeam.find((g) => g.key === team.id)?.figures),
      same({ source: 'event' }, report.bySource.find((g) => g.key === 'event')?.figures),
      same({ form: form.demo }, report.byForm.find((g) => g.key === form.demo)?.figures),
    ]);
  });
});

describe('deals: pipeline, revenue, wins and customers', () => {
  it('pipeline_created: EUR deals created in March, by local day, with pace and forecast', async () => {
    const p = await progress('pipeline_created', {}, { target: 5_000_000 });
    expect({ ...p, series: undefined }).toEqual({
      actual: 2_450_000, // D1 + D3 + D2 + D5 + D6 (D4 is USD, D7 in the trash, O2 and P0 from February)
      target: 5_000_000,
      expectedToDate: 2_142_857, // 5,000,000 × 9 ÷ 21 = 2,142,857.14, in whole cents
      forecast: 5_716_667, // 2,450,000 × 21 ÷ 9 = 5,716,666.67
      status: 'on_track',
      attainment: 49,
      elapsedBusinessDays: 9,
      totalBusinessDays: 21,
      series: undefined,
    });
    expect(p.series.slice(0, 12).map((s) => [s.date.slice(8), s.actual])).toEqual([
      ['01', 1_000_000], // D1
      ['02', 1_300_000], // D3
      ['03', 1_800_000], // D2
      ['04', 1_800_000], // D4 is in USD
      ['05', 1_800_000],
      ['06', 1_800_000],
      ['07', 1_800_000],
      ['08', 2_200_000], // D5 (D7 went to the trash)
      ['09', 2_450_000], // D6
      ['10', 2_450_000],
      ['11', 2_450_000],
      ['12', null],
    ]);
    expect(p.series.slice(0, 3).map((s) => s.expected)).toEqual([238_095, 476_190, 714_286]); // 5,000,000 × 1, 2, 3 ÷ 21
    expect(p.series.at(-1)?.expected).toBe(5_000_000);
  });

  it('pipeline_created: department, campaign, pipeline, team and currency', async () => {
    expect(
      await actualsOf('pipeline_created', {
        marketing: { department: 'marketing' },
        sales: { department: 'sales' },
        any: { department: 'any' },
        W: { campaign: campaign.W.id },
        A: { campaign: campaign.A.id },
        service: { pipeline: servicePipelineId },
        nord: { team: team.id },
      }),
    ).toEqual({
      marketing: 1_750_000, // D1 D2 D6
      sales: 700_000, // D3 D5
      any: 2_450_000,
      W: 1_250_000, // a W touch of a deal contact before creation: D1 (K1), D6 (K6)
      A: 500_000, // D2 (K4 came through A); K1 answered A only after D1 was created
      service: 500_000, // D2
      nord: 1_500_000, // Anna's D1 D2
    });
    expect(await actualOf('pipeline_created', {}, { currency: 'USD' })).toBe(600_000); // D4
  });

  it('pipeline_influenced: only deals a campaign touched before they were created', async () => {
    // D1 (W), D2 (A), D5 (F), D6 (W); D3 has no contacts
    expect(
      await actualsOf('pipeline_influenced', {
        all: {},
        sales: { department: 'sales' },
        F: { campaign: campaign.F.id },
        nord: { team: team.id },
        service: { pipeline: servicePipelineId },
      }),
    ).toEqual({
      all: 2_150_000,
      sales: 400_000, // D5
      F: 400_000, // D5
      nord: 1_500_000, // D1 D2
      service: 500_000, // D2
    });
  });

  it('revenue_won: EUR deals won in March, by local day', async () => {
    const p = await progress('revenue_won', {}, { target: 4_200_000 });
    // P0 3 Mar, D1 9 Mar, D5 10 Mar, O2 11 Mar; D4 is in USD
    expect(p).toMatchObject({ actual: 1_750_000, expectedToDate: 1_800_000, forecast: 4_083_333 });
    expect(p.status).toBe('at_risk'); // 4,083,333 ≥ 0.9 × 4,200,000 = 3,780,000
    expect(p.series.slice(0, 11).map((s) => s.actual)).toEqual([
      0, 0, 200_000, 200_000, 200_000, 200_000, 200_000, 200_000, 1_200_000, 1_600_000, 1_750_000,
    ]);
    expect(
      await actualsOf('revenue_won', {
        marketing: { department: 'marketing' },
        sales: { department: 'sales' },
        W: { campaign: campaign.W.id },
        nord: { team: team.id },
        service: { pipeline: servicePipelineId },
      }),
    ).toEqual({
      marketing: 1_000_000, // D1
      sales: 750_000, // P0 D5 O2
      W: 1_000_000, // D1
      nord: 1_000_000, // D1 (Anna)
      service: 0, // D2 was lost
    });
  });

  it('deals_won and win_rate count every currency; new_customers counts first wins only', async () => {
    // won: P0 D4 D1 D5 O2; lost: D2
    const filters = {
      all: {},
      marketing: { department: 'marketing' },
      nord: { team: team.id },
      F: { campaign: campaign.F.id },
      W: { campaign: campaign.W.id },
      service: { pipeline: servicePipelineId },
    };
    expect(await actualsOf('deals_won', filters)).toEqual({
      all: 5,
      marketing: 1, // D1
      nord: 1, // D1
      F: 1, // D5
      W: 1, // D1
      service: 0, // D2 was lost
    });
    expect(await actualsOf('win_rate', filters)).toEqual({
      all: 83.33, // 5 of 6
      marketing: 50, // D1 of D1 D2
      nord: 50, // the same deals (Anna's)
      F: 100, // D5
      W: 100, // D1; D6 is open
      service: 0, // D2
    });
    const rate = await progress('win_rate', {}, { target: 80 });
    expect(rate).toMatchObject({ actual: 83.33, expectedToDate: 80, forecast: 83.33, status: 'on_track' });
    // Kappa (P0), Berg (D4, USD), Alpen (D1); Kappa's D5 and Omega's O2 are second wins
    const customers = await progress('new_customers', {}, { target: 7 });
    expect(customers).toMatchObject({ actual: 3, expectedToDate: 3, forecast: 7, status: 'on_track' }); // 7×9÷21, 3×21÷9
    expect(
      await actualsOf('new_customers', { marketing: { department: 'marketing' }, sales: { department: 'sales' } }),
    ).toEqual({ marketing: 1 /* Alpen */, sales: 2 /* Kappa Berg */ });
  });

  it('agree with the contribution scorecard for the same days, per department', async () => {
    const score = ok(await t.get<ContributionResult>(`/api/reports/contribution?${UNTIL_TODAY}`, marketer));
    for (const department of ['marketing', 'sales'] as const) {
      const side = score.departments[department];
      const metrics = ['pipeline_created', 'pipeline_influenced', 'revenue_won', 'deals_won', 'win_rate'];
      const actuals = await Promise.all(metrics.map((m) => actualOf(m, { department })));
      expect(Object.fromEntries(metrics.map((m, i) => [m, actuals[i]]))).toEqual({
        pipeline_created: side.sourcedPipeline.amount,
        pipeline_influenced: side.influencedPipeline.amount,
        revenue_won: side.sourcedRevenue.amount,
        deals_won: side.won.count,
        win_rate: side.winRate === null ? 0 : Math.round(side.winRate * 10_000) / 100,
      });
    }
    // and the figures themselves, by hand
    expect(score.departments.marketing.sourcedPipeline.amount).toBe(1_750_000);
    expect(score.departments.sales.sourcedPipeline.amount).toBe(700_000);
    expect(score.departments.marketing.sourcedRevenue.amount).toBe(1_000_000);
    expect(score.departments.sales.sourcedRevenue.amount).toBe(750_000); // P0 D5 O2
    expect(score.sla.withinSlaRate).toBe(5 / 7);
    expect(await actualOf('handoff_sla_rate')).toBe(Math.round((score.sla.withinSlaRate ?? 0) * 10_000) / 100);
  });
});

describe('campaign ROI', () => {
  it('attributed revenue (model W) less the cost incurred in the period, over that cost', async () => {
    // D1 (won 9 Mar): touches W (first, lead and deal creation: 90 %) and A (the middle: 10 %);
    // D5 (won 10 Mar): F only. W: (900,000 − 300,000) ÷ 300,000; the 20 Feb and 15 Mar costs are outside
    const w = await progress('campaign_roi', { campaign: campaign.W.id }, { target: 150 });
    expect(w).toMatchObject({ actual: 200, expectedToDate: 150, forecast: 200, status: 'on_track', attainment: 133.3 });
    expect(
      await actualsOf('campaign_roi', {
        A: { campaign: campaign.A.id },
        F: { campaign: campaign.F.id },
        webinar: { channel: 'webinar' },
        tradeFair: { channel: 'trade_fair' },
        email: { channel: 'email' },
        all: {},
      }),
    ).toEqual({
      A: -60, // (100,000 − 250,000) ÷ 250,000
      F: -20, // (400,000 − 500,000) ÷ 500,000
      webinar: 200, // W alone
      tradeFair: -20, // F alone
      email: 0, // no campaign, no cost
      all: 33.33, // (1,400,000 − 1,050,000) ÷ 1,050,000
    });
  });

  it('the revenue is what the attribution report credits under the default model', async () => {
    const report = ok(
      await t.get<AttributionModelResult>(
        `/api/reports/attribution?${UNTIL_TODAY}&model=w&measure=revenue&currency=EUR`,
        marketer,
      ),
    );
    expect(Object.fromEntries(report.rows.map((r) => [r.id, r.credit]))).toEqual({
      [campaign.W.id]: 900_000,
      [campaign.F.id]: 400_000,
      [campaign.A.id]: 100_000,
    });
    expect(report.unattributed).toBe(350_000); // P0 and O2 have no contacts
  });
});

describe('many goals at once', () => {
  it('a list with progress gives every goal the figures its own progress shows (shared queries included)', async () => {
    const page = await t.get<Page<Goal>>('/api/goals?withProgress=true&limit=100', marketer);
    expect(page.status, page.text).toBe(200);
    // the goals above count the same metrics over different periods and filters
    expect(page.body.items.length).toBeGreaterThan(20);
    for (const goal of page.body.items) {
      const own = await t.get<GoalProgressResult>(`/api/goals/${goal.id}/progress`, marketer);
      const { series: _series, ...summary } = own.body;
      expect(goal.progress, goal.name).toEqual(summary);
    }
  });
});

describe('refused goals change nothing', () => {
  // one snapshot around each batch: none of these requests may write anything
  const refuse = async (body: Record<string, unknown>, path: string) =>
    expectInvalid(await postGoal(t, marketer, body), path);

  it('unknown metric, filter, filter value; a period ending before it starts; bad targets', async () => {
    await t.unchanged(async () => {
      await refuse(goalBody('mql_count'), 'metric');
      await refuse(goalBody('mqls', { filters: { colour: 'blau' } }), 'filters.colour');
      await refuse(goalBody('sqls', { filters: { form: form.demo } }), 'filters.form'); // sqls has no form filter
      await refuse(goalBody('mqls', { filters: { campaign: MISSING_ID } }), 'filters.campaign');
      await refuse(goalBody('mqls', { filters: { channel: 'radio' } }), 'filters.channel');
      await refuse(goalBody('mqls', { period: { type: 'custom', from: '2027-03-31', to: '2027-03-01' } }), 'period.to');
      await refuse(goalBody('mqls', { target: -1 }), 'target');
      await refuse(goalBody('mqls', { target: 2.5 }), 'target');
      await refuse(goalBody('pipeline_created', { currency: undefined, target: 100 }), 'currency');
      await refuse(goalBody('mqls', { currency: 'EUR' }), 'currency');
      await refuse(goalBody('win_rate', { target: 101 }), 'target');
    });
  });

  it('unknown or inactive owners; repeating a custom period', async () => {
    await t.unchanged(async () => {
      await refuse(goalBody('mqls', { ownerIds: [MISSING_ID] }), 'ownerIds');
      await refuse(goalBody('mqls', { ownerIds: [marketer.user.id, formerId] }), 'ownerIds');
      await refuse(
        goalBody('mqls', { period: { type: 'custom', from: '2027-03-01', to: '2027-03-31' }, repeat: true }),
        'repeat',
      );
    });
  });
});
