import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, loginAs, startJourney, visible } from './support';

/*
 * Browser journey (issue 19): a scoped, expiring API token made on the tokens page works only within its
 * scopes; the calendar subscription is made, fetched, rotated and revoked in the profile settings.
 */
describe('browser journey: a scoped token and the calendar subscription', () => {
  let j: Journey;
  let page: Journey['page'];
  let baseUrl = '';

  beforeAll(async () => {
    j = await startJourney('access');
    ({ page, baseUrl } = j);
  });

  afterAll(async () => {
    await j?.stop();
  });

  it('creates a read-only contacts token with an expiry; it reads contacts and nothing else', async () => {
    await loginAs(j, 'lena.vogt@nenner.demo');
    await page.goto(`${baseUrl}/settings?section=tokens`);
    await page.getByLabel('Name des Tokens').fill('Mail-Tool');
    const year = new Date().getFullYear() + 1;
    await page.getByLabel('Läuft ab am').fill(`${year}-06-30`);
    await page.getByRole('checkbox', { name: 'Kontakte' }).check();
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/tokens') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Token erstellen' }).click(),
    ]);
    expect(created.status()).toBe(201);
    const token = (await created.json()) as { token: string; scopes: string[]; expiresAt: string };
    expect(token.scopes).toEqual(['read', 'contacts']);
    // the end of that day in Berlin (summer time)
    expect(token.expiresAt).toMatch(new RegExp(`^${year}-06-30T21:59:59`));
    await visible(page.getByLabel('Token', { exact: true }));
    const row = page.getByRole('row').filter({ hasText: 'Mail-Tool' });
    await visible(row.getByText('Kontakte'));
    await visible(row.getByText('Lesen', { exact: true }));

    const get = (path: string) => fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token.token}` } });
    expect((await get('/api/contacts')).status).toBe(200);
    const refused = await get('/api/accounts');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('insufficient_scope');
  });

  it('makes the calendar subscription, fetches it, makes a new one and revokes it', async () => {
    await page.goto(`${baseUrl}/settings?section=profile`);
    await page.getByRole('button', { name: 'Abo-Adresse erstellen' }).click();
    const urlBox = page.getByLabel('Abo-Adresse', { exact: true });
    await visible(urlBox);
    const first = new URL((await urlBox.textContent()) ?? '').pathname;
    expect(first).toMatch(/^\/cal\/[\w-]{43}\.ics$/);
    const feed = await fetch(`${baseUrl}${first}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');

    await page.getByRole('button', { name: 'Neue Adresse erzeugen' }).click();
    await expect.poll(async () => new URL((await urlBox.textContent()) ?? first).pathname).not.toBe(first);
    expect((await fetch(`${baseUrl}${first}`)).status).toBe(404);
    const second = new URL((await urlBox.textContent()) ?? '').pathname;
    expect((await fetch(`${baseUrl}${second}`)).status).toBe(200);

    await page.getByRole('button', { name: 'Abo widerrufen' }).click();
    await visible(page.getByText('Du hast noch kein Kalender-Abo.'));
    expect((await fetch(`${baseUrl}${second}`)).status).toBe(404);
  });
});
