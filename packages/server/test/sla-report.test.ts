import type { Handoff, LeadResult } from '@nenner/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectInvalid, expectProblem, type Session, startTestApp, type TestApp } from './harness.js';
import { setScoring } from './lead-helpers.js';

/*
 * The SLA report over handoffs with known outcomes, placed at known instants (Europe/Berlin, Mon–Fri
 * 09–17, 4 business hours to respond). Expected figures are computed by hand below.
 */

let t: TestApp;
let marketer: Session;
let seller: Session;
let viewer: Session;

const at = (iso: string) => vi.setSystemTime(new Date(iso));

const lead = async (email: string, source: string): Promise<string> => {
  const res = await t.request<LeadResult>('POST', '/api/leads', {
    cookie: marketer.cookie,
    body: { email, jobTitle: 'Head of Sales', source },
  });
  expect(res.status, res.text).toBe(201);
  expect(res.body.handoffId).toBeTruthy();
  return res.body.handoffId ?? '';
};
const act = async (id: string, action: string, body?: unknown) => {
  const res = await t.request<Handoff>('POST', `/api/handoffs/${id}/${action}`, {
    cookie: seller.cookie,
    ...(body !== undefined && { body }),
  });
  expect(res.status, res.text).toBe(200);
  return res.body;
};

interface Figures {
  handoffs: number;
  answered: number;
  withinSla: number;
  judged: number;
  withinSlaRate: number | null;
  medianResponseHours: number | null;
  p90ResponseHours: number | null;
  accepted: number;
  rejected: number;
  acceptanceRate: number | null;
  converted: number;
}
interface Report {
  from: string;
  to: string;
  totals: Figures;
  funnel: { mql: number; sal: number; sql: number };
  rejectionReasons: { reason: string; count: number }[];
  weeks: { week: string; handoffs: number; withinSla: number; rejected: number }[];
  byAssignee: { key: string | null; name: string | null; figures: Figures }[];
  bySource: { key: string | null; figures: Figures }[];
}

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  viewer = await t.session('sales', 'viewer');
  await setScoring(t, marketer);
  await t.createAccount(seller, { name: 'Report AG', domain: 'report-ag.de', ownerId: seller.user.id });
  try {
    // H1 Mon 16 Nov 10:00 CET → Sam (account owner); accepted 11:00 (1 h), converted
    at('2026-11-16T09:00:00.000Z');
    const h1 = await lead('eins@report-ag.de', 'website');
    at('2026-11-16T10:00:00.000Z');
    await act(h1, 'accept');
    await act(h1, 'convert', { stage: 'sql' });
    // H2 Mon 16 Nov 10:05 CET → Sam; rejected Tue 10:00 CET: 6 h 55 min + 1 h = 28,500 s, past due (Mon 14:05)
    at('2026-11-16T09:05:00.000Z');
    const h2 = await lead('zwei@report-ag.de', 'website');
    at('2026-11-17T09:00:00.000Z');
    await act(h2, 'reject', { reason: 'no_budget' });
    // H3 Tue 17 Nov 10:00 CET → fallback; rejected 10:30 (1,800 s)
    const h3 = await lead('drei@gmail.com', 'partner');
    at('2026-11-17T09:30:00.000Z');
    await act(h3, 'reject', { reason: 'wrong_contact', comment: 'Praktikant' });
    // H4 Wed 18 Nov 10:00 CET → fallback; never answered (due 14:00, long past)
    at('2026-11-18T09:00:00.000Z');
    await lead('vier@gmail.com', 'partner');
    // outside the period
    at('2026-11-19T09:00:00.000Z');
    await lead('fuenf@gmail.com', 'partner');
  } finally {
    vi.useRealTimers();
  }
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const PERIOD = 'from=2026-11-16&to=2026-11-18';

