import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type Journey, loginAs, startJourney, visible } from './support';

/*
 * Browser journey (issue 15): a user sets up two-factor authentication on the security page (QR code, key,
 * first code, recovery codes shown once), then logs in again with a code from the app and remembers the
 * device; the session list shows this session.
 */

const EMAIL = 'lena.vogt@nenner.demo';

/** The app's code for a TOTP step after `usedStep` (a code is accepted once): waits for the next step if needed. */
const freshCode = async (secret: string, usedStep: number): Promise<{ code: string; step: number }> => {
  while (Math.floor(Date.now() / 30_000) <= usedStep) await new Promise((r) => setTimeout(r, 500));
  const step = Math.floor(Date.now() / 30_000);
  return { code: new TOTP({ secret: Secret.fromBase32(secret) }).generate(), step };
};

describe('browser journey: two-factor authentication', () => {
  let j: Journey;
  let page: Journey['page'];
  let baseUrl = '';

  beforeAll(async () => {
    j = await startJourney('two-factor');
    ({ page, baseUrl } = j);
  });

  afterAll(async () => {
    await j?.stop();
  });

  it('enrolls with the QR code key and logs in with a code from the app', async () => {
    await loginAs(j, EMAIL);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sicherheit' }).click();
    await page.waitForURL(`${baseUrl}/security`);
    await page.getByRole('button', { name: 'Einrichten' }).click();
    await page.getByTestId('two-factor-start').click();
    await visible(page.getByRole('img', { name: 'QR-Code für die Authenticator-App' }));
    const secret = (await page.getByTestId('two-factor-secret').getAttribute('data-secret')) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const first = await freshCode(secret, 0);
    await page.getByTestId('two-factor-confirm-code').fill(first.code);
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await visible(page.getByTestId('recovery-codes'));
    const codes = (await page.getByLabel('Wiederherstellungscodes', { exact: true }).textContent()) ?? '';
    expect(codes.trim().split('\n')).toHaveLength(10);
    await page.getByRole('button', { name: 'Ich habe die Codes gesichert' }).click();
    await visible(page.getByText('2FA an'));

    await j.context.clearCookies();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('E-Mail').fill(EMAIL);
    await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await visible(page.getByRole('heading', { name: 'Bestätigung in zwei Schritten' }));
    const second = await freshCode(secret, first.step);
    await page.getByTestId('two-factor-code').fill(second.code);
    await page.getByLabel('Dieses Gerät 30 Tage lang merken').check();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/two-factor/verify') && r.status() === 200),
      page.getByRole('button', { name: 'Bestätigen' }).click(),
    ]);
    await page.waitForURL(`${baseUrl}/`);
    expect((await j.context.cookies()).map((c) => c.name)).toEqual(
      expect.arrayContaining(['nenner_session', 'nenner_device']),
    );
    await page.goto(`${baseUrl}/security`);
    await visible(page.getByText('Diese Sitzung'));
  });
});
