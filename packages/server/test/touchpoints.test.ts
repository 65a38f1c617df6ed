import type { Campaign, Form, Touchpoint } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';
import { contactByEmail, createForm, postForm, postJson, rowsOf, timelineOf } from './lead-helpers.js';

/*
 * Touchpoints land on the right campaign: a public form post by its UTM campaign key, by the form's
 * campaign link, or by the form's old free-text key; POST /api/touchpoints records one that happened
 * earlier, never one in the future.
 */

let t: TestApp;
let marketer: Session;
let seller: Session;
let viewer: Session;
let spring: Campaign;
let webinar: Campaign;
let plainForm: Form;

const createCampaign = async (as: Session, body: Record<string, unknown>): Promise<Campaign> => {
  const res = await t.request<Campaign>('POST', '/api/campaigns', { cookie: as.cookie, body });
  if (res.status !== 201) throw new Error(`create campaign → ${res.status} ${res.text}`);
  return res.body;
};

const touchpointsOf = async (contactId: string | undefined) =>
  (await rowsOf(t, 'touchpoints')).filter((r) => r.contact_id === contactId);

beforeAll(async () => {
  t = await startTestApp({ NENNER_FORM_POSTS_PER_MINUTE: '10000' });
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  viewer = await t.session('marketing', 'viewer');
  spring = await createCampaign(marketer, {
    name: 'Frühjahrskampagne 2026',
    channel: 'paid_search',
    utmKeys: ['Fruehjahr-2026'],
  });
  webinar = await createCampaign(marketer, {
    name: 'Webinarreihe November',
    channel: 'webinar',
    utmKeys: ['webinar-nov'],
  });
  plainForm = await createForm(t, marketer, { name: 'Kontakt', slug: 'kontakt' });
  await createForm(t, marketer, { name: 'Newsletter', slug: 'newsletter' });
});
afterAll(async () => {
  await t?.close();
});

describe('form posts by UTM campaign key', () => {
  it('a post whose utm_campaign is a campaign key (any case) lands on that campaign and on the contact timeline', async () => {
    const res = await postForm(t, 'kontakt', {
      email: 'eva.lang@lang-antriebe.de',
      firstName: 'Eva',
      lastName: 'Lang',
      utm_source: 'google',
      utm_campaign: 'FRUEHJAHR-2026',
    });
    expect(res.status).toBe(200);
    const contact = await contactByEmail(t, marketer, 'eva.lang@lang-antriebe.de');
    const touches = await touchpointsOf(contact?.id);
    expect(touches).toHaveLength(1);
    expect(touches[0]).toMatchObject({
      type: 'form_submission',
      form_id: plainForm.id,
      utm_campaign: 'FRUEHJAHR-2026',
      campaign_id: spring.id,
    });
    const [entry] = await timelineOf(t, marketer, contact?.id ?? '', 'touchpoint');
    expect(entry).toMatchObject({
      action: 'form_submission',
      data: {
        formId: plainForm.id,
        formName: 'Kontakt',
        campaignId: spring.id,
        campaignName: 'Frühjahrskampagne 2026',
      },
    });
    expect(await t.row('contacts', contact?.id ?? '')).toMatchObject({ source_campaign_id: spring.id });
  });

  it("another key lands on the other campaign; the contact's first campaign stays its source", async () => {
    await postJson(t, 'kontakt', { email: 'ole.berg@berg-holz.de', utm_campaign: 'webinar-nov' });
    const ole = await contactByEmail(t, marketer, 'ole.berg@berg-holz.de');
    expect((await touchpointsOf(ole?.id))[0]).toMatchObject({ campaign_id: webinar.id });
    expect(await t.row('contacts', ole?.id ?? '')).toMatchObject({ source_campaign_id: webinar.id });

    // Eva comes back (through another form: the same post to the same form within a minute is one)
    // from the webinar: a second touch, on the webinar; her source stays spring
    await postJson(t, 'newsletter', { email: 'eva.lang@lang-antriebe.de', utm_campaign: 'webinar-nov' });
    const eva = await contactByEmail(t, marketer, 'eva.lang@lang-antriebe.de');
    expect((await touchpointsOf(eva?.id)).map((r) => r.campaign_id).sort()).toEqual([spring.id, webinar.id].sort());
    expect(await t.row('contacts', eva?.id ?? '')).toMatchObject({ source_campaign_id: spring.id });
  });

  it('an unknown key and no key credit no campaign', async () => {
    await postJson(t, 'kontakt', { email: 'kai@kai-bau.de', utm_campaign: 'sommer-2019' });
    await postJson(t, 'kontakt', { email: 'ina@ina-metall.de' });
    for (const email of ['kai@kai-bau.de', 'ina@ina-metall.de']) {
      const c = await contactByEmail(t, marketer, email);
      expect((await touchpointsOf(c?.id))[0]).toMatchObject({ campaign_id: null });
      expect(await t.row('contacts', c?.id ?? '')).toMatchObject({ source_campaign_id: null });
      const [entry] = await timelineOf(t, marketer, c?.id ?? '', 'touchpoint');
      expect(entry?.data).toMatchObject({ campaignId: null, campaignName: null });
    }
  });
});

