import type { ContributionResult, Handoff, Page, User } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Journey, loginAs, startJourney, visible } from './support';

/*
 * „Mein Tag“ as the demo's people see it after logging in: a sales rep with an overdue lead finds it on
 * top; marketing finds the returned leads and the handoffs against the commitment, in the same figure the
 * contribution report gives. An address that does not exist answers inside the layout, in German.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const thisQuarter = (now = new Date()) => {
  const q = now.getMonth() - (now.getMonth() % 3);
  const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return { from: day(new Date(now.getFullYear(), q, 1)), to: day(new Date(now.getFullYear(), q + 3, 0)) };
};

describe('start page „Mein Tag“ and the 404 page', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney('start');
  }, 180_000);
  afterAll(async () => {
    await j?.stop();
  });

  it('a sales rep with an overdue lead sees it first', async () => {
    const lena = await apiSession(j.baseUrl, 'lena.vogt@nenner.demo');
    const breached = await lena<Page<Handoff>>('GET', '/handoffs?status=breached&limit=100');
    const late = breached.items.find((h) => h.assignee && !h.respondedAt);
    expect(late, 'the demo has an unanswered lead past its SLA').toBeDefined();
    const users = await lena<Page<User>>('GET', '/users?limit=100');
    const rep = users.items.find((u) => u.id === late?.assignee?.id);
    expect(rep?.department).toBe('sales');

    await loginAs(j, rep?.email ?? '');
    const { page } = j;
    const leads = page.getByTestId('myday-leads');
    await visible(leads.getByRole('heading', { name: 'Meine Leads' }));
    const first = leads.getByTestId('handoff-card').first();
    await visible(first);
    const lateNames = breached.items
      .filter((h) => h.assignee?.id === rep?.id && !h.respondedAt)
      .map((h) => h.contact.name);
    expect(lateNames).toContain(await first.getAttribute('aria-label'));
    // the rep's tasks and stale deals are on the same page
    await visible(page.getByTestId('myday-tasks').getByRole('heading', { name: 'Meine Aufgaben' }));
    await visible(page.getByTestId('myday-stale').getByRole('heading', { name: 'Ruhende Verkaufschancen' }));
  });

  it('marketing sees returned leads and the handoffs against the commitment, as the contribution report counts them', async () => {
    const lena = await apiSession(j.baseUrl, 'lena.vogt@nenner.demo');
    const q = thisQuarter();
    const report = await lena<ContributionResult>('GET', `/reports/contribution?from=${q.from}&to=${q.to}`);
    const { count, committed } = report.sla.mqls;

    await loginAs(j, 'lena.vogt@nenner.demo');
    const { page } = j;
    await visible(page.getByTestId('myday-returned').getByRole('heading', { name: 'Zurückgegebene Leads' }));
    const figure = page.getByTestId('myday-commitment-figure');
    await visible(figure);
    const de = new Intl.NumberFormat('de-DE');
    expect(await figure.textContent()).toBe(
      committed > 0 ? `${de.format(count)} von ${de.format(committed)} zugesagt` : de.format(count),
    );
  });

  it('an unknown address shows a 404 inside the layout, with a way back to the start page', async () => {
    const { page, baseUrl } = j;
    await page.goto(`${baseUrl}/gibt-es-nicht/42`);
    await visible(page.getByRole('heading', { name: 'Diese Seite gibt es nicht', level: 1 }));
    await visible(page.getByText('Die Adresse /gibt-es-nicht/42 führt nirgendwohin.', { exact: false }));
    await visible(page.getByRole('navigation', { name: 'Hauptnavigation' }));
    await page.getByRole('link', { name: 'Zur Startseite' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await visible(page.getByTestId('myday-returned'));
  });
});
