/// <reference lib="dom" />
import type { Page as ListPage } from '@nenner/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Journey, loginAs, settled, startJourney, visible } from './support';

/*
 * Layout (issue 14): each main screen at 1440 px (a laptop) and at 390 px (a phone). The page never scrolls
 * sideways, and no table cell or badge cuts its text off ("QUALIFI…", "VERTRI…").
 */

interface Overflow {
  what: string;
  text: string;
  overBy: number;
}

/** Runs in the page: the page's own sideways overflow, and every cell or badge whose text does not fit. */
const findOverflow = (page: Page): Promise<Overflow[]> =>
  page.evaluate(() => {
    const found: { what: string; text: string; overBy: number }[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) {
      // the widest element sticking out on the right, to name the culprit
      let culprit = '';
      let right = root.clientWidth;
      // an element inside a scrolling or clipping box does not widen the page, however wide it is
      const clipped = (el: HTMLElement): boolean => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== 'visible') return true;
        }
        return false;
      };
      for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
        const r = el.getBoundingClientRect();
        if (r.right > right + 1 && r.width > 0 && !clipped(el)) {
          right = r.right;
          const named = el.closest('[data-testid], [aria-label], section, main');
          culprit = `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} in ${named?.getAttribute('data-testid') ?? named?.getAttribute('aria-label') ?? named?.tagName.toLowerCase()}`;
        }
      }
      found.push({ what: `page (${culprit})`, text: '', overBy: root.scrollWidth - root.clientWidth });
    }
    const cut = document.querySelectorAll<HTMLElement>('td, th, .mantine-Badge-label, .mantine-Tabs-tabLabel');
    for (const el of Array.from(cut)) {
      const style = getComputedStyle(el);
      const clips = style.overflow !== 'visible' || style.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
        found.push({
          what: el.tagName.toLowerCase(),
          text: (el.textContent ?? '').slice(0, 40),
          overBy: el.scrollWidth - el.clientWidth,
        });
      }
    }
    return found;
  });

const USER = 'lena.vogt@nenner.demo';

