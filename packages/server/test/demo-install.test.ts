import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { isStrongPassword } from '../src/lib/passwordPolicy.js';
import { DEMO_PASSWORD, demoPasswordOf, seedDemoWorkspace } from '../src/modules/demo/demo.service.js';
import { startTestApp, type TestApp } from './harness.js';

/*
 * Issue 15, item 11: the demo workspace (with admin accounts) only on the embedded default database unless
 * NENNER_DEMO=1; its password generated per install unless NENNER_DEMO_PASSWORD sets one; the web app
 * learns that the demo is in use (for its banner).
 */

const PG = 'postgres://db.example.internal/nenner';

describe('where the demo workspace is created', () => {
  it.each([
    ['the embedded SQLite file, NENNER_DEMO unset', {}, true],
    ['a DATABASE_URL, NENNER_DEMO unset', { DATABASE_URL: PG }, false],
    ['a DATABASE_URL with NENNER_DEMO=1', { DATABASE_URL: PG, NENNER_DEMO: '1' }, true],
    ['the embedded file with NENNER_DEMO=0', { NENNER_DEMO: '0' }, false],
  ])('%s → demo %s', (_what, env: Record<string, string>, demo) => {
    expect(loadConfig(env).demo).toBe(demo);
  });
});

describe('the demo password', () => {
  it('is generated per install, strong, and never the old public one', async () => {
    const ctx = { config: loadConfig({}) } as Parameters<typeof demoPasswordOf>[0];
    const one = demoPasswordOf(ctx);
    const two = demoPasswordOf(ctx);
    expect(one).not.toBe(two);
    expect(one).not.toBe(DEMO_PASSWORD);
    expect(await isStrongPassword(one)).toBe(true);
  });

  it('NENNER_DEMO_PASSWORD sets it (tests and journeys)', () => {
    const ctx = { config: loadConfig({ NENNER_DEMO_PASSWORD: 'Herbstlaub-Kaffee-7' }) } as Parameters<
      typeof demoPasswordOf
    >[0];
    expect(demoPasswordOf(ctx)).toBe('Herbstlaub-Kaffee-7');
  });
});

describe('a seeded demo workspace', () => {
  let t: TestApp;
  let password: string;
  beforeAll(async () => {
    t = await startTestApp();
    password = (await seedDemoWorkspace(t.ctx)).password;
    // the whole demo is seeded: slow on a loaded machine
  }, 420_000);
  afterAll(async () => {
    await t?.close();
  });

  it('logs in with the printed password, not with nenner-demo; the workspace says it is the demo', async () => {
    expect(password).not.toBe(DEMO_PASSWORD);
    const cookie = await t.login('sabine.brandt@nenner.demo', password);
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: 'jonas.keller@nenner.demo', password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(401);
    expect((await t.request<{ demo: boolean }>('GET', '/api/workspace', { cookie })).body).toEqual({ demo: true });
  });

  it('a workspace without demo users is no demo', async () => {
    const other = await startTestApp();
    try {
      const admin = await other.session('management', 'admin');
      expect((await other.get<{ demo: boolean }>('/api/workspace', admin)).body).toEqual({ demo: false });
    } finally {
      await other.close();
    }
  });
});
