import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, PASSWORD, type Session, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin');
});
afterAll(async () => {
  await t.close();
});

const login = (app: TestApp, email: string, password: string) =>
  app.request('POST', '/api/auth/login', { body: { email, password } });

describe('login, logout, me', () => {
  it('logs in with email and password: 200, the user, and an HttpOnly SameSite=Lax cookie without Secure over http', async () => {
    const user = await t.createUser({ department: 'marketing', role: 'member', name: 'Mara Marketing' });
    const res = await login(t, user.email.toUpperCase(), PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, email: user.email, department: 'marketing', role: 'member' });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^nenner_session=[^;]{20,}/);
    const attrs = cookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=lax');
    expect(attrs).toContain('path=/');
    expect(attrs).not.toContain('secure');
  });

  it('marks the cookie Secure when served over https (behind a trusted proxy)', async () => {
    const app = await startTestApp({ NENNER_TRUST_PROXY: '1' });
    try {
      const user = await app.createUser();
      const res = await app.request('POST', '/api/auth/login', {
        headers: { 'x-forwarded-proto': 'https' },
        body: { email: user.email, password: PASSWORD },
      });
      expect(res.status).toBe(200);
      const attrs = (res.headers.get('set-cookie') ?? '').split(';').map((a) => a.trim().toLowerCase());
      expect(attrs).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax']));
    } finally {
      await app.close();
    }
  });

  it('GET /api/auth/me answers the logged-in user, and 401 unauthenticated without a session', async () => {
    const s = await t.session('sales', 'viewer', 'Vera Viewer');
    const me = await t.get('/api/auth/me', s);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: s.user.id,
      name: 'Vera Viewer',
      department: 'sales',
      role: 'viewer',
      active: true,
    });
    expectProblem(await t.get('/api/auth/me'), 401, 'unauthenticated');
    expectProblem(await t.get('/api/auth/me', { ...s, cookie: 'nenner_session=forged' }), 401, 'unauthenticated');
  });

  it('logout ends the session: the same cookie answers 401 afterwards', async () => {
    const s = await t.session('sales', 'member');
    expect((await t.get('/api/auth/me', s)).status).toBe(200);
    const before = (await t.snapshot()).sessions?.length ?? 0;
    const out = await t.request('POST', '/api/auth/logout', { cookie: s.cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie') ?? '').toMatch(/nenner_session=;/);
    expect((await t.snapshot()).sessions).toHaveLength(before - 1);
    expectProblem(await t.get('/api/auth/me', s), 401, 'unauthenticated');
    expectProblem(await t.get('/api/accounts', s), 401, 'unauthenticated');
  });

  it('stores passwords as scrypt hashes, never as plaintext', async () => {
    const user = await t.createUser();
    const row = await t.row('users', user.id);
    const hash = String(row?.password_hash);
    expect(hash).not.toContain(PASSWORD);
    expect(hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]{16,}\$[\w-]{32,}$/);
    const n = Number(hash.split('$')[1]);
    expect(n).toBeGreaterThanOrEqual(2 ** 14);
    // two users with the same password get different hashes (salted)
    const other = await t.createUser();
    expect((await t.row('users', other.id))?.password_hash).not.toBe(hash);
  });

  it('answers unknown email and wrong password identically', async () => {
    const user = await t.createUser();
    const unknown = await login(t, 'nobody@example.com', PASSWORD);
    const wrong = await login(t, user.email, 'wrong password!');
    for (const res of [unknown, wrong]) {
      expectProblem(res, 401, 'invalid_credentials');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect(wrong.status).toBe(unknown.status);
    expect(wrong.text).toBe(unknown.text);
    expect(wrong.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
  });

  it('rejects a login body that is not {email,password} with 400 and creates no session', async () => {
    const res = await t.unchanged(() =>
      t.request('POST', '/api/auth/login', { body: { email: 'x@example.com', password: PASSWORD, admin: true } }),
    );
    expectProblem(res, 400, 'validation_failed');
    expectProblem(
      await t.unchanged(() =>
        t.request('POST', '/api/auth/login', { raw: '{"email":', contentType: 'application/json' }),
      ),
      400,
      'malformed_json',
    );
  });
});

describe('deactivating a user', () => {
  it('makes their existing session and API token answer 401 at once, and they cannot log in again', async () => {
    const s = await t.session('marketing', 'member');
    const token = await t.createToken(s);
    expect((await t.get('/api/accounts', s)).status).toBe(200);
    expect((await t.get('/api/accounts', token.token)).status).toBe(200);

    const res = await t.request('PATCH', `/api/users/${s.user.id}`, {
      cookie: admin.cookie,
      ifMatch: s.user.version,
      body: { active: false },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: s.user.id, active: false, version: s.user.version + 1 });

    expectProblem(await t.get('/api/auth/me', s), 401, 'unauthenticated');
    expectProblem(await t.get('/api/accounts', token.token), 401, 'unauthenticated');
    expectProblem(
      await t.request('POST', '/api/accounts', { token: token.token, body: { name: 'Sneaky GmbH' } }),
      401,
      'unauthenticated',
    );
    expectProblem(await login(t, s.email, PASSWORD), 401, 'invalid_credentials');

    const snap = await t.snapshot();
    expect(snap.sessions?.filter((r) => (r as { user_id: string }).user_id === s.user.id)).toEqual([]);
    expect((await t.row('api_tokens', token.id))?.revoked_at).toBeTruthy();
  });
});

describe('login rate limits', () => {
  it('locks an account after too many failures: 429 even with the right password, other accounts unaffected', async () => {
    const app = await startTestApp({ NENNER_LOGIN_MAX_FAILURES_ACCOUNT: '3', NENNER_LOGIN_MAX_FAILURES_IP: '100' });
    try {
      const victim = await app.createUser();
      const bystander = await app.createUser();
      for (let i = 0; i < 3; i++)
        expectProblem(await login(app, victim.email, 'wrong password!'), 401, 'invalid_credentials');
      const sessionsBefore = (await app.snapshot()).sessions;
      const locked = await login(app, victim.email, PASSWORD);
      expectProblem(locked, 429, 'rate_limited');
      expect(locked.headers.get('set-cookie')).toBeNull();
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      // the limit counts the account whatever the spelling of its email
      expectProblem(await login(app, victim.email.toUpperCase(), PASSWORD), 429, 'rate_limited');
      expect((await app.snapshot()).sessions).toEqual(sessionsBefore);
      expect((await login(app, bystander.email, PASSWORD)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('locks an IP after too many failures across accounts: 429 even with the right password', async () => {
    const app = await startTestApp({ NENNER_LOGIN_MAX_FAILURES_ACCOUNT: '100', NENNER_LOGIN_MAX_FAILURES_IP: '4' });
    try {
      const user = await app.createUser();
      for (let i = 0; i < 4; i++) {
        expectProblem(await login(app, `nobody${i}@example.com`, 'wrong password!'), 401, 'invalid_credentials');
      }
      const sessionsBefore = (await app.snapshot()).sessions;
      expectProblem(await login(app, user.email, PASSWORD), 429, 'rate_limited');
      expect((await app.snapshot()).sessions).toEqual(sessionsBefore);
    } finally {
      await app.close();
    }
  });

  it('parallel guesses cannot slip past the limit: at most the allowed number are checked', async () => {
    const app = await startTestApp({ NENNER_LOGIN_MAX_FAILURES_ACCOUNT: '3', NENNER_LOGIN_MAX_FAILURES_IP: '100' });
    try {
      const user = await app.createUser();
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => login(app, user.email, `wrong password ${i}`)),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(9);
      expectProblem(await login(app, user.email, PASSWORD), 429, 'rate_limited');
    } finally {
      await app.close();
    }
  });

  it('a successful login does not count against the IP; it resets the account count', async () => {
    const app = await startTestApp({ NENNER_LOGIN_MAX_FAILURES_ACCOUNT: '2', NENNER_LOGIN_MAX_FAILURES_IP: '3' });
    try {
      const user = await app.createUser();
      for (let i = 0; i < 5; i++) expect((await login(app, user.email, PASSWORD)).status).toBe(200);
      expectProblem(await login(app, user.email, 'wrong password!'), 401, 'invalid_credentials');
      expect((await login(app, user.email, PASSWORD)).status).toBe(200);
      expectProblem(await login(app, user.email, 'wrong password!'), 401, 'invalid_credentials');
      expect((await login(app, user.email, PASSWORD)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('an unknown email is limited like a known one (no way to tell them apart)', async () => {
    const app = await startTestApp({ NENNER_LOGIN_MAX_FAILURES_ACCOUNT: '2', NENNER_LOGIN_MAX_FAILURES_IP: '100' });
    try {
      const user = await app.createUser();
      const answers: string[] = [];
      for (const email of [user.email, 'ghost@example.com']) {
        for (let i = 0; i < 3; i++) {
          const res = await login(app, email, 'wrong password!');
          answers.push(`${res.status} ${res.text}`);
        }
      }
      expect(answers.slice(0, 3)).toEqual(answers.slice(3));
      expect(answers[2]).toMatch(/^429 /);
    } finally {
      await app.close();
    }
  });
});
