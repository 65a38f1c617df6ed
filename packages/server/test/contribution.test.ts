import type { ContributionRecords, ContributionResult, PipelineBySourceResult } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/lib/ids.js';
import { readSetting } from '../src/modules/settings/settings.service.js';
import { expectInvalid, type Session, startTestApp, type TestApp } from './harness.js';
import { createDatedDeal, insertTouch } from './journey-helpers.js';

/*
 * The contribution scorecard over a hand-built March 2026 (workspace zone Europe/Berlin). Deals are
 * created through the API and back-dated in SQL; touches and handoffs are rows. Amounts in cents.
 *
 *   deal  source     amount      created   closed          campaign touch of a deal contact
 *   M1    marketing  1,000,000   03-05     won 03-20       X on 03-01 (before creation → influenced)
 *   M2    marketing    500,000   03-10     open            Y on 03-12 (after creation); Y also a touch
 *                                                           without campaign on 03-01 (not a campaign touch)
 *   M3    marketing    200,000   02-10     won 03-15       X on 03-01 (after creation → not influenced)
 *   M4    marketing    300,000   03-08     lost 03-25      –
 *   S1    sales        800,000   03-02     won 03-28       Z on 02-20 (influenced)
 *   S2    sales        400,000   03-12     lost 03-30      –
 *   S3    sales        600,000 USD 03-15   open            –
 *   S4    sales        100,000   03-31 22:30 UTC = 1 April 00:30 local (April)
 *   S5    sales        700,000   03-20, in the trash
 *
 *   handoff  qualified  answered                    verdict   response
 *   H1       03-02      within the SLA              accepted  1,800 s
 *   H2       03-03      after the due time          rejected  7,200 s
 *   H3       03-04      not answered, due passed    –
 *   H4       03-05      within the SLA              accepted  3,600 s
 *   H5       02-25      (outside the period)
 */

let t: TestApp;
let marketer: Session;
let seller: Session;
const deal: Record<string, string> = {};
const handoff: Record<string, string> = {};
let x: string;
let y: string;
let z: string;

const PERIOD = 'from=2026-03-01&to=2026-03-31';

const createDeal = async (
  name: string,
  source: 'marketing' | 'sales',
  amount: number,
  createdAt: string,
  opts: { currency?: string; contactId?: string; status?: 'won' | 'lost'; closedAt?: string; deleted?: boolean } = {},
) => {
  const account = await t.createAccount(seller, { name: `${name} GmbH` });
  deal[name] = await createDatedDeal(t, seller, {
    name,
    accountId: account.id,
    amount,
    currency: opts.currency,
    source,
    contactIds: opts.contactId ? [opts.contactId] : undefined,
    createdAt,
    set: {
      ...(opts.status && { status: opts.status, closed_at: opts.closedAt ?? null }),
      ...(opts.deleted && { deleted_at: createdAt }),
    },
  });
};

/** A form submission of the contact, of the campaign if given; written when it happened. */
const touch = (contactId: string, occurredAt: string, campaignId: string | null) =>
  insertTouch(t, contactId, campaignId, 'form_submission', occurredAt, occurredAt);

