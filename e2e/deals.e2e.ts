import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Journey, loginAs, startJourney, visible } from './support';

type Page = Journey['page'];
type Box = { x: number; y: number; width: number; height: number };

interface Competitor {
  id: string;
  name: string;
  deals: { open: number; won: number; lost: number };
}
interface Deal {
  id: string;
  name: string;
  version: number;
  stageId: string;
  status: string;
  closeDate: string | null;
  closeReason: string | null;
  lostToCompetitorId: string | null;
}

/** The calendar day `days` before today on the wall clock of `timeZone`, as YYYY-MM-DD. */
const daysAgo = (days: number, timeZone: string): string => {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) - days)).toISOString().slice(0, 10);
};

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const boxOf = async (page: Page, testId: string): Promise<Box> => {
  const box = await page.getByTestId(testId).boundingBox();
  expect(box, testId).not.toBeNull();
  return box as Box;
};

/** The toast with this text is on screen, inside the viewport, and clear of the bell and the user menu. */
const expectToastClearOfHeader = async (page: Page, text: string | RegExp): Promise<void> => {
  const toast = page.locator('.mantine-Notification-root').filter({ hasText: text }).first();
  await visible(toast);
  // toasts slide in from the right edge: judge where it comes to rest, not a frame of its entrance
  await toast.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
  await page.waitForTimeout(400);
  const box = (await toast.boundingBox()) as Box;
  expect(box).not.toBeNull();
  const viewport = page.viewportSize();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport?.width ?? 0);
  expect(overlaps(box, await boxOf(page, 'notification-bell'))).toBe(false);
  expect(overlaps(box, await boxOf(page, 'user-menu'))).toBe(false);
};

