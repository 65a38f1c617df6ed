import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type Journey, startJourney, visible } from './support';

/*
 * Dates, times and money in the user's language, not the operating system's (issue 14). The browser here
 * is an American one (en-US, New York time): a German user still types 31.12.2026, 17:00 and 1.234,56, an
 * English one 31 Dec 2026 and 1,234.56, and both read their wall clock in their own time zone (Berlin).
 */

interface Case {
  lng: 'de' | 'en';
  email: string;
  day: string; // 31 December 2026, as this language types it
  time: string; // 17:00
  money: string; // 1234.56
  holiday: string; // 24 December 2026
  shownDay: string;
  shownHoliday: string;
  shownMoney: string;
  periodFrom: string; // 1 January 2026
  periodTo: string; // 31 March 2026
  t: {
    newTask: string;
    taskTitle: string;
    createTask: string;
    costItem: string;
    addCost: string;
    mondayOpens: string;
    save: string;
  };
}

const cases: Case[] = [
  {
    lng: 'de',
    email: 'lena.vogt@nenner.demo',
    day: '31.12.2026',
    time: '17:00',
    money: '1.234,56',
    holiday: '24.12.2026',
    shownDay: '31.12.2026',
    shownHoliday: '24.12.2026',
    shownMoney: '1.234,56 €',
    periodFrom: '01.01.2026',
    periodTo: '31.03.2026',
    t: {
      newTask: 'Neue Aufgabe',
      taskTitle: 'Aufgabe',
      createTask: 'Aufgabe anlegen',
      costItem: 'Posten',
      addCost: 'Kosten erfassen',
      mondayOpens: 'Montag von',
      save: 'Änderung vorschlagen',
    },
  },
  {
    lng: 'en',
    email: 'jonas.keller@nenner.demo', // switched to English for this test, then back
    day: '31 Dec 2026',
    time: '5 pm',
    money: '1,234.56',
    holiday: '24/12/2026',
    shownDay: '31 Dec 2026',
    shownHoliday: '24 Dec 2026',
    shownMoney: '€1,234.56',
    periodFrom: '1 Jan 2026',
    periodTo: '31/03/2026',
    t: {
      newTask: 'New task',
      taskTitle: 'Task',
      createTask: 'Create task',
      costItem: 'Item',
      addCost: 'Add cost',
      mondayOpens: 'Monday from',
      save: 'Propose change',
    },
  },
];

