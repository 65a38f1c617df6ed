import type { Lockout } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountDelayMs } from '../src/modules/auth/lockouts.js';
import { expectProblem, PASSWORD, type Session, startTestApp, type TestApp } from './harness.js';
import { createForm, postForm } from './lead-helpers.js';

/*
 * Issue 15, items 1 and 2: only a trusted proxy's X-Forwarded-For counts as the client's address; login
 * failures are counted per account and IP pair (that pair is locked) and per account with a growing delay,
 * so an attacker elsewhere cannot lock a user out; admins see and clear lockouts.
 */

const loginFrom = (t: TestApp, ip: string, email: string, password: string) =>
  t.request('POST', '/api/auth/login', { headers: { 'x-forwarded-for': ip }, body: { email, password } });

describe('NENNER_TRUST_PROXY takes the proxies, not every client (item 1)', () => {
  it('a trust list without the client: rotating X-Forwarded-For still gets 429 on login and form posts', async () => {
    const t = await startTestApp({ NENNER_TRUST_PROXY: '10.0.0.0/8,192.168.1.1', NENNER_FORM_POSTS_PER_MINUTE: '5' });
    try {
      const victim = await t.createUser();
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await loginFrom(t, `203.0.113.${i}`, victim.email, 'wrong!')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);

      const marketer = await t.session('marketing', 'member');
      const form = await createForm(t, marketer, { name: 'Proxy', slug: 'proxy' });
      const posts: number[] = [];
      for (let i = 0; i < 7; i++) {
        posts.push(
          (await postForm(t, form.slug, { email: `p${i}@example.org` }, { 'x-forwarded-for': `198.51.100.${i}` }))
            .status,
        );
      }
      expect(posts.filter((s) => s === 429)).toHaveLength(2);
    } finally {
      await t.close();
    }
  });

  it('with the client in the list, the forwarded address counts', async () => {
    const t = await startTestApp({
      NENNER_TRUST_PROXY: '127.0.0.1',
      NENNER_FORM_POSTS_PER_MINUTE: '2',
      NENNER_LOGIN_MAX_FAILURES_IP: '3',
    });
    try {
      for (let i = 0; i < 3; i++)
        expect((await loginFrom(t, '203.0.113.9', `n${i}@example.com`, 'wrong!')).status).toBe(401);
      expectProblem(await loginFrom(t, '203.0.113.9', 'n9@example.com', 'wrong!'), 429, 'rate_limited');
      expect((await loginFrom(t, '203.0.113.10', 'n9@example.com', 'wrong!')).status).toBe(401);

      const marketer = await t.session('marketing', 'member');
      const form = await createForm(t, marketer, { name: 'Proxy', slug: 'proxy' });
      const post = (i: number, ip: string) =>
        postForm(t, form.slug, { email: `q${i}@example.org` }, { 'x-forwarded-for': ip });
      expect([(await post(1, '198.51.100.1')).status, (await post(2, '198.51.100.1')).status]).toEqual([200, 200]);
      expect((await post(3, '198.51.100.1')).status).toBe(429);
      expect((await post(4, '198.51.100.2')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it.each([
    ['10.0.0.0/8,127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['2', 2],
    ['0', false],
    ['', false],
  ])('NENNER_TRUST_PROXY=%j → %j', async (value, expected) => {
    const { loadConfig } = await import('../src/config.js');
    expect(loadConfig({ NENNER_TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['true', 'everyone', '10.0.0.0/99'])('NENNER_TRUST_PROXY=%j is refused at boot', async (value) => {
    const { loadConfig } = await import('../src/config.js');
    expect(() => loadConfig({ NENNER_TRUST_PROXY: value })).toThrow(/NENNER_TRUST_PROXY/);
  });
});

describe('login lockouts (item 2)', () => {
  let t: TestApp;
  let admin: Session;
  let member: Session;
  beforeAll(async () => {
    // a base delay of 30 s: a slow machine cannot outwait it between two requests
    t = await startTestApp({ NENNER_TRUST_PROXY: '127.0.0.1', NENNER_LOGIN_DELAY_SECONDS: '30' });
    admin = await t.session('management', 'admin');
    member = await t.session('sales', 'member');
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    [0, 0],
    [4, 0],
    [5, 1000],
    [6, 2000],
    [8, 8000],
    [10, 32_000],
    [11, 60_000],
    [30, 60_000],
  ])('after %i failures an account waits %i ms (limit 5)', (failures, ms) => {
    expect(accountDelayMs(failures, 5)).toBe(ms);
  });

  it('an attacker elsewhere locks only their own IP; the user gets in after a short delay', async () => {
    const victim = await t.createUser();
    for (let i = 0; i < 5; i++) expect((await loginFrom(t, '203.0.113.66', victim.email, 'wrong!')).status).toBe(401);
    // the account is slowed down for everyone, by seconds, not locked for the window
    const slowed = await loginFrom(t, '198.51.100.7', victim.email, PASSWORD);
    expectProblem(slowed, 429, 'rate_limited');
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(20);
    expect(Number(slowed.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    t.clock.advance(30_000);
    expect((await loginFrom(t, '198.51.100.7', victim.email, PASSWORD)).status).toBe(200);
    // the attacker's pair stays locked, even with the right password
    t.clock.advance(60_000);
    expectProblem(await loginFrom(t, '203.0.113.66', victim.email, PASSWORD), 429, 'rate_limited');
  });

  it('the delay grows with further failures from anywhere', async () => {
    const user = await t.createUser();
    const retryAfter: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await loginFrom(t, `192.0.2.${i}`, user.email, 'wrong!');
      if (res.status === 429) {
        retryAfter.push(Number(res.headers.get('retry-after')));
        t.clock.advance(Number(res.headers.get('retry-after')) * 1000);
      }
    }
    // 30 s after the 5th failure, 60 s after the 6th (less the time the requests took)
    expect(retryAfter).toHaveLength(2);
    expect(retryAfter[0]).toBeGreaterThan(20);
    expect(retryAfter[0]).toBeLessThanOrEqual(30);
    expect(retryAfter[1]).toBeGreaterThan(50);
    expect(retryAfter[1]).toBeLessThanOrEqual(60);
  });

  it('admins see lockouts and clear them; others are refused and change nothing', async () => {
    const victim = await t.createUser();
    for (let i = 0; i < 5; i++) await loginFrom(t, '203.0.113.77', victim.email, 'wrong!');
    t.clock.advance(31_000);
    expectProblem(await loginFrom(t, '203.0.113.77', victim.email, PASSWORD), 429, 'rate_limited');

    const list = await t.get<{ items: Lockout[] }>('/api/lockouts', admin);
    expect(list.status).toBe(200);
    expect(list.body.items.filter((l) => l.email === victim.email)).toEqual([
      { email: victim.email, ip: null, failures: 5, until: expect.any(String) },
      { email: victim.email, ip: '203.0.113.77', failures: 6, until: expect.any(String) },
    ]);
    expectProblem(await t.get('/api/lockouts', member), 403, 'forbidden');
    await t.unchanged(async () => {
      expectProblem(
        await t.request('POST', '/api/lockouts/clear', { cookie: member.cookie, body: { email: victim.email } }),
        403,
        'forbidden',
      );
    });

    const cleared = await t.request<{ cleared: number }>('POST', '/api/lockouts/clear', {
      cookie: admin.cookie,
      body: { email: victim.email.toUpperCase() },
    });
    expect(cleared.body).toEqual({ cleared: 2 });
    expect((await t.get<{ items: Lockout[] }>('/api/lockouts', admin)).body.items.map((l) => l.email)).not.toContain(
      victim.email,
    );
    expect((await loginFrom(t, '203.0.113.77', victim.email, PASSWORD)).status).toBe(200);
    const audit = ((await t.snapshot()).timeline_entries ?? []) as { entity_id: string; action: string }[];
    expect(audit.filter((e) => e.entity_id === victim.id).map((e) => e.action)).toContain('lockout_cleared');
  });
});
