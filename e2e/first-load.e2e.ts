import type { ConsoleMessage, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type Journey, startJourney, visible } from './support';

/*
 * The first load in a real browser (issue 14): the login page logs no failed request, scripts arrive
 * compressed and cached for a year, the chart library stays away until a screen draws a chart, and the
 * English texts load when someone switches to English.
 */

describe('browser journey: the first load', () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney('first-load');
  });

  afterAll(async () => {
    await j?.stop();
  });

  it('shows the login page without an error in the console, then the start page, with compressed, cached scripts', async () => {
    const { page, baseUrl } = j;
    const errors: string[] = [];
    const failed: string[] = [];
    const scripts: Response[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('response', (r: Response) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      if (r.url().endsWith('.js')) scripts.push(r);
    });

    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login/);
    await visible(page.getByRole('button', { name: 'Anmelden' }));
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);

    expect(scripts.length).toBeGreaterThan(1);
    for (const r of scripts) {
      const headers = await r.allHeaders();
      expect(headers['cache-control'], r.url()).toBe('public, max-age=31536000, immutable');
      if (Number(headers['content-length'] ?? 2048) > 1024) expect(headers['content-encoding'], r.url()).toBe('br');
    }
    const html = await page.request.get(`${baseUrl}/`);
    expect(html.headers()['cache-control']).toBe('no-cache');
    const loginScripts = scripts.length;

    // No chart library before a screen needs one.
    const chartLibrary = async () => {
      for (const r of scripts) if ((await r.text()).includes('[ECharts]')) return true;
      return false;
    };
    expect(await chartLibrary()).toBe(false);

    await page.getByLabel('E-Mail').fill('jonas.keller@nenner.demo');
    await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 200),
      page.getByRole('button', { name: 'Anmelden' }).click(),
    ]);
    await page.waitForURL(`${j.baseUrl}/`);
    await visible(page.getByRole('heading', { name: 'Hallo Jonas!', level: 1 }));
    const startScripts = scripts.length;
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Kontakte' }).click();
    await visible(page.getByRole('heading', { name: 'Kontakte', level: 1 }));
    // the contact list came as its own chunk, after the start page's scripts
    expect(scripts.length).toBeGreaterThan(startScripts);
    expect(startScripts).toBeGreaterThanOrEqual(loginScripts);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
  });

  it('loads the English texts when a user switches to English', async () => {
    const { page } = j;
    await page.getByRole('button', { name: 'Benutzermenü öffnen' }).click();
    const [english] = await Promise.all([
      page.waitForResponse((r) => /\/assets\/en-[\w-]+\.js$/.test(r.url())),
      page.waitForResponse((r) => r.url().endsWith('/api/auth/me') && r.request().method() === 'PATCH' && r.ok()),
      page.getByRole('menuitem', { name: 'English' }).click(),
    ]);
    expect(english.status()).toBe(200);
    await visible(page.getByRole('heading', { name: 'Contacts', level: 1 }));
    // back to German for whoever uses the demo next
    await page.getByRole('button', { name: 'Open user menu' }).click();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/me') && r.request().method() === 'PATCH' && r.ok()),
      page.getByRole('menuitem', { name: 'Deutsch' }).click(),
    ]);
    await visible(page.getByRole('heading', { name: 'Kontakte', level: 1 }));
  });
});
