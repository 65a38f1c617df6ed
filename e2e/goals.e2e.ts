import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Journey, loginAs, startJourney, visible } from './support';

interface Goal {
  id: string;
  name: string;
  shared: boolean;
  filters: Record<string, string>;
  owners: { id: string }[];
}
interface Contact {
  id: string;
  version: number;
}

describe('browser journey: marketing and sales share a goal, three MQLs move it, both see it on the start page', () => {
  let j: Journey;
  let page: Journey['page'];
  let baseUrl = '';

  beforeAll(async () => {
    j = await startJourney('goals');
    ({ page, baseUrl } = j);
  });

  afterAll(async () => {
    await j?.stop();
  });

  it('creates the shared goal in the form, counts three new MQLs, and shows it with the alignment index', async () => {
    const stamp = Date.now().toString(36);
    // A source of its own, so the goal counts exactly the three contacts of this journey (the demo has MQLs too).
    const source = `e2e-ziele-${stamp}`;

    // (1) Marketing (Lena) creates „MQLs im Dezember“ with Jonas from sales as co-owner, through the form.
    await loginAs(j, 'lena.vogt@nenner.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Ziele' }).click();
    await page.waitForURL(/\/goals$/);
    await page.getByTestId('goal-new').click();
    const dialog = page.getByRole('dialog', { name: 'Ziel anlegen' });
    await dialog.getByTestId('goal-name').fill('MQLs im Dezember');
    await dialog.getByTestId('goal-metric').click();
    await page.getByRole('option', { name: 'Neue MQLs im Zeitraum', exact: true }).click();
    // the metric's definition in German, and the filters it takes
    await visible(dialog.getByTestId('goal-metric-definition'));
    expect(await dialog.getByTestId('goal-metric-definition').textContent()).toContain('Marketing Qualified Lead');
    await dialog.getByTestId('goal-filter-source').fill(source);
    // a month is the default period; Lena is already an owner
    expect(await dialog.getByTestId('goal-period-type').inputValue()).toBe('Monat');
    await dialog.getByTestId('goal-target').fill('5');
    await dialog.getByTestId('goal-owners').click();
    await dialog.getByTestId('goal-owners').fill('Jonas');
    await page.getByRole('option', { name: /Jonas Keller/ }).click();
    await page.keyboard.press('Escape'); // closes the owners' dropdown, not the dialog
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/goals') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Anlegen' }).click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    const goal = (await created.json()) as Goal;
    expect(goal.shared).toBe(true);
    expect(goal.filters).toEqual({ source });
    expect(goal.owners).toHaveLength(2);
    await page.waitForURL(new RegExp(`/goals/${goal.id}$`));
    await expect.poll(() => page.getByTestId('goal-kpi-actual').textContent()).toBe('0 / 5');

    // (2) Three contacts from that source become MQLs.
    const lena = await apiSession(baseUrl, 'lena.vogt@nenner.demo');
    for (const name of ['Albers', 'Brandl', 'Conrad']) {
      const c = await lena<Contact>('POST', '/contacts', {
        firstName: 'Test',
        lastName: `${name} ${stamp}`,
        lifecycleStage: 'lead',
        source,
      });
      await lena('PATCH', `/contacts/${c.id}`, { lifecycleStage: 'mql' }, c.version);
    }
    const progress = await lena<{ actual: number; target: number }>('GET', `/goals/${goal.id}/progress`);
    expect(progress).toMatchObject({ actual: 3, target: 5 });

    // (3) The goal's page: 3 / 5, its status, and the burn-up chart.
    await page.reload();
    await expect.poll(() => page.getByTestId('goal-kpi-actual').textContent()).toBe('3 / 5');
    await visible(page.getByTestId('goal-status'));
    expect(await page.getByTestId('goal-status').textContent()).toMatch(
      /^(Im Plan|Gefährdet|Nicht im Plan|Noch nicht begonnen)$/,
    );
    await visible(page.getByTestId('goal-shared-badge'));
    await visible(page.getByTestId('goal-burnup').locator('svg').first());
    expect(await page.getByTestId('goal-filters').textContent()).toBe(`Quelle: ${source}`);

    // (4) Sales (Jonas) finds it under „Unsere Ziele“ on the start page.
    await loginAs(j, 'jonas.keller@nenner.demo');
    await page.goto(`${baseUrl}/`);
    const ours = page.getByTestId(`our-goal-${goal.id}`);
    await visible(ours);
    expect(await ours.getByRole('link', { name: 'MQLs im Dezember' }).isVisible()).toBe(true);
    await expect.poll(() => ours.getByTestId('goal-actual-of-target').textContent()).toBe('3 / 5');

    // (5) The alignment index beside it: the gauge and its eight parts.
    const alignment = page.getByTestId('alignment-panel');
    await visible(alignment.getByTestId('alignment-gauge').locator('svg').first());
    await expect.poll(() => alignment.locator('[data-testid^="alignment-part-"]').count()).toBe(8);
    await visible(alignment.getByText('SLA-Einhaltung'));
    await visible(alignment.getByText('Zielerreichung gemeinsamer Ziele'));
  });
});
