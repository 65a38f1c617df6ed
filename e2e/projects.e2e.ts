import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Journey, loginAs, startJourney, visible } from './support';

interface Project {
  id: string;
  stage: string;
  marketingLead: { id: string } | null;
  salesLead: { id: string } | null;
  requirements: { department: string; text: string }[];
  signoffs: { department: string; user: { name: string } }[];
}
interface Pilot {
  id: string;
  status: string;
  feedback: { rating: number; text: string }[];
}
interface Account {
  id: string;
  name: string;
  pilot: { projectId: string; projectName: string } | null;
}

// Intl separates a number from its currency with a no-break space; compare with plain spaces.
const norm = (s: string | null) => (s ?? '').replace(/[\u202f\u00a0]/g, ' ');

describe('browser journey: marketing and sales plan a joint project, both sign off, and sales runs a pilot', () => {
  let j: Journey;
  let page: Journey['page'];
  let baseUrl = '';

  beforeAll(async () => {
    j = await startJourney('projects');
    ({ page, baseUrl } = j);
  });

  afterAll(async () => {
    await j?.stop();
  });

  it('creates the project, both write and sign off the plan, it moves to pilot, and the pilot customer shows its badge', async () => {
    const stamp = Date.now().toString(36);
    const name = `Anwendertag ${stamp}`;
    const accountName = `Pilotwerk ${stamp} GmbH`;
    // The pilot customer of this journey, with an open deal of 12.500 € (the summary shows its pipeline).
    const jonasApi = await apiSession(baseUrl, 'jonas.keller@nenner.demo');
    const account = await jonasApi<Account>('POST', '/accounts', { name: accountName });
    await jonasApi('POST', '/deals', { name: `Rahmenvertrag ${stamp}`, accountId: account.id, amount: 1_250_000 });

    // (1) Marketing (Lena) creates the project through the form, with Jonas from sales as co-lead, and adds
    //     marketing's requirement.
    await loginAs(j, 'lena.vogt@nenner.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Projekte' }).click();
    await page.waitForURL(/\/projects$/);
    await visible(page.getByTestId('project-column').first());
    await page.getByTestId('project-new').click();
    const dialog = page.getByRole('dialog', { name: 'Projekt anlegen' });
    await dialog.getByTestId('project-name').fill(name);
    await dialog.getByTestId('project-goal').fill('Mehr Empfehlungen aus Bestandskunden, gemeinsam vorbereitet.');
    // Lena leads for marketing by default; Jonas is picked for sales
    expect(await dialog.getByTestId('project-marketing-lead-select').inputValue()).toBe('Lena Vogt');
    await dialog.getByTestId('project-sales-lead-select').click();
    await dialog.getByTestId('project-sales-lead-select').fill('Jonas');
    await page.getByRole('option', { name: 'Jonas Keller', exact: true }).click();
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/projects') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Anlegen' }).click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    const project = (await created.json()) as Project;
    expect(project.stage).toBe('idea');
    expect(project.marketingLead).not.toBeNull();
    expect(project.salesLead).not.toBeNull();
    const projectUrl = `${baseUrl}/projects/${project.id}`;
    await page.waitForURL(new RegExp(`/projects/${project.id}$`));
    await expect.poll(() => page.getByTestId('project-stage').first().textContent()).toBe('Idee');
    // what is open is said per department, never per person
    await expect
      .poll(() => page.getByTestId('project-plan').getByTestId('project-missing').textContent())
      .toBe('Noch offen: Anforderung Marketing, Anforderung Vertrieb, Freigabe Marketing und Freigabe Vertrieb');
    await page.getByTestId('requirement-input-marketing').fill('Landingpage und Formular');
    const [added] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project.id}/requirements`)),
      page.getByTestId('requirement-add-marketing').click(),
    ]);
    expect(added.status(), await added.text()).toBe(201);
    await visible(page.getByTestId('requirements-marketing').getByText('Landingpage und Formular'));

    // (2) Sales (Jonas) adds sales' requirement and signs off; moving on to pilot is refused, kindly, while
    //     marketing's sign-off is still open.
    await loginAs(j, 'jonas.keller@nenner.demo');
    await page.goto(projectUrl);
    await page.getByTestId('requirement-input-sales').fill('Preisliste bis KW 3');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project.id}/requirements`) && r.status() === 201),
      page.getByTestId('requirement-add-sales').click(),
    ]);
    await visible(page.getByTestId('requirements-sales').getByText('Preisliste bis KW 3'));
    expect(await page.getByTestId('signoff-button').textContent()).toBe('Freigeben für Vertrieb');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project.id}/signoffs`) && r.status() === 200),
      page.getByTestId('signoff-button').click(),
    ]);
    await expect.poll(() => page.getByTestId('signoffs-sales').textContent()).toContain('Jonas Keller');
    await expect
      .poll(() => page.getByTestId('project-plan').getByTestId('project-missing').textContent())
      .toBe('Noch offen: Freigabe Marketing');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/advance') && r.status() === 200),
      page.getByTestId('project-advance').click(),
    ]);
    await expect.poll(() => page.getByTestId('project-stage').first().textContent()).toBe('Planung');
    expect(await page.getByTestId('project-advance').textContent()).toBe('Weiter: Pilotphase');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/advance')),
      page.getByTestId('project-advance').click(),
    ]);
    expect(refused.status()).toBe(409);
    expect(((await refused.json()) as { code: string; missing: string[] }).missing).toEqual(['marketing']);
    const refusal = page.getByTestId('project-advance-refusal');
    await visible(refusal);
    await expect
      .poll(() => refusal.textContent())
      .toContain('Damit es weitergehen kann, fehlt noch: Freigabe Marketing.');
    expect(await page.getByTestId('project-stage').first().textContent()).toBe('Planung');

    // (3) Marketing (Lena) signs off and moves the project on to pilot.
    await loginAs(j, 'lena.vogt@nenner.demo');
    await page.goto(projectUrl);
    expect(await page.getByTestId('signoff-button').textContent()).toBe('Freigeben für Marketing');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project.id}/signoffs`) && r.status() === 200),
      page.getByTestId('signoff-button').click(),
    ]);
    await expect
      .poll(() => page.getByTestId('project-plan').getByTestId('project-missing').textContent())
      .toBe('Plan von beiden Seiten freigegeben');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/advance') && r.status() === 200),
      page.getByTestId('project-advance').click(),
    ]);
    await expect.poll(() => page.getByTestId('project-stage').first().textContent()).toBe('Pilotphase');
    // the timeline says who signed off for which department
    await visible(page.getByText('Lena Vogt hat den Plan für Marketing freigegeben'));
    await visible(page.getByText('Jonas Keller hat den Plan für Vertrieb freigegeben'));

    // (4) Sales (Jonas) nominates the pilot account (active at once) and logs what the customer said.
    await loginAs(j, 'jonas.keller@nenner.demo');
    await page.goto(projectUrl);
    const nominate = page.getByTestId('pilot-nominate');
    await visible(nominate);
    await nominate.getByLabel('Firma').click();
    await nominate.getByLabel('Firma').fill(`Pilotwerk ${stamp}`);
    await page.getByRole('option', { name: accountName, exact: true }).click();
    await nominate.getByTestId('pilot-scope').fill('Zwei Standorte, Fokus auf das neue Angebotspaket');
    const [nominated] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/api/projects/${project.id}/pilots`) && r.request().method() === 'POST',
      ),
      nominate.getByTestId('pilot-nominate-submit').click(),
    ]);
    expect(nominated.status(), await nominated.text()).toBe(201);
    const pilot = (await nominated.json()) as Pilot;
    expect(pilot.status).toBe('active');
    const card = page.getByTestId('pilot-card');
    await visible(card);
    expect(await card.getByTestId('pilot-status').textContent()).toBe('Aktiv');
    // four of five stars: the star's label is what a person clicks (its radio input is visually hidden)
    const fourStars = await card.getByLabel('4 von 5').getAttribute('id');
    await card.locator(`label[for="${fourStars}"]`).click();
    expect(await card.getByLabel('4 von 5').isChecked()).toBe(true);
    await card.getByTestId('pilot-feedback-text').fill('Das Angebotspaket kommt gut an, die Preisliste fehlt noch.');
    const [feedback] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/pilots/${pilot.id}/feedback`)),
      card.getByTestId('pilot-feedback-submit').click(),
    ]);
    expect(feedback.status(), await feedback.text()).toBe(201);
    await visible(
      card.getByTestId('pilot-feedback').getByText('Das Angebotspaket kommt gut an, die Preisliste fehlt noch.'),
    );
    // the summary: the mean rating, and the account's open pipeline as German money
    const summary = page.getByTestId('pilot-summary');
    await expect.poll(() => summary.getByTestId('pilot-summary-rating').textContent()).toBe('4 von 5');
    await expect
      .poll(async () => norm(await summary.getByTestId('pilot-summary-pipeline').textContent()))
      .toContain('12.500 €');

    // (5) The account carries the pilot badge, on its page and in the account list.
    await page.goto(`${baseUrl}/accounts/${account.id}`);
    const badge = page.getByTestId('pilot-badge');
    await visible(badge);
    expect(await badge.textContent()).toBe('Pilotkunde');
    const seen = await jonasApi<Account>('GET', `/accounts/${account.id}`);
    expect(seen.pilot).toEqual({ projectId: project.id, projectName: name });
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Firmen' }).click();
    await page.waitForURL(/\/accounts/);
    await page.getByRole('searchbox').fill(`Pilotwerk ${stamp}`);
    const row = page.getByRole('row').filter({ hasText: accountName });
    await visible(row.getByTestId('pilot-badge'));
  });
});