/** Intl's (narrow) no-break spaces as plain ones. */
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('browser journey: date, time, period, holiday and money fields on an en-US browser', () => {
  let j: Journey;
  let context: BrowserContext;
  let page: Page;
  const restore: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    j = await startJourney('date-fields');
    // an American browser in New York: what the OS would show is mm/dd/yyyy and 05:00 PM
    context = await j.browser.newContext({
      locale: 'en-US',
      timezoneId: 'America/New_York',
      viewport: { width: 1400, height: 1000 },
    });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
  });

  afterAll(async () => {
    for (const undo of restore) await undo().catch(() => undefined);
    await context?.close();
    await j?.stop();
  });

  it.each(cases)('$lng: every kind of field takes and shows the language’s format', async (c) => {
    const { baseUrl } = j;
    await context.clearCookies();
    const login = await context.request.post(`${baseUrl}/api/auth/login`, {
      data: { email: c.email, password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    // the API as the browser's session calls it (the same cookies)
    const api = async <T>(method: string, path: string, body?: unknown, version?: number): Promise<T> => {
      const r = await context.request.fetch(`${baseUrl}/api${path}`, {
        method,
        headers: version === undefined ? {} : { 'if-match': `"${version}"` },
        ...(body !== undefined && { data: body }),
      });
      const text = await r.text();
      if (!r.ok()) throw new Error(`${method} ${path} → ${r.status()} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    };
    let me = await api<{ locale: string | null; timeZone: string; version: number }>('GET', '/auth/me');
    const savedLocale = me.locale;
    if (me.locale !== c.lng) me = await api('PATCH', '/auth/me', { locale: c.lng }, me.version);
    restore.push(async () => {
      const now = await api<{ version: number }>('GET', '/auth/me');
      await api('PATCH', '/auth/me', { locale: savedLocale }, now.version);
    });
    expect(me.locale).toBe(c.lng);
    expect(me.timeZone).toBe('Europe/Berlin');
    const stamp = `${c.lng}${Date.now().toString(36)}`;

    // (1) date + time: a task due 31.12.2026 17:00 Berlin time is stored as 16:00 UTC
    const contact = await api<{ id: string }>('POST', '/contacts', {
      firstName: 'Frieda',
      lastName: `Datum${stamp}`,
      emails: [`frieda.${stamp}@beispiel.de`],
    });
    await page.goto(`${baseUrl}/contacts/${contact.id}`);
    await page.getByRole('tab', { name: c.t.newTask }).click();
    await page.getByRole('textbox', { name: new RegExp(`^${c.t.taskTitle}( \\*)?$`) }).fill(`Rückruf ${stamp}`);
    await page.getByTestId('task-due-date').fill(c.day);
    await page.getByTestId('task-due-time').fill(c.time);
    await page.getByTestId('task-due-time').blur();
    expect(await page.getByTestId('task-due-date').inputValue()).toBe(c.shownDay);
    expect(await page.getByTestId('task-due-time').inputValue()).toBe('17:00');
    const [task] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/tasks') && r.request().method() === 'POST'),
      page.getByRole('button', { name: c.t.createTask }).click(),
    ]);
    expect(task.status(), await task.text()).toBe(201);
    expect(((await task.json()) as { dueAt: string }).dueAt).toBe('2026-12-31T16:00:00.000Z');

    // (2) money + date: a cost of 1.234,56 € on 31.12.2026, shown alike in the header, the tile and the list
    const campaign = await api<{ id: string }>('POST', '/campaigns', { name: `Messe ${stamp}`, channel: 'event' });
    await page.goto(`${baseUrl}/campaigns/${campaign.id}`);
    await page.getByRole('textbox', { name: new RegExp(`^${c.t.costItem}( \\*)?$`) }).fill('Standmiete');
    await page.getByTestId('cost-amount').fill(c.money);
    await page.getByTestId('cost-date').fill(c.day);
    await page.getByTestId('cost-date').blur();
    expect(await page.getByTestId('cost-amount').inputValue()).toBe(c.money);
    const [cost] = await Promise.all([
      page.waitForResponse((r) => /\/api\/campaigns\/[^/]+\/costs$/.test(r.url()) && r.request().method() === 'POST'),
      page.getByRole('button', { name: c.t.addCost }).click(),
    ]);
    expect(cost.status(), await cost.text()).toBe(201);
    expect(await cost.json()).toMatchObject({ amount: 123456, incurredOn: '2026-12-31' });
    await visible(page.getByText(c.shownDay).first());
    await expect.poll(async () => plain(await page.locator('main').textContent())).toContain(c.shownMoney);
    // no rounded twin of the same figure anywhere on the page (1.235 € beside 1.234,56 €)
    expect(plain(await page.locator('main').textContent())).not.toMatch(c.lng === 'de' ? /1\.235 €/ : /€1,235(?!\.)/);

    // (3) time + holiday list: the SLA's Monday opens 08:30, and 24.12.2026 is a day off
    await page.goto(`${baseUrl}/settings?section=leads`);
    const opens = page.getByLabel(c.t.mondayOpens, { exact: true });
    await opens.fill(c.lng === 'de' ? '8.30' : '8:30 am');
    await opens.blur();
    expect(await opens.inputValue()).toBe('08:30');
    await page.getByTestId('sla-holidays-input').fill(c.holiday);
    await page.getByTestId('sla-holidays-add').click();
    await visible(page.getByTestId('sla-holidays-days').getByText(c.shownHoliday));
    const [sla] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/settings/sla') && r.request().method() !== 'GET'),
      page.getByRole('button', { name: c.t.save }).click(),
    ]);
    expect(sla.status(), await sla.text()).toBeLessThan(300);
    // a member proposes (the other department approves): the proposal carries what was typed
    const sent = sla.request().postDataJSON() as { businessHours: { mon: [string, string] }; extraHolidays: string[] };
    expect(sent.businessHours.mon[0]).toBe('08:30');
    expect(sent.extraHolidays).toContain('2026-12-24');
    const stored = await api<{ pending: { proposal: { extraHolidays: string[] } } | null }>('GET', '/settings/sla');
    expect(stored.pending?.proposal.extraHolidays).toContain('2026-12-24');

    // (4) period: the funnel for 01.01.2026–31.03.2026 asks the API for exactly those days
    await page.goto(`${baseUrl}/reports?tab=funnel`);
    await page.getByTestId('period-from').fill(c.periodFrom);
    await page.getByTestId('period-from').blur();
    const [report] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('from=2026-01-01') && r.url().includes('to=2026-03-31')),
      page.getByTestId('period-to').fill(c.periodTo),
    ]);
    expect(report.status()).toBe(200);
    await page.getByTestId('period-to').blur();
    expect(await page.getByTestId('period-from').inputValue()).toBe(c.periodFrom);
    expect(await page.getByTestId('period-to').inputValue()).toBe(c.lng === 'de' ? '31.03.2026' : '31 Mar 2026');
  });
});
