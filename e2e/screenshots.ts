/*
 * The start page („Mein Tag“) of each department's demo person, in German and English, as PNGs in
 * docs/screenshots/ (linked from the README): `npm run screenshots`. Uses the journeys' own set-up (a
 * server on the demo workspace, Debian's Chromium), so the pictures show what the tests see.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { apiSession, loginAs, settled, startJourney } from './support';

const out = resolve(import.meta.dirname, '../docs/screenshots');

const people = [
  { role: 'marketing', email: 'lena.vogt@nenner.demo' },
  { role: 'sales', email: 'jonas.keller@nenner.demo' },
  { role: 'management', email: 'sabine.brandt@nenner.demo' },
] as const;

const main = async () => {
  mkdirSync(out, { recursive: true });
  const j = await startJourney('screenshots');
  try {
    await j.page.setViewportSize({ width: 1440, height: 1000 });
    for (const { role, email } of people) {
      const api = await apiSession(j.baseUrl, email);
      for (const locale of ['de', 'en'] as const) {
        await api('PATCH', '/auth/me', { locale });
        await loginAs(j, email);
        await settled(j.page);
        // charts animate in: let them come to rest
        await j.page.waitForTimeout(800);
        const file = join(out, `start-${role}-${locale}.png`);
        await j.page.screenshot({ path: file, fullPage: false });
        console.log(`  ${file}`);
      }
      await api('PATCH', '/auth/me', { locale: 'de' });
    }
  } finally {
    await j.stop();
  }
};

await main();
