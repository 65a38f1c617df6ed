import type { Team } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem, type Session, startTestApp, type TestApp } from './harness.js';
import { createForm, postForm, postJson } from './lead-helpers.js';

/*
 * Issue 15, items 9, 6 and 7: a PATCH keeps what it did not name; a NUL byte or another control
 * character, and a forged cursor, are a 400 naming the field on both engines (PostgreSQL answered 500);
 * a form redirects only to a host that is on the allow-list at the time of the post.
 */

let t: TestApp;
let admin: Session;
let sales: Session;
let marketer: Session;

beforeAll(async () => {
  t = await startTestApp({ NENNER_FORM_POSTS_PER_MINUTE: '10000' });
  admin = await t.session('management', 'admin');
  sales = await t.session('sales', 'member');
  marketer = await t.session('marketing', 'member');
});
afterAll(async () => {
  await t?.close();
});

const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('a PATCH of one field leaves the others unchanged (item 9)', () => {
  it('PATCH /api/teams/{id} with only a name keeps every member', async () => {
    const created = await t.request<Team>('POST', '/api/teams', {
      cookie: admin.cookie,
      body: { name: 'Nord', memberIds: [sales.user.id, marketer.user.id] },
    });
    expect(created.status, created.text).toBe(201);
    const res = await t.request<Team>('PATCH', `/api/teams/${created.body.id}`, {
      cookie: admin.cookie,
      ifMatch: created.body.version,
      body: { name: 'Nord-Ost' },
    });
    expect(res.status, res.text).toBe(200);
    const after = await t.get<Team>(`/api/teams/${created.body.id}`, admin);
    expect(after.body.name).toBe('Nord-Ost');
    expect(after.body.members.map((m) => m.id).sort()).toEqual([sales.user.id, marketer.user.id].sort());
  });
});

describe('control characters are refused with a 400 naming the field (item 6)', () => {
  it.each([
    ['q', '/api/contacts?q=a%00b', 'query.q'],
    ['a filter', '/api/contacts?source=x%00', 'query.source'],
    ['a tag filter', '/api/contacts?tag=%00', 'query.tag'],
    ['q on accounts', '/api/accounts?q=%00', 'query.q'],
    ['q on deals', '/api/deals?q=%01x', 'query.q'],
    ['a path id', '/api/contacts/%00', 'params.id'],
  ])('%s: GET %s', async (_what, path, field) => {
    expectInvalid(await t.get(path, sales), field);
  });

  it.each([
    ['POST /api/contacts', '/api/contacts', { firstName: 'Erika', lastName: 'Mus\u0000ter' }, 'lastName'],
    ['POST /api/accounts', '/api/accounts', { name: 'Firma\u0000 GmbH', city: 'Köln' }, 'name'],
    ['a multi-line field', '/api/accounts', { name: 'Firma GmbH', industry: 'a\u0007b' }, 'industry'],
    ['a tag', '/api/contacts', { lastName: 'Muster', tags: ['ok', 'b\u001b'] }, 'tags.1'],
  ])('%s: a created field with a control character is refused and nothing is written', async (_w, path, body, f) => {
    await t.unchanged(async () => {
      expectInvalid(await t.request('POST', path, { cookie: sales.cookie, body }), f);
    });
  });

  it('multi-line text keeps line breaks and tabs', async () => {
    const res = await t.request<{ description: string }>('POST', '/api/campaigns', {
      cookie: marketer.cookie,
      body: { name: 'Zeilen', channel: 'email', description: 'eins\nzwei\r\n\tdrei' },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.description).toBe('eins\nzwei\r\n\tdrei');
  });

  it('a public form post with a NUL byte is refused and writes nothing', async () => {
    const form = await createForm(t, marketer, { name: 'Nul', slug: 'nul-form' });
    await t.unchanged(async () => {
      expect((await postForm(t, form.slug, { email: 'nul@example.org', lastName: 'A\u0000' })).status).toBe(400);
      expectInvalid(await postJson(t, form.slug, { email: 'nul@example.org', utm_source: 'x\u0000' }), 'utm_source');
    });
  });
});

describe('a forged cursor is a 400, never a 500 (item 6)', () => {
  it.each([
    ['not base64 JSON', '/api/contacts', '!!!'],
    ['a NUL in the value', '/api/contacts', forged(['a\u0000', 'x', 'lastName'])],
    ['a NUL in the id', '/api/accounts', forged(['a', 'x\u0000', 'name'])],
    ['text where a timestamp belongs', '/api/contacts?sort=createdAt', forged(['yesterday', 'x', 'createdAt'])],
    ['text where an amount belongs', '/api/deals?sort=amount', forged(['lots', 'x', 'amount'])],
    ['a number where a name belongs', '/api/deals?sort=name', forged([5, 'x', 'name'])],
    ['a bad date', '/api/deals?sort=closeDate', forged(['2026-13-45', 'x', 'closeDate'])],
    ['text where a timestamp belongs', '/api/handoffs', forged(['gestern', 'x'])],
    ['text where a timestamp belongs', '/api/notifications', forged(['gestern', 'x'])],
    ['a wrong sort', '/api/contacts?sort=lastName', forged(['a', 'x', 'createdAt'])],
  ])('%s: %s', async (_what, path, cursor) => {
    const res = await t.get(`${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`, admin);
    const problem = expectProblem(res, 400, 'invalid_cursor');
    expect(problem.errors?.map((e) => e.path)).toEqual(['query.cursor']);
  });
});

describe('the redirect allow-list is checked at redirect time (item 7)', () => {
  it('a host removed from the list after the form was saved gets no redirect', async () => {
    const put = (redirectHosts: string[]) =>
      t.request('PUT', '/api/settings/forms', { cookie: marketer.cookie, body: { redirectHosts } });
    expect((await put(['www.example.de'])).status).toBe(200);
    const form = await createForm(t, marketer, {
      name: 'Weiter',
      slug: 'weiter',
      redirectUrl: 'https://www.example.de/danke',
    });
    const before = await postForm(t, form.slug, { email: 'weiter1@example.org' });
    expect(before.status).toBe(303);
    expect(before.headers.get('location')).toBe('https://www.example.de/danke');

    expect((await put([])).status).toBe(200);
    const after = await postForm(t, form.slug, { email: 'weiter2@example.org' });
    expect(after.status).toBe(200);
    expect(after.headers.get('location')).toBeNull();
    expect(after.text).toContain('Weiter');
  });
});
