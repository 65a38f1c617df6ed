import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp, type TestSmtp } from '../packages/server/test/smtp';
import { apiSession, type Journey, loginAs, startJourney, visible } from './support';

interface Meeting {
  id: string;
  title: string;
  cadence: string;
  participants: { id: string; department: string }[];
  twoSided: boolean;
  warnings: string[];
}
interface Contact {
  id: string;
  version: number;
}
interface Handoff {
  id: string;
  status: string;
  contact: { id: string };
}

/** Tomorrow's calendar date in Berlin (YYYY-MM-DD): the first meeting, so today's events fall in its window. */
const tomorrowInBerlin = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(Date.now() + 86_400_000));

/** The German adverb of a date's weekday in Berlin, as the cadence in words says it („montags“). */
const weekdayAdverb = (date: string): string =>
  `${new Intl.DateTimeFormat('de-DE', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`)).toLowerCase()}s`;

/** The text of quoted-printable parts: soft line breaks joined, =XX bytes decoded as UTF-8. */
const decodeQuotedPrintable = (raw: string): string =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

describe('browser journey: marketing and sales meet on a generated agenda, agree an action item, get the minutes', () => {
  let j: Journey;
  let page: Journey['page'];
  let baseUrl = '';
  let smtp: TestSmtp;

  beforeAll(async () => {
    // The server mails over SMTP_URL; startJourney hands the environment on to it.
    smtp = await startTestSmtp();
    process.env.SMTP_URL = smtp.url;
    j = await startJourney('meetings');
    ({ page, baseUrl } = j);
  });

  afterAll(async () => {
    await j?.stop();
    await smtp?.close();
    delete process.env.SMTP_URL;
  });

  it('creates the series, sees the rejected lead, decides, agrees a task for sales, and mails the minutes', async () => {
    const stamp = Date.now().toString(36);
    const title = `Abstimmung Marketing & Vertrieb ${stamp}`;
    const firstDay = tomorrowInBerlin();

    // (1) Marketing (Lena) creates a weekly series with Jonas from sales, through the form.
    await loginAs(j, 'lena.vogt@nenner.demo');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Abstimmungen' }).click();
    await page.waitForURL(/\/meetings$/);
    await page.getByTestId('meeting-new').click();
    const dialog = page.getByRole('dialog', { name: 'Abstimmung anlegen' });
    await dialog.getByTestId('meeting-title').fill(title);
    // weekly, 09:00 and an hour are the defaults; the first meeting is tomorrow
    expect(await dialog.getByTestId('meeting-cadence').inputValue()).toBe('Wöchentlich');
    await dialog.getByTestId('meeting-start-date').fill(firstDay);
    await expect
      .poll(() => dialog.getByTestId('meeting-rule').textContent())
      .toContain(`wöchentlich, ${weekdayAdverb(firstDay)} 09:00`);
    await dialog.getByTestId('meeting-location').fill('https://meet.example.com/abstimmung');
    await dialog.getByTestId('meeting-participants').click();
    await dialog.getByTestId('meeting-participants').fill('Jonas');
    await page.getByRole('option', { name: /Jonas Keller/ }).click();
    await page.keyboard.press('Escape'); // closes the participants' dropdown, not the dialog
    // the agenda's time boxes add up to the hour
    expect(await dialog.getByTestId('meeting-time-box-sum').textContent()).toBe(
      'Zeitboxen zusammen: 60 von 60 Minuten',
    );
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/meetings') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Anlegen' }).click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    const meeting = (await created.json()) as Meeting;
    expect(meeting).toMatchObject({ title, cadence: 'weekly', twoSided: true, warnings: [] });
    expect(meeting.participants.map((p) => p.department).sort()).toEqual(['marketing', 'sales']);
    await page.waitForURL(new RegExp(`/meetings/${meeting.id}$`));
    expect(await page.getByTestId('meeting-cadence-words').textContent()).toBe(
      `wöchentlich, ${weekdayAdverb(firstDay)} 09:00`,
    );
    await visible(page.getByTestId('meeting-invite'));
    // the calendar behind the download link, with the browser's session
    const invite = await page.request.get(
      new URL((await page.getByTestId('meeting-invite').getAttribute('href')) ?? '', baseUrl).href,
    );
    expect(invite.status()).toBe(200);
    expect(await invite.text()).toContain('RRULE:FREQ=WEEKLY');
    const lena = await apiSession(baseUrl, 'lena.vogt@nenner.demo');

    // (2) Since the last meeting, sales returned a lead: marketing marks a contact MQL, Jonas rejects it.
    const jonas = await apiSession(baseUrl, 'jonas.keller@nenner.demo');
    const leadName = `Greta Abgelehnt${stamp}`;
    const contact = await lena<Contact>('POST', '/contacts', {
      firstName: 'Greta',
      lastName: `Abgelehnt${stamp}`,
      emails: [`greta.${stamp}@beispiel-gmbh.de`],
      lifecycleStage: 'lead',
    });
    await lena('PATCH', `/contacts/${contact.id}`, { lifecycleStage: 'mql' }, contact.version);
    const open = await jonas<{ items: Handoff[] }>('GET', '/handoffs?status=open&limit=100');
    const handoff = open.items.find((h) => h.contact.id === contact.id);
    expect(handoff, 'the MQL opened a handoff').toBeDefined();
    await jonas('POST', `/handoffs/${handoff?.id}/reject`, { reason: 'no_budget', comment: 'Budget erst 2028' });

    // They open the next occurrence: the lead is on the agenda under the lead handoff, as rejected for no budget.
    await page.getByTestId('occurrence-table').getByRole('link').first().click();
    await page.waitForURL(/\/occurrences\/[0-9a-f-]{36}(:|%3A)\d{8}T\d{6}Z$/i);
    const handoffs = page.getByTestId('agenda-section-handoffs');
    const rejected = handoffs.getByTestId('agenda-item').filter({ hasText: 'Zurückgegeben: Kein Budget' });
    await visible(rejected);
    const leadLink = rejected.getByRole('link', { name: leadName });
    await visible(leadLink);
    expect(await leadLink.getAttribute('href')).toBe(`/leads/${handoff?.id}`);
    // the time box of the section, from the start at 09:00 after the goals' 10 minutes
    expect(await handoffs.getByTestId('agenda-time-box').textContent()).toBe('15 Min. · 09:10–09:25');
    await visible(page.getByTestId('occurrence-live-note'));

    // (3) They start the meeting: the agenda is frozen.
    await Promise.all([
      page.waitForResponse((r) => /\/api\/occurrences\/[^/]+\/start$/.test(r.url()) && r.status() === 200),
      page.getByTestId('occurrence-start').click(),
    ]);
    await visible(page.getByTestId('occurrence-frozen-note'));
    await visible(page.getByTestId('occurrence-status').getByText('Läuft'));
    expect(await page.getByTestId('occurrence-refresh').count()).toBe(0);

    // A decision …
    const decision = `Leads ohne Budget gehen direkt in die Pflege (${stamp})`;
    await page.getByTestId('decision-text').fill(decision);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/decisions') && r.status() === 201),
      page.getByTestId('decision-add').click(),
    ]);
    await visible(page.getByTestId('decision').filter({ hasText: decision }));

    // … and an action item for Jonas.
    const task = `Budgetfrage im Erstgespräch klären ${stamp}`;
    await page.getByTestId('action-item-title').fill(task);
    const owner = page.getByTestId('action-item-owner').getByRole('combobox');
    await owner.click();
    await owner.fill('Jonas');
    await page.getByRole('option', { name: /Jonas Keller/ }).click();
    const [agreed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/action-items') && r.request().method() === 'POST'),
      page.getByTestId('action-item-add').click(),
    ]);
    expect(agreed.status(), await agreed.text()).toBe(201);
    await visible(page.getByTestId('action-item').filter({ hasText: task }));

    // Close: the minutes go out, and the occurrence is read-only.
    await page.getByTestId('occurrence-close').click();
    const confirm = page.getByRole('dialog', { name: 'Abstimmung abschließen?' });
    await Promise.all([
      page.waitForResponse((r) => /\/api\/occurrences\/[^/]+\/close$/.test(r.url()) && r.status() === 200),
      confirm.getByTestId('occurrence-close-confirm').click(),
    ]);
    await visible(page.getByTestId('occurrence-closed-note'));
    await visible(page.getByTestId('occurrence-status').getByText('Abgeschlossen'));
    expect(await page.getByTestId('decision-add').count()).toBe(0);
    expect(await page.getByTestId('action-item-add').count()).toBe(0);
    expect(await page.getByTestId('agenda-topic-add').count()).toBe(0);

    // (4) Sales (Jonas) finds the task in „Meine Aufgaben“.
    await loginAs(j, 'jonas.keller@nenner.demo');
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Meine Aufgaben' })
      .click();
    await page.waitForURL(/\/tasks$/);
    await visible(page.getByText(task));

    // (5) The minutes arrived at the SMTP server, for both participants, with the decision and the task.
    const gotMinutes = (to: string) => smtp.to(to).some((m) => m.subject.startsWith('Protokoll:'));
    // the worker sends the queued mails one after the other: wait for both
    await expect
      .poll(() => gotMinutes('jonas.keller@nenner.demo') && gotMinutes('lena.vogt@nenner.demo'), { timeout: 20_000 })
      .toBe(true);
    const minutes = smtp.to('jonas.keller@nenner.demo').find((m) => m.subject.startsWith('Protokoll:'));
    expect(minutes?.subject).toContain(title);
    // a multipart mail: its parts are quoted-printable
    const body = decodeQuotedPrintable(minutes?.raw ?? '');
    expect(body).toContain(decision);
    expect(body).toContain(task);
  });
});
