import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Journey, loginAs, startJourney, visible } from './support';

interface ContactPage {
  items: { id: string; firstName: string; lastName: string; emails: string[]; phone: string | null }[];
}

describe('browser journey: sales imports a German Excel CSV, fixes the mapping, runs it and undoes it', () => {
  let j: Journey;
  let page: Journey['page'];
  let baseUrl = '';

  beforeAll(async () => {
    j = await startJourney('imports');
    ({ page, baseUrl } = j);
  });
  afterAll(async () => {
    await j?.stop();
  });

  it('uploads, maps, sees the dry run errors, runs with a progress bar, finds the contacts, undoes', async () => {
    const stamp = Date.now().toString(36);
    // what German Excel writes for "CSV (Trennzeichen-getrennt)": Windows-1252 with semicolons
    const file = iconv.encode(
      [
        'Vorname;Nachname;Mail-Adresse;Telefon',
        `Jürgen;Weiß-${stamp};juergen.${stamp}@import.example;089 / 123 45-67`,
        `Käthe;Groß-${stamp};kaethe.${stamp}@import.example;0221 987654`,
        `Fehler;Zeile-${stamp};keine-mail@;`,
      ].join('\r\n'),
      'win1252',
    );
    const jonas = await apiSession(baseUrl, 'jonas.keller@nenner.demo');

    await loginAs(j, 'jonas.keller@nenner.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Import' }).click();
    await page.waitForURL(/\/imports$/);
    await visible(page.getByRole('heading', { name: 'Import' }));
    await page.locator('input[type="file"]').setInputFiles({ name: 'kunden.csv', mimeType: 'text/csv', buffer: file });
    const [uploaded] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/imports' && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Hochladen' }).click(),
    ]);
    expect(uploaded.status(), await uploaded.text()).toBe(201);
    await visible(page.getByTestId('import-detected').getByText('Zeichensatz windows-1252, Trennzeichen ;'));

    // "Mail-Adresse" is no header the presets know: map it by hand
    await page.getByRole('combobox', { name: 'Feld für Spalte Mail-Adresse' }).click();
    await page.getByRole('option', { name: 'E-Mail', exact: true }).click();

    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/dry-run') && r.ok()),
      page.getByRole('button', { name: 'Probelauf' }).click(),
    ]);
    await visible(page.getByTestId('import-count-create').getByText('2', { exact: true }));
    await visible(page.getByTestId('import-count-fail').getByText('1', { exact: true }));
    const errors = page.getByTestId('import-errors');
    await visible(errors.getByText('Keine gültige E-Mail-Adresse'));
    await visible(errors.getByText('keine-mail@'));
    await visible(page.getByRole('link', { name: 'Alle Fehler als CSV herunterladen' }));

    await page.getByRole('button', { name: 'Import starten' }).click();
    await visible(page.getByTestId('import-progress'));
    await visible(page.getByTestId('import-status').getByText(/^Fertig · 3 von 3 Zeilen/));
    await visible(page.getByTestId('import-result').getByText('2 neu, 0 aktualisiert, 0 übersprungen, 1 mit Fehlern'));

    // the contacts are there, umlauts and phone numbers intact, with the import on their timeline
    const found = await jonas<ContactPage>(
      'GET',
      `/contacts?q=${encodeURIComponent(`juergen.${stamp}@import.example`)}`,
    );
    expect(found.items.map((c) => [c.firstName, c.lastName, c.phone])).toEqual([
      ['Jürgen', `Weiß-${stamp}`, '+49 89 1234567'],
    ]);
    const contactId = found.items[0]?.id ?? '';
    const detail = await j.context.newPage();
    await detail.goto(`${baseUrl}/contacts/${contactId}`);
    await visible(detail.getByText(`Weiß-${stamp}`).first());
    await visible(detail.getByText('Jonas Keller hat den Datensatz importiert aus kunden.csv'));
    await detail.close();

    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/undo') && r.ok()),
      page.getByRole('button', { name: 'Import rückgängig machen' }).click(),
    ]);
    await visible(page.getByTestId('import-undone').getByText(/2 Datensätze entfernt, 0 wiederhergestellt/));
    const after = await jonas<ContactPage>(
      'GET',
      `/contacts?q=${encodeURIComponent(`juergen.${stamp}@import.example`)}`,
    );
    expect(after.items).toEqual([]);
  });
});
