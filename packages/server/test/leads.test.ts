import type { Contact, LeadResult } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';
import { rowsOf, setScoring, timelineOf } from './lead-helpers.js';

/*
 * POST /api/leads: other systems ingest leads with an API token, the same way a form post does;
 * the score breakdown; notifications and marking them read.
 */

let t: TestApp;
let marketer: Session;
let seller: Session;
let viewer: Session;
let token: string;

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  viewer = await t.session('marketing', 'viewer');
  token = (await t.createToken(marketer, 'webinar-tool')).token;
  await setScoring(t, marketer);
});
afterAll(async () => {
  await t?.close();
});

const ingest = (body: unknown, as: string | Session = token) =>
  t.request<LeadResult>('POST', '/api/leads', {
    body,
    ...(typeof as === 'string' ? { token: as } : { cookie: as.cookie }),
  });

describe('POST /api/leads', () => {
  it('with an API token: 201, contact + account + touchpoint with UTM, source api', async () => {
    const res = await ingest({
      email: 'Paula@Partner-Firma.de',
      firstName: 'Paula',
      lastName: 'Partner',
      company: 'Partner Firma GmbH',
      country: 'at',
      utm_source: 'webinar-tool',
      utm_medium: 'integration',
      utm_campaign: 'herbst',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ created: true, duplicate: false, score: 20, handoffId: null });
    const contact = (await t.get<Contact>(`/api/contacts/${res.body.contactId}`, seller)).body;
    expect(contact).toMatchObject({
      firstName: 'Paula',
      emails: ['Paula@Partner-Firma.de'],
      accountId: res.body.accountId,
      source: 'api',
      lifecycleStage: 'lead',
      firstUtmSource: 'webinar-tool',
      score: 20,
    });
    const account = await t.row('accounts', res.body.accountId ?? '');
    expect(account).toMatchObject({ name: 'Partner Firma GmbH', domain: 'partner-firma.de', country: 'AT' });
    const [entry] = await timelineOf(t, seller, contact.id, 'touchpoint');
    expect(entry?.data).toMatchObject({ formId: null, utm_source: 'webinar-tool', utm_campaign: 'herbst' });
  });

  it('the same email again within a minute → 200 duplicate, nothing written', async () => {
    const again = await t.unchanged(() => ingest({ email: 'paula@partner-firma.de', firstName: 'P.' }));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, created: true });
  });

  it('a qualifying lead: mql with a handoff; the score explains itself line by line', async () => {
    const res = await ingest({ email: 'chef@partner-firma.de', jobTitle: 'Head of Marketing' }, marketer);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ score: 40, created: true });
    expect(res.body.handoffId).toBeTruthy();
    const score = await t.get<{ score: number; threshold: number; lines: Record<string, unknown>[] }>(
      `/api/contacts/${res.body.contactId}/score`,
      seller,
    );
    expect(score.status).toBe(200);
    expect(score.body.score).toBe(40);
    expect(score.body.threshold).toBe(30);
    expect(score.body.lines).toHaveLength(2);
    expectProblem(await t.get(`/api/contacts/${MISSING_ID}/score`, seller), 404, 'contact_not_found');
  });

  it('refused: viewers (403), no credentials (401), unknown or invalid fields (400), formId (400); nothing written', async () => {
    const viewerToken = (await t.createToken(viewer)).token;
    await t.unchanged(async () => {
      expectProblem(await ingest({ email: 'v@example.org' }, viewerToken), 403, 'forbidden');
      expectProblem(
        await t.request('POST', '/api/leads', { body: { email: 'x@example.org' } }),
        401,
        'unauthenticated',
      );
      expectInvalid(await ingest({ email: 'x@example.org', score: 100 }), 'score');
      expectInvalid(await ingest({ email: 'x@example.org', formId: MISSING_ID }), 'formId');
      expectInvalid(await ingest({ email: 'nope' }), 'email');
      expectInvalid(await ingest({ email: 'x@example.org', country: 'Deutschland' }), 'country');
      expectInvalid(await ingest({ email: 'x@example.org', employeeBand: 'viele' }), 'employeeBand');
      expectProblem(
        await t.request('POST', '/api/leads', { token, raw: '{"email":', contentType: 'application/json' }),
        400,
        'malformed_json',
      );
    });
  });
});

describe('notifications', () => {
  it('lists newest first with the unread count; read one, read all; another user cannot read mine', async () => {
    // a lead no rule matches waits in the fallback queue; with no sales admin, every admin is told
    const admin = await t.session('management', 'admin');
    await ingest({ email: 'noch-einer@gmail.com', jobTitle: 'Head of IT' });
    const list = await t.get<{ items: { id: string; kind: string; readAt: string | null }[]; unread: number }>(
      '/api/notifications',
      admin,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(1);
    expect(list.body.items[0]?.kind).toBe('handoff_unassigned');
    expect(list.body.unread).toBe(list.body.items.length);
    const first = list.body.items[0]?.id ?? '';
    await t.unchanged(async () => {
      expectProblem(
        await t.request('POST', `/api/notifications/${first}/read`, { cookie: seller.cookie }),
        404,
        'notification_not_found',
      );
    });
    expect((await t.request('POST', `/api/notifications/${first}/read`, { cookie: admin.cookie })).status).toBe(204);
    const after = await t.get<{ unread: number }>('/api/notifications', admin);
    expect(after.body.unread).toBe(list.body.unread - 1);
    expect((await t.request('POST', '/api/notifications/read-all', { cookie: admin.cookie })).status).toBe(204);
    expect((await t.get<{ unread: number }>('/api/notifications', admin)).body.unread).toBe(0);
    expect((await rowsOf(t, 'notifications')).every((n) => n.read_at !== null || n.user_id !== admin.user.id)).toBe(
      true,
    );
  });
});