const insertHandoff = async (
  name: string,
  contactId: string,
  qualifiedAt: string,
  h: { respondedAt?: string; seconds?: number; verdict?: 'accepted' | 'rejected' },
) => {
  const id = newId();
  const due = new Date(Date.parse(qualifiedAt) + 4 * 3_600_000).toISOString();
  await t.ctx.db
    .insertInto('handoffs')
    .values({
      id,
      contact_id: contactId,
      status: h.verdict ?? 'open',
      qualified_at: qualifiedAt,
      qualified_by: marketer.user.id,
      qualified_reason: 'score',
      assignee_id: seller.user.id,
      team_id: null,
      routing_rule: 'fallback',
      sla_due_at: due,
      accepted_at: h.verdict === 'accepted' ? (h.respondedAt ?? null) : null,
      rejected_at: h.verdict === 'rejected' ? (h.respondedAt ?? null) : null,
      reject_reason: h.verdict === 'rejected' ? 'no_budget' : null,
      reject_comment: null,
      first_touch_at: null,
      converted_at: null,
      converted_stage: null,
      recycled_at: null,
      recycle_note: null,
      responded_at: h.respondedAt ?? null,
      response_seconds: h.seconds ?? null,
      breached_at: null,
      source: 'website',
      form_id: null,
      utm_campaign: null,
      version: 1,
      created_at: qualifiedAt,
      updated_at: qualifiedAt,
    })
    .execute();
  handoff[name] = id;
};

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  // marketing commits to 5 MQLs a month
  const sla = (await readSetting(t.ctx.db, 'sla')).value;
  await t.ctx.db.deleteFrom('settings').where('key', '=', 'sla').execute();
  await t.ctx.db
    .insertInto('settings')
    .values({
      key: 'sla',
      value: JSON.stringify({ ...sla, mqlCommitmentPerMonth: 5 }),
      version: 1,
      updated_at: new Date().toISOString(),
      updated_by: null,
    })
    .execute();
  const campaign = (await t.createCampaign(marketer, { name: 'Webinar', channel: 'webinar', status: 'active' })).id;
  x = (await t.createContact(marketer, { firstName: 'Xaver', lastName: 'Huber' })).id;
  y = (await t.createContact(marketer, { firstName: 'Yvonne', lastName: 'Maier' })).id;
  z = (await t.createContact(marketer, { firstName: 'Zora', lastName: 'Klein' })).id;
  await touch(x, '2026-03-01T09:00:00.000Z', campaign);
  await touch(y, '2026-03-12T09:00:00.000Z', campaign);
  await touch(y, '2026-03-01T09:00:00.000Z', null);
  await touch(z, '2026-02-20T09:00:00.000Z', campaign);

  await createDeal('M1', 'marketing', 1_000_000, '2026-03-05T10:00:00.000Z', {
    contactId: x,
    status: 'won',
    closedAt: '2026-03-20T10:00:00.000Z',
  });
  await createDeal('M2', 'marketing', 500_000, '2026-03-10T10:00:00.000Z', { contactId: y });
  await createDeal('M3', 'marketing', 200_000, '2026-02-10T10:00:00.000Z', {
    contactId: x,
    status: 'won',
    closedAt: '2026-03-15T10:00:00.000Z',
  });
  await createDeal('M4', 'marketing', 300_000, '2026-03-08T10:00:00.000Z', {
    status: 'lost',
    closedAt: '2026-03-25T10:00:00.000Z',
  });
  await createDeal('S1', 'sales', 800_000, '2026-03-02T10:00:00.000Z', {
    contactId: z,
    status: 'won',
    closedAt: '2026-03-28T10:00:00.000Z',
  });
  await createDeal('S2', 'sales', 400_000, '2026-03-12T10:00:00.000Z', {
    status: 'lost',
    closedAt: '2026-03-30T10:00:00.000Z',
  });
  await createDeal('S3', 'sales', 600_000, '2026-03-15T10:00:00.000Z', { currency: 'USD' });
  await createDeal('S4', 'sales', 100_000, '2026-03-31T22:30:00.000Z');
  await createDeal('S5', 'sales', 700_000, '2026-03-20T10:00:00.000Z', { deleted: true });

  await insertHandoff('H1', x, '2026-03-02T09:00:00.000Z', {
    respondedAt: '2026-03-02T09:30:00.000Z',
    seconds: 1800,
    verdict: 'accepted',
  });
  await insertHandoff('H2', y, '2026-03-03T09:00:00.000Z', {
    respondedAt: '2026-03-04T09:00:00.000Z',
    seconds: 7200,
    verdict: 'rejected',
  });
  await insertHandoff('H3', z, '2026-03-04T09:00:00.000Z', {});
  await insertHandoff('H4', x, '2026-03-05T09:00:00.000Z', {
    respondedAt: '2026-03-05T10:00:00.000Z',
    seconds: 3600,
    verdict: 'accepted',
  });
  await insertHandoff('H5', y, '2026-02-25T09:00:00.000Z', { respondedAt: '2026-02-25T09:10:00.000Z', seconds: 600 });
});

afterAll(async () => {
  await t?.close();
});

const link = (figure: string, extra: Record<string, string> = {}) => ({
  figure,
  from: '2026-03-01',
  to: '2026-03-31',
  ...extra,
});

