import type { RecoveryCodes, SessionInfo, TwoFactorEnrollment, TwoFactorStatus, UserSecurity } from '@nenner/shared';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDevice } from '../src/modules/auth/devices.js';
import { expectProblem, PASSWORD, type Res, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Issue 15: two-factor authentication (TOTP, recovery codes, remembered devices, the require policy) and
 * the session list. Codes are computed from the enrolled secret with otpauth at the app's clock; the clock
 * moves one TOTP step on before each new code, since a code is accepted once.
 */

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin');
});
afterAll(async () => {
  await t?.close();
});

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** The `name=value` pairs of every Set-Cookie of an answer (an empty value: cleared). */
const cookiesOf = (res: Res): Record<string, string> =>
  Object.fromEntries(
    res.headers.getSetCookie().map((c) => {
      const [pair = ''] = c.split(';');
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );

/** A fresh code of the secret, one TOTP step after the last one used. */
const nextCode = (secret: string): string => {
  t.clock.advance(30_000);
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: t.clock.now() });
};

const password = (email: string, headers: Record<string, string> = {}) =>
  t.request<Record<string, unknown>>('POST', '/api/auth/login', { body: { email, password: PASSWORD }, headers });

const verify = (challengeCookie: string, code: string, rememberDevice = false, extra = '') =>
  t.request('POST', '/api/auth/two-factor/verify', {
    cookie: [challengeCookie, extra].filter(Boolean).join('; '),
    body: { code, rememberDevice },
    headers: { 'user-agent': FIREFOX },
  });

/** A user with 2FA on: their session cookie, secret and recovery codes. */
const enrolled = async (role: 'admin' | 'member' = 'member') => {
  const s = await t.session('sales', role);
  const enrollment = await t.request<TwoFactorEnrollment>('POST', '/api/auth/two-factor/enroll', { cookie: s.cookie });
  expect(enrollment.status).toBe(200);
  const confirmed = await t.request<RecoveryCodes>('POST', '/api/auth/two-factor/confirm', {
    cookie: s.cookie,
    body: { code: nextCode(enrollment.body.secret) },
  });
  expect(confirmed.status).toBe(200);
  return { ...s, secret: enrollment.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
};

/** Password step for a user with 2FA: the challenge cookie (no session yet). */
const challenge = async (email: string, headers: Record<string, string> = {}) => {
  const res = await password(email, headers);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ twoFactorRequired: true });
  const cookies = cookiesOf(res);
  expect(cookies.nenner_session).toBeUndefined();
  expect(cookies.nenner_2fa).toBeTruthy();
  return `nenner_2fa=${cookies.nenner_2fa}`;
};

const auditActions = async (userId: string) =>
  (
    await t.ctx.db
      .selectFrom('timeline_entries')
      .select('action')
      .where('entity_id', '=', userId)
      .orderBy('created_at')
      .execute()
  ).map((r) => r.action);

