import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, startJourney, visible } from './support';

describe('browser journey: marketing and sales share one customer record', () => {
  let j: Journey;
  let page: Journey['page'];
  let baseUrl = '';

  beforeAll(async () => {
    j = await startJourney('journey');
    page = j.page;
    baseUrl = j.baseUrl;
  });

  afterAll(async () => {
    await j?.stop();
  });

  const nav = () => page.getByRole('navigation', { name: /Hauptnavigation|Main navigation/ });
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
    // the start page first („Mein Tag“), then the contacts
    await page.waitForURL(`${baseUrl}/`);
    await visible(page.getByRole('heading', { name: 'Hallo Lena!', level: 1 }));
    await visible(page.getByRole('button', { name: 'Benutzermenü öffnen' }).getByText('Lena Vogt'));
    await nav().getByRole('link', { name: 'Kontakte' }).click();
    await visible(page.getByRole('heading', { name: 'Kontakte', level: 1 }));

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
