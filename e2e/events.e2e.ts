import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp, type TestSmtp } from '../packages/server/test/smtp';
import { apiSession, DEMO_PASSWORD, type Journey, loginAs, startJourney, visible } from './support';

interface EventRecord {
  id: string;
  slug: string;
  capacity: number;
  waitlist: boolean;
  status: string;
  campaign: { id: string; name: string };
}
interface Contact {
  id: string;
  version: number;
  firstName: string;
}
interface Registration {
  id: string;
  email: string;
  status: string;
  contactId: string;
}
interface User {
  id: string;
  email: string;
}

/** The text of every part of a raw mail: quoted-printable and base64 parts decoded as UTF-8. */
const mailText = (raw: string): string => {
  const qp = (s: string) =>
    Buffer.from(
      s
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  return parts
    .map((part) => {
      const split = part.search(/\r?\n\r?\n/);
      if (split < 0) return part;
      const head = part.slice(0, split).toLowerCase();
      const body = part.slice(split).trim();
      if (head.includes('content-transfer-encoding: base64'))
        return Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
      if (head.includes('content-transfer-encoding: quoted-printable')) return qp(body);
      return body;
    })
    .join('\n');
};

/** The first link in a mail to `to` whose subject starts with `subject` and that matches `pattern`. */
const linkIn = (smtp: TestSmtp, to: string, subject: string, pattern: RegExp): string | undefined => {
  for (const m of smtp.to(to).filter((x) => x.subject.startsWith(subject))) {
    const found = pattern.exec(mailText(m.raw));
    if (found) return found[0];
  }
  return undefined;
};

/** Registers on the public page (as opened: the invitation link prefills the person). */
const register = async (
  page: Page,
  url: string,
  person: { email: string; firstName: string; lastName: string; company: string },
  consent: boolean,
) => {
  await page.goto(url);
  await page.getByRole('textbox', { name: /^E-Mail/ }).fill(person.email);
  await page.getByRole('textbox', { name: /^Vorname/ }).fill(person.firstName);
  await page.getByRole('textbox', { name: /^Nachname/ }).fill(person.lastName);
  await page.getByRole('textbox', { name: /^Firma/ }).fill(person.company);
  if (consent) await page.locator('input[name="consent"]').check();
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/e/')),
    page.getByRole('button', { name: 'Anmelden' }).click(),
  ]);
};