describe('forms linked to a campaign', () => {
  let linked: Form;

  it('a form takes a campaign by id and shows it; an unknown campaign → 404, nothing written', async () => {
    linked = await createForm(t, marketer, { name: 'Webinar-Anmeldung', slug: 'webinar', campaignId: webinar.id });
    expect(linked).toMatchObject({ campaignId: webinar.id, campaignName: 'Webinarreihe November' });
    expect((await t.get<Form>(`/api/forms/${linked.id}`, marketer)).body).toMatchObject({ campaignId: webinar.id });
    const res = await t.unchanged(() =>
      t.request('POST', '/api/forms', {
        cookie: marketer.cookie,
        body: { name: 'X', slug: 'x-form', fields: [{ key: 'email', required: true }], campaignId: MISSING_ID },
      }),
    );
    expectProblem(res, 404, 'campaign_not_found');
    expectInvalid(
      await t.request('POST', '/api/forms', {
        cookie: marketer.cookie,
        body: { name: 'X', slug: 'x-form', fields: [{ key: 'email', required: true }], campaignId: 'nope' },
      }),
      'campaignId',
    );
  });

  it("a post without UTM credits the form's campaign; a post naming another known key credits that one; an unknown key falls back to the form's", async () => {
    await postJson(t, 'webinar', { email: 'a@alpha-werke.de' });
    await postJson(t, 'webinar', { email: 'b@alpha-werke.de', utm_campaign: 'fruehjahr-2026' });
    await postJson(t, 'webinar', { email: 'c@alpha-werke.de', utm_campaign: 'irgendwas' });
    const campaignOf = async (email: string) =>
      (await touchpointsOf((await contactByEmail(t, marketer, email))?.id))[0]?.campaign_id;
    expect(await campaignOf('a@alpha-werke.de')).toBe(webinar.id);
    expect(await campaignOf('b@alpha-werke.de')).toBe(spring.id);
    expect(await campaignOf('c@alpha-werke.de')).toBe(webinar.id);
  });

  it('unlinking the form (PATCH campaignId null) stops crediting; the audit entry names the change', async () => {
    const res = await t.request<Form>('PATCH', `/api/forms/${linked.id}`, {
      cookie: marketer.cookie,
      ifMatch: linked.version,
      body: { campaignId: null },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ campaignId: null, campaignName: null });
    await postJson(t, 'webinar', { email: 'd@alpha-werke.de' });
    const d = await contactByEmail(t, marketer, 'd@alpha-werke.de');
    expect((await touchpointsOf(d?.id))[0]).toMatchObject({ campaign_id: null });
  });

  it('a form with only the old free-text campaign key credits the campaign owning that key', async () => {
    await createForm(t, marketer, { name: 'Alt', slug: 'alt', campaignKey: 'Webinar-Nov' });
    await postJson(t, 'alt', { email: 'e@alpha-werke.de' });
    const e = await contactByEmail(t, marketer, 'e@alpha-werke.de');
    expect((await touchpointsOf(e?.id))[0]).toMatchObject({ campaign_id: webinar.id, campaign_key: 'Webinar-Nov' });
  });
});

