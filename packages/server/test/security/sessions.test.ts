import type { User } from '@nenner/shared';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Session, startTestApp, type TestApp } from '../harness.js';
import { loadOperations, type Operation } from './surface.js';

/*
 * Sessions and tokens end at once: after logout, deactivation, a password change (own or an admin's reset),
 * token revocation, ending a session from the session list, and turning on a second factor, the very next
 * request with the old cookie or token is 401. Each case is counted for the suite's figure line.
 */

let t: TestApp;
let admin: Session;
let operations: Operation[];
const results: string[] = [];
let accepted = 0;
const NEW_PASSWORD = 'Zebra Leuchtturm Tinte 42';

beforeAll(async () => {
  t = await startTestApp({ NENNER_LOGIN_MAX_FAILURES_IP: '1000' });
  admin = await t.session('management', 'admin');
  ({ operations } = await loadOperations(t));
});
afterAll(async () => {
  console.log(`sessions: ${results.length} revocations checked (${results.join(', ')}), ${accepted} still accepted`);
  await t?.close();
});

const has = (method: string, path: string) => operations.some((o) => o.method === method && o.path === path);

/** The old credential is refused on the next request. */
const expectEnded = async (what: string, credential: Session | string) => {
  const res = await t.get('/api/auth/me', credential);
  if (res.status !== 401) accepted += 1;
  expect(res.status, `${what}: ${res.text}`).toBe(401);
  results.push(what);
};

const versionOf = async (id: string) => (await t.get<User>(`/api/users/${id}`, admin)).body.version;

// each case logs in several times: scrypt on a loaded machine takes seconds per login
describe('sessions and tokens end at once', { timeout: 120_000 }, () => {
  it('logout ends the session, and only it', async () => {
    const user = await t.session('sales', 'member');
    const other = { ...user, cookie: await t.login(user.email) };
    expect((await t.get('/api/auth/me', user)).status).toBe(200);
    const out = await t.request('POST', '/api/auth/logout', { cookie: user.cookie });
    expect(out.status).toBeLessThan(300);
    await expectEnded('logout', user);
    expect((await t.get('/api/auth/me', other)).status).toBe(200);
  });

  it('deactivation ends every session and token of the user', async () => {
    const user = await t.session('marketing', 'member');
    const token = (await t.createToken(user)).token;
    const res = await t.request('PATCH', `/api/users/${user.user.id}`, {
      cookie: admin.cookie,
      ifMatch: await versionOf(user.user.id),
      body: { active: false },
    });
    expect(res.status, res.text).toBe(200);
    await expectEnded('deactivation (cookie)', user);
    await expectEnded('deactivation (token)', token);
  });

  it('changing one’s own password ends the other sessions and revokes the tokens; this session stays', async () => {
    const user = await t.session('sales', 'member');
    const second = { ...user, cookie: await t.login(user.email) };
    const token = (await t.createToken(user)).token;
    const res = await t.request('POST', '/api/auth/password', {
      cookie: user.cookie,
      body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(res.status, res.text).toBeLessThan(300);
    await expectEnded('own password change (other session)', second);
    await expectEnded('own password change (token)', token);
    expect((await t.get('/api/auth/me', user)).status).toBe(200);
    expect(
      (await t.request('POST', '/api/auth/login', { body: { email: user.email, password: PASSWORD } })).status,
    ).toBe(401);
  });

  it('an admin’s password reset ends every session and token of the user', async () => {
    const user = await t.session('marketing', 'member');
    const token = (await t.createToken(user)).token;
    const res = await t.request('PATCH', `/api/users/${user.user.id}`, {
      cookie: admin.cookie,
      ifMatch: await versionOf(user.user.id),
      body: { password: NEW_PASSWORD },
    });
    expect(res.status, res.text).toBe(200);
    await expectEnded('admin password reset (cookie)', user);
    await expectEnded('admin password reset (token)', token);
  });

  it('a revoked token is refused on its next request', async () => {
    const user = await t.session('sales', 'member');
    const created = await t.createToken(user);
    expect((await t.get('/api/auth/me', created.token)).status).toBe(200);
    expect((await t.request('DELETE', `/api/tokens/${created.id}`, { cookie: user.cookie })).status).toBe(204);
    await expectEnded('token revocation', created.token);
  });

  it('ending a session from the session list, and an admin ending all of a user’s sessions', async (ctx) => {
    if (!has('GET', '/api/auth/sessions') || !has('POST', '/api/users/:id/sessions/end')) ctx.skip();
    const user = await t.session('sales', 'member');
    const second = { ...user, cookie: await t.login(user.email) };
    const list = await t.get<{ items: { id: string; current: boolean }[] }>('/api/auth/sessions', user);
    expect(list.status, list.text).toBe(200);
    const other = list.body.items.find((s) => !s.current);
    expect(other).toBeDefined();
    const ended = await t.request('DELETE', `/api/auth/sessions/${other?.id}`, { cookie: user.cookie });
    expect(ended.status, ended.text).toBeLessThan(300);
    await expectEnded('session ended from the list', second);

    const res = await t.request('POST', `/api/users/${user.user.id}/sessions/end`, { cookie: admin.cookie });
    expect(res.status, res.text).toBeLessThan(300);
    await expectEnded('admin ends all sessions', user);
  });

  it('with a second factor on, a password alone no longer opens a session', async (ctx) => {
    if (!has('POST', '/api/auth/two-factor/enroll') || !has('POST', '/api/auth/two-factor/confirm')) ctx.skip();
    const user = await t.session('marketing', 'member');
    const enroll = await t.request<{ secret: string }>('POST', '/api/auth/two-factor/enroll', { cookie: user.cookie });
    expect(enroll.status, enroll.text).toBeLessThan(300);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enroll.body.secret) });
    const confirm = await t.request('POST', '/api/auth/two-factor/confirm', {
      cookie: user.cookie,
      body: { code: totp.generate() },
    });
    expect(confirm.status, confirm.text).toBeLessThan(300);
    const login = await t.request('POST', '/api/auth/login', { body: { email: user.email, password: PASSWORD } });
    expect(login.headers.getSetCookie().some((c) => /^nenner_session=[^;]/.test(c))).toBe(false);
    expect((login.body as { twoFactorRequired?: boolean }).twoFactorRequired).toBe(true);
    results.push('second factor required at once');
  });
});
