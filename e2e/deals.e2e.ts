import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Journey, loginAs, startJourney, visible } from './support';

interface Competitor {
  id: string;
  name: string;
  deals: { open: number; won: number; lost: number };
}
interface Deal {
  id: string;
  name: string;
  stageId: string;
  status: string;
  closeReason: string | null;
  lostToCompetitorId: string | null;
}

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

  it('drags a deal to another stage, loses it to a competitor, and the competitor counts the loss', async () => {
    const api = await apiSession(baseUrl, 'jonas.keller@nenner.demo');
    const competitorName = 'VertriebsPilot AG';
    const before = (await api<{ items: Competitor[] }>('GET', '/competitors?limit=200')).items.find(
      (c) => c.name === competitorName,
    );
    expect(before).toBeDefined();

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

    // Drop on the column's header: a tall column's centre may lie below the fold, and scrolling there
    // mid-drag would start the drag from whatever card is under the pointer by then.
    const [moved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/deals/${dealId}/move`)),
      card.dragTo(target, { targetPosition: { x: 120, y: 20 } }),
    ]);
    expect(moved.status()).toBe(200);
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
});