describe('POST /api/touchpoints', () => {
  const post = (body: unknown, as: Session = marketer) =>
    t.request<Touchpoint>('POST', '/api/touchpoints', { cookie: as.cookie, body });

  it('records a touch that happened earlier: 201, on the campaign and the contact timeline; sets the source campaign once', async () => {
    const contact = await t.createContact(seller, { emails: ['messe@kunde.de'] });
    const occurredAt = '2026-03-04T10:15:00.000Z';
    const res = await post({ contactId: contact.id, campaignId: webinar.id, type: 'event_attendance', occurredAt });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      contactId: contact.id,
      campaignId: webinar.id,
      type: 'event_attendance',
      occurredAt,
    });
    expect(await t.row('touchpoints', res.body.id)).toMatchObject({
      campaign_id: webinar.id,
      type: 'event_attendance',
    });
    const [entry] = await timelineOf(t, seller, contact.id, 'touchpoint');
    expect(entry).toMatchObject({
      action: 'event_attendance',
      createdAt: occurredAt,
      actor: { id: marketer.user.id },
      data: { campaignId: webinar.id, campaignName: 'Webinarreihe November' },
    });
    expect(await t.row('contacts', contact.id)).toMatchObject({ source_campaign_id: webinar.id });
    // a sales member records one too; the source stays the first campaign
    const again = await post(
      { contactId: contact.id, campaignId: spring.id, type: 'ad_click', occurredAt: new Date().toISOString() },
      seller,
    );
    expect(again.status).toBe(201);
    expect(await t.row('contacts', contact.id)).toMatchObject({ source_campaign_id: webinar.id });
  });

  it('a touch in the future (beyond a minute of clock skew) → 422 touch_in_future at occurredAt, nothing written', async () => {
    const contact = await t.createContact(marketer);
    const inFiveMinutes = new Date(Date.now() + 5 * 60_000).toISOString();
    const res = await t.unchanged(() =>
      post({ contactId: contact.id, campaignId: spring.id, type: 'web_visit', occurredAt: inFiveMinutes }),
    );
    const problem = expectProblem(res, 422, 'touch_in_future');
    expect(problem.errors?.map((e) => e.path)).toEqual(['occurredAt']);
    const skewed = await post({
      contactId: contact.id,
      campaignId: spring.id,
      type: 'web_visit',
      occurredAt: new Date(Date.now() + 20_000).toISOString(),
    });
    expect(skewed.status).toBe(201);
  });

  it('unknown contact or campaign → 404; bad type or date → 400; viewer → 403; nothing written', async () => {
    const contact = await t.createContact(marketer);
    const at = '2026-01-10T09:00:00.000Z';
    expectProblem(
      await t.unchanged(() =>
        post({ contactId: MISSING_ID, campaignId: spring.id, type: 'web_visit', occurredAt: at }),
      ),
      404,
      'contact_not_found',
    );
    expectProblem(
      await t.unchanged(() =>
        post({ contactId: contact.id, campaignId: MISSING_ID, type: 'web_visit', occurredAt: at }),
      ),
      404,
      'campaign_not_found',
    );
    expectInvalid(
      await t.unchanged(() => post({ contactId: contact.id, campaignId: spring.id, type: 'fax', occurredAt: at })),
      'type',
    );
    expectInvalid(
      await t.unchanged(() =>
        post({ contactId: contact.id, campaignId: spring.id, type: 'web_visit', occurredAt: 'yesterday' }),
      ),
      'occurredAt',
    );
    expectProblem(
      await t.unchanged(() =>
        post({ contactId: contact.id, campaignId: spring.id, type: 'web_visit', occurredAt: at }, viewer),
      ),
      403,
      'forbidden',
    );
  });

  it('a deleted campaign takes no new touches but keeps its old ones on the timelines', async () => {
    const fair = await createCampaign(marketer, { name: 'Messe Essen', channel: 'trade_fair', utmKeys: ['essen'] });
    const contact = await t.createContact(marketer);
    const first = await post({
      contactId: contact.id,
      campaignId: fair.id,
      type: 'event_attendance',
      occurredAt: '2026-02-01T12:00:00.000Z',
    });
    expect(first.status).toBe(201);
    expect((await t.request('DELETE', `/api/campaigns/${fair.id}`, { cookie: marketer.cookie })).status).toBe(204);
    expect(await t.row('touchpoints', first.body.id)).toMatchObject({ campaign_id: fair.id });
    const [entry] = await timelineOf(t, marketer, contact.id, 'touchpoint');
    expect(entry?.data).toMatchObject({ campaignId: fair.id, campaignName: 'Messe Essen' });
    expectProblem(
      await t.unchanged(() =>
        post({
          contactId: contact.id,
          campaignId: fair.id,
          type: 'event_attendance',
          occurredAt: '2026-02-02T12:00:00.000Z',
        }),
      ),
      404,
      'campaign_not_found',
    );
    // its key is free: a form post with it credits no campaign
    await postJson(t, 'kontakt', { email: 'f@alpha-werke.de', utm_campaign: 'essen' });
    const f = await contactByEmail(t, marketer, 'f@alpha-werke.de');
    expect((await touchpointsOf(f?.id))[0]).toMatchObject({ campaign_id: null });
  });
});

