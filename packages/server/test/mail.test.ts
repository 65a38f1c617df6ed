import type { Contact, Handoff } from '@nenner/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runBackgroundOnce } from '../src/worker.js';
import { type Session, startTestApp, type TestApp } from './harness.js';
import { contactByEmail, createForm, postForm, postJson, rowsOf, setScoring } from './lead-helpers.js';
import { startTestSmtp, type TestSmtp } from './smtp.js';

/*
 * Email through a real SMTP server in the test process: the worker (run once, no timers) sends what
 * the writes queued — the double opt-in link, handoff assignment, breach and rejection notices.
 */

let smtp: TestSmtp;
let t: TestApp;
let marketer: Session;
let seller: Session;
let salesManager: Session;

const PUBLIC = 'https://crm.example.de';

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({
    SMTP_URL: smtp.url,
    NENNER_PUBLIC_URL: PUBLIC,
    MAIL_FROM: 'Nenner <leads@example.de>',
    NENNER_FORM_POSTS_PER_MINUTE: '10000',
  });
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  salesManager = await t.session('sales', 'admin', 'Sven Salesleitung');
  await setScoring(t, marketer);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const jobs = async () => (await rowsOf(t, 'jobs')) as { name: string; status: string; last_error: string | null }[];

describe('double opt-in', () => {
  it('a consent on a double-opt-in form stays pending until the emailed link is followed', async () => {
    await createForm(t, marketer, {
      name: 'Newsletter',
      slug: 'newsletter',
      consent: { enabled: true, text: 'Ja, schickt mir den Newsletter.' },
      doubleOptIn: true,
    });
    const res = await postJson(t, 'newsletter', { email: 'Nina@Example.org', firstName: 'Nina', consent: true });
    expect(res.status).toBe(201);
    expect(res.body.message).toContain('please confirm');
    const contact = await contactByEmail(t, marketer, 'nina@example.org');
    expect(contact?.consentStatus).toBe('pending');
    expect(await jobs()).toContainEqual(expect.objectContaining({ name: 'send_email', status: 'pending' }));

    await runBackgroundOnce(t.ctx);
    const [mail, ...more] = smtp.to('nina@example.org');
    expect(more).toEqual([]);
    expect(mail?.from).toBe('leads@example.de');
    expect(mail?.subject).toBe('Please confirm your sign-up');
    expect(mail?.text).toContain('Hi Nina');
    const link = mail?.text.match(/https:\/\/crm\.example\.de\/f\/confirm\/[A-Za-z0-9_-]+/)?.[0];
    expect(link).toBeTruthy();
    expect((await jobs()).every((j) => j.status === 'done')).toBe(true);

    const path = (link ?? '').slice(PUBLIC.length);
    const confirmed = await t.request<string>('GET', path);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('your consent is confirmed');
    expect((await t.get<Contact>(`/api/contacts/${contact?.id}`, marketer)).body.consentStatus).toBe('confirmed');
    const consents = await t.get<{ items: { status: string; confirmedAt: string | null }[] }>(
      `/api/contacts/${contact?.id}/consents`,
      marketer,
    );
    expect(consents.body.items).toEqual([expect.objectContaining({ status: 'confirmed' })]);
    expect(consents.body.items[0]?.confirmedAt).toBeTruthy();

    // following it again changes nothing; a made-up link is refused
    const again = await t.unchanged(() => t.request<string>('GET', path));
    expect(again.status).toBe(200);
    expect(again.text).toContain('confirmed already');
    const bad = await t.unchanged(() => t.request<string>('GET', '/f/confirm/not-a-real-token'));
    expect(bad.status).toBe(404);
  });

  it('a contact who confirmed before stays confirmed while a newer double opt-in waits for its link', async () => {
    await createForm(t, marketer, {
      name: 'Event',
      slug: 'event',
      consent: { enabled: true, text: 'Ja, ladet mich zu Events ein.' },
      doubleOptIn: true,
    });
    const res = await postJson(t, 'event', { email: 'nina@example.org', consent: true });
    expect(res.status).toBe(201);
    const contact = await contactByEmail(t, marketer, 'nina@example.org');
    expect(contact?.consentStatus).toBe('confirmed');
    const consents = await t.get<{ items: { status: string; source: string }[] }>(
      `/api/contacts/${contact?.id}/consents`,
      marketer,
    );
    expect(consents.body.items.map((c) => [c.source, c.status])).toEqual([
      ['form:event', 'pending'],
      ['form:newsletter', 'confirmed'],
    ]);
    await runBackgroundOnce(t.ctx);
    expect(smtp.to('nina@example.org')).toHaveLength(2);
  });

  it('a German visitor gets the German mail; a post without consent sends none', async () => {
    const before = smtp.mails.length;
    await postForm(t, 'newsletter', { email: 'ohne@example.org' }, { 'accept-language': 'de-DE' });
    const res = await postForm(
      t,
      'newsletter',
      { email: 'jonas@example.org', firstName: 'Jonas', consent: 'true' },
      { 'accept-language': 'de-DE,de;q=0.9' },
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('Bitte bestätige');
    await runBackgroundOnce(t.ctx);
    expect(smtp.mails.length).toBe(before + 1);
    expect(smtp.to('jonas@example.org')[0]?.subject).toBe('Bitte bestätige deine Anmeldung');
    expect(smtp.to('ohne@example.org')).toEqual([]);
  });
});

describe('handoff notices', () => {
  let handoff: Handoff;

  it('the assignee is mailed when a lead is handed to them', async () => {
    await t.createAccount(salesManager, { name: 'Mailwerk GmbH', domain: 'mailwerk.de', ownerId: seller.user.id });
    await createForm(t, marketer, {
      name: 'Demo',
      slug: 'demo',
      fields: [{ key: 'email', required: true }, { key: 'firstName' }, { key: 'lastName' }, { key: 'jobTitle' }],
    });
    await postJson(t, 'demo', {
      email: 'lena@mailwerk.de',
      firstName: 'Lena',
      lastName: 'Lang',
      jobTitle: 'Head of IT',
    });
    const contact = await contactByEmail(t, marketer, 'lena@mailwerk.de');
    const row = (await rowsOf(t, 'handoffs')).find((h) => h.contact_id === contact?.id);
    handoff = (await t.get<Handoff>(`/api/handoffs/${String(row?.id)}`, seller)).body;
    expect(handoff.assigneeId).toBe(seller.user.id);

    await runBackgroundOnce(t.ctx);
    const mails = smtp.to(seller.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Neuer Lead für dich: Lena Lang');
    expect(mails[0]?.text).toContain('Hallo Sam Sales');
    expect(mails[0]?.text).toContain('Lena Lang (Mailwerk GmbH)');
    expect(mails[0]?.text).toContain(`${PUBLIC}/leads/${handoff.id}`);
  });

  it('a breach mails the assignee and the sales manager, once', async () => {
    vi.setSystemTime(new Date(Date.parse(handoff.slaDueAt) + 60_000));
    await runBackgroundOnce(t.ctx);
    await runBackgroundOnce(t.ctx);
    vi.useRealTimers();
    for (const who of [seller, salesManager]) {
      const breached = smtp.to(who.email).filter((m) => m.subject === 'SLA überschritten: Lena Lang');
      expect(breached, who.email).toHaveLength(1);
      expect(breached[0]?.text).toContain(`${PUBLIC}/leads/${handoff.id}`);
    }
    const notes = await t.get<{ items: { kind: string }[]; unread: number }>('/api/notifications', seller);
    expect(notes.body.items.map((n) => n.kind)).toEqual(['handoff_breached', 'handoff_assigned']);
    expect(notes.body.unread).toBe(2);
  });

  it('a rejection mails the marketer who qualified the lead by hand, with reason and comment', async () => {
    const contact = await t.createContact(marketer, {
      firstName: 'Rolf',
      lastName: 'Rück',
      emails: ['rolf@mailwerk.de'],
      lifecycleStage: 'lead',
    });
    const patched = await t.request('PATCH', `/api/contacts/${contact.id}`, {
      cookie: marketer.cookie,
      ifMatch: contact.version,
      body: { lifecycleStage: 'mql' },
    });
    expect(patched.status, patched.text).toBe(200);
    const row = (await rowsOf(t, 'handoffs')).find((h) => h.contact_id === contact.id);
    await runBackgroundOnce(t.ctx);
    const rejected = await t.request<Handoff>('POST', `/api/handoffs/${String(row?.id)}/reject`, {
      cookie: salesManager.cookie,
      body: { reason: 'no_budget', comment: 'Erst im nächsten Jahr' },
    });
    expect(rejected.status, rejected.text).toBe(200);
    await runBackgroundOnce(t.ctx);
    const mails = smtp.to(marketer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Lead zurückgegeben: Rolf Rück');
    expect(mails[0]?.text).toContain('Grund: Kein Budget');
    expect(mails[0]?.text).toContain('Erst im nächsten Jahr');
    expect((await jobs()).filter((j) => j.status !== 'done')).toEqual([]);
  });

  it('a name a visitor typed cannot add headers or recipients to a notice', async () => {
    await postJson(t, 'demo', {
      email: 'inject@mailwerk.de',
      firstName: 'Eve\r\nBcc: evil@example.org\r\nX-Injected: 1',
      lastName: 'Böse',
      jobTitle: 'Head of Mischief',
    });
    await runBackgroundOnce(t.ctx);
    const notice = smtp.mails.find((m) => m.subject.startsWith('Neuer Lead für dich: Eve'));
    expect(notice).toBeTruthy();
    expect(notice?.to).toEqual([seller.email.toLowerCase()]);
    const headers = notice?.raw.slice(0, notice.raw.search(/\r?\n\r?\n/)) ?? '';
    expect(headers).not.toMatch(/^(bcc|x-injected):/im);
    expect(smtp.to('evil@example.org')).toEqual([]);
  });
});