describe('browser journey: marketing runs an event, sales invites, guests register, cancel and check in', () => {
  let j: Journey;
  let page: Journey['page'];
  let baseUrl = '';
  let smtp: TestSmtp;

  beforeAll(async () => {
    // The server mails over SMTP_URL; startJourney hands the environment on to it.
    smtp = await startTestSmtp();
    process.env.SMTP_URL = smtp.url;
    j = await startJourney('events');
    ({ page, baseUrl } = j);
  });

  afterAll(async () => {
    await j?.stop();
    await smtp?.close();
    delete process.env.SMTP_URL;
  });

  it('creates the event with 2 seats, invites, fills it, moves the waiting list up, checks in and reports', async () => {
    const stamp = Date.now().toString(36);
    const title = `Kundentag ${stamp}`;
    const lena = await apiSession(baseUrl, 'lena.vogt@nenner.demo');

    // (1) Marketing (Lena) creates the event with 2 seats through the form; a campaign comes with it.
    await loginAs(j, 'lena.vogt@nenner.demo');
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Veranstaltungen' })
      .click();
    await page.waitForURL(/\/events$/);
    await page.getByTestId('event-new').click();
    const dialog = page.getByRole('dialog', { name: 'Veranstaltung anlegen' });
    await dialog.getByTestId('event-title').fill(title);
    // the address follows the title
    expect(await dialog.getByTestId('event-slug').inputValue()).toBe(`kundentag-${stamp}`);
    await dialog.getByTestId('event-capacity').fill('2');
    await dialog.getByTestId('event-venue').fill('Kongresshaus, Musterstraße 1, 80331 München');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/events') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Anlegen' }).click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    const event = (await created.json()) as EventRecord;
    expect(event).toMatchObject({ slug: `kundentag-${stamp}`, capacity: 2, waitlist: true, status: 'open' });
    expect(event.campaign.id).toBeTruthy();
    await page.waitForURL(new RegExp(`/events/${event.id}$`));
    // the list (with the demo's upcoming customer day) may still show while the event's page loads
    await expect.poll(() => page.getByTestId('event-seats').first().textContent()).toContain('0 / 2 Plätze');

    // Two customers of Jonas (sales) who agreed to marketing mail through the contact form, and one who did not.
    const domain = `gast-${stamp}.de`;
    const guests = {
      anna: { email: `anna@${domain}`, firstName: 'Anna', lastName: `Gast${stamp}`, company: `Gast ${stamp} GmbH` },
      ben: { email: `ben@${domain}`, firstName: 'Ben', lastName: `Gast${stamp}`, company: `Gast ${stamp} GmbH` },
      clara: {
        email: `clara@neu-${stamp}.de`,
        firstName: 'Clara',
        lastName: `Neu${stamp}`,
        company: `Neu ${stamp} AG`,
      },
    };
    for (const g of [guests.anna, guests.ben]) {
      const res = await fetch(`${baseUrl}/f/kontakt`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...g, consent: true }),
      });
      expect(res.status, await res.text()).toBeLessThan(300);
    }
    const jonas = await apiSession(baseUrl, 'jonas.keller@nenner.demo');
    const { user: jonasUser } = await jonas<{ user: User }>('GET', '/auth/session');
    const found = await lena<{ items: Contact[] }>('GET', `/contacts?q=Gast${stamp}&limit=50`);
    expect(found.items.map((c) => c.firstName).sort()).toEqual(['Anna', 'Ben']);
    for (const c of found.items) await lena('PATCH', `/contacts/${c.id}`, { ownerId: jonasUser.id }, c.version);
    const noConsent = await lena<Contact>('POST', '/contacts', {
      firstName: 'Dora',
      lastName: `Gast${stamp}`,
      emails: [`dora@${domain}`],
      lifecycleStage: 'lead',
      ownerId: jonasUser.id,
    });

    // (2) Sales (Jonas) invites them from the event's page.
    await loginAs(j, 'jonas.keller@nenner.demo');
    await page.goto(`${baseUrl}/events/${event.id}?tab=invitations`);
    const panel = page.getByRole('region', { name: 'Kunden einladen' });
    await visible(panel);
    // his own customers come first
    expect(await panel.getByRole('radio', { name: 'Meine Kunden' }).isChecked()).toBe(true);
    await panel.getByText('Alle durchsuchen').click();
    await panel.getByRole('searchbox').fill(`Gast${stamp}`);
    for (const name of [`Anna Gast${stamp}`, `Ben Gast${stamp}`, `Dora Gast${stamp}`]) {
      const box = panel.getByRole('checkbox', { name: `${name} auswählen` });
      await box.waitFor();
      await box.check();
    }
    await panel.getByTestId('invite-message').fill('Schön wäre, wenn wir uns dort sehen!');
    const [sent] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/api/events/${event.id}/invitations`) && r.request().method() === 'POST',
      ),
      panel.getByTestId('invite-send').click(),
    ]);
    expect(sent.status(), await sent.text()).toBe(200);
    await visible(panel.getByTestId('invite-sent').getByText('2 Einladungen sind unterwegs.'));
    const skipped = panel.getByTestId('invite-skipped-item');
    expect(await skipped.count()).toBe(1);
    expect(await skipped.textContent()).toBe(`Dora Gast${stamp}: keine Einwilligung für Marketing-E-Mails`);
    expect(noConsent.id).toBeTruthy();
    // the invitation list shows who invited whom, nobody registered yet
    const invitations = page.getByTestId('invitation-table');
    await visible(invitations.getByText(`Anna Gast${stamp}`));
    expect(await invitations.getByText('Noch nicht angemeldet').count()).toBe(2);

    // (3) Three visitors register on the public page: Anna and Ben through their invitations, Clara on her own.
    const invitationLink = (to: string) =>
      linkIn(smtp, to, 'Einladung:', /https?:\/\/\S+\/e\/[a-z0-9-]+\?invitation=[\w-]+/);
    await expect
      .poll(() => invitationLink(guests.anna.email) && invitationLink(guests.ben.email), { timeout: 20_000 })
      .toBeTruthy();
    const visitor = await j.browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const guestPage = await visitor.newPage();
    await register(guestPage, invitationLink(guests.anna.email) ?? '', guests.anna, true);
    await visible(guestPage.getByText('Du bist angemeldet!'));
    await register(guestPage, invitationLink(guests.ben.email) ?? '', guests.ben, true);
    await visible(guestPage.getByText('Du bist angemeldet!'));
    await register(guestPage, `${baseUrl}/e/${event.slug}`, guests.clara, true);
    await visible(guestPage.getByText('Du stehst auf Platz 1 der Warteliste.'));

    // (4) Anna cannot come: the cancellation link in her confirmation frees the seat, and Clara moves up.
    const cancelPattern = /https?:\/\/\S+\/e\/[a-z0-9-]+\/cancel\?token=[\w%-]+/;
    await expect
      .poll(() => linkIn(smtp, guests.anna.email, 'Anmeldung bestätigt:', cancelPattern), { timeout: 20_000 })
      .toBeTruthy();
    await guestPage.goto(linkIn(smtp, guests.anna.email, 'Anmeldung bestätigt:', cancelPattern) ?? '');
    await guestPage.getByRole('button', { name: 'Abmelden' }).click();
    await visible(guestPage.getByText('Du bist abgemeldet.'));
    await expect
      .poll(() => smtp.to(guests.clara.email).some((m) => m.subject.startsWith('Ein Platz für dich:')), {
        timeout: 20_000,
      })
      .toBe(true);
    await visitor.close();

    // Marketing sees it on the event: Anna cancelled, Ben and Clara confirmed, nobody waiting.
    await loginAs(j, 'lena.vogt@nenner.demo');
    await page.goto(`${baseUrl}/events/${event.id}`);
    const rows = page.getByTestId('registration-table');
    const statusOf = (email: string) =>
      rows.getByTestId(`registration-${email}`).getByTestId('registration-status').getAttribute('data-status');
    await visible(rows.getByTestId(`registration-${guests.clara.email}`));
    expect(await statusOf(guests.anna.email)).toBe('cancelled');
    expect(await statusOf(guests.ben.email)).toBe('confirmed');
    expect(await statusOf(guests.clara.email)).toBe('confirmed');
    expect(await page.getByTestId('event-seats').first().textContent()).toContain('2 / 2 Plätze');
    // the invitation list now says who registered
    await page.getByTestId('event-tab-invitations').click();
    await visible(page.getByTestId('invitation-table').getByTestId('registration-status').first());

    // (5) At the door, on a phone: Ben's QR code opens the check-in with him first; one tap.
    const registrations = await lena<{ items: Registration[] }>('GET', `/events/${event.id}/registrations?limit=50`);
    const ben = registrations.items.find((r) => r.email === guests.ben.email);
    expect(ben?.status).toBe('confirmed');
    const phone = await j.browser.newContext({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const door = await phone.newPage();
    await door.goto(`${baseUrl}/login`);
    await door.getByLabel('E-Mail').fill('jonas.keller@nenner.demo');
    await door.getByLabel('Passwort').fill(DEMO_PASSWORD);
    await Promise.all([
      door.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 200),
      door.getByRole('button', { name: 'Anmelden' }).click(),
    ]);
    await door.waitForURL((u) => u.pathname !== '/login');
    await door.goto(`${baseUrl}/events/${event.id}/checkin?registration=${ben?.id}`);
    const opened = door.getByTestId('checkin-opened');
    await visible(opened.getByText(`Ben Gast${stamp}`));
    expect(await door.getByTestId('checkin-progress').textContent()).toBe('0 von 2 da');
    // the search finds Clara by her company
    await door.getByTestId('checkin-search').fill(`neu ${stamp}`);
    await visible(door.getByTestId('checkin-list').getByText(`Clara Neu${stamp}`));
    // the page fits the phone, and the button is a big touch target
    expect(await door.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const mark = opened.getByTestId('checkin-mark');
    const box = await mark.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
    const [checked] = await Promise.all([
      door.waitForResponse((r) => r.url().endsWith(`/registrations/${ben?.id}/checkin`)),
      mark.tap(),
    ]);
    expect(checked.status(), await checked.text()).toBe(200);
    await visible(opened.getByTestId('checkin-done'));
    await expect.poll(() => door.getByTestId('checkin-progress').textContent()).toBe('1 von 2 da');
    await phone.close();

    // (6) Ben's timeline shows the attendance, naming the event, and the report has the figures.
    await page.goto(`${baseUrl}/contacts/${ben?.contactId}`);
    const attended = page.getByTestId('timeline-entry').filter({ hasText: `Bei „${title}“ dabei gewesen` });
    await visible(attended.first());
    expect(await attended.first().getByRole('link').getAttribute('href')).toBe(`/events/${event.id}`);
    await page.goto(`${baseUrl}/events/${event.id}?tab=report`);
    const report = page.getByTestId('event-report');
    await visible(report);
    // Intl puts no-break spaces in "0 %" and "0,00 €"
    const figure = async (id: string) => ((await report.getByTestId(id).textContent()) ?? '').replace(/\s/g, ' ');
    expect(await figure('report-invited')).toBe('2');
    expect(await figure('report-registered')).toBe('3');
    expect(await figure('report-confirmed')).toBe('1');
    expect(await figure('report-waitlisted')).toBe('0');
    expect(await figure('report-cancelled')).toBe('1');
    expect(await figure('report-attended')).toBe('1');
    expect(await figure('report-no-show-rate')).toBe('0 %');
    const byRep = report.getByTestId('report-by-rep').getByRole('row', { name: /Jonas Keller/ });
    expect((await byRep.getByRole('cell').allTextContents()).map((s) => s.trim())).toEqual([
      'Jonas Keller',
      '2',
      '2',
      '1',
    ]);
    // money in the user's locale: the new campaign has no costs yet
    expect(await figure('report-cost')).toBe('0,00 €');
  });
});
