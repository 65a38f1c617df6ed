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

  const check = async (width: number, height: number) => {
    await loginAs(j, USER);
    const { page } = j;
    await page.setViewportSize({ width, height });
    const problems: string[] = [];
    for (const path of screens) {
      await page.goto(`${j.baseUrl}${path}`);
      await settled(page);
      for (const o of await findOverflow(page)) problems.push(`${path}: ${o.what} „${o.text}“ over by ${o.overBy}px`);
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    console.log(`layout (${width} px): ${screens.length} screens, ${problems.length} overflows`);
    expect(problems.join('\n')).toBe('');
  };

  it('1440 px: nothing clipped, nothing off-screen', () => check(1440, 900), 400_000);
  it('390 px: nothing clipped, no sideways scroll', () => check(390, 844), 400_000);

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
