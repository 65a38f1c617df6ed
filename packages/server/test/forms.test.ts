import type { Account, Form } from '@nenner/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';
import { contactByEmail, createForm, postForm, postJson, rowsOf, STANDARD_FIELDS, timelineOf } from './lead-helpers.js';

/*
 * Lead-capture forms: who builds them, the hosted page, and what a visitor's post writes (contact,
 * account, touchpoint with UTM, first/latest source) — and what a refused post does not write.
 */

let t: TestApp;
let admin: Session;
let marketer: Session;
let seller: Session;
let viewer: Session;
let form: Form;

beforeAll(async () => {
  t = await startTestApp({ NENNER_FORM_POSTS_PER_MINUTE: '10000', NENNER_PUBLIC_URL: 'https://crm.example.de' });
  admin = await t.session('management', 'admin');
  marketer = await t.session('marketing', 'member');
  seller = await t.session('sales', 'member');
  viewer = await t.session('marketing', 'viewer');
  form = await createForm(t, marketer, {
    name: 'Whitepaper KI im Vertrieb',
    slug: 'whitepaper',
    fields: [...STANDARD_FIELDS, { key: 'jobTitle' }, { key: 'message' }],
  });
});
afterAll(async () => {
  await t?.close();
});

describe('form management', () => {
  it('marketing creates a form from the contract input: 201 with url, embed snippet and defaults', async () => {
    const res = await t.request<Form>('POST', '/api/forms', {
      cookie: marketer.cookie,
      body: { name: 'Kontakt', slug: 'Kontakt-Seite', fields: STANDARD_FIELDS },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Kontakt',
      slug: 'kontakt-seite',
      version: 1,
      active: true,
      doubleOptIn: false,
      submissions: 0,
      url: 'https://crm.example.de/f/kontakt-seite',
      fields: [
        { key: 'email', required: true },
        { key: 'firstName', required: false },
        { key: 'lastName', required: false },
        { key: 'company', required: false },
      ],
    });
    expect(res.body.embedHtml).toContain('src="https://crm.example.de/f/kontakt-seite?embed=1"');
    const got = await t.get<Form>(`/api/forms/${res.body.id}`, seller);
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(res.body.id);
    const list = await t.get<{ items: Form[] }>('/api/forms', viewer);
    expect(list.body.items.map((f) => f.slug)).toContain('kontakt-seite');
  });

  it.each([
    ['a sales member', () => seller],
    ['a marketing viewer', () => viewer],
  ])('%s cannot create, edit or delete a form (403, nothing changed)', async (_, who) => {
    await t.unchanged(async () => {
      expectProblem(
        await t.request('POST', '/api/forms', {
          cookie: who().cookie,
          body: { name: 'X', slug: 'x-form', fields: STANDARD_FIELDS },
        }),
        403,
        'forbidden',
      );
      expectProblem(
        await t.request('PATCH', `/api/forms/${form.id}`, {
          cookie: who().cookie,
          ifMatch: form.version,
          body: { name: 'Hijacked' },
        }),
        403,
        'forbidden',
      );
      expectProblem(await t.request('DELETE', `/api/forms/${form.id}`, { cookie: who().cookie }), 403, 'forbidden');
    });
  });

  it('refuses bad definitions with the field named, writing nothing', async () => {
    await t.unchanged(async () => {
      expectInvalid(
        await t.request('POST', '/api/forms', {
          cookie: marketer.cookie,
          body: { name: 'No email', slug: 'no-email', fields: [{ key: 'firstName' }] },
        }),
        'fields',
      );
      expectInvalid(
        await t.request('POST', '/api/forms', {
          cookie: marketer.cookie,
          body: { name: 'Bad slug', slug: 'not a slug!', fields: STANDARD_FIELDS },
        }),
        'slug',
      );
      expectProblem(
        await t.request('POST', '/api/forms', {
          cookie: marketer.cookie,
          body: { name: 'Dup', slug: 'whitepaper', fields: STANDARD_FIELDS },
        }),
        409,
        'slug_taken',
      );
      // a redirect to a host that is not on the allow-list
      expectInvalid(
        await t.request('POST', '/api/forms', {
          cookie: marketer.cookie,
          body: { name: 'Redirect', slug: 'redirect', fields: STANDARD_FIELDS, redirectUrl: 'https://evil.example/x' },
        }),
        'redirectUrl',
      );
      expectInvalid(
        await t.request('PATCH', `/api/forms/${form.id}`, {
          cookie: marketer.cookie,
          ifMatch: form.version,
          body: { redirectUrl: 'https://evil.example/x' },
        }),
        'redirectUrl',
      );
    });
  });

  it('edits need If-Match; a stale version is a 412; a changed consent text gets a new version', async () => {
    const f = await createForm(t, marketer, {
      name: 'Edit me',
      slug: 'edit-me',
      consent: { enabled: true, text: 'Ja, ich will Post.' },
    });
    expect(f.consent).toEqual({ enabled: true, text: 'Ja, ich will Post.', required: true, version: 1 });
    await t.unchanged(async () => {
      expectProblem(
        await t.request('PATCH', `/api/forms/${f.id}`, { cookie: marketer.cookie, body: { name: 'x' } }),
        428,
        'precondition_required',
      );
      expectProblem(
        await t.request('PATCH', `/api/forms/${f.id}`, { cookie: marketer.cookie, ifMatch: 7, body: { name: 'x' } }),
        412,
        'version_conflict',
      );
    });
    const res = await t.request<Form>('PATCH', `/api/forms/${f.id}`, {
      cookie: marketer.cookie,
      ifMatch: f.version,
      body: { name: 'Edited', consent: { enabled: true, text: 'Ja, ich will Post und Anrufe.' } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Edited', version: 2 });
    expect(res.body.consent.version).toBe(2);
  });

  it('an allow-listed redirect is accepted; a post then answers 303 to it', async () => {
    expect(
      (
        await t.request('PUT', '/api/settings/forms', {
          cookie: marketer.cookie,
          body: { redirectHosts: ['www.example.de'] },
        })
      ).status,
    ).toBe(200);
    const f = await createForm(t, marketer, {
      name: 'Redirecting',
      slug: 'redirecting',
      redirectUrl: 'https://www.example.de/danke',
    });
    const res = await postForm(t, f.slug, { email: 'redirect@example.org' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://www.example.de/danke');
  });

  it('delete frees the address; the public page then answers 404', async () => {
    const f = await createForm(t, admin, { name: 'Gone', slug: 'gone' });
    expect((await t.request('DELETE', `/api/forms/${f.id}`, { cookie: marketer.cookie })).status).toBe(204);
    expectProblem(await t.get(`/api/forms/${f.id}`, marketer), 404, 'form_not_found');
    expect((await t.get('/f/gone')).status).toBe(404);
    expectProblem(await t.get(`/api/forms/${MISSING_ID}`, marketer), 404, 'form_not_found');
    await createForm(t, marketer, { name: 'Gone again', slug: 'gone' });
  });
});

describe('public page and posts', () => {
  it('GET /f/{slug} renders the form with its fields, the honeypot and the UTM values as hidden inputs', async () => {
    const res = await t.request<string>('GET', '/f/whitepaper?utm_source=linkedin&utm_campaign=q4', {
      headers: { 'accept-language': 'de-DE,de;q=0.9' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toContain('<h1>Whitepaper KI im Vertrieb</h1>');
    expect(res.text).toContain('name="email"');
    expect(res.text).toContain('name="website"');
    expect(res.text).toContain('<input type="hidden" name="utm_source" value="linkedin">');
    expect(res.text).toContain('<input type="hidden" name="utm_campaign" value="q4">');
    expect(res.text).toContain('name="landingPage" value="https://crm.example.de/f/whitepaper?utm_source=linkedin');
    expect((await t.get('/f/no-such-form')).status).toBe(404);
  });

  it('a browser post with UTM creates the contact, a free-mail address creates no account, the touchpoint carries UTM and landing page', async () => {
    const res = await postForm(t, 'whitepaper', {
      email: 'Jana.Becker@GMAIL.com',
      firstName: 'Jana',
      lastName: 'Becker',
      utm_source: 'linkedin',
      utm_medium: 'social',
      utm_campaign: 'q4-whitepaper',
      utm_term: 'crm',
      utm_content: 'banner-a',
      landingPage: 'https://www.example.de/whitepaper?utm_source=linkedin',
      referrer: 'https://www.linkedin.com/',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toContain('Thank you');

    const contact = await contactByEmail(t, marketer, 'jana.becker@gmail.com');
    expect(contact).toMatchObject({
      firstName: 'Jana',
      lastName: 'Becker',
      emails: ['Jana.Becker@GMAIL.com'],
      accountId: null,
      lifecycleStage: 'lead',
      source: 'website',
      firstUtmSource: 'linkedin',
      lastUtmSource: 'linkedin',
    });
    const touchpoints = (await rowsOf(t, 'touchpoints')).filter((r) => r.contact_id === contact?.id);
    expect(touchpoints).toHaveLength(1);
    expect(touchpoints[0]).toMatchObject({
      type: 'form_submission',
      form_id: form.id,
      utm_source: 'linkedin',
      utm_medium: 'social',
      utm_campaign: 'q4-whitepaper',
      utm_term: 'crm',
      utm_content: 'banner-a',
      referrer: 'https://www.linkedin.com/',
      landing_page: 'https://www.example.de/whitepaper?utm_source=linkedin',
    });
    const entries = await timelineOf(t, marketer, contact?.id ?? '', 'touchpoint');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'touchpoint',
      action: 'form_submission',
      data: {
        formId: form.id,
        formName: 'Whitepaper KI im Vertrieb',
        utm_source: 'linkedin',
        utm_medium: 'social',
        utm_campaign: 'q4-whitepaper',
        utm_term: 'crm',
        utm_content: 'banner-a',
        landingPage: 'https://www.example.de/whitepaper?utm_source=linkedin',
        referrer: 'https://www.linkedin.com/',
      },
    });
  });

  it('the same email in other case through another form matches the contact; first UTM source stays, latest moves', async () => {
    const other = await createForm(t, marketer, { name: 'Webinar', slug: 'webinar' });
    const res = await postJson(t, other.slug, {
      email: 'jana.becker@gmail.com',
      firstName: 'Johanna',
      utm_source: 'newsletter',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'ok', duplicate: false });
    const contact = await contactByEmail(t, marketer, 'jana.becker@gmail.com');
    // never overwrites what is there
    expect(contact).toMatchObject({ firstName: 'Jana', firstUtmSource: 'linkedin', lastUtmSource: 'newsletter' });
    expect((await rowsOf(t, 'touchpoints')).filter((r) => r.contact_id === contact?.id)).toHaveLength(2);
  });

  it('a company domain creates the account once and links later contacts of the same domain to it', async () => {
    const before = (await rowsOf(t, 'accounts')).length;
    await postForm(t, 'whitepaper', { email: 'max@nordwind-logistik.de', company: 'Nordwind Logistik GmbH' });
    await postForm(t, 'whitepaper', { email: 'eva@Nordwind-Logistik.de', company: 'Nordwind' });
    const accounts = await rowsOf(t, 'accounts');
    expect(accounts).toHaveLength(before + 1);
    const max = await contactByEmail(t, marketer, 'max@nordwind-logistik.de');
    const eva = await contactByEmail(t, marketer, 'eva@nordwind-logistik.de');
    expect(max?.accountId).toBeTruthy();
    expect(eva?.accountId).toBe(max?.accountId);
    const account = await t.get<Account>(`/api/accounts/${max?.accountId}`, marketer);
    expect(account.body).toMatchObject({ name: 'Nordwind Logistik GmbH', domain: 'nordwind-logistik.de' });

    // an existing account with the domain is linked, not duplicated
    const existing = await t.createAccount(seller, { name: 'Südlicht AG', domain: 'suedlicht.de' });
    await postJson(t, 'whitepaper', { email: 'ole@suedlicht.de', company: 'Suedlicht' });
    expect((await contactByEmail(t, marketer, 'ole@suedlicht.de'))?.accountId).toBe(existing.id);
  });

  it('the same form and email twice within a minute: one contact, one touchpoint, duplicate:true', async () => {
    const first = await postJson(t, 'whitepaper', { email: 'twice@example.org', firstName: 'Tim' });
    expect(first.body).toMatchObject({ status: 'ok', duplicate: false });
    const again = await t.unchanged(() => postJson(t, 'whitepaper', { email: 'TWICE@example.org', firstName: 'Tim' }));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ status: 'ok', duplicate: true });
    const contact = await contactByEmail(t, marketer, 'twice@example.org');
    expect((await rowsOf(t, 'touchpoints')).filter((r) => r.contact_id === contact?.id)).toHaveLength(1);
    // and as a browser post, too
    const html = await t.unchanged(() => postForm(t, 'whitepaper', { email: 'twice@example.org' }));
    expect(html.status).toBe(200);
  });

  it('the same submission sent five times at once still makes one contact and one touchpoint', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => postJson(t, 'whitepaper', { email: 'burst@example.org', firstName: 'Bea' })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    const contacts = (await rowsOf(t, 'contacts')).filter((c) => c.email === 'burst@example.org');
    expect(contacts).toHaveLength(1);
    expect((await rowsOf(t, 'touchpoints')).filter((r) => r.contact_id === contacts[0]?.id)).toHaveLength(1);
  });

  it('what marketing typed into a form (name, labels) is escaped on the page and in the embed snippet', async () => {
    const f = await createForm(t, marketer, {
      name: '<script>alert("n")</script>',
      slug: 'escaped',
      fields: [{ key: 'email', required: true, label: '<img src=x onerror=alert(1)>' }],
      consent: { enabled: true, text: '<a href="javascript:alert(1)">ok</a>' },
    });
    const page = await t.get('/f/escaped');
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/<script>alert|<img|<a href/);
    expect(page.text).toContain('&lt;script&gt;alert(&quot;n&quot;)&lt;/script&gt;');
    expect(f.embedHtml).not.toContain('<script>');
  });

  it('honeypot filled: answers like a success and writes nothing', async () => {
    const json = await t.unchanged(() =>
      postJson(t, 'whitepaper', { email: 'bot@example.org', firstName: 'Bot', website: 'http://spam.example' }),
    );
    expect(json.status).toBe(201);
    const real = await postJson(t, 'whitepaper', { email: 'human@example.org', firstName: 'Hanna' });
    expect(json.body).toEqual(real.body); // a bot cannot tell the difference
    const html = await t.unchanged(() =>
      postForm(t, 'whitepaper', { email: 'bot@example.org', website: 'http://spam.example' }),
    );
    expect(html.status).toBe(200);
    expect(html.text).toContain('Thank you');
    expect(await contactByEmail(t, marketer, 'bot@example.org')).toBeUndefined();
    // a form that redirects after a post redirects a bot, too
    const redirected = await t.unchanged(() =>
      postForm(t, 'redirecting', { email: 'bot@example.org', website: 'http://spam.example' }),
    );
    expect(redirected.status).toBe(303);
    expect(redirected.headers.get('location')).toBe('https://www.example.de/danke');
  });

  it('an oversized body (> 16 KB) is refused with 413 and writes nothing', async () => {
    const big = 'x'.repeat(17 * 1024);
    await t.unchanged(async () => {
      const html = await postForm(t, 'whitepaper', { email: 'big@example.org', message: big });
      expect(html.status).toBe(413);
      expectProblem(
        await postJson(t, 'whitepaper', { email: 'big@example.org', message: big }),
        413,
        'payload_too_large',
      );
    });
  });

  it('malformed JSON → 400 malformed_json; invalid values → 400 naming the field; nothing written', async () => {
    await t.unchanged(async () => {
      expectProblem(
        await t.request('POST', '/f/whitepaper', { raw: '{"email": "x@', contentType: 'application/json' }),
        400,
        'malformed_json',
      );
      expectInvalid(await postJson(t, 'whitepaper', { email: 'not-an-email' }), 'email');
      expectInvalid(await postJson(t, 'whitepaper', { firstName: 'No email' }), 'email');
      expectInvalid(await postJson(t, 'whitepaper', { email: 'a@example.org', firstName: { $ne: 1 } }), 'firstName');
      expectProblem(await t.request('POST', '/f/whitepaper', { body: ['email'] }), 400, 'validation_failed');
    });
  });

  it('a browser post with errors re-renders the form (400) with the values escaped', async () => {
    const res = await t.unchanged(() =>
      postForm(t, 'whitepaper', {
        email: '',
        firstName: '<script>alert(1)</script>',
        lastName: '"><img src=x onerror=alert(1)>',
        utm_source: '"><script>x()</script>',
      }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).not.toContain('<script>');
    expect(res.text).not.toContain('<img');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).toContain('aria-invalid="true"');
  });

  it('values a visitor sent show escaped afterwards: the timeline renders the message as safe html', async () => {
    const res = await postJson(t, 'whitepaper', {
      email: 'xss@example.org',
      firstName: '<b>Eve</b>',
      message: 'Hallo <script>alert(1)</script> <img src=x onerror=alert(2)>',
    });
    expect(res.status).toBe(201);
    const contact = await contactByEmail(t, marketer, 'xss@example.org');
    expect(contact?.firstName).toBe('<b>Eve</b>'); // stored as text, escaped wherever shown
    const [entry] = await timelineOf(t, marketer, contact?.id ?? '', 'touchpoint');
    expect(entry?.body).toContain('<script>'); // the source as typed
    expect(entry?.html ?? '').not.toMatch(/<script|<img/i);
    expect(entry?.html).toContain('&lt;script&gt;');
    // the handoff / form pages never show it raw either: the form name comes from marketing, escaped
    const page = await t.get('/f/whitepaper');
    expect(page.text).not.toContain('<b>Eve</b>');
  });

  it('an inactive or unknown form answers 404 and writes nothing', async () => {
    const inactive = await createForm(t, marketer, { name: 'Paused', slug: 'paused', active: false });
    await t.unchanged(async () => {
      expect((await postForm(t, inactive.slug, { email: 'a@example.org' })).status).toBe(404);
      expectProblem(await postJson(t, inactive.slug, { email: 'a@example.org' }), 404, 'form_not_found');
      expectProblem(await postJson(t, 'never-existed', { email: 'a@example.org' }), 404, 'form_not_found');
      expect((await t.get('/f/paused')).status).toBe(404);
    });
  });

  it('a required consent must be given; a given consent is stored with its text version and source', async () => {
    const f = await createForm(t, marketer, {
      name: 'Newsletter',
      slug: 'newsletter',
      consent: { enabled: true, text: 'Ich möchte den Newsletter.', required: true },
    });
    await t.unchanged(async () => {
      expectInvalid(await postJson(t, f.slug, { email: 'nl@example.org' }), 'consent');
      const html = await postForm(t, f.slug, { email: 'nl@example.org' });
      expect(html.status).toBe(400);
    });
    const res = await postForm(t, f.slug, { email: 'nl@example.org', consent: 'true' });
    expect(res.status).toBe(200);
    const contact = await contactByEmail(t, marketer, 'nl@example.org');
    expect(contact?.consentStatus).toBe('confirmed');
    const consents = await t.get<{ items: Record<string, unknown>[] }>(`/api/contacts/${contact?.id}/consents`, seller);
    expect(consents.body.items).toEqual([
      expect.objectContaining({
        purpose: 'marketing',
        text: 'Ich möchte den Newsletter.',
        textVersion: 1,
        source: 'form:newsletter',
        status: 'confirmed',
      }),
    ]);
  });

  it('counts submissions per form', async () => {
    const got = await t.get<Form>(`/api/forms/${form.id}`, marketer);
    expect(got.body.submissions).toBeGreaterThanOrEqual(5);
  });
});

describe('per-IP rate limit', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await startTestApp({ NENNER_FORM_POSTS_PER_MINUTE: '3' });
    const m = await small.session('marketing', 'member');
    await createForm(small, m, { name: 'Limited', slug: 'limited' });
  });
  afterAll(async () => {
    await small?.close();
  });

  it('past the limit a post answers 429 with Retry-After and writes nothing', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await postJson(small, 'limited', { email: `ok${i}@example.org` })).status).toBe(201);
    }
    await small.unchanged(async () => {
      const json = await postJson(small, 'limited', { email: 'over@example.org' });
      expectProblem(json, 429, 'rate_limited');
      expect(json.headers.get('retry-after')).toBe('60');
      const html = await postForm(small, 'limited', { email: 'over2@example.org' });
      expect(html.status).toBe(429);
      expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    });
  });
});

describe('a database error on the public pages', () => {
  let broken: TestApp;
  beforeAll(async () => {
    broken = await startTestApp();
    const m = await broken.session('marketing', 'member');
    await createForm(broken, m, { name: 'Broken', slug: 'broken' });
    // a real failure of the database, not a mock: the tables the public pages read are gone
    await sql`alter table forms rename to forms_gone`.execute(broken.ctx.db);
    await sql`alter table consents rename to consents_gone`.execute(broken.ctx.db);
  });
  afterAll(async () => {
    await broken?.close();
  });

  it('is a 500, never a "form not found" or a "bad link"', async () => {
    expectProblem(await broken.get('/f/broken'), 500, 'internal_error');
    expectProblem(await postForm(broken, 'broken', { email: 'a@example.org' }), 500, 'internal_error');
    expectProblem(await postJson(broken, 'broken', { email: 'a@example.org' }), 500, 'internal_error');
    expectProblem(await broken.get('/f/confirm/some-token'), 500, 'internal_error');
  });
});