describe('enrollment', () => {
  it('gives a secret, an otpauth URI and a QR code; only a valid code turns it on; recovery codes are shown once and stored hashed', async () => {
    const s = await t.session('marketing', 'member');
    const res = await t.request<TwoFactorEnrollment>('POST', '/api/auth/two-factor/enroll', { cookie: s.cookie });
    expect(res.status).toBe(200);
    expect(res.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(res.body.uri).toMatch(/^otpauth:\/\/totp\/Nenner:.+\?.*secret=[A-Z2-7]+/);
    expect(res.body.uri).toContain(`issuer=Nenner`);
    expect(res.body.qrCode).toMatch(/^data:image\/png;base64,/);
    // pending: login still needs no code
    expect((await password(s.email)).body).not.toHaveProperty('twoFactorRequired');

    await t.unchanged(async () => {
      const wrong = await t.request('POST', '/api/auth/two-factor/confirm', {
        cookie: s.cookie,
        body: { code: '000000' },
      });
      expectProblem(wrong, 400, 'invalid_two_factor_code');
    });
    const ok = await t.request<RecoveryCodes>('POST', '/api/auth/two-factor/confirm', {
      cookie: s.cookie,
      body: { code: nextCode(res.body.secret) },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);
    expect(new Set(ok.body.recoveryCodes).size).toBe(10);
    for (const c of ok.body.recoveryCodes) expect(c).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    const stored = await t.ctx.db
      .selectFrom('two_factor_recovery_codes')
      .select('code_hash')
      .where('user_id', '=', s.user.id)
      .execute();
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(ok.body.recoveryCodes.some((c) => row.code_hash.includes(c))).toBe(false);

    const status = await t.get<TwoFactorStatus>('/api/auth/two-factor', s);
    expect(status.body).toMatchObject({ enabled: true, required: false, recoveryCodesLeft: 10 });
    // on already: a second enrollment is refused and changes nothing
    await t.unchanged(async () => {
      expectProblem(
        await t.request('POST', '/api/auth/two-factor/enroll', { cookie: s.cookie }),
        409,
        'two_factor_already_enabled',
      );
    });
    expect(await auditActions(s.user.id)).toEqual(
      expect.arrayContaining(['two_factor_enrollment_started', 'two_factor_enabled']),
    );
  });
});

describe('login with a second factor', () => {
  it('a right password gives only a challenge; a TOTP code gives the session', async () => {
    const u = await enrolled();
    const c = await challenge(u.email);
    // the challenge is no session
    expectProblem(
      await t.request('GET', '/api/auth/me', { cookie: c.replace('nenner_2fa', 'nenner_session') }),
      401,
      'unauthenticated',
    );
    const res = await verify(c, nextCode(u.secret));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: u.user.id });
    const session = `nenner_session=${cookiesOf(res).nenner_session}`;
    expect((await t.request('GET', '/api/auth/me', { cookie: session })).status).toBe(200);
    // the challenge is used up
    expectProblem(await verify(c, nextCode(u.secret)), 401, 'two_factor_challenge_expired');
  });

  it('a wrong code is refused and changes nothing; a used code does not work twice', async () => {
    const u = await enrolled();
    const c = await challenge(u.email);
    await t.unchanged(async () => {
      expectProblem(await verify(c, '123456'), 400, 'invalid_two_factor_code');
      expectProblem(await verify(c, 'aaaaa-bbbbb'), 400, 'invalid_two_factor_code');
    });
    const code = nextCode(u.secret);
    expect((await verify(c, code)).status).toBe(200);
    const again = await challenge(u.email);
    await t.unchanged(async () => {
      expectProblem(await verify(again, code), 400, 'invalid_two_factor_code');
    });
  });

  it('without a challenge, or after it expired, verify is 401', async () => {
    const u = await enrolled();
    expectProblem(await verify('', nextCode(u.secret)), 401, 'two_factor_challenge_expired');
    const c = await challenge(u.email);
    t.clock.advance(6 * 60_000);
    expectProblem(await verify(c, nextCode(u.secret)), 401, 'two_factor_challenge_expired');
  });

  it('a recovery code logs in once, then never again', async () => {
    const u = await enrolled();
    const code = u.recoveryCodes[3] ?? '';
    const first = await verify(await challenge(u.email), code.toUpperCase());
    expect(first.status).toBe(200);
    expect(
      (
        await t.get<TwoFactorStatus>('/api/auth/two-factor', {
          ...u,
          cookie: `nenner_session=${cookiesOf(first).nenner_session}`,
        })
      ).body.recoveryCodesLeft,
    ).toBe(9);
    const c = await challenge(u.email);
    await t.unchanged(async () => {
      expectProblem(await verify(c, code), 400, 'invalid_two_factor_code');
    });
    expect(await auditActions(u.user.id)).toContain('two_factor_recovery_code_used');
  });

  it('code guessing is limited like passwords: past the limit even the right code waits (429)', async () => {
    const u = await enrolled();
    const c = await challenge(u.email);
    for (let i = 0; i < 5; i++) expectProblem(await verify(c, String(100000 + i)), 400, 'invalid_two_factor_code');
    const limited = await verify(c, nextCode(u.secret));
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a remembered device skips the step for 30 days; an admin reset forgets it and ends the sessions', async () => {
    const u = await enrolled();
    const res = await verify(await challenge(u.email, { 'user-agent': FIREFOX }), nextCode(u.secret), true);
    expect(res.status).toBe(200);
    const device = cookiesOf(res).nenner_device;
    expect(device).toBeTruthy();
    const deviceCookie = `nenner_device=${device}`;
    const stored = await t.ctx.db
      .selectFrom('remembered_devices')
      .selectAll()
      .where('user_id', '=', u.user.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toBe(device);

    const skipped = await t.request('POST', '/api/auth/login', {
      body: { email: u.email, password: PASSWORD },
      cookie: deviceCookie,
    });
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ id: u.user.id });
    const session = `nenner_session=${cookiesOf(skipped).nenner_session}`;
    const devices = await t.request<{ items: { device: string }[] }>('GET', '/api/auth/devices', { cookie: session });
    expect(devices.body.items).toEqual([expect.objectContaining({ device: 'Firefox 128 on Windows' })]);
    // another user cannot ride on it
    const other = await enrolled();
    expect(
      (
        await t.request('POST', '/api/auth/login', {
          body: { email: other.email, password: PASSWORD },
          cookie: deviceCookie,
        })
      ).body,
    ).toMatchObject({ twoFactorRequired: true });

    const reset = await t.request('POST', `/api/users/${u.user.id}/two-factor/reset`, { cookie: admin.cookie });
    expect(reset.status).toBe(204);
    expectProblem(await t.request('GET', '/api/auth/me', { cookie: session }), 401, 'unauthenticated');
    expect(
      await t.ctx.db.selectFrom('remembered_devices').selectAll().where('user_id', '=', u.user.id).execute(),
    ).toEqual([]);
    expect(await auditActions(u.user.id)).toContain('two_factor_reset');
    // 2FA is off now: the password alone logs in (a remembered device no longer matters)
    expect((await password(u.email)).body).toMatchObject({ id: u.user.id });
  });

  it('forgetting a remembered device asks for the code again', async () => {
    const u = await enrolled();
    const res = await verify(await challenge(u.email), nextCode(u.secret), true);
    const session = `nenner_session=${cookiesOf(res).nenner_session}`;
    const deviceCookie = `nenner_device=${cookiesOf(res).nenner_device}`;
    const list = await t.request<{ items: { id: string }[] }>('GET', '/api/auth/devices', { cookie: session });
    const id = list.body.items[0]?.id ?? '';
    expect((await t.request('DELETE', `/api/auth/devices/${id}`, { cookie: session })).status).toBe(204);
    expectProblem(await t.request('DELETE', `/api/auth/devices/${id}`, { cookie: session }), 404, 'device_not_found');
    const again = await t.request('POST', '/api/auth/login', {
      body: { email: u.email, password: PASSWORD },
      cookie: deviceCookie,
    });
    expect(again.body).toMatchObject({ twoFactorRequired: true });
  });
});