describe('campaign touches count for the lead score', () => {
  it('an offline touch raises the score; a member response that crosses the threshold hands the lead to sales', async () => {
    const admin = await t.session('marketing', 'admin');
    const scoring = await t.request('PUT', '/api/settings/scoring', {
      cookie: admin.cookie,
      body: {
        mqlThreshold: 30,
        fit: [],
        engagement: [
          { id: 'event', touchpointType: 'event_attendance', points: 25, halfLifeDays: 60 },
          { id: 'response', touchpointType: 'campaign_response', points: 10, halfLifeDays: 60 },
        ],
      },
    });
    expect(scoring.status, scoring.text).toBe(200);
    const fair = await createCampaign(marketer, { name: 'Kundentag Köln', channel: 'event' });
    const mailing = await createCampaign(marketer, { name: 'Einladung Kundentag', channel: 'email' });
    const contact = await t.createContact(marketer, { lastName: 'Punkte', lifecycleStage: 'lead' });
    const handoffsOf = async () => (await rowsOf(t, 'handoffs')).filter((h) => h.contact_id === contact.id);

    // attended a minute ago: 25 points (a minute of a 60-day half-life takes nothing off the whole points)
    const attended = await t.request<Touchpoint>('POST', '/api/touchpoints', {
      cookie: marketer.cookie,
      body: {
        contactId: contact.id,
        campaignId: fair.id,
        type: 'event_attendance',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    expect(attended.status, attended.text).toBe(201);
    expect(Math.round(Number((await t.row('contacts', contact.id))?.score))).toBe(25);
    expect(await handoffsOf()).toHaveLength(0);

    // responding to the mailing adds 10: 35 ≥ 30, so the contact becomes an MQL with an open handoff
    const responded = await t.request('POST', `/api/campaigns/${mailing.id}/members`, {
      cookie: marketer.cookie,
      body: { contactIds: [contact.id], status: 'responded' },
    });
    expect(responded.status, responded.text).toBe(200);
    const after = await t.row('contacts', contact.id);
    expect(Math.round(Number(after?.score))).toBe(35);
    expect(after?.lifecycle_stage).toBe('mql');
    const handoffs = await handoffsOf();
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]).toMatchObject({ status: 'open', qualified_reason: 'score' });
  });
});
