import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/*
 * What every browser journey needs: a real server on a free port with its own data directory and the
 * demo workspace, Debian's Chromium, a German browser context, and small helpers (log in, API session).
 */

const root = resolve(import.meta.dirname, '..');
export const DEMO_PASSWORD = 'nenner-demo';

const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });

const waitForHealth = async (url: string, server: ChildProcess, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited early with code ${server.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy within ${timeoutMs} ms`);
};

export interface Journey {
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations the browser logged (issue 15: a journey must log none). */
  cspViolations: string[];
  /** Stops the browser and the server and removes the data directory; fails on a CSP violation. */
  stop: () => Promise<void>;
}

/** Starts the server (demo on, PUBLIC_URL set) and Chromium with a German, Berlin-time context. */
export const startJourney = async (name: string): Promise<Journey> => {
  if (!existsSync(join(root, 'packages/web/dist/index.html'))) {
    throw new Error('packages/web/dist/index.html is missing: run `npm run build:web` first (npm test does this).');
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium or set CHROMIUM_PATH.`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), `nenner-e2e-${name}-`));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let serverLog = '';
  const server = spawn(join(root, 'node_modules/.bin/tsx'), ['packages/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NENNER_DATA_DIR: dataDir,
      PORT: String(port),
      NENNER_DEMO: '1',
      // the demo password is generated per install unless set (issue 15); the journeys log in with this one
      NENNER_DEMO_PASSWORD: DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
      PUBLIC_URL: baseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => {
    serverLog += d.toString();
  });
  server.stderr?.on('data', (d: Buffer) => {
    serverLog += d.toString();
  });
  const stopServer = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, server, 150_000);
  } catch (e) {
    await stopServer();
    throw new Error(`${(e as Error).message}\n--- server output ---\n${serverLog.slice(-4000)}`);
  }
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1400, height: 1000 },
  });
  context.setDefaultTimeout(20_000);
  const cspViolations: string[] = [];
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const page = await context.newPage();
  return {
    baseUrl,
    browser,
    context,
    page,
    cspViolations,
    stop: async () => {
      await browser.close();
      await stopServer();
      if (cspViolations.length) throw new Error(`CSP violations in journey ${name}:\n${cspViolations.join('\n')}`);
    },
  };
};

/** Waits until the locator is visible and asserts it. */
export const visible = async (locator: Locator): Promise<void> => {
  await locator.waitFor({ state: 'visible' });
  expect(await locator.isVisible()).toBe(true);
};

/** Waits until the page's requests are done and no skeleton or loader is left (lazy parts drawn). */
export const settled = async (page: Page): Promise<void> => {
  await page.waitForLoadState('networkidle');
  // a loader that stays (a button still busy) is not worth failing over: give lazy parts 10 s to draw
  await page
    .waitForFunction(() => !document.querySelector('.mantine-Skeleton-root, .mantine-Loader-root'), undefined, {
      timeout: 10_000,
    })
    .catch(() => undefined);
};

/** Logs in through the login page (cookies cleared first) and waits for the start page („Mein Tag“). */
export const loginAs = async (j: Journey, email: string): Promise<void> => {
  await j.context.clearCookies();
  await j.page.goto(`${j.baseUrl}/login`);
  await j.page.getByLabel('E-Mail').fill(email);
  await j.page.getByLabel('Passwort').fill(DEMO_PASSWORD);
  await Promise.all([
    j.page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 200),
    j.page.getByRole('button', { name: 'Anmelden' }).click(),
  ]);
  await j.page.waitForURL(`${j.baseUrl}/`);
};

export type ApiCall = <T>(method: string, path: string, body?: unknown, version?: number) => Promise<T>;

/** A logged-in API session for setting the scene or checking outcomes (as the demo users would). */
export const apiSession = async (baseUrl: string, email: string): Promise<ApiCall> => {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  // the session cookie, whatever else the login answer sets
  const cookie =
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith('nenner_session='))
      ?.split(';')[0] ?? '';
  return async <T>(method: string, path: string, body?: unknown, version?: number): Promise<T> => {
    const headers: Record<string, string> = { cookie, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (version !== undefined) headers['if-match'] = `"${version}"`;
    const r = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
};