describe('disabling', () => {
  it('needs a current code or the password; a wrong one changes nothing', async () => {
    const u = await enrolled();
    await t.unchanged(async () => {
      expectProblem(
        await t.request('POST', '/api/auth/two-factor/disable', { cookie: u.cookie, body: { code: '111111' } }),
        400,
        'invalid_two_factor_code',
      );
      const pw = await t.request('POST', '/api/auth/two-factor/disable', {
        cookie: u.cookie,
        body: { password: 'falsch falsch' },
      });
      expect(expectProblem(pw, 400, 'validation_failed').errors).toEqual([
        expect.objectContaining({ path: 'password' }),
      ]);
      expectProblem(
        await t.request('POST', '/api/auth/two-factor/disable', { cookie: u.cookie, body: {} }),
        400,
        'validation_failed',
      );
    });
    expect(
      (await t.request('POST', '/api/auth/two-factor/disable', { cookie: u.cookie, body: { password: PASSWORD } }))
        .status,
    ).toBe(204);
    expect((await t.get<TwoFactorStatus>('/api/auth/two-factor', u)).body).toMatchObject({
      enabled: false,
      recoveryCodesLeft: 0,
    });
    expect(await auditActions(u.user.id)).toContain('two_factor_disabled');
    expect((await password(u.email)).body).toMatchObject({ id: u.user.id });
  });

  it('with a code works too', async () => {
    const u = await enrolled();
    const res = await t.request('POST', '/api/auth/two-factor/disable', {
      cookie: u.cookie,
      body: { code: nextCode(u.secret) },
    });
    expect(res.status).toBe(204);
  });
});

