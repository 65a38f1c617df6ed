import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness.js';
import { createForm, postForm } from '../lead-helpers.js';

/*
 * Rate limits on the two doors anyone can knock on — failed logins and public form posts — with and without
 * a trusted proxy. The test client is 127.0.0.1. A client that is not a trusted proxy rotates X-Forwarded-For
 * on every request: it stays one client and hits the limit. Behind a trusted proxy, the forwarded address is
 * the client: one address hits the limit, another is counted apart.
 */

const LIMIT = 4;
const setups: [string, Record<string, string>, boolean][] = [
  ['NENNER_TRUST_PROXY unset', {}, false],
  ['a trust list without the peer', { NENNER_TRUST_PROXY: '10.0.0.0/8,192.168.1.1' }, false],
  ['a trust list with the peer', { NENNER_TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }, true],
];

const apps: TestApp[] = [];
let checked = 0;
let escaped = 0;
afterAll(async () => {
  console.log(`rate limits: ${checked} requests in ${setups.length} proxy setups, ${escaped} escaped the limit`);
  for (const a of apps) await a.close();
});

const login = (t: TestApp, i: number, ip: string) =>
  t.request('POST', '/api/auth/login', {
    headers: { 'x-forwarded-for': ip },
    // a new address each time, so only the per-IP count can stop it
    body: { email: `niemand${i}@example.com`, password: 'falsch-falsch' },
  });

describe.each(setups)('rate limits with %s', (_what, env, trusted) => {
  it('failed logins: rotating X-Forwarded-For escapes only behind a trusted proxy', async () => {
    const t = await startTestApp({ ...env, NENNER_LOGIN_MAX_FAILURES_IP: String(LIMIT) });
    apps.push(t);
    const rotating: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) rotating.push((await login(t, i, `203.0.113.${i + 1}`)).status);
    checked += rotating.length;
    if (!trusted) escaped += rotating.slice(LIMIT).filter((s) => s !== 429).length;
    if (trusted) expect(rotating.every((s) => s === 401)).toBe(true);
    else expect(rotating).toEqual([...Array(LIMIT).fill(401), 429, 429, 429]);
    if (trusted) {
      const one: number[] = [];
      for (let i = 0; i < LIMIT + 1; i++) one.push((await login(t, 100 + i, '198.51.100.7')).status);
      checked += one.length;
      if (one[LIMIT] !== 429) escaped += 1;
      expect(one).toEqual([...Array(LIMIT).fill(401), 429]);
    }
  }, 180_000);

  it('public form posts: rotating X-Forwarded-For escapes only behind a trusted proxy', async () => {
    const t = await startTestApp({ ...env, NENNER_FORM_POSTS_PER_MINUTE: String(LIMIT) });
    apps.push(t);
    const marketer = await t.session('marketing', 'member');
    const form = await createForm(t, marketer, { name: 'Grenze', slug: 'grenze' });
    const post = (i: number, ip: string) =>
      postForm(t, form.slug, { email: `grenze${i}@example.org` }, { 'x-forwarded-for': ip });
    const rotating: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) rotating.push((await post(i, `203.0.113.${i + 1}`)).status);
    checked += rotating.length;
    if (!trusted) escaped += 3 - rotating.filter((s) => s === 429).length;
    if (trusted) expect(rotating.filter((s) => s === 429)).toHaveLength(0);
    else expect(rotating.filter((s) => s === 429)).toHaveLength(3);
    if (trusted) {
      const one: number[] = [];
      for (let i = 0; i < LIMIT + 1; i++) one.push((await post(100 + i, '198.51.100.7')).status);
      checked += one.length;
      if (!one.includes(429)) escaped += 1;
      expect(one.filter((s) => s === 429)).toHaveLength(1);
    }
  }, 180_000);
});
