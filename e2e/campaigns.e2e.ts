import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Journey, loginAs, startJourney, visible } from './support';

interface Campaign {
  id: string;
  name: string;
}
interface Handoff {
  id: string;
  version: number;
  dealId: string | null;
}

describe('browser journey: a campaign with costs brings two leads, one becomes a won deal, ROI and attribution follow', () => {
  let j: Journey;
  let page: Journey['page'];
  let baseUrl = '';

  beforeAll(async () => {
    j = await startJourney('campaigns');
    ({ page, baseUrl } = j);
  });

  afterAll(async () => {
    await j?.stop();
  });

  it('creates the campaign, posts two forms with its UTM key, wins a deal, and reads ROI and the models', async () => {
    const stamp = Date.now().toString(36);
    const key = `herbst-${stamp}`;
    const name = `Herbstaktion ${stamp}`;

    // Marketing creates the campaign with its UTM key and one cost line of 1.500,00 €.
    await loginAs(j, 'lena.vogt@nenner.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Aktionen' }).click();
    await page.waitForURL(/\/campaigns/);
    await page.getByTestId('campaign-new').click();
    const create = page.getByTestId('campaign-create-form');
    await create.getByTestId('campaign-name').fill(name);
    await create.getByTestId('campaign-utm-keys').fill(key);
    await create.getByTestId('campaign-utm-keys').press('Enter');
    await create.getByTestId('campaign-budget').fill('2000');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/campaigns') && r.request().method() === 'POST'),
      create.getByTestId('campaign-create-submit').click(),
    ]);
    expect(created.status()).toBe(201);
    const campaign = (await created.json()) as Campaign;
    await page.waitForURL(new RegExp(`/campaigns/${campaign.id}`));

    await page.getByTestId('cost-description').fill('Messestand');
    await page.getByTestId('cost-amount').fill('1500');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/campaigns/${campaign.id}/costs`) && r.status() === 201),
      page.getByTestId('cost-submit').click(),
    ]);
    await visible(page.getByTestId('cost-table').getByText('Messestand'));
    // costs but nothing won yet: the whole cost is the loss
    await expect.poll(() => page.getByTestId('campaign-roi').textContent()).toMatch(/−\s?100\s?%|-\s?100\s?%/);

    // Sales takes every new lead in this journey (a team with Jonas only, first routing rule).
    const admin = await apiSession(baseUrl, 'sabine.brandt@nenner.demo');
    const users = await admin<{ items: { id: string; email: string }[] }>('GET', '/users?limit=100');
    const jonas = users.items.find((u) => u.email === 'jonas.keller@nenner.demo');
    const team = await admin<{ id: string }>('POST', '/teams', { name: `Nur Jonas ${stamp}`, memberIds: [jonas?.id] });
    const routing = await admin<{ value: { rules: object[] }; version: number }>('GET', '/settings/routing');
    await admin(
      'PUT',
      '/settings/routing',
      { rules: [{ id: `e2e-${stamp}`, name: 'E2E', teamId: team.id }, ...routing.value.rules] },
      routing.version,
    );

    // Two visitors arrive from a link carrying the campaign's UTM key and fill in the public form.
    const emails = [`anna.schmitt.${stamp}@beispiel-maschinenbau.de`, `ben.otto.${stamp}@beispiel-logistik.de`];
    for (const [i, email] of emails.entries()) {
      const visitor = await j.browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
      const form = await visitor.newPage();
      await form.goto(`${baseUrl}/f/kontakt?utm_source=messe&utm_medium=event&utm_campaign=${key}`);
      await form.getByLabel('E-Mail').fill(email);
      await form.getByLabel('Vorname').fill(i === 0 ? 'Anna' : 'Ben');
      await form.getByLabel('Nachname').fill(i === 0 ? 'Schmitt' : 'Otto');
      await form.getByLabel('Firma').fill(i === 0 ? `Schmitt Maschinenbau ${stamp}` : `Otto Logistik ${stamp}`);
      await form.getByLabel('Position').fill('Leitung Einkauf');
      await form.locator('input[name="consent"]').check();
      const [posted] = await Promise.all([
        form.waitForResponse((r) => r.url().includes('/f/kontakt') && r.request().method() === 'POST'),
        form.getByRole('button', { name: 'Absenden' }).click(),
      ]);
      expect(posted.status(), await posted.text()).toBe(200);
      await visitor.close();
    }

    // Anna had met another campaign two days earlier: first touch there, last touch here.
    const contacts = await admin<{ items: { id: string; version: number; lifecycleStage: string }[] }>(
      'GET',
      `/contacts?q=${encodeURIComponent(emails[0] ?? '')}`,
    );
    const anna = contacts.items[0];
    expect(anna).toBeDefined();
    // Marketing hands Anna to sales by hand if her score has not done it already.
    const lena = await apiSession(baseUrl, 'lena.vogt@nenner.demo');
    if (anna?.lifecycleStage === 'lead') {
      await lena('PATCH', `/contacts/${anna.id}`, { lifecycleStage: 'mql' }, anna.version);
    }
    const earlier = await admin<Campaign>('POST', '/campaigns', { name: `Webinar ${stamp}`, channel: 'webinar' });
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await admin('POST', '/touchpoints', {
      contactId: anna?.id,
      campaignId: earlier.id,
      type: 'campaign_response',
      occurredAt: twoDaysAgo,
    });

    // Sales accepts Anna, converts her with a deal of 10.000,00 € and wins it.
    const jonasApi = await apiSession(baseUrl, 'jonas.keller@nenner.demo');
    const handoffs = await jonasApi<{ items: Handoff[] }>('GET', `/handoffs?contactId=${anna?.id}`);
    const handoff = handoffs.items[0];
    expect(handoff).toBeDefined();
    const accepted = await jonasApi<Handoff>('POST', `/handoffs/${handoff?.id}/accept`, {}, handoff?.version);
    const converted = await jonasApi<Handoff>(
      'POST',
      `/handoffs/${handoff?.id}/convert`,
      { stage: 'opportunity', deal: { name: `Anlage ${stamp}`, amount: 1_000_000, currency: 'EUR' } },
      accepted.version,
    );
    expect(converted.dealId).not.toBeNull();
    const deal = await jonasApi<{ version: number }>('GET', `/deals/${converted.dealId}`);
    await jonasApi('POST', `/deals/${converted.dealId}/close`, { outcome: 'won', reason: 'product_fit' }, deal.version);

    // Back on the campaign page: two leads, revenue credited, ROI positive.
    await page.reload();
    await expect.poll(() => page.getByTestId('kpi-leads').textContent()).toContain('2');
    await expect.poll(() => page.getByTestId('campaign-roi').textContent()).toMatch(/^\+/);

    // The attribution report compares the models; first touch credits the webinar, last touch this campaign.
    await page.goto(`${baseUrl}/reports?tab=attribution`);
    const table = page.getByTestId('attribution-table');
    await visible(table);
    await page.getByTestId('attr-measure-switch').getByText('Umsatz').click();
    const cell = (campaignId: string, model: string) => page.getByTestId(`attr-cell-${campaignId}-${model}`);
    await expect.poll(() => cell(campaign.id, 'last').textContent()).toMatch(/10\.000,00\s?€/);
    await expect.poll(() => cell(earlier.id, 'first').textContent()).toMatch(/10\.000,00\s?€/);
    await expect.poll(() => cell(campaign.id, 'linear').textContent()).toMatch(/5\.000,00\s?€/);

    // Switching the model changes which column the chart and the table highlight.
    const modelSwitch = page.getByTestId('attr-model-switch');
    await modelSwitch.getByText('Erster', { exact: true }).click();
    await expect.poll(() => page.getByTestId('attr-col-first').getAttribute('data-selected')).toBe('true');
    await expect.poll(() => cell(campaign.id, 'first').getAttribute('data-selected')).toBe('true');
    await modelSwitch.getByText('Letzter', { exact: true }).click();
    await expect.poll(() => cell(campaign.id, 'last').getAttribute('data-selected')).toBe('true');
    await expect.poll(() => cell(campaign.id, 'first').getAttribute('data-selected')).toBeNull();
  });
});
