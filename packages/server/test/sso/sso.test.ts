import type { SsoSettings, UpdateSsoSettingsInput } from '@nenner/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, PASSWORD, type Session, startTestApp, type TestApp } from '../harness.js';
import { type ProviderAccount, startTestProvider, type TestProvider } from './provider.js';

/*
 * Single sign-on (issue 15) against a real OpenID Connect provider (oidc-provider on 127.0.0.1): the whole
 * authorization code flow with PKCE, through HTTP, on both engines.
 */

const PUBLIC_URL = 'http://localhost:3000';
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/sso/callback`;

let t: TestApp;
let idp: TestProvider;
let admin: Session;
let seq = 0;

const settings = (over: Partial<UpdateSsoSettingsInput> = {}): UpdateSsoSettingsInput => ({
  enabled: true,
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  displayName: 'Firmen-Login',
  allowedDomains: ['firma.example'],
  groupRules: [
    { group: 'crm-admins', department: 'management', role: 'admin' },
    { group: 'marketing', department: 'marketing', role: 'member' },
  ],
  defaultDepartment: 'sales',
  defaultRole: 'viewer',
  passwordLoginDisabled: false,
  ...over,
});

const configure = async (over: Partial<UpdateSsoSettingsInput> = {}) => {
  const res = await t.request<SsoSettings>('PUT', '/api/settings/sso', { cookie: admin.cookie, body: settings(over) });
  expect(res.status, res.text).toBe(200);
  return res.body;
};

const account = (over: Partial<ProviderAccount> = {}): ProviderAccount => {
  seq += 1;
  return {
    sub: `sub-${seq}`,
    email: `person${seq}@firma.example`,
    email_verified: true,
    name: `Person ${seq}`,
    ...over,
  };
};

/** GET /api/auth/sso/start: the provider's authorization URL and the browser's handle cookie. */
const start = async () => {
  const res = await t.request('GET', '/api/auth/sso/start');
  expect(res.status, res.text).toBe(302);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie).toMatch(/^nenner_sso=/);
  return { location: res.headers.get('location') ?? '', cookie };
};

/** The provider's redirect back, sent to the app's callback with the browser's cookie. */
const callback = (redirect: URL, cookie: string, json = false) =>
  t.request('GET', `/api/auth/sso/callback${redirect.search}`, {
    cookie,
    headers: json ? { accept: 'application/json' } : {},
  });

/** The whole flow for one account; answers the callback's response. */
const signIn = async (who: ProviderAccount, json = false) => {
  idp.signInAs(who);
  const { location, cookie } = await start();
  return callback(await idp.authorize(location), cookie, json);
};

const sessionCookie = (res: { headers: Headers }) =>
  (res.headers.getSetCookie().find((c) => c.startsWith('nenner_session=')) ?? '').split(';')[0] ?? '';

const userByEmail = async (email: string) =>
  (await sql<Record<string, unknown>>`select * from users where email = ${email}`.execute(t.ctx.db)).rows[0];

const count = async (table: string) =>
  Number(
    (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(t.ctx.db)).rows[0]?.n,
  );

/** The state that matters for a refused sign-in: everything but the used-up pending sign-in. */
const durable = async () => {
  const snap = await t.snapshot();
  delete snap.sso_logins;
  return snap;
};

beforeAll(async () => {
  t = await startTestApp({ NENNER_PUBLIC_URL: PUBLIC_URL, NENNER_SSO_ALLOW_HTTP_LOOPBACK: '1' });
  idp = await startTestProvider(REDIRECT_URI);
  admin = await t.session('management', 'admin');
});
afterAll(async () => {
  await t.close();
  await idp.close();
});
beforeEach(async () => {
  await configure();
});

describe('SSO settings', () => {
  it('are admin-only, never return the client secret, and keep it when left out', async () => {
    const member = await t.session('sales', 'member');
    expectProblem(await t.get('/api/settings/sso', member), 403, 'forbidden');
    const saved = await t.get<SsoSettings>('/api/settings/sso', admin);
    expect(saved.status).toBe(200);
    expect(saved.text).not.toContain(idp.clientSecret);
    expect(saved.body).toMatchObject({ clientSecretSet: true, redirectUri: REDIRECT_URI, issuer: idp.issuer });
    const kept = await configure({ clientSecret: undefined, displayName: 'Konzern-Login' });
    expect(kept.clientSecretSet).toBe(true);
    const row = (await sql<{ client_secret: string }>`select client_secret from sso_config`.execute(t.ctx.db)).rows[0];
    expect(row?.client_secret).toBe(idp.clientSecret);
    // nor does the audit trail hold it
    const audit = await sql<{ data: string }>`select data from timeline_entries where entity_id = 'sso'`.execute(
      t.ctx.db,
    );
    expect(audit.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.rows)).not.toContain(idp.clientSecret);
  });

  it('refuses a plain-http issuer that is not on a loopback address, changing nothing', async () => {
    const res = await t.unchanged(() =>
      t.request('PUT', '/api/settings/sso', {
        cookie: admin.cookie,
        body: settings({ issuer: 'http://login.example.com/realms/x' }),
      }),
    );
    expect(expectProblem(res, 400, 'validation_failed').errors?.[0]?.path).toBe('issuer');
  });

  it('tell the login page the button label, and nothing while switched off', async () => {
    expect((await t.get('/api/auth/sso/config')).body).toEqual({ enabled: true, displayName: 'Firmen-Login' });
    await configure({ enabled: false });
    expect((await t.get('/api/auth/sso/config')).body).toEqual({ enabled: false, displayName: null });
    expectProblem(
      await t.request('GET', '/api/auth/sso/start', { headers: { accept: 'application/json' } }),
      404,
      'sso_not_configured',
    );
  });
});

describe('SSO login through the provider', () => {
  it('starts with state, nonce and PKCE S256 at the discovered authorization endpoint', async () => {
    const { location, cookie } = await start();
    const url = new URL(location);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(cookie).not.toContain(url.searchParams.get('state') ?? '-');
  });

  it('creates the user on first login in the mapped department and role, and links the same user next time', async () => {
    const who = account({ groups: ['staff', 'marketing'] });
    const first = await signIn(who);
    expect(first.status, first.text).toBe(302);
    expect(first.headers.get('location')).toBe('/');
    const cookie = sessionCookie(first);
    const me = await t.request<{ email: string; department: string; role: string }>('GET', '/api/auth/me', { cookie });
    expect(me.body).toMatchObject({ email: who.email, department: 'marketing', role: 'member' });

    const user = await userByEmail(who.email);
    const audit = await sql<{
      action: string;
    }>`select action from timeline_entries where entity_id = ${String(user?.id)} order by id`.execute(t.ctx.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['created', 'sso_linked', 'sso_login']);

    const users = await count('users');
    const second = await signIn({ ...who, email: who.email, groups: ['crm-admins'] });
    expect(second.status, second.text).toBe(302);
    const again = await t.request<{ id: string; role: string }>('GET', '/api/auth/me', {
      cookie: sessionCookie(second),
    });
    // the same user; groups decide only at creation
    expect(again.body).toMatchObject({ id: user?.id, role: 'member' });
    expect(await count('users')).toBe(users);
    const links = await sql`select * from sso_identities where user_id = ${String(user?.id)}`.execute(t.ctx.db);
    expect(links.rows).toHaveLength(1);
  });

  it('uses the first matching rule, and the default without one', async () => {
    const boss = account({ groups: ['crm-admins', 'marketing'] });
    await signIn(boss);
    expect(await userByEmail(boss.email)).toMatchObject({ department: 'management', role: 'admin' });
    const plain = account({ groups: [] });
    await signIn(plain);
    expect(await userByEmail(plain.email)).toMatchObject({ department: 'sales', role: 'viewer' });
  });

  it('links an existing user of an allowed domain by email', async () => {
    const existing = await t.createUser({ email: `known${seq}@firma.example`, department: 'sales', role: 'member' });
    const res = await signIn(account({ email: existing.email, groups: ['crm-admins'] }));
    expect(res.status).toBe(302);
    const me = await t.request<{ id: string; role: string }>('GET', '/api/auth/me', { cookie: sessionCookie(res) });
    expect(me.body).toMatchObject({ id: existing.id, role: 'member' });
  });

  it('refuses a disallowed domain and creates nothing', async () => {
    const who = account({ email: `someone${seq}@elsewhere.example` });
    idp.signInAs(who);
    const { location, cookie } = await start();
    const redirect = await idp.authorize(location);
    const before = await durable();
    const res = await callback(redirect, cookie, true);
    expectProblem(res, 403, 'sso_domain_not_allowed');
    expect(sessionCookie(res)).toBe('');
    expect(await durable()).toEqual(before);
    expect(await userByEmail(who.email)).toBeUndefined();
  });

  it('sends a browser back to the login page with the error code', async () => {
    const res = await signIn(account({ email: `browser${seq}@elsewhere.example` }));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?sso_error=sso_domain_not_allowed');
  });

  it('refuses an email the provider has not verified', async () => {
    const who = account({ email_verified: false });
    expectProblem(await signIn(who, true), 403, 'sso_email_unverified');
    expect(await userByEmail(who.email)).toBeUndefined();
  });

  it('refuses a tampered state, a missing cookie and a replayed callback', async () => {
    const who = account();
    idp.signInAs(who);
    const { location, cookie } = await start();
    const redirect = await idp.authorize(location);
    const tampered = new URL(redirect);
    tampered.searchParams.set('state', 'forged-state');
    const before = await durable();
    expectProblem(await callback(tampered, cookie, true), 400, 'sso_state_invalid');
    // the pending sign-in is used up by the attempt: the genuine answer cannot follow it
    expectProblem(await callback(redirect, cookie, true), 400, 'sso_state_invalid');
    expect(await durable()).toEqual(before);

    idp.signInAs(who);
    const second = await start();
    const answer = await idp.authorize(second.location);
    expectProblem(await callback(answer, '', true), 400, 'sso_state_invalid');
    expect(await userByEmail(who.email)).toBeUndefined();
  });

  it('reports a provider error', async () => {
    const { location, cookie } = await start();
    const state = new URL(location).searchParams.get('state') ?? '';
    const res = await t.request(
      'GET',
      `/api/auth/sso/callback?error=access_denied&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(idp.issuer)}`,
      { cookie, headers: { accept: 'application/json' } },
    );
    expectProblem(res, 502, 'sso_provider_error');
  });

  it('refuses a deactivated user, changing nothing', async () => {
    const who = account();
    const first = await signIn(who);
    expect(first.status).toBe(302);
    const user = await userByEmail(who.email);
    const current = await t.get<{ version: number }>(`/api/users/${String(user?.id)}`, admin);
    const off = await t.request('PATCH', `/api/users/${String(user?.id)}`, {
      cookie: admin.cookie,
      ifMatch: current.body.version,
      body: { active: false },
    });
    expect(off.status, off.text).toBe(200);
    idp.signInAs(who);
    const { location, cookie } = await start();
    const redirect = await idp.authorize(location);
    const before = await durable();
    expectProblem(await callback(redirect, cookie, true), 403, 'sso_user_inactive');
    expect(await durable()).toEqual(before);
  });

  it('refuses the password login of SSO users once switched off, and only theirs', async () => {
    const linked = await t.createUser({ email: `linked${seq}@firma.example` });
    expect((await signIn(account({ email: linked.email }))).status).toBe(302);
    const local = await t.createUser({ email: `local${seq}@firma.example` });
    await t.login(linked.email);

    await configure({ passwordLoginDisabled: true });
    const refused = await t.unchanged(() =>
      t.request('POST', '/api/auth/login', { body: { email: linked.email, password: PASSWORD } }),
    );
    expectProblem(refused, 403, 'sso_password_login_disabled');
    // a wrong password still answers like any wrong password
    expectProblem(
      await t.request('POST', '/api/auth/login', { body: { email: linked.email, password: 'not the password' } }),
      401,
      'invalid_credentials',
    );
    await t.login(local.email);
    await configure({ passwordLoginDisabled: false });
    await t.login(linked.email);
  });
});
