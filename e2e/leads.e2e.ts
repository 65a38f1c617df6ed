import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Journey, loginAs, startJourney, visible } from './support';

describe('browser journey: a visitor becomes a lead, sales returns it with a reason, marketing sees why', () => {
  let j: Journey;
  let page: Journey['page'];
  let browser: Journey['browser'];
  let baseUrl = '';

  beforeAll(async () => {
    j = await startJourney('leads');
    ({ page, browser, baseUrl } = j);
  });

  afterAll(async () => {
    await j?.stop();
  });

  /** A logged-in API session for setting the scene (as the demo admins would in Settings). */
  const session = (email: string) => apiSession(baseUrl, email);
  const login = (email: string) => loginAs(j, email);

  it('form post → routed handoff with countdown → returned with a reason → visible to marketing', async () => {
    const stamp = Date.now().toString(36);
    const lead = { first: 'Hanna', last: `Lorenz ${stamp}`, company: `Lorenz Fördertechnik ${stamp} GmbH` };
    const email = `hanna.lorenz@lorenz-foerdertechnik-${stamp}.de`;
    const comment = `Budget erst wieder 2027 <b>${stamp}</b>`;

    // Set the scene as the admins would in Settings: a form lead with a lead title qualifies (title +20, form +20),
    // and a team with only Jonas takes every lead first, so the assignment is deterministic.
    const marketingAdmin = await session('tim.berger@nenner.demo');
    const scoring = await marketingAdmin<{ value: { mqlThreshold: number }; version: number }>(
      'GET',
      '/settings/scoring',
    );
    await marketingAdmin('PUT', '/settings/scoring', { ...scoring.value, mqlThreshold: 40 }, scoring.version);
    const admin = await session('sabine.brandt@nenner.demo');
    const users = await admin<{ items: { id: string; email: string }[] }>('GET', '/users?limit=200');
    const jonas = users.items.find((u) => u.email === 'jonas.keller@nenner.demo');
    expect(jonas).toBeDefined();
    const team = await admin<{ id: string }>('POST', '/teams', { name: `Nur Jonas ${stamp}`, memberIds: [jonas?.id] });
    const routing = await admin<{ value: { rules: object[] }; version: number }>('GET', '/settings/routing');
    await admin(
      'PUT',
      '/settings/routing',
      { rules: [{ id: 'e2e', name: 'E2E', teamId: team.id }, ...routing.value.rules] },
      routing.version,
    );

    // An anonymous visitor fills in the public form, arriving from a campaign link.
    const visitor = await browser?.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    if (!visitor) throw new Error('no browser');
    const form = await visitor.newPage();
    await form.goto(`${baseUrl}/f/kontakt?utm_source=linkedin&utm_medium=paid_social&utm_campaign=e2e-${stamp}`);
    await form.getByLabel('E-Mail').fill(email);
    await form.getByLabel('Vorname').fill(lead.first);
    await form.getByLabel('Nachname').fill(lead.last);
    await form.getByLabel('Firma').fill(lead.company);
    await form.getByLabel('Position').fill('Leiterin Einkauf');
    await form.locator('input[name="consent"]').check();
    const [posted] = await Promise.all([
      form.waitForResponse((r) => r.url().includes('/f/kontakt') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Absenden' }).click(),
    ]);
    expect(posted.status()).toBe(200);
    await visible(form.getByText(/Danke!/));
    await visitor.close();

    // The lead is now an open handoff for Jonas.
    const handoffs = await admin<{ items: { id: string; status: string; assignee: { id: string } | null }[] }>(
      'GET',
      `/handoffs?status=open&assignee=${jonas?.id}`,
    );
    const contactName = `${lead.first} ${lead.last}`;
    // Sales sees the lead in the inbox with its live countdown.
    await login('jonas.keller@nenner.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Leads' }).click();
    await page.waitForURL(/\/leads/);
    const card = page.getByTestId('handoff-card').filter({ hasText: contactName });
    await visible(card);
    await visible(card.getByText('Score 40'));
    await visible(card.getByText('Gebiet E2E'));
    const countdown = card.getByTestId('sla-countdown');
    await visible(countdown);
    expect(await countdown.textContent()).toMatch(/^noch \d/);
    expect(handoffs.items.length).toBeGreaterThan(0);

    // Open it: the facts, the score breakdown and the form touchpoint on the timeline.
    await card.getByRole('link', { name: contactName }).click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    const handoffId = page.url().split('/').pop() ?? '';
    await visible(page.getByRole('heading', { name: contactName, level: 1 }));
    await visible(page.getByTestId('score-breakdown').getByText('+20 Position enthält „leiter“'));
    await visible(page.getByTestId('score-breakdown').getByText('+20 Formular heute'));
    await visible(page.getByText('Formular „Kontakt“ ausgefüllt'));
    await visible(page.getByText(`Kampagne: e2e-${stamp}`));

    // Return it with a reason and a comment.
    await page.getByRole('button', { name: 'Zurückgeben' }).click();
    const dialog = page.getByRole('dialog', { name: `${contactName} an Marketing zurückgeben` });
    await dialog.getByPlaceholder('Grund wählen').click();
    await dialog.getByRole('option', { name: 'Kein Budget' }).click();
    await dialog.getByRole('textbox', { name: 'Kommentar' }).fill(comment);
    const [rejected] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/handoffs/${handoffId}/reject`)),
      dialog.getByRole('button', { name: 'Zurückgeben' }).click(),
    ]);
    expect(rejected.status()).toBe(200);
    const body = (await rejected.json()) as { status: string; rejectReason: string; rejectComment: string };
    expect(body).toMatchObject({ status: 'rejected', rejectReason: 'no_budget', rejectComment: comment });
    await visible(page.getByTestId('rejection').getByText('Kein Budget'));

    // Marketing sees the returned lead with its reason and the comment, as text.
    await login('lena.vogt@nenner.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Leads' }).click();
    await page.getByRole('tab', { name: 'Zurückgegeben' }).click();
    const returned = page.getByTestId('handoff-card').filter({ hasText: contactName });
    await visible(returned);
    await visible(returned.getByText('Kein Budget'));
    await visible(returned.getByText(`„${comment}“`));
    await visible(returned.getByText(/Zurückgegeben von Jonas Keller/));
    expect(await returned.getByRole('button', { name: 'Zurück in die Pflege' }).isVisible()).toBe(true);
    // the comment's markup stays text
    expect(await returned.locator('b').count()).toBe(0);
  });
});
