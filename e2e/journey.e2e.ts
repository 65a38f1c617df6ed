import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

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

describe('browser journey: marketing and sales share one customer record', () => {
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let baseUrl = '';
  let dataDir = '';
  let serverLog = '';

  beforeAll(async () => {
    if (!existsSync(join(root, 'packages/web/dist/index.html'))) {
      throw new Error('packages/web/dist/index.html is missing: run `npm run build:web` first (npm test does this).');
    }
    const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!existsSync(executablePath)) {
      throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium or set CHROMIUM_PATH.`);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'nenner-e2e-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(join(root, 'node_modules/.bin/tsx'), ['packages/server/src/main.ts'], {
      cwd: root,
      env: { ...process.env, NENNER_DATA_DIR: dataDir, PORT: String(port), NENNER_DEMO: '1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d: Buffer) => {
      serverLog += d.toString();
    });
    server.stderr?.on('data', (d: Buffer) => {
      serverLog += d.toString();
    });
    try {
      await waitForHealth(baseUrl, server, 150_000);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- server output ---\n${serverLog.slice(-4000)}`);
    }
    browser = await chromium.launch({
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
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const nav = () => page.getByRole('navigation', { name: /Hauptnavigation|Main navigation/ });
  const visible = async (locator: ReturnType<Page['getByText']>) => {
    await locator.waitFor({ state: 'visible' });
    expect(await locator.isVisible()).toBe(true);
  };

  it('logs in, creates an account with a contact, edits it, sees the audit entry, switches language', async () => {
    const stamp = Date.now().toString(36);
    const accountName = `Testwerk Sommer ${stamp} GmbH`;

    // Log in as the demo marketing user; the app asks for a session first.
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('E-Mail').fill('lena.vogt@nenner.demo');
    await page.getByLabel('Passwort').fill('nenner-demo');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 200),
      page.getByRole('button', { name: 'Anmelden' }).click(),
    ]);
    await page.waitForURL(/\/contacts$/);
    await visible(page.getByRole('heading', { name: 'Kontakte', level: 1 }));
    await visible(page.getByRole('button', { name: 'Benutzermenü öffnen' }).getByText('Lena Vogt'));

    // Create an account.
    await nav().getByRole('link', { name: 'Firmen' }).click();
    await page.waitForURL(/\/accounts$/);
    await page.getByRole('button', { name: 'Neue Firma' }).click();
    const accountDialog = page.getByRole('dialog', { name: 'Neue Firma anlegen' });
    await accountDialog.getByRole('textbox', { name: 'Name', exact: true }).fill(accountName);
    await accountDialog.getByRole('textbox', { name: 'Ort', exact: true }).fill('Augsburg');
    await accountDialog.getByRole('textbox', { name: 'Land', exact: true }).fill('DE');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/accounts') && r.request().method() === 'POST'),
      accountDialog.getByRole('button', { name: 'Anlegen' }).click(),
    ]);
    expect(created.status()).toBe(201);
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
    await visible(page.getByRole('heading', { name: accountName, level: 1 }));

    // Add a contact to it.
    await page.getByRole('button', { name: 'Kontakt hinzufügen' }).click();
    const contactDialog = page.getByRole('dialog', { name: 'Neuen Kontakt anlegen' });
    await contactDialog.getByRole('textbox', { name: 'Vorname', exact: true }).fill('Mira');
    await contactDialog.getByRole('textbox', { name: 'Nachname', exact: true }).fill('Sommer');
    const [contactCreated] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/contacts') && r.request().method() === 'POST'),
      contactDialog.getByRole('button', { name: 'Anlegen' }).click(),
    ]);
    expect(contactCreated.status()).toBe(201);
    expect(((await contactCreated.json()) as { account: { name: string } }).account.name).toBe(accountName);
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await visible(page.getByRole('heading', { name: 'Mira Sommer', level: 1 }));
    await visible(page.getByRole('link', { name: accountName }));

    // Edit the contact's job title.
    await page.getByRole('textbox', { name: 'Position', exact: true }).fill('Leiterin Einkauf');
    const [patched] = await Promise.all([
      page.waitForResponse((r) => /\/api\/contacts\/[0-9a-f-]{36}$/.test(r.url()) && r.request().method() === 'PATCH'),
      page.getByRole('button', { name: 'Speichern', exact: true }).click(),
    ]);
    expect(patched.status()).toBe(200);
    expect(patched.request().headers()['if-match']).toBe('"1"');

    // The audit entry for that edit shows in the contact's timeline, in words.
    await visible(page.getByText(/Lena Vogt hat Position von leer zu „Leiterin Einkauf“ geändert/));

    // Switch the UI to English …
    await page.getByRole('button', { name: 'Benutzermenü öffnen' }).click();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/me') && r.request().method() === 'PATCH' && r.ok()),
      page.getByRole('menuitem', { name: 'English' }).click(),
    ]);
    await visible(nav().getByRole('link', { name: 'Accounts' }));
    await visible(nav().getByRole('link', { name: 'Contacts' }));
    await visible(page.getByText(/Lena Vogt changed Job title from empty to “?„?Leiterin Einkauf/));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // … and back to German.
    await page.getByRole('button', { name: 'Open user menu' }).click();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/me') && r.request().method() === 'PATCH' && r.ok()),
      page.getByRole('menuitem', { name: 'Deutsch' }).click(),
    ]);
    await visible(nav().getByRole('link', { name: 'Firmen' }));
    await visible(nav().getByRole('link', { name: 'Kontakte' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('de');

    // The choice is saved: after a reload the UI is still German.
    await page.reload();
    await visible(nav().getByRole('link', { name: 'Firmen' }));
  });
});