describe('GET /api/reports/sla', () => {
  it('totals, funnel and rejection reasons for the period', async () => {
    const res = await t.get<Report>(`/api/reports/sla?${PERIOD}`, marketer);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-11-16', to: '2026-11-18' });
    expect(res.body.totals).toEqual({
      handoffs: 4,
      answered: 3,
      withinSla: 2,
      judged: 4,
      withinSlaRate: 0.5,
      medianResponseHours: 1, // [0.5 h, 1 h, 7.92 h] nearest rank
      p90ResponseHours: 7.92,
      accepted: 1,
      rejected: 2,
      acceptanceRate: 1 / 3,
      converted: 1,
    });
    expect(res.body.funnel).toEqual({ mql: 4, sal: 1, sql: 1 });
    expect(res.body.rejectionReasons).toEqual(
      expect.arrayContaining([
        { reason: 'no_budget', count: 1 },
        { reason: 'wrong_contact', count: 1 },
      ]),
    );
    expect(res.body.rejectionReasons).toHaveLength(2);
    expect(res.body.weeks).toEqual([{ week: '2026-11-16', handoffs: 4, withinSla: 2, rejected: 2 }]);
  });

  it('groups by assignee and by source', async () => {
    const { body } = await t.get<Report>(`/api/reports/sla?${PERIOD}`, seller);
    const sam = body.byAssignee.find((g) => g.key === seller.user.id);
    expect(sam).toMatchObject({
      name: 'Sam Sales',
      figures: { handoffs: 2, answered: 2, withinSla: 1, accepted: 1, rejected: 1, converted: 1, acceptanceRate: 0.5 },
    });
    const unassigned = body.byAssignee.find((g) => g.key === null);
    expect(unassigned?.figures).toMatchObject({ handoffs: 2, answered: 1, withinSla: 1, judged: 2, rejected: 1 });
    expect(body.bySource.map((g) => [g.key, g.figures.handoffs]).sort()).toEqual([
      ['partner', 2],
      ['website', 2],
    ]);
  });

  it('both departments (and viewers) read the same figures', async () => {
    const a = await t.get<Report>(`/api/reports/sla?${PERIOD}`, marketer);
    const b = await t.get<Report>(`/api/reports/sla?${PERIOD}`, viewer);
    expect(b.body.totals).toEqual(a.body.totals);
    expect(b.body.byAssignee).toEqual(a.body.byAssignee);
  });

  it('Accept: text/csv → a CSV with a header and the total row', async () => {
    const res = await t.request<string>('GET', `/api/reports/sla?${PERIOD}`, {
      cookie: seller.cookie,
      headers: { accept: 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('nenner-sla-2026-11-16-2026-11-18.csv');
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'group,key,name,handoffs,answered,within_sla,judged,within_sla_rate,median_response_hours,p90_response_hours,accepted,rejected,acceptance_rate,converted',
    );
    expect(lines[1]).toBe('total,,2026-11-16..2026-11-18,4,3,2,4,0.5,1,7.92,1,2,0.3333,1');
    expect(lines).toContain(`assignee,${seller.user.id},Sam Sales,2,2,1,2,0.5,1,7.92,1,1,0.5,1`);
    expect(lines.some((l) => l.startsWith('source,website,website,2,'))).toBe(true);
  });

  it('CSV cells that a spreadsheet would run as a formula are neutralised', async () => {
    at('2026-11-20T09:00:00.000Z');
    const res = await t.request<LeadResult>('POST', '/api/leads', {
      cookie: marketer.cookie,
      body: { email: 'formel@gmail.com', jobTitle: 'Head of Sales', utm_campaign: '=HYPERLINK("http://x","y")' },
    });
    vi.useRealTimers();
    expect(res.status, res.text).toBe(201);
    const csv = await t.request<string>('GET', '/api/reports/sla?from=2026-11-20&to=2026-11-20', {
      cookie: seller.cookie,
      headers: { accept: 'text/csv' },
    });
    const campaign = csv.text.split('\r\n').find((l) => l.startsWith('campaign,'));
    expect(campaign).toMatch(/^campaign,"'=HYPERLINK\(""http:\/\/x"",""y""\)",/);
  });

  it('an empty period has zero figures and null rates', async () => {
    const res = await t.get<Report>('/api/reports/sla?from=2026-10-01&to=2026-10-31', seller);
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ handoffs: 0, withinSlaRate: null, acceptanceRate: null });
    expect(res.body.byAssignee).toEqual([]);
  });

  it('refuses a period that ends before it starts, bad dates and unknown parameters; needs a login', async () => {
    await t.unchanged(async () => {
      expectInvalid(await t.get('/api/reports/sla?from=2026-11-18&to=2026-11-16', seller), 'query.to');
      expectInvalid(await t.get('/api/reports/sla?from=16.11.2026&to=2026-11-18', seller), 'query.from');
      expectInvalid(await t.get('/api/reports/sla?from=2026-11-16', seller), 'query.to');
      expectInvalid(await t.get('/api/reports/sla?from=2024-01-01&to=2026-11-18', seller), 'query.to');
      expectInvalid(await t.get(`/api/reports/sla?${PERIOD}&team=x`, seller), 'query.team');
      expectProblem(await t.get(`/api/reports/sla?${PERIOD}`), 401, 'unauthenticated');
    });
  });
});
