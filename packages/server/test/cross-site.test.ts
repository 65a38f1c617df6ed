import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, PASSWORD, type Session, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let member: Session;
let token: string;
let accountId: string;
let accountVersion: number;
beforeAll(async () => {
  t = await startTestApp();
  member = await t.session('sales', 'member');
  token = (await t.createToken(member)).token;
  const account = await t.createAccount(member, { name: 'Ziel AG' });
  accountId = account.id;
  accountVersion = account.version;
});
afterAll(async () => {
  await t.close();
});

describe('cross-site protection of cookie-authenticated writes', () => {
  const crossSite: [string, Record<string, string>][] = [
    ['Origin: https://evil.example', { origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['Origin: null', { origin: 'null' }],
  ];

  it.each(crossSite)('refuses a POST with %s: 403 cross_site_request, nothing written', async (_label, headers) => {
    const res = await t.unchanged(() =>
      t.request('POST', '/api/accounts', { cookie: member.cookie, headers, body: { name: 'Evil GmbH' } }),
    );
    expectProblem(res, 403, 'cross_site_request');
  });

  it.each(crossSite)('refuses PATCH and DELETE with %s', async (_label, headers) => {
    const patch = await t.unchanged(() =>
      t.request('PATCH', `/api/accounts/${accountId}`, {
        cookie: member.cookie,
        headers,
        ifMatch: accountVersion,
        body: { name: 'Evil GmbH' },
      }),
    );
    expectProblem(patch, 403, 'cross_site_request');
    const del = await t.unchanged(() =>
      t.request('DELETE', `/api/accounts/${accountId}`, { cookie: member.cookie, headers }),
    );
    expectProblem(del, 403, 'cross_site_request');
  });

  it('refuses a cross-site login (login CSRF) and logout', async () => {
    const res = await t.unchanged(() =>
      t.request('POST', '/api/auth/login', {
        headers: { origin: 'https://evil.example' },
        body: { email: member.email, password: PASSWORD },
      }),
    );
    expectProblem(res, 403, 'cross_site_request');
    expect(res.headers.get('set-cookie')).toBeNull();
    const out = await t.unchanged(() =>
      t.request('POST', '/api/auth/logout', { cookie: member.cookie, headers: { 'sec-fetch-site': 'cross-site' } }),
    );
    expectProblem(out, 403, 'cross_site_request');
    expect((await t.get('/api/auth/me', member)).status).toBe(200);
  });

  it.each([
    ['text/plain', 'text/plain', '{"name":"Evil GmbH"}'],
    ['text/plain;charset=UTF-8', 'text/plain;charset=UTF-8', '{"name":"Evil GmbH"}'],
    ['a urlencoded form', 'application/x-www-form-urlencoded', 'name=Evil+GmbH'],
    [
      'a multipart form',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nEvil\r\n--x--\r\n',
    ],
  ])('refuses %s POST with 415 unsupported_media_type, nothing written', async (_label, contentType, raw) => {
    const res = await t.unchanged(() =>
      t.request('POST', '/api/accounts', { cookie: member.cookie, raw, contentType }),
    );
    expectProblem(res, 415, 'unsupported_media_type');
    const note = await t.unchanged(() =>
      t.request('POST', `/api/accounts/${accountId}/notes`, { cookie: member.cookie, raw, contentType }),
    );
    expectProblem(note, 415, 'unsupported_media_type');
  });

  it('accepts same-origin writes (matching Origin, Sec-Fetch-Site same-origin, or no such headers)', async () => {
    const variants: Record<string, string>[] = [
      { origin: t.url },
      { 'sec-fetch-site': 'same-origin', origin: t.url },
      {},
    ];
    for (const headers of variants) {
      const res = await t.request('POST', '/api/accounts', {
        cookie: member.cookie,
        headers,
        body: { name: 'Gut AG' },
      });
      expect(res.status).toBe(201);
    }
  });

  it('does not apply the origin check to Bearer-token requests', async () => {
    const res = await t.request('POST', '/api/accounts', {
      token,
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: { name: 'Skript GmbH' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Skript GmbH', version: 1 });
  });
});
