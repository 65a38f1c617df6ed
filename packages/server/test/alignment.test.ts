import type { Account, AlignmentReport, Contact, Goal, Handoff } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/lib/ids.js';
import { expectInvalid, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * The alignment index over a hand-built November 2026 (workspace defaults: Europe/Berlin, Mon–Fri 09–17,
 * 4 business hours to answer, a committed minimum acceptance of 60 %), read on Wed 2 Dec 2026 13:00 CET.
 * Each handoff's contact is created as an MQL by marketing (first name, last name and email only: 6 of 11
 * completeness points → 55) without an account, so its handoff entries belong to no account.
 *
 *   handoff  qualified (UTC)   answer (UTC)                     in time  marketing's follow-up
 *   H8       Mon 12 Oct 09:00  accepted 09:30                   yes      –
 *   H9       Fri 30 Oct 09:00  rejected Mon 2 Nov 08:30,        no       recycled 2 Nov 08:45
 *                              bad_timing (due 30 Oct 13:00)
 *   H1       Mon 2 Nov 09:00   accepted 10:00                   yes      –
 *   H2       Mon 2 Nov 09:30   rejected Tue 3 Nov 09:00,        no       recycled Tue 17 Nov 15:00 = 16:00
 *                              no_budget (due 2 Nov 13:30)               local, on the 10th business day
 *   H3       Tue 3 Nov 09:30   rejected 10:00, other, no comment yes     never (10th business day 17 Nov
 *                                                                        has passed → missed)
 *   H4       Wed 4 Nov 09:00   rejected 09:30, other + comment  yes      recycled Thu 19 Nov: one day after
 *                                                                        the 10th business day (18 Nov)
 *   H5       Thu 5 Nov 09:00   never (due 13:00, long past)     no       –
 *   H6       Mon 30 Nov 09:00  rejected 09:30, wrong_contact    yes      not yet; 10th business day is
 *                                                                        14 Dec → pending, not counted
 *   H7       Mon 30 Nov 10:00  rejected 10:30, duplicate        yes      contact deleted Tue 1 Dec
 *
 * Accounts (created 1 Oct; completeness points of 8: domain 2, industry, band, country, city 1, owner 2):
 *   A1 owner only (25): marketing note 10 Nov, sales note 12 Nov → two-sided
 *   A2 every field (100): sales note 11 Nov, management note 11 Nov → active, one side
 *   A3 domain + owner (50), contact C3 with every field (100): a form touchpoint without a user on C3
 *      13 Nov (marketing's side), sales note 14 Nov → two-sided
 *   A4 nothing (0): only edits (audit entries) in November → not active
 *   A5 marketing and sales notes 16 Nov, then deleted → not counted anywhere
 *   A6 country + city (25): marketing and sales notes 20 Oct → two-sided in October
 * Goal: MQLs 2–4 Nov, owners from marketing and sales, target 5; H1–H4 reached MQL then → 4/5 = 80.
 */

let t: TestApp;
let marketer: Session;
let seller: Session;
let viewer: Session;
let admin: Session;

const NOW = '2026-12-02T12:00:00.000Z';
const NOVEMBER = 'from=2026-11-01&to=2026-11-30';
/** Sets the app's clock: what follows is stamped (and judged) at `iso`, whatever the real date is. */
const at = (iso: string) => t.clock.travelTo(iso);

const ok = async <T>(p: Promise<{ status: number; text: string; body: T }>, status = 200): Promise<T> => {
  const res = await p;
  expect(res.status, res.text).toBe(status);
  return res.body;
};
/** An MQL created by marketing at `iso`; returns its handoff. */
const mql = async (iso: string, name: string): Promise<{ contactId: string; handoffId: string }> => {
  at(iso);
  const contact = await ok<Contact>(
    t.request('POST', '/api/contacts', {
      cookie: marketer.cookie,
      body: {
        firstName: name,
        lastName: 'Muster',
        emails: [`${name.toLowerCase()}@example.com`],
        lifecycleStage: 'mql',
      },
    }),
    201,
  );
  const list = await ok<{ items: Handoff[] }>(t.get(`/api/handoffs?contactId=${contact.id}`, marketer));
  const handoffId = list.items[0]?.id;
  if (!handoffId) throw new Error(`no handoff for ${name}`);
  return { contactId: contact.id, handoffId };
};
const answer = async (iso: string, as: Session, handoffId: string, action: string, body?: unknown) => {
  at(iso);
  await ok<Handoff>(
    t.request('POST', `/api/handoffs/${handoffId}/${action}`, {
      cookie: as.cookie,
      ...(body !== undefined && { body }),
    }),
  );
};
const note = async (iso: string, as: Session, accountId: string) => {
  at(iso);
  await ok(
    t.request('POST', `/api/accounts/${accountId}/notes`, { cookie: as.cookie, body: { body: 'Gespräch' } }),
    201,
  );
};

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  viewer = await t.session('sales', 'viewer');
  admin = await t.session('management', 'admin');
  at('2026-10-01T08:00:00.000Z');
  const a1 = await t.createAccount(seller, { name: 'Zwei Seiten AG', ownerId: seller.user.id });
  const a2 = await t.createAccount(seller, {
    name: 'Nur Vertrieb GmbH',
    domain: 'nur-vertrieb.de',
    industry: 'Chemie',
    employeeBand: '51-200',
    country: 'DE',
    city: 'Köln',
    ownerId: seller.user.id,
  });
  const a3 = await t.createAccount(seller, { name: 'Formular KG', domain: 'formular.de', ownerId: seller.user.id });
  const a4 = await t.createAccount(marketer, { name: 'Protokoll GmbH' });
  const a5 = await t.createAccount(marketer, { name: 'Papierkorb GmbH' });
  const a6 = await t.createAccount(marketer, { name: 'Oktober OHG', country: 'AT', city: 'Wien' });
  const c3 = await t.createContact(seller, {
    firstName: 'Clara',
    lastName: 'Voll',
    emails: ['clara@formular.de'],
    phone: '+49 221 123456',
    jobTitle: 'Einkauf',
    accountId: a3.id,
    ownerId: seller.user.id,
  });

  // October
  const h8 = await mql('2026-10-12T09:00:00.000Z', 'Acht');
  await answer('2026-10-12T09:30:00.000Z', seller, h8.handoffId, 'accept');
  await note('2026-10-20T09:00:00.000Z', marketer, a6.id);
  await note('2026-10-20T09:30:00.000Z', seller, a6.id);
  const h9 = await mql('2026-10-30T09:00:00.000Z', 'Neun');

  // November
  at('2026-11-01T10:00:00.000Z');
  await ok<Goal>(
    t.request('POST', '/api/goals', {
      cookie: marketer.cookie,
      body: {
        name: 'MQLs der ersten Novemberwoche',
        metric: 'mqls',
        period: { type: 'custom', from: '2026-11-02', to: '2026-11-04' },
        target: 5,
        ownerIds: [marketer.user.id, seller.user.id],
      },
    }),
    201,
  );
  await answer('2026-11-02T08:30:00.000Z', seller, h9.handoffId, 'reject', { reason: 'bad_timing' });
  await answer('2026-11-02T08:45:00.000Z', marketer, h9.handoffId, 'recycle', { note: 'Später' });
  const h1 = await mql('2026-11-02T09:00:00.000Z', 'Eins');
  const h2 = await mql('2026-11-02T09:30:00.000Z', 'Zwei');
  await answer('2026-11-02T10:00:00.000Z', seller, h1.handoffId, 'accept');
  await answer('2026-11-03T09:00:00.000Z', seller, h2.handoffId, 'reject', { reason: 'no_budget' });
  const h3 = await mql('2026-11-03T09:30:00.000Z', 'Drei');
  await answer('2026-11-03T10:00:00.000Z', seller, h3.handoffId, 'reject', { reason: 'other' });
  const h4 = await mql('2026-11-04T09:00:00.000Z', 'Vier');
  await answer('2026-11-04T09:30:00.000Z', seller, h4.handoffId, 'reject', {
    reason: 'other',
    comment: 'Schon im Gespräch mit dem Vertrieb',
  });
  await mql('2026-11-05T09:00:00.000Z', 'Fuenf');
  await note('2026-11-10T09:00:00.000Z', marketer, a1.id);
  await note('2026-11-11T09:00:00.000Z', seller, a2.id);
  await note('2026-11-11T10:00:00.000Z', admin, a2.id);
  await note('2026-11-12T09:00:00.000Z', seller, a1.id);
  // a form post on C3: written by no user, so it carries no department
  await t.ctx.db
    .insertInto('timeline_entries')
    .values({
      id: newId(),
      entity_type: 'contact',
      entity_id: c3.id,
      account_id: a3.id,
      kind: 'touchpoint',
      action: 'form_submission',
      actor_id: null,
      department: null,
      body: null,
      data: '{}',
      created_at: '2026-11-13T09:00:00.000Z',
    })
    .execute();
  await note('2026-11-14T09:00:00.000Z', seller, a3.id);
  at('2026-11-16T09:00:00.000Z');
  await ok<Account>(
    t.request('PATCH', `/api/accounts/${a4.id}`, {
      cookie: seller.cookie,
      ifMatch: a4.version,
      body: { tags: ['geprüft'] },
    }),
  );
  await note('2026-11-16T09:30:00.000Z', marketer, a5.id);
  await note('2026-11-16T10:00:00.000Z', seller, a5.id);
  at('2026-11-17T08:00:00.000Z');
  await ok(t.request('DELETE', `/api/accounts/${a5.id}`, { cookie: seller.cookie }), 204);
  await answer('2026-11-17T15:00:00.000Z', marketer, h2.handoffId, 'recycle', { note: '' });
  await answer('2026-11-19T09:00:00.000Z', marketer, h4.handoffId, 'recycle', { note: '' });
  const h6 = await mql('2026-11-30T09:00:00.000Z', 'Sechs');
  await answer('2026-11-30T09:30:00.000Z', seller, h6.handoffId, 'reject', { reason: 'wrong_contact' });
  const h7 = await mql('2026-11-30T10:00:00.000Z', 'Sieben');
  await answer('2026-11-30T10:30:00.000Z', seller, h7.handoffId, 'reject', { reason: 'duplicate' });
  at('2026-12-01T09:00:00.000Z');
  await ok(t.request('DELETE', `/api/contacts/${h7.contactId}`, { cookie: marketer.cookie }), 204);
});
afterAll(async () => {
  await t?.close();
});

