import { createRequire } from 'node:module';
import type { Page as ListPage } from '@nenner/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Journey, loginAs, settled, startJourney } from './support';

/*
 * Accessibility (issue 14): axe-core over the main screens, in German and in English, finds no serious or
 * critical violation of WCAG 2.1 A/AA. axe is evaluated through the browser's debugging protocol, which the
 * app's Content-Security-Policy (no inline script) does not govern, so the journey runs with the real CSP.
 */

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

const audit = async (page: Page): Promise<Violation[]> => {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const result = (await page.evaluate(`window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  })`)) as { violations: Violation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
};

const describeViolations = (path: string, violations: Violation[]) =>
  violations
    .map(
      (v) =>
        `${path}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes
          .map(
            (n) =>
              `${n.target.join(' ')} ${process.env.A11Y_DEBUG ? `${n.html.slice(0, 300)} ${n.failureSummary ?? ''}` : ''}`,
          )
          .slice(0, 5)
          .join('\n    ')}`,
    )
    .join('\n');

const USER = 'lena.vogt@nenner.demo';

describe('accessibility of the main screens (axe-core)', () => {
  let j: Journey;
  let screens: string[] = [];
  beforeAll(async () => {
    j = await startJourney('a11y');
    const api = await apiSession(j.baseUrl, USER);
    const first = async (path: string) => (await api<ListPage<{ id: string }>>('GET', `${path}?limit=1`)).items[0]?.id;
    const [contact, account, deal, campaign, handoff] = await Promise.all([
      first('/contacts'),
      first('/accounts'),
      first('/deals'),
      first('/campaigns'),
      first('/handoffs'),
    ]);
    screens = [
      '/',
      '/leads',
      `/leads/${handoff}`,
      '/contacts',
      `/contacts/${contact}`,
      '/accounts',
      `/accounts/${account}`,
      '/deals',
      `/deals/${deal}`,
      '/campaigns',
      `/campaigns/${campaign}`,
      '/events',
      '/goals',
      '/meetings',
      '/projects',
      '/competitors',
      '/tasks',
      '/reports',
      '/settings',
      '/gibt-es-nicht',
    ];
  }, 180_000);
  afterAll(async () => {
    await j?.stop();
  });

  const run = async (locale: 'de' | 'en') => {
    const api = await apiSession(j.baseUrl, USER);
    await api('PATCH', '/auth/me', { locale });
    await loginAs(j, USER);
    const { page } = j;
    const found: string[] = [];
    for (const path of screens) {
      await page.goto(`${j.baseUrl}${path}`);
      await settled(page);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      const violations = await audit(page);
      if (violations.length > 0) found.push(describeViolations(path, violations));
    }
    await api('PATCH', '/auth/me', { locale: 'de' });
    console.log(
      `accessibility (${locale}): ${screens.length} screens, ${found.length} with serious or critical violations`,
    );
    expect(found.join('\n')).toBe('');
  };

  it('German: no serious or critical violation', () => run('de'), 400_000);
  it('English: no serious or critical violation', () => run('en'), 400_000);
});