describe('the require policy', () => {
  it('only admins set it; members are refused and nothing changes', async () => {
    const member = await t.session('marketing', 'member');
    await t.unchanged(async () => {
      expectProblem(
        await t.request('PUT', '/api/settings/two-factor', { cookie: member.cookie, body: { require: 'everyone' } }),
        403,
        'forbidden',
      );
      expectProblem(
        await t.request('PUT', '/api/settings/two-factor', { cookie: admin.cookie, body: { require: 'all' } }),
        400,
        'validation_failed',
      );
    });
    expect((await t.get('/api/settings/two-factor', member)).body).toEqual({ require: 'nobody' });
  });

  it('"admins": an admin without 2FA reaches only the enrollment until set up; members are not asked', async () => {
    const bare = await t.session('sales', 'admin');
    const member = await t.session('sales', 'member');
    const put = await t.request('PUT', '/api/settings/two-factor', {
      cookie: admin.cookie,
      body: { require: 'admins' },
    });
    expect(put.body).toEqual({ require: 'admins' });
    try {
      expectProblem(await t.get('/api/accounts', bare), 403, 'two_factor_enrollment_required');
      expectProblem(
        await t.request('POST', '/api/tokens', { cookie: bare.cookie, body: { name: 'x' } }),
        403,
        'two_factor_enrollment_required',
      );
      expect((await t.get('/api/auth/session', bare)).body).toMatchObject({ twoFactorEnrollmentRequired: true });
      expect((await t.get<TwoFactorStatus>('/api/auth/two-factor', bare)).body).toMatchObject({
        required: true,
        enabled: false,
      });
      expect((await t.get('/api/accounts', member)).status).toBe(200);
      // `admin` (the one who set it) is refused too until enrolled
      expectProblem(await t.get('/api/accounts', admin), 403, 'two_factor_enrollment_required');

      const e = await t.request<TwoFactorEnrollment>('POST', '/api/auth/two-factor/enroll', { cookie: bare.cookie });
      const ok = await t.request('POST', '/api/auth/two-factor/confirm', {
        cookie: bare.cookie,
        body: { code: nextCode(e.body.secret) },
      });
      expect(ok.status).toBe(200);
      expect((await t.get('/api/accounts', bare)).status).toBe(200);
      expect((await t.get('/api/auth/session', bare)).body).not.toHaveProperty('twoFactorEnrollmentRequired');
      // required: it cannot be turned off
      await t.unchanged(async () => {
        expectProblem(
          await t.request('POST', '/api/auth/two-factor/disable', {
            cookie: bare.cookie,
            body: { password: PASSWORD },
          }),
          409,
          'two_factor_required_by_policy',
        );
      });
    } finally {
      // a second admin, enrolled, puts the policy back (the `admin` session is in enrollment only)
      const second = await enrolled('admin');
      const back = await t.request('PUT', '/api/settings/two-factor', {
        cookie: second.cookie,
        body: { require: 'nobody' },
      });
      expect(back.status).toBe(200);
    }
    expect((await t.get('/api/accounts', admin)).status).toBe(200);
    expect(
      await t.ctx.db
        .selectFrom('timeline_entries')
        .select('action')
        .where('entity_id', '=', 'two_factor_policy')
        .execute(),
    ).toHaveLength(2);
  });

  it('"everyone": members too', async () => {
    const member = await t.session('marketing', 'viewer');
    const second = await enrolled('admin');
    await t.request('PUT', '/api/settings/two-factor', { cookie: second.cookie, body: { require: 'everyone' } });
    try {
      expectProblem(await t.get('/api/accounts', member), 403, 'two_factor_enrollment_required');
    } finally {
      await t.request('PUT', '/api/settings/two-factor', { cookie: second.cookie, body: { require: 'nobody' } });
    }
    expect((await t.get('/api/accounts', member)).status).toBe(200);
  });
});