describe('GET /api/reports/contribution', () => {
  it('shows both departments the same figures, computed by hand', async () => {
    const res = await t.get<ContributionResult>(`/api/reports/contribution?${PERIOD}`, marketer);
    expect(res.status, res.text).toBe(200);
    const r = res.body;
    expect([r.currency, r.currencies]).toEqual(['EUR', ['EUR', 'USD']]);
    // S3's USD is totalled on its own, beside the euros, not left out
    expect(r.byCurrency.map((c) => [c.currency, c.departments.sales.sourcedPipeline.amount])).toEqual([
      ['EUR', 1_200_000],
      ['USD', 600_000],
    ]);
    const eur = { currency: 'EUR' };
    expect(r.departments.marketing).toEqual({
      department: 'marketing',
      // M1 + M2 + M4 (M3 was created in February)
      sourcedPipeline: {
        amount: 1_800_000,
        deals: 3,
        link: link('sourced_pipeline', { department: 'marketing', ...eur }),
      },
      // M1 + M3
      sourcedRevenue: {
        amount: 1_200_000,
        deals: 2,
        link: link('sourced_revenue', { department: 'marketing', ...eur }),
      },
      // only M1 had a campaign touch before it was created
      influencedPipeline: {
        amount: 1_000_000,
        deals: 1,
        link: link('influenced_pipeline', { department: 'marketing', ...eur }),
      },
      influencedRevenue: {
        amount: 1_000_000,
        deals: 1,
        link: link('influenced_revenue', { department: 'marketing', ...eur }),
      },
      won: { count: 2, link: link('won', { department: 'marketing' }) },
      closed: { count: 3, link: link('closed', { department: 'marketing' }) },
      winRate: 2 / 3,
      averageDealSize: 600_000,
    });
    expect(r.departments.sales).toEqual({
      department: 'sales',
      // S1 + S2 (S3 is in USD, S4 in April, S5 in the trash)
      sourcedPipeline: { amount: 1_200_000, deals: 2, link: link('sourced_pipeline', { department: 'sales', ...eur }) },
      sourcedRevenue: { amount: 800_000, deals: 1, link: link('sourced_revenue', { department: 'sales', ...eur }) },
      influencedPipeline: {
        amount: 800_000,
        deals: 1,
        link: link('influenced_pipeline', { department: 'sales', ...eur }),
      },
      influencedRevenue: {
        amount: 800_000,
        deals: 1,
        link: link('influenced_revenue', { department: 'sales', ...eur }),
      },
      won: { count: 1, link: link('won', { department: 'sales' }) },
      closed: { count: 2, link: link('closed', { department: 'sales' }) },
      winRate: 0.5,
      averageDealSize: 800_000,
    });
    expect(r.influenced).toEqual({
      pipeline: { amount: 1_800_000, deals: 2, link: link('influenced_pipeline', eur) },
      revenue: { amount: 1_800_000, deals: 2, link: link('influenced_revenue', eur) },
    });
    expect(r.sla).toEqual({
      mqls: { count: 4, committed: 5, months: 1, link: link('mqls') },
      withinSla: { count: 2, link: link('within_sla') },
      outsideSla: { count: 2, link: link('outside_sla') },
      withinSlaRate: 0.5,
      accepted: { count: 2, link: link('accepted') },
      rejected: { count: 1, link: link('rejected') },
      acceptanceRate: 2 / 3,
      // responses 1,800 s, 3,600 s, 7,200 s → the middle one, 1 h
      medianResponseHours: 1,
    });
  });

  it('counts money per currency and the commitment per month of the period', async () => {
    const usd = await t.get<ContributionResult>(`/api/reports/contribution?${PERIOD}&currency=USD`, seller);
    expect(usd.status, usd.text).toBe(200);
    expect(usd.body.departments.sales.sourcedPipeline.amount).toBe(600_000);
    expect(usd.body.departments.marketing.sourcedPipeline.amount).toBe(0);
    // the win rate counts deals of every currency
    expect(usd.body.departments.sales.winRate).toBe(0.5);
    // 1 March – 15 April: 1 + 15/30 months → 7.5 MQLs, rounded to 8
    const longer = await t.get<ContributionResult>('/api/reports/contribution?from=2026-03-01&to=2026-04-15', seller);
    expect(longer.body.sla.mqls).toMatchObject({ months: 1.5, committed: 8 });
    // S4 was created on 1 April, local time
    expect(longer.body.departments.sales.sourcedPipeline).toMatchObject({ amount: 1_300_000, deals: 3 });
  });

  it('drills down to the deals and handoffs behind a figure, newest first, capped with a total', async () => {
    const records = (q: string) =>
      t.get<ContributionRecords>(`/api/reports/contribution/records?${PERIOD}&${q}`, seller);
    const pipeline = await records('figure=sourced_pipeline&department=marketing&currency=EUR');
    expect(pipeline.status, pipeline.text).toBe(200);
    expect(pipeline.body.total).toBe(3);
    expect(pipeline.body.records.map((r) => r.name)).toEqual(['M2', 'M4', 'M1']);
    expect(pipeline.body.records[0]).toEqual({
      id: deal.M2,
      kind: 'deal',
      name: 'M2',
      contactId: null,
      amount: 500_000,
      currency: 'EUR',
      date: '2026-03-10T10:00:00.000Z',
      owner: { id: seller.user.id, name: 'Sam Sales', department: 'sales' },
      source: 'marketing',
    });
    const influenced = await records('figure=influenced_revenue&currency=EUR');
    expect(influenced.body.records.map((r) => r.name)).toEqual(['S1', 'M1']);
    const closed = await records('figure=closed&department=sales');
    expect(closed.body.records.map((r) => [r.name, r.date])).toEqual([
      ['S2', '2026-03-30T10:00:00.000Z'],
      ['S1', '2026-03-28T10:00:00.000Z'],
    ]);
    const mqls = await records('figure=mqls');
    expect(mqls.body.total).toBe(4);
    expect(mqls.body.records.map((r) => r.id)).toEqual([handoff.H4, handoff.H3, handoff.H2, handoff.H1]);
    expect(mqls.body.records[0]).toMatchObject({ kind: 'handoff', name: 'Xaver Huber', contactId: x, amount: null });
    const late = await records('figure=outside_sla');
    expect(late.body.records.map((r) => r.id)).toEqual([handoff.H3, handoff.H2]);
    const rejected = await records('figure=rejected');
    expect(rejected.body.records.map((r) => r.id)).toEqual([handoff.H2]);
    const capped = await records('figure=mqls&limit=1');
    expect([capped.body.total, capped.body.records.length]).toEqual([4, 1]);
  });

  it('refuses invalid queries with the field path, and answers only signed-in users', async () => {
    expectInvalid(await t.get(`/api/reports/contribution?from=2026-03-31&to=2026-03-01`, seller), 'query.to');
    expectInvalid(await t.get(`/api/reports/contribution?${PERIOD}&currency=euro`, seller), 'query.currency');
    expectInvalid(await t.get(`/api/reports/contribution/records?${PERIOD}&figure=people`, seller), 'query.figure');
    expectInvalid(
      await t.get(`/api/reports/contribution/records?${PERIOD}&figure=won&department=management`, seller),
      'query.department',
    );
    expectInvalid(await t.get(`/api/reports/contribution/records?${PERIOD}&figure=won&limit=0`, seller), 'query.limit');
    expect((await t.get(`/api/reports/contribution?${PERIOD}`)).status).toBe(401);
  });
});

