import type { FunnelGroup, FunnelResult, LeadFlowResult } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/lib/ids.js';
import { expectInvalid, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * The funnel of a hand-built cohort (workspace zone Europe/Berlin, period March 2026). Stamps are
 * back-dated through SQL; the expected counts, rates and medians are worked out by hand below.
 *
 *        source   campaign  lead (UTC)     mql      sal      sql      opp      customer
 *   C1   website  A webinar 03-02 10:00    +2 d     +1 d     +3 d     +2 d     +10 d
 *   C2   website  A webinar 03-03 08:00    +1 d     –        +6 d (from lead 7 d; from mql 6 d)
 *   C3   event    B fair    03-05 09:00    +4 d     +2 d
 *   C4   event    –         03-10 12:00    +3 d
 *   C5   website  A webinar 03-15 12:00
 *   C6   –        –         03-31 21:00 (23:00 CEST, still March)
 *   out  website  –         03-31 22:30 (00:30 CEST on 1 April), and 02-28 22:30 (23:30 CET, February)
 *   del  website  –         03-12, in the trash
 *
 * Reached (a stage or any later one): lead 6; mql C1 C2 C3 C4 = 4; sal C1 C2 (has sql) C3 = 3;
 * sql C1 C2 = 2; opportunity C1 = 1; customer C1 = 1. Rates: 4/6, 3/4, 2/3, 1/2, 1/1.
 * Median days (contacts with both consecutive stamps): lead→mql 1, 2, 3, 4 → 2.5; mql→sal 1, 2 → 1.5
 * (C2 has no sal stamp); sal→sql C1 3 → 3; sql→opp 2; opp→customer 10.
 */

let t: TestApp;
let marketer: Session;
let seller: Session;
let campaignA: string;
let campaignB: string;
const ids: Record<string, string> = {};

const DAY = 86_400_000;
const iso = (base: string, plusDays = 0) => new Date(Date.parse(base) + plusDays * DAY).toISOString();
const PERIOD = 'from=2026-03-01&to=2026-03-31';

const insertCampaign = async (name: string, channel: string, owner: Session) =>
  (await t.createCampaign(owner, { name, channel, status: 'active' })).id;

interface Stamps {
  lead: string;
  mql?: string;
  sal?: string;
  sql?: string;
  opportunity?: string;
  customer?: string;
}

/** A contact created through the API, then its stamps back-dated in SQL. */
const contact = async (
  name: string,
  owner: Session,
  source: string | undefined,
  campaignId: string | null,
  s: Stamps,
) => {
  const created = await t.createContact(owner, {
    lastName: name,
    ownerId: owner.user.id,
    ...(source && { source }),
  });
  await t.ctx.db
    .updateTable('contacts')
    .set({
      lead_at: s.lead,
      mql_at: s.mql ?? null,
      sal_at: s.sal ?? null,
      sql_at: s.sql ?? null,
      opportunity_at: s.opportunity ?? null,
      customer_at: s.customer ?? null,
      source_campaign_id: campaignId,
    })
    .where('id', '=', created.id)
    .execute();
  ids[name] = created.id;
  return created.id;
};

const group = (r: FunnelResult, key: string | null): FunnelGroup => {
  const g = r.groups.find((x) => x.key === key);
  if (!g) throw new Error(`no group ${key}`);
  return g;
};

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  campaignA = await insertCampaign('Frühjahrs-Webinar', 'webinar', marketer);
  campaignB = await insertCampaign('Hannover Messe', 'trade_fair', marketer);
  const c1 = '2026-03-02T10:00:00.000Z';
  await contact('C1', marketer, 'website', campaignA, {
    lead: c1,
    mql: iso(c1, 2),
    sal: iso(c1, 3),
    sql: iso(c1, 6),
    opportunity: iso(c1, 8),
    customer: iso(c1, 18),
  });
  const c2 = '2026-03-03T08:00:00.000Z';
  await contact('C2', marketer, 'website', campaignA, { lead: c2, mql: iso(c2, 1), sql: iso(c2, 7) });
  const c3 = '2026-03-05T09:00:00.000Z';
  await contact('C3', marketer, 'event', campaignB, { lead: c3, mql: iso(c3, 4), sal: iso(c3, 6) });
  const c4 = '2026-03-10T12:00:00.000Z';
  await contact('C4', seller, 'event', null, { lead: c4, mql: iso(c4, 3) });
  await contact('C5', seller, 'website', campaignA, { lead: '2026-03-15T12:00:00.000Z' });
  await contact('C6', seller, undefined, null, { lead: '2026-03-31T21:00:00.000Z' });
  await contact('April', marketer, 'website', null, {
    lead: '2026-03-31T22:30:00.000Z',
    mql: '2026-04-01T08:00:00.000Z',
  });
  await contact('February', marketer, 'website', null, {
    lead: '2026-02-28T22:30:00.000Z',
    mql: '2026-03-02T08:00:00.000Z',
  });
  const trashed = await contact('Trashed', marketer, 'website', null, {
    lead: '2026-03-12T10:00:00.000Z',
    mql: '2026-03-13T10:00:00.000Z',
  });
  const del = await t.request('DELETE', `/api/contacts/${trashed}`, { cookie: marketer.cookie });
  expect(del.status, del.text).toBe(204);
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/reports/funnel', () => {
  it('counts the cohort per stage reached, converts stage to stage, and gives median days between stages', async () => {
    const res = await t.get<FunnelResult>(`/api/reports/funnel?${PERIOD}`, seller);
    expect(res.status, res.text).toBe(200);
    expect(res.body.stages).toEqual(['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer']);
    const expected: FunnelGroup = {
      key: null,
      name: null,
      counts: { lead: 6, mql: 4, sal: 3, sql: 2, opportunity: 1, customer: 1 },
      rates: { mql: 4 / 6, sal: 3 / 4, sql: 2 / 3, opportunity: 1 / 2, customer: 1 },
      medianDays: { mql: 2.5, sal: 1.5, sql: 3, opportunity: 2, customer: 10 },
    };
    expect(res.body.total).toEqual(expected);
    expect(res.body.groups).toEqual([expected]);
  });

  it('groups by source: website C1 C2 C5, event C3 C4, none C6 — largest cohort first', async () => {
    const res = await t.get<FunnelResult>(`/api/reports/funnel?${PERIOD}&by=source`, marketer);
    expect(res.status, res.text).toBe(200);
    expect(res.body.groups.map((g) => [g.key, g.name, g.counts.lead])).toEqual([
      ['website', 'website', 3],
      ['event', 'event', 2],
      [null, null, 1],
    ]);
    const website = group(res.body, 'website');
    expect(website.counts).toEqual({ lead: 3, mql: 2, sal: 2, sql: 2, opportunity: 1, customer: 1 });
    // mql 2/3; sal 2/2; sql 2/2; opp 1/2; customer 1/1
    expect(website.rates).toEqual({ mql: 2 / 3, sal: 1, sql: 1, opportunity: 0.5, customer: 1 });
    // lead→mql C1 2, C2 1 → 1.5; mql→sal C1 1; sal→sql C1 3
    expect(website.medianDays).toEqual({ mql: 1.5, sal: 1, sql: 3, opportunity: 2, customer: 10 });
    const event = group(res.body, 'event');
    expect(event.counts).toEqual({ lead: 2, mql: 2, sal: 1, sql: 0, opportunity: 0, customer: 0 });
    expect(event.rates).toEqual({ mql: 1, sal: 0.5, sql: 0, opportunity: null, customer: null });
    // lead→mql C3 4, C4 3 → 3.5
    expect(event.medianDays).toEqual({ mql: 3.5, sal: 2, sql: null, opportunity: null, customer: null });
    expect(group(res.body, null).counts).toEqual({ lead: 1, mql: 0, sal: 0, sql: 0, opportunity: 0, customer: 0 });
    // the groups add up to the total
    expect(res.body.total.counts).toEqual({ lead: 6, mql: 4, sal: 3, sql: 2, opportunity: 1, customer: 1 });
  });

  it('groups by campaign (with names), channel and owner', async () => {
    const byCampaign = await t.get<FunnelResult>(`/api/reports/funnel?${PERIOD}&by=campaign`, seller);
    expect(byCampaign.status, byCampaign.text).toBe(200);
    expect(byCampaign.body.groups.map((g) => [g.key, g.name, g.counts.lead, g.counts.mql])).toEqual([
      [campaignA, 'Frühjahrs-Webinar', 3, 2],
      [null, null, 2, 1],
      [campaignB, 'Hannover Messe', 1, 1],
    ]);
    const byChannel = await t.get<FunnelResult>(`/api/reports/funnel?${PERIOD}&by=channel`, seller);
    expect(byChannel.body.groups.map((g) => [g.key, g.counts.lead, g.counts.sal])).toEqual([
      ['webinar', 3, 2],
      [null, 2, 0],
      ['trade_fair', 1, 1],
    ]);
    const byOwner = await t.get<FunnelResult>(`/api/reports/funnel?${PERIOD}&by=owner`, seller);
    expect(byOwner.body.groups.map((g) => [g.key, g.name, g.counts.lead, g.counts.mql])).toEqual(
      [
        [marketer.user.id, 'Mia Marketing', 3, 3],
        [seller.user.id, 'Sam Sales', 3, 1],
      ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
  });

  it('an empty period answers zeros and no medians', async () => {
    const res = await t.get<FunnelResult>('/api/reports/funnel?from=2025-01-01&to=2025-01-31', seller);
    expect(res.status, res.text).toBe(200);
    expect(res.body.total.counts).toEqual({ lead: 0, mql: 0, sal: 0, sql: 0, opportunity: 0, customer: 0 });
    expect(res.body.total.rates.mql).toBeNull();
    expect(res.body.total.medianDays.mql).toBeNull();
    const grouped = await t.get<FunnelResult>('/api/reports/funnel?from=2025-01-01&to=2025-01-31&by=source', seller);
    expect(grouped.body.groups).toEqual([]);
  });

  it('refuses invalid queries with the field path and needs a session', async () => {
    expectInvalid(await t.get(`/api/reports/funnel?from=2026-03-31&to=2026-03-01`, seller), 'query.to');
    expectInvalid(await t.get(`/api/reports/funnel?${PERIOD}&by=team`, seller), 'query.by');
    expectInvalid(await t.get('/api/reports/funnel?from=2026-03-01', seller), 'query.to');
    expectInvalid(await t.get('/api/reports/funnel?from=2023-01-01&to=2026-03-31', seller), 'query.to');
    expectInvalid(await t.get(`/api/reports/funnel?${PERIOD}&extra=1`, seller), 'query.extra');
    expect((await t.get(`/api/reports/funnel?${PERIOD}`)).status).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('documents the analytics reports with their query schemas', async () => {
    const res = await t.get<{ paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>(
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    for (const path of [
      '/api/reports/funnel',
      '/api/reports/contribution',
      '/api/reports/contribution/records',
      '/api/reports/lead-flow',
      '/api/reports/pipeline-by-source',
    ]) {
      expect(res.body.paths[path]?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['from', 'to']));
    }
  });
});

describe('GET /api/reports/lead-flow', () => {
  it('follows the cohort from origin through the latest handoff to its result', async () => {
    // C1 converted (accepted first), C3 accepted and still worked, C4 rejected and recycled; an older
    // rejected handoff of C1 is not its latest and does not count
    const handoff = async (
      contactId: string,
      qualifiedAt: string,
      h: { status: string; accepted?: boolean; rejected?: boolean },
    ) => {
      await t.ctx.db
        .insertInto('handoffs')
        .values({
          id: newId(),
          contact_id: contactId,
          status: h.status,
          qualified_at: qualifiedAt,
          qualified_by: marketer.user.id,
          qualified_reason: 'score',
          assignee_id: seller.user.id,
          team_id: null,
          routing_rule: 'fallback',
          sla_due_at: iso(qualifiedAt, 1),
          accepted_at: h.accepted ? iso(qualifiedAt, 0.1) : null,
          rejected_at: h.rejected ? iso(qualifiedAt, 0.2) : null,
          reject_reason: h.rejected ? 'no_budget' : null,
          reject_comment: null,
          first_touch_at: null,
          converted_at: h.status === 'converted' ? iso(qualifiedAt, 0.5) : null,
          converted_stage: h.status === 'converted' ? 'sql' : null,
          recycled_at: h.status === 'recycled' ? iso(qualifiedAt, 0.5) : null,
          recycle_note: null,
          responded_at: iso(qualifiedAt, 0.1),
          response_seconds: 3600,
          breached_at: null,
          source: 'website',
          form_id: null,
          utm_campaign: null,
          version: 1,
          created_at: qualifiedAt,
          updated_at: qualifiedAt,
        })
        .execute();
    };
    await handoff(ids.C1 ?? '', '2026-03-03T10:00:00.000Z', { status: 'rejected', rejected: true });
    await handoff(ids.C1 ?? '', '2026-03-04T10:00:00.000Z', { status: 'converted', accepted: true });
    await handoff(ids.C3 ?? '', '2026-03-09T09:00:00.000Z', { status: 'accepted', accepted: true });
    await handoff(ids.C4 ?? '', '2026-03-13T12:00:00.000Z', { status: 'recycled', rejected: true });

    const res = await t.get<LeadFlowResult>(`/api/reports/lead-flow?${PERIOD}`, marketer);
    expect(res.status, res.text).toBe(200);
    expect(res.body.leads).toBe(6);
    const links = Object.fromEntries(res.body.links.map((l) => [`${l.source} → ${l.target}`, l.value]));
    expect(links).toEqual({
      'origin:website → handoff:handed_off': 1, // C1
      'origin:website → handoff:not_handed_off': 2, // C2, C5
      'origin:event → handoff:handed_off': 2, // C3, C4
      'origin:none → handoff:not_handed_off': 1, // C6
      'handoff:handed_off → verdict:accepted': 2, // C1, C3
      'handoff:handed_off → verdict:rejected': 1, // C4
      'verdict:accepted → result:converted': 1, // C1
      'verdict:accepted → result:in_progress': 1, // C3
      'verdict:rejected → result:recycled': 1, // C4
    });
    const counts = Object.fromEntries(res.body.nodes.map((n) => [n.id, n.count]));
    expect(counts).toEqual({
      'origin:website': 3,
      'origin:event': 2,
      'origin:none': 1,
      'handoff:handed_off': 3,
      'handoff:not_handed_off': 3,
      'verdict:accepted': 2,
      'verdict:rejected': 1,
      'result:converted': 1,
      'result:in_progress': 1,
      'result:recycled': 1,
    });
    const byChannel = await t.get<LeadFlowResult>(`/api/reports/lead-flow?${PERIOD}&by=channel`, marketer);
    expect(byChannel.body.nodes.filter((n) => n.kind === 'origin').map((n) => [n.key, n.count])).toEqual([
      ['webinar', 3],
      [null, 2],
      ['trade_fair', 1],
    ]);
    expectInvalid(await t.get(`/api/reports/lead-flow?${PERIOD}&by=owner`, marketer), 'query.by');
  });
});