describe('layout at 1440 px and 390 px', () => {
  let j: Journey;
  let screens: string[] = [];
  beforeAll(async () => {
    j = await startJourney('layout');
    const api = await apiSession(j.baseUrl, USER);
    const first = async (path: string) => (await api<ListPage<{ id: string }>>('GET', `${path}?limit=1`)).items[0]?.id;
    const [contact, account, deal, campaign] = await Promise.all([
      first('/contacts'),
      first('/accounts'),
      first('/deals'),
      first('/campaigns'),
    ]);
    screens = [
      '/',
      '/leads',
      '/contacts',
      `/contacts/${contact}`,
      '/accounts',
      `/accounts/${account}`,
      '/deals',
      '/deals?view=list',
      `/deals/${deal}`,
      '/campaigns',
      `/campaigns/${campaign}`,
      '/competitors',
      '/tasks',
      '/reports',
      '/goals',
      '/projects',
    ];
  }, 180_000);
  afterAll(async () => {
    await j?.stop();
  });

  /**
   * Visits each path at the width and collects every overflow, and whatever `more` finds there. A report
   * tab is waited for until its panel shows (the page keeps the other, empty panels hidden).
   */
  const survey = async (
    paths: string[],
    width: number,
    height: number,
    more?: (path: string) => Promise<string[]>,
  ): Promise<string[]> => {
    await loginAs(j, USER);
    const { page } = j;
    await page.setViewportSize({ width, height });
    const problems: string[] = [];
    try {
      for (const path of paths) {
        await page.goto(`${j.baseUrl}${path}`);
        await settled(page);
        if (path.startsWith('/reports?')) await visible(page.locator('main [role="tabpanel"]:visible').first());
        for (const o of await findOverflow(page)) problems.push(`${path}: ${o.what} „${o.text}“ over by ${o.overBy}px`);
        if (more) problems.push(...(await more(path)));
      }
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 });
    }
    console.log(`layout (${width} px): ${paths.length} screens, ${problems.length} problems`);
    return problems;
  };

  it('1440 px: nothing clipped, nothing off-screen', async () => {
    expect((await survey(screens, 1440, 900)).join('\n')).toBe('');
  }, 400_000);
  it('390 px: nothing clipped, no sideways scroll', async () => {
    expect((await survey(screens, 390, 844)).join('\n')).toBe('');
  }, 400_000);

  const reportTabs = ['sla', 'winloss', 'attribution', 'funnel', 'contribution', 'alignment'].map(
    (tab) => `/reports?tab=${tab}`,
  );

  it('1440 px: every reports tab, nothing clipped, nothing off-screen', async () => {
    expect((await survey(reportTabs, 1440, 900)).join('\n')).toBe('');
  }, 300_000);

  it('390 px: every reports tab fits the phone, its tables are cards', async () => {
    const { page } = j;
    const problems = await survey(reportTabs, 390, 844, async (path) => {
      const found: string[] = [];
      // a report's table is a list of cards here: no table wider than the phone, scrolling or not
      const wide = await page
        .locator('main table')
        .evaluateAll((ts) =>
          ts
            .map((t) => ({ id: t.getAttribute('data-testid') ?? '', w: t.getBoundingClientRect().width }))
            .filter((t) => t.w > document.documentElement.clientWidth + 1),
        );
      for (const t of wide) found.push(`${path}: table ${t.id} ${Math.round(t.w)}px wide`);
      // the demo data fills every report; win/loss may have no deal closed against a competitor this year
      if (!path.endsWith('winloss') && (await page.locator('main [data-layout="cards"] > li').count()) === 0) {
        found.push(`${path}: no cards`);
      }
      return found;
    });
    expect(problems.join('\n')).toBe('');
  }, 300_000);

  it('390 px: lists are cards, filters sit behind a button', async () => {
    await loginAs(j, USER);
    const { page } = j;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const path of ['/contacts', '/accounts', '/campaigns', '/deals?view=list']) {
        await page.goto(`${j.baseUrl}${path}`);
        await settled(page);
        const cards = page.locator('main [data-layout="cards"] > li');
        await visible(cards.first());
        expect(await cards.count(), path).toBeGreaterThan(0);
        // no table left on a list screen, let alone one wider than the phone
        const tables = await page
          .locator('main table')
          .evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().width));
        expect(tables, path).toEqual([]);
        const widest = await cards.evaluateAll((cs) => Math.max(...cs.map((c) => c.getBoundingClientRect().right)));
        expect(widest, path).toBeLessThanOrEqual(390);
      }

      // the contacts' filters: the search in view, owner and stage behind "Filter", which counts them
      await page.goto(`${j.baseUrl}/contacts`);
      await settled(page);
      await visible(page.getByRole('searchbox', { name: 'Suchen' }));
      const stage = page.getByRole('combobox', { name: 'Lebenszyklusphase' });
      expect(await stage.isVisible()).toBe(false);
      const toggle = page.getByTestId('filter-toggle');
      expect(await toggle.getAttribute('aria-label')).toBe('Filter');
      await toggle.click();
      await visible(stage);
      await visible(page.getByRole('combobox', { name: 'Verantwortlich' }));
      await stage.click();
      await page.getByRole('option', { name: 'Kunde', exact: true }).click();
      await settled(page);
      expect(await toggle.getAttribute('aria-label')).toBe('Filter, 1 aktiv');

      // one thumb: every control on the lead inbox, the tasks and a card list is at least 44 px tall
      for (const path of ['/leads?tab=inbox', '/leads?tab=returned', '/tasks', '/contacts']) {
        await page.goto(`${j.baseUrl}${path}`);
        await settled(page);
        const small = await page.evaluate(() =>
          Array.from(
            document.querySelectorAll<HTMLElement>(
              'main button, main input:not([type="checkbox"]), main .nenner-touch, main .mantine-SegmentedControl-label, main .nenner-card-title a',
            ),
          )
            .map((el) => ({ el, r: el.getBoundingClientRect() }))
            .filter(({ el, r }) => r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden')
            .filter(({ r }) => r.height < 43.5)
            .map(
              ({ el, r }) =>
                `${el.tagName.toLowerCase()} „${(el.textContent || el.getAttribute('aria-label') || '').slice(0, 30)}“ ${Math.round(r.height)}px`,
            ),
        );
        expect(small, path).toEqual([]);
      }
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 });
    }
  }, 300_000);
});