describe('sessions', () => {
  it('lists the live sessions with device, IP and which one is this; ends one at once', async () => {
    const user = await t.createUser({ department: 'marketing' });
    const a = cookiesOf(await password(user.email, { 'user-agent': FIREFOX })).nenner_session;
    const b = cookiesOf(await password(user.email, { 'user-agent': IPHONE })).nenner_session;
    const list = await t.request<{ items: SessionInfo[] }>('GET', '/api/auth/sessions', {
      cookie: `nenner_session=${a}`,
    });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const mine = list.body.items.find((s) => s.current);
    const other = list.body.items.find((s) => !s.current);
    expect(mine).toMatchObject({ device: 'Firefox 128 on Windows', ip: '127.0.0.1' });
    expect(other).toMatchObject({ device: 'Safari 17 on iOS (mobile)', ip: '127.0.0.1' });
    // someone else's session cannot be ended by id
    const stranger = await t.session('sales', 'member');
    await t.unchanged(async () => {
      expectProblem(
        await t.request('DELETE', `/api/auth/sessions/${other?.id}`, { cookie: stranger.cookie }),
        404,
        'session_not_found',
      );
    });
    expect(
      (await t.request('DELETE', `/api/auth/sessions/${other?.id}`, { cookie: `nenner_session=${a}` })).status,
    ).toBe(204);
    expectProblem(await t.request('GET', '/api/auth/me', { cookie: `nenner_session=${b}` }), 401, 'unauthenticated');
    expect((await t.request('GET', '/api/auth/me', { cookie: `nenner_session=${a}` })).status).toBe(200);
  });

  it('ends all the others, keeping this one', async () => {
    const user = await t.createUser();
    const cookies = [];
    for (let i = 0; i < 3; i++) cookies.push(`nenner_session=${cookiesOf(await password(user.email)).nenner_session}`);
    const res = await t.request('POST', '/api/auth/sessions/end-others', { cookie: cookies[0] });
    expect(res.body).toEqual({ ended: 2 });
    expect((await t.request('GET', '/api/auth/me', { cookie: cookies[0] })).status).toBe(200);
    for (const c of cookies.slice(1))
      expectProblem(await t.request('GET', '/api/auth/me', { cookie: c }), 401, 'unauthenticated');
  });

  it('"last use" is written at most once a minute', async () => {
    const user = await t.createUser();
    const cookie = `nenner_session=${cookiesOf(await password(user.email)).nenner_session}`;
    const seen = async () =>
      (await t.request<{ items: SessionInfo[] }>('GET', '/api/auth/sessions', { cookie })).body.items[0]?.lastSeenAt;
    const first = await seen();
    t.clock.advance(30_000);
    expect(await seen()).toBe(first);
    t.clock.advance(40_000);
    const later = await seen();
    expect(later && first && later > first).toBe(true);
  });

  it('admins see a user’s security and end all their sessions; others are refused and nothing changes', async () => {
    const user = await t.session('sales', 'member');
    const member = await t.session('sales', 'member');
    await t.unchanged(async () => {
      expectProblem(
        await t.request('POST', `/api/users/${user.user.id}/sessions/end`, { cookie: member.cookie }),
        403,
        'forbidden',
      );
      expectProblem(
        await t.request('POST', `/api/users/${user.user.id}/two-factor/reset`, { cookie: member.cookie }),
        403,
        'forbidden',
      );
      expectProblem(await t.get(`/api/users/${user.user.id}/security`, member), 403, 'forbidden');
    });
    const sec = await t.get<UserSecurity>(`/api/users/${user.user.id}/security`, admin);
    expect(sec.body).toMatchObject({ twoFactorEnabled: false, activeSessions: 1, rememberedDevices: 0 });
    const res = await t.request('POST', `/api/users/${user.user.id}/sessions/end`, { cookie: admin.cookie });
    expect(res.body).toEqual({ ended: 1 });
    expectProblem(await t.get('/api/auth/me', user), 401, 'unauthenticated');
    expect(await auditActions(user.user.id)).toContain('sessions_ended');
    expectProblem(
      await t.request('POST', '/api/users/00000000-0000-4000-8000-000000000000/sessions/end', { cookie: admin.cookie }),
      404,
      'user_not_found',
    );
  });
});

describe('device names from the user agent', () => {
  it.each([
    [FIREFOX, 'Firefox 128 on Windows'],
    [IPHONE, 'Safari 17 on iOS (mobile)'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      'Chrome 126 on macOS',
    ],
    [null, null],
  ])('%s → %s', (ua, name) => {
    expect(describeDevice(ua)).toBe(name);
  });
});