describe('browser journey: a deal moves across the board, is lost to a competitor; duplicates become one contact', () => {
  let j: Journey;
  let page: Journey['page'];
  let baseUrl = '';

  beforeAll(async () => {
    j = await startJourney('deals');
    ({ page, baseUrl } = j);
  });

  afterAll(async () => {
    await j?.stop();
  });

  it('flags an open deal whose close date has passed, on the board, in the list and on its page', async () => {
    const api = await apiSession(baseUrl, 'jonas.keller@nenner.demo');
    const me = await api<{ timeZone: string }>('GET', '/auth/me');
    const open = await api<{ items: Deal[] }>('GET', '/deals?ownerId=me&status=open&limit=5');
    const deal = open.items[0] as Deal;
    expect(deal).toBeDefined();
    // three days ago in Jonas's own time zone: "3 Tage überfällig"
    await api('PATCH', `/deals/${deal.id}`, { closeDate: daysAgo(3, me.timeZone) }, deal.version);

    await loginAs(j, 'jonas.keller@nenner.demo');
    await page.goto(`${baseUrl}/deals?ownerId=me`);
    // the board: the most recently changed deal comes first in its column
    const card = page.locator(`[data-testid="deal-card"][data-deal-id="${deal.id}"]`);
    await visible(card.getByTestId('close-overdue'));
    expect(await card.getByTestId('close-overdue').textContent()).toContain('3 Tage überfällig');

    // the list, sorted by last change
    await page.getByRole('tab', { name: 'Liste' }).click();
    await page.getByRole('combobox', { name: 'Sortierung', exact: true }).click();
    await page.getByRole('option', { name: 'Zuletzt geändert', exact: true }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: deal.name, exact: true }) });
    await visible(row.getByTestId('close-overdue'));
    // screen readers hear the whole sentence
    await visible(row.getByText('Abschluss überfällig seit 3 Tagen'));

    // the deal's own page
    await row.getByRole('link', { name: deal.name, exact: true }).click();
    await visible(page.getByRole('heading', { name: deal.name, level: 1 }));
    await visible(page.getByTestId('close-overdue'));
    expect(await page.getByTestId('close-overdue').textContent()).toContain('3 Tage überfällig');
  });

  it('drags a deal to another stage, loses it to a competitor, and the competitor counts the loss', async () => {
    const api = await apiSession(baseUrl, 'jonas.keller@nenner.demo');
    const competitorName = 'VertriebsPilot AG';
    const before = (await api<{ items: Competitor[] }>('GET', '/competitors?limit=200')).items.find(
      (c) => c.name === competitorName,
    );
    expect(before).toBeDefined();

    await page.setViewportSize({ width: 1440, height: 1000 });
    await loginAs(j, 'jonas.keller@nenner.demo');
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Verkaufschancen' })
      .click();
    await page.waitForURL(/\/deals/);
    await page.getByRole('combobox', { name: 'Verantwortlich', exact: true }).click();
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/deals/board') && r.url().includes('ownerId=me') && r.ok()),
      page.getByRole('option', { name: 'Meine', exact: true }).click(),
    ]);
    await page.waitForURL(/ownerId=me/);
    // every card on the board is now one of Jonas's
    await visible(page.getByTestId('deal-card').first().getByText('Jonas Keller'));

    // The first open column with one of Jonas's deals, and the column after it as the target.
    const columns = page.getByTestId('board-column');
    await visible(columns.first().getByTestId('deal-card').first());
    const count = await columns.count();
    let from = -1;
    for (let i = 0; i < count - 1 && from < 0; i++) {
      if ((await columns.nth(i).getByTestId('deal-card').count()) > 0) from = i;
    }
    expect(from).toBeGreaterThanOrEqual(0);
    const source = columns.nth(from);
    const target = columns.nth(from + 1);
    const targetName = (await target.getAttribute('aria-label')) ?? '';
    const first = source.getByTestId('deal-card').first();
    const dealName = (await first.getAttribute('aria-label')) ?? '';
    const dealId = (await first.getAttribute('data-deal-id')) ?? '';
    const card = page.locator(`[data-deal-id="${dealId}"]`);
    expect(dealName).not.toBe('');

    // Drag by hand: while the pointer moves, a preview of the card follows it and the card's place stays
    // marked. Drop on the column's header: a tall column's centre may lie below the fold, and scrolling
    // there mid-drag would start the drag from whatever card is under the pointer by then.
    await card.scrollIntoViewIfNeeded();
    const cardBox = (await card.boundingBox()) as Box;
    const to = (await target.boundingBox()) as Box;
    const grab = { x: cardBox.x + 16, y: cardBox.y + cardBox.height - 10 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x + 30, grab.y + 10, { steps: 5 });
    await page.mouse.move(to.x + 60, to.y + 30, { steps: 10 });
    const overlay = page.getByTestId('deal-drag-overlay');
    await visible(overlay);
    expect(await overlay.textContent()).toContain(dealName);
    // the preview is where the pointer is, not where the drag began
    const preview = (await overlay.locator('> *').boundingBox()) as Box;
    expect(preview.x).toBeGreaterThan(to.x);
    expect(await card.getAttribute('data-dragging')).toBe('true');
    await page.mouse.move(to.x + 120, to.y + 20, { steps: 5 });
    const [moved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/deals/${dealId}/move`)),
      page.mouse.up(),
    ]);
    expect(moved.status()).toBe(200);
    await overlay.waitFor({ state: 'detached' });
    // the "moved" toast stays clear of the header's bell and user menu
    await expectToastClearOfHeader(page, 'ist jetzt in');
    expect(moved.request().headers()['if-match']).toMatch(/^"\d+"$/);
    await visible(page.getByRole('region', { name: targetName, exact: true }).getByRole('article', { name: dealName }));

    // After a reload the card is still in its new column: the server has it there.
    await page.reload();
    await visible(page.getByRole('region', { name: targetName, exact: true }).getByRole('article', { name: dealName }));
    expect(await source.getByRole('article', { name: dealName }).count()).toBe(0);

    // Drop it on "Verloren": the dialog asks for the reason and the competitor.
    const [lostZone, movedCard] = [page.getByTestId('drop-lost'), page.getByRole('article', { name: dealName })];
    await movedCard.dragTo(lostZone);
    const dialog = page.getByRole('dialog', { name: 'Verkaufschance verloren' });
    await visible(dialog);
    await dialog.getByRole('combobox', { name: 'Grund' }).click();
    await page.getByRole('option', { name: 'Wettbewerber', exact: true }).click();
    await dialog.getByRole('combobox', { name: 'Verloren an Wettbewerber' }).click();
    await page.getByRole('option', { name: competitorName, exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Kommentar (optional)' }).fill('Preis war 20 % niedriger.');
    const [closed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/deals/${dealId}/close`)),
      dialog.getByRole('button', { name: 'Als verloren markieren' }).click(),
    ]);
    expect(closed.status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
    expect(
      await page
        .getByRole('region', { name: targetName, exact: true })
        .getByRole('article', { name: dealName })
        .count(),
    ).toBe(0);

    const deal = await api<Deal>('GET', `/deals/${dealId}`);
    expect(deal).toMatchObject({ status: 'lost', closeReason: 'competitor', lostToCompetitorId: before?.id });

    // The competitor counts the loss and lists the deal.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Wettbewerber' }).click();
    await page.getByRole('link', { name: competitorName }).click();
    await visible(page.getByRole('heading', { name: competitorName, level: 1 }));
    await visible(page.getByTestId('competitor-lost').getByText(`${(before?.deals.lost ?? 0) + 1} verloren`));
    await visible(
      page
        .getByRole('region', { name: 'Verkaufschancen mit diesem Wettbewerber' })
        .getByRole('link', { name: dealName }),
    );
  });

  it('merges two duplicate contacts from the review queue into one with both timelines', async () => {
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Datenqualität' })
      .click();
    await page.waitForURL(/\/quality/);
    const review = page.getByRole('button', { name: /^Katrin (Müller|Mueller) und Katrin (Müller|Mueller) prüfen$/ });
    await review.click();
    const dialog = page.getByRole('dialog', { name: 'Dublette zusammenführen' });
    await visible(dialog.getByText('Gleiche E-Mail'));
    // keep the spelling with the umlaut and the job title that only one record has
    await dialog.getByRole('radio', { name: /^Nachname: „Müller“ aus [AB] übernehmen$/ }).check();
    await dialog.getByRole('radio', { name: /^Position: „Geschäftsführerin“ aus [AB] übernehmen$/ }).check();
    const [merged] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/contacts/merge')),
      dialog.getByRole('button', { name: 'Zusammenführen' }).click(),
    ]);
    expect(merged.status()).toBe(200);
    const body = (await merged.request().postDataJSON()) as {
      survivorId: string;
      mergedId: string;
      fields: Record<string, string>;
    };
    expect(Object.keys(body.fields)).toEqual(expect.arrayContaining(['lastName', 'jobTitle']));
    await visible(dialog.getByText('Zusammengeführt', { exact: true }));
    await dialog.getByRole('button', { name: 'Datensatz öffnen' }).click();
    await page.waitForURL(new RegExp(`/contacts/${body.survivorId}$`));

    // One contact, named as chosen, whose timeline holds both records' entries.
    await visible(page.getByRole('heading', { name: 'Katrin Müller', level: 1 }));
    const timeline = page.getByRole('region', { name: 'Verlauf', exact: true });
    await visible(timeline.getByText('Rückruf zum Wartungsvertrag', { exact: false }));
    await visible(timeline.getByText('Whitepaper „Instandhaltung 4.0“', { exact: false }));

    const api = await apiSession(baseUrl, 'jonas.keller@nenner.demo');
    const found = await api<{ items: { id: string; lastName: string }[] }>(
      'GET',
      '/contacts?q=katrin.mueller%40mueller-maschinenbau.de',
    );
    expect(found.items.map((c) => c.id)).toEqual([body.survivorId]);
    expect(found.items[0]?.lastName).toBe('Müller');
  });

  it('on a phone, a card moves by keyboard and its toast stays clear of the bell and the user menu', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(j, 'jonas.keller@nenner.demo');
    await page.goto(`${baseUrl}/deals?ownerId=me`);
    const card = page.getByTestId('deal-card').first();
    const dealId = (await card.getAttribute('data-deal-id')) ?? '';
    const menu = card.getByRole('button', { name: /^Phase ändern: / });
    await menu.focus();
    await page.keyboard.press('Enter');
    const [moved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/deals/${dealId}/move`)),
      page.getByRole('menuitem').first().press('Enter'),
    ]);
    expect(moved.status()).toBe(200);
    await expectToastClearOfHeader(page, 'ist jetzt in');
    await page.setViewportSize({ width: 1440, height: 1000 });
  });
});