describe('GET /api/reports/pipeline-by-source', () => {
  it('sums pipeline created and revenue won per local month and source', async () => {
    const res = await t.get<PipelineBySourceResult>(
      '/api/reports/pipeline-by-source?from=2026-02-01&to=2026-04-30',
      marketer,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      from: '2026-02-01',
      to: '2026-04-30',
      currency: 'EUR',
      months: [
        {
          month: '2026-02',
          pipeline: { marketing: 200_000, sales: 0 },
          revenue: { marketing: 0, sales: 0 },
          created: { marketing: 1, sales: 0 },
          won: { marketing: 0, sales: 0 },
        },
        {
          month: '2026-03',
          pipeline: { marketing: 1_800_000, sales: 1_200_000 },
          revenue: { marketing: 1_200_000, sales: 800_000 },
          created: { marketing: 3, sales: 2 },
          won: { marketing: 2, sales: 1 },
        },
        {
          month: '2026-04',
          pipeline: { marketing: 0, sales: 100_000 },
          revenue: { marketing: 0, sales: 0 },
          created: { marketing: 0, sales: 1 },
          won: { marketing: 0, sales: 0 },
        },
      ],
      // S3 in USD is not in the euro months, but beside them
      otherCurrencies: [
        {
          currency: 'USD',
          pipeline: { marketing: 0, sales: 600_000 },
          revenue: { marketing: 0, sales: 0 },
          created: { marketing: 0, sales: 1 },
          won: { marketing: 0, sales: 0 },
        },
      ],
    });
    expectInvalid(await t.get('/api/reports/pipeline-by-source?from=2026-02-01', marketer), 'query.to');
  });
});