/** The report as read on 2 Dec 2026 13:00 CET. */
const report = async (query: string, as: Session = marketer) => {
  at(NOW);
  return t.get<AlignmentReport>(`/api/reports/alignment?${query}`, as);
};
const partOf = (r: AlignmentReport, key: string) => {
  const part = r.parts.find((p) => p.key === key);
  if (!part) throw new Error(`no part ${key}`);
  return part;
};

// Default weights: SLA 20, acceptance 15, reasoned 10, returned 10, shared goals 20, two-sided 10, data 5,
// action items 10 (not measurable → spread: the other 90 scale by 100/90).
const spread = 100 / 90;

describe('GET /api/reports/alignment', () => {
  it('every part of November with its figures, and the index as their weighted mean', async () => {
    const res = await report(NOVEMBER);
    expect(res.status, res.text).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    expect(r.parts.map((p) => p.key)).toEqual([
      'sla_compliance',
      'acceptance_vs_minimum',
      'reasoned_rejections',
      'returned_lead_follow_up',
      'shared_goal_attainment',
      'two_sided_accounts',
      'data_completeness',
      'action_item_completion',
    ]);

    // qualified in November: H1–H7; in time H1, H3, H4, H6, H7; H2 late, H5 unanswered but past due → 5/7
    const sla = partOf(r, 'sla_compliance');
    expect(sla.raw).toEqual({ withinSla: 5, judged: 7 });
    expect(sla.value).toBeCloseTo(71.4286, 3);
    expect(sla.weight).toBe(20);
    expect(sla.effectiveWeight).toBeCloseTo(20 * spread, 6);
    expect(sla.link).toBe('/reports?tab=sla&from=2026-11-01&to=2026-11-30');

    // accepted H1; rejected H2, H3, H4, H6, H7 → 1/6 ≈ 16.7 % against 60 % → 16.67/60 = 27.78
    const acceptance = partOf(r, 'acceptance_vs_minimum');
    expect(acceptance.raw).toEqual({ accepted: 1, rejected: 5, minAcceptanceRate: 60 });
    expect(acceptance.value).toBeCloseTo(27.7778, 3);

    // of the five rejected, H3 alone says only "other" without a comment → 4/5
    const reasoned = partOf(r, 'reasoned_rejections');
    expect(reasoned.raw).toEqual({ reasoned: 4, rejected: 5 });
    expect(reasoned.value).toBe(80);

    // rejected in November: H9 (recycled at once), H2 (on its 10th business day), H7 (contact deleted) followed
    // up; H3 (never) and H4 (a day late) missed; H6 still has time → not counted → 3/5
    const returned = partOf(r, 'returned_lead_follow_up');
    expect(returned.raw).toEqual({ followedUp: 3, returned: 5 });
    expect(returned.value).toBe(60);
    expect(returned.link).toBe('/leads?tab=returned');

    // one shared goal ended in November: 4 MQLs of 5 → 80
    const goals = partOf(r, 'shared_goal_attainment');
    expect(goals.raw).toEqual({ goals: 1 });
    expect(goals.value).toBe(80);

    // active: A1, A2, A3 (A4 only edited, A5 deleted); both sides on A1 and A3 → 2/3
    const accounts = partOf(r, 'two_sided_accounts');
    expect(accounts.raw).toEqual({ twoSided: 2, active: 3 });
    expect(accounts.value).toBeCloseTo(66.6667, 3);

    // contacts: H1–H6, H8, H9 at 55 and C3 at 100 → 540/9 = 60 (H7 deleted);
    // accounts: 25 + 100 + 50 + 0 + 25 = 200/5 = 40 (A5 deleted); half each → 50
    const data = partOf(r, 'data_completeness');
    expect(data.raw).toEqual({ contacts: 9, accounts: 5, meanContacts: 60, meanAccounts: 40 });
    expect(data.value).toBe(50);

    const actions = partOf(r, 'action_item_completion');
    // no meeting action items in this data: not measurable
    expect(actions).toMatchObject({
      value: null,
      raw: { onTime: 0, due: 0 },
      weight: 10,
      effectiveWeight: 0,
      link: '/meetings',
    });

    for (const p of r.parts) {
      expect(p.explanation.de.length).toBeGreaterThan(20);
      expect(p.explanation.en.length).toBeGreaterThan(20);
    }
    // (71.4286·20 + 27.7778·15 + 80·10 + 60·10 + 80·20 + 66.6667·10 + 50·5) ÷ 90
    // = (1428.571 + 416.667 + 800 + 600 + 1600 + 666.667 + 250) ÷ 90 = 5761.905 ÷ 90 = 64.02 → 64.0
    expect(r.index).toBe(64);
    const mean =
      r.parts.reduce((s, p) => s + (p.value ?? 0) * p.effectiveWeight, 0) /
      r.parts.reduce((s, p) => s + p.effectiveWeight, 0);
    expect(Math.abs(mean - (r.index ?? 0))).toBeLessThanOrEqual(0.05);
  });

  it('the SLA parts use the SLA report’s figures', async () => {
    at(NOW);
    const sla = await t.get<{ totals: { withinSla: number; judged: number; accepted: number; rejected: number } }>(
      `/api/reports/sla?${NOVEMBER}`,
      marketer,
    );
    const r = (await report(NOVEMBER)).body;
    expect(partOf(r, 'sla_compliance').raw).toEqual({
      withinSla: sla.body.totals.withinSla,
      judged: sla.body.totals.judged,
    });
    expect(partOf(r, 'acceptance_vs_minimum').raw).toMatchObject({
      accepted: sla.body.totals.accepted,
      rejected: sla.body.totals.rejected,
    });
  });

  it('the trend: the 12 months ending with the month of `to`, each as its own period would give it', async () => {
    const r = (await report('from=2026-11-10&to=2026-11-20')).body;
    expect(r.trend.map((m) => m.month)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    // nothing existed before October: no part can be measured
    expect(r.trend.slice(0, 10).map((m) => m.index)).toEqual(Array(10).fill(null));
    // October: SLA 1/2 = 50 (H8 in time, H9 late); acceptance ½ ÷ 60 % = 83.33; reasoned 1/1 = 100;
    // nothing returned, no goal ended; A6 two-sided 1/1 = 100; completeness (H8, H9 at 55, C3 at 100 → 70;
    // accounts 40) = 55. (50·20 + 83.33·15 + 100·10 + 100·10 + 55·5) ÷ 60 = 4525 ÷ 60 = 75.42 → 75.4
    expect(r.trend[10]).toEqual({ month: '2026-10', index: 75.4 });
    expect(r.trend[11]).toEqual({ month: '2026-11', index: 64 });
    const october = (await report('from=2026-10-01&to=2026-10-31')).body;
    expect(october.index).toBe(75.4);
    expect(partOf(october, 'returned_lead_follow_up')).toMatchObject({
      value: null,
      raw: { followedUp: 0, returned: 0 },
    });
    expect(partOf(october, 'two_sided_accounts').raw).toEqual({ twoSided: 1, active: 1 });
    expect(partOf(october, 'data_completeness').raw).toEqual({
      contacts: 3,
      accounts: 5,
      meanContacts: 70,
      meanAccounts: 40,
    });
  });

  it('viewers read the same figures', async () => {
    const a = await report(NOVEMBER, marketer);
    const b = await report(NOVEMBER, viewer);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
  });

  it('refuses a period longer than 400 days or ending before it starts, naming query.to', async () => {
    expect((await report('from=2025-11-01&to=2026-12-05')).status).toBe(200);
    expectInvalid(await report('from=2025-10-31&to=2026-12-05'), 'query.to');
    expectInvalid(await report('from=2026-11-30&to=2026-11-01'), 'query.to');
    expectInvalid(await report('from=2026-11-01'), 'query.to');
  });

  it('follows the weights admins set', async () => {
    const weights = {
      sla_compliance: 10,
      acceptance_vs_minimum: 0,
      reasoned_rejections: 0,
      returned_lead_follow_up: 0,
      shared_goal_attainment: 0,
      two_sided_accounts: 0,
      data_completeness: 10,
      action_item_completion: 80,
    };
    const put = (alignmentWeights: Record<string, number>) =>
      t.request('PUT', '/api/settings/goals', {
        cookie: admin.cookie,
        body: { fiscalYearStartMonth: 1, atRiskPercent: 90, alignmentWeights },
      });
    const defaults = (
      await t.get<{ value: { alignmentWeights: Record<string, number> } }>('/api/settings/goals', admin)
    ).body.value.alignmentWeights;
    expect((await put(weights)).status).toBe(200);
    try {
      const r = (await report(NOVEMBER)).body;
      // only SLA (71.43) and completeness (50) weigh, 10 each; action items' 80 is spread over them:
      // (71.43·10 + 50·10) ÷ 20 = 60.71 → 60.7; effective weights 10 · 100/20 = 50
      expect(r.index).toBe(60.7);
      expect(partOf(r, 'sla_compliance')).toMatchObject({ weight: 10, effectiveWeight: 50 });
      expect(partOf(r, 'data_completeness')).toMatchObject({ weight: 10, effectiveWeight: 50 });
      expect(partOf(r, 'reasoned_rejections')).toMatchObject({ value: 80, weight: 0, effectiveWeight: 0 });
      expect(r.trend[11]).toEqual({ month: '2026-11', index: 60.7 });
    } finally {
      expect((await put(defaults)).status).toBe(200);
    }
    expect((await report(NOVEMBER)).body.index).toBe(64);
  });
});
