import { readFileSync } from 'node:fs';
import type { ConsentEntry, Contact, Deal, ErasureResult, Form, GdprExport } from '@nenner/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSuppressed } from '../src/modules/gdpr/erasure.service.js';
import { sweepUnconfirmedContacts } from '../src/modules/gdpr/gdpr.jobs.js';
import { textColumns } from '../src/modules/gdpr/gdpr.scrub.js';
import { expectProblem, type Session, startTestApp, type TestApp } from './harness.js';
import { createForm, postJson } from './lead-helpers.js';

/*
 * DSGVO: the consent ledger and the unsubscribe link, the Art. 15 export, the Art. 17 erasure (nothing of
 * the person left in any text column, nor in the SQLite file; reports unchanged), the suppression list,
 * and the retention of unconfirmed double opt-ins.
 */

let t: TestApp;
let admin: Session;
let member: Session;
let viewer: Session;
let form: Form;
let person: Contact;

const PERSON = {
  firstName: 'Zyrafina',
  lastName: 'Quellbrunner',
  email: 'Zyrafina.Quellbrunner@beispiel-gmbh.de',
  phone: '+49 30 98765432',
};
const secrets = [PERSON.firstName, PERSON.lastName, PERSON.email, PERSON.phone];
const TODAY = new Date().toISOString().slice(0, 10);
const PERIOD = `from=2020-01-01&to=${TODAY.slice(0, 4)}-12-31`;

const contactByEmail = async (email: string): Promise<Contact | undefined> => {
  const res = await t.get<{ items: Contact[] }>(`/api/contacts?q=${encodeURIComponent(email.toLowerCase())}`, admin);
  return res.body.items[0];
};

/** Every text cell of every table (from the catalog) that holds one of `needles`, ignoring case. */
const findEverywhere = async (needles: readonly string[]): Promise<string[]> => {
  const hits: string[] = [];
  for (const { table, columns } of await textColumns(t.ctx.db, t.ctx.engine)) {
    for (const column of columns) {
      const cell = t.ctx.engine === 'postgres' ? sql`${sql.ref(column)}::text` : sql.ref(column);
      const rows = await sql<{ v: string }>`select ${cell} as v from ${sql.table(table)}
        where ${cell} is not null`.execute(t.ctx.db);
      for (const r of rows.rows) {
        const v = String(r.v).toLowerCase();
        for (const n of needles) if (v.includes(n.toLowerCase())) hits.push(`${table}.${column}: ${n}`);
      }
    }
  }
  return hits;
};

const reports = async () => ({
  attribution: (await t.get(`/api/reports/attribution?${PERIOD}&measure=pipeline&by=campaign`, admin)).body,
  funnel: (await t.get(`/api/reports/funnel?${PERIOD}`, admin)).body,
});

beforeAll(async () => {
  t = await startTestApp({ NENNER_SECRET: 'test-secret-for-the-suppression-list' });
  admin = await t.session('marketing', 'admin');
  member = await t.session('marketing', 'member');
  viewer = await t.session('sales', 'viewer');
  const campaign = await t.createCampaign(admin, { name: 'Herbstaktion', utmKeys: ['herbst-gdpr'], status: 'active' });
  form = await createForm(t, admin, {
    name: 'Newsletter',
    slug: 'newsletter-gdpr',
    // not required: a post without it reaches the suppression check
    consent: { enabled: true, text: 'Ja, ich möchte den Newsletter.', required: false },
    fields: [
      { key: 'email', required: true },
      { key: 'firstName' },
      { key: 'lastName' },
      { key: 'company' },
      { key: 'message' },
    ],
  });
  const post = await postJson(t, form.slug, {
    email: PERSON.email,
    firstName: PERSON.firstName,
    lastName: PERSON.lastName,
    company: 'Beispiel GmbH',
    message: `Hallo, hier ist ${PERSON.firstName} ${PERSON.lastName}, ruft mich an: ${PERSON.phone}`,
    consent: true,
    utm_campaign: 'herbst-gdpr',
    landingPage: `https://www.example.de/lp?email=${encodeURIComponent(PERSON.email)}`,
  });
  expect(post.status, post.text).toBe(201);
  const found = await contactByEmail(PERSON.email);
  if (!found) throw new Error('the form post made no contact');
  const patched = await t.request<Contact>('PATCH', `/api/contacts/${found.id}`, {
    cookie: member.cookie,
    ifMatch: found.version,
    body: { phone: PERSON.phone, jobTitle: 'Leiterin Einkauf' },
  });
  expect(patched.status, patched.text).toBe(200);
  person = patched.body;
  const note = await t.request('POST', `/api/contacts/${person.id}/notes`, {
    cookie: member.cookie,
    body: { body: `Telefonat mit ${PERSON.firstName} ${PERSON.lastName} (${PERSON.email})` },
  });
  expect(note.status, note.text).toBe(201);
  const added = await t.request('POST', `/api/campaigns/${campaign.id}/members`, {
    cookie: admin.cookie,
    body: { contactIds: [person.id], status: 'responded' },
  });
  expect(added.status, added.text).toBeLessThan(300);
  const account = await t.createAccount(admin, { name: 'Beispiel Kunde AG' });
  const deal = await t.request<Deal>('POST', '/api/deals', {
    cookie: admin.cookie,
    body: { name: 'Rahmenvertrag', accountId: account.id, amount: 5_000_000, contacts: [{ contactId: person.id }] },
  });
  expect(deal.status, deal.text).toBe(201);
});
afterAll(() => t.close());

describe('consent ledger', () => {
  it('lists the form consent with its text version and source', async () => {
    const res = await t.get<{ items: ConsentEntry[] }>(`/api/contacts/${person.id}/consents`, viewer);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        purpose: 'marketing',
        action: 'given',
        status: 'confirmed',
        text: 'Ja, ich möchte den Newsletter.',
        textVersion: 1,
        source: `form:${form.slug}`,
        sourceKind: 'form',
        recordedBy: null,
        afterSuppression: false,
      }),
    ]);
  });

  it('refuses a viewer and a consent without its text, changing nothing', async () => {
    await t.unchanged(async () => {
      const url = `/api/contacts/${person.id}/consents`;
      expectProblem(
        await t.request('POST', url, { cookie: viewer.cookie, body: { action: 'withdrawn' } }),
        403,
        'forbidden',
      );
      expectProblem(
        await t.request('POST', url, { cookie: member.cookie, body: { action: 'given' } }),
        400,
        'validation_failed',
      );
    });
  });

  it('withdrawal in one click is a ledger line by the member; consent given by hand again', async () => {
    const url = `/api/contacts/${person.id}/consents`;
    const w = await t.request<ConsentEntry>('POST', url, { cookie: member.cookie, body: { action: 'withdrawn' } });
    expect(w.status, w.text).toBe(201);
    expect(w.body).toMatchObject({ action: 'withdrawn', status: 'withdrawn', sourceKind: 'manual' });
    expect(w.body.recordedBy?.id).toBe(member.user.id);
    expect((await t.get<Contact>(`/api/contacts/${person.id}`, member)).body.consentStatus).toBeNull();
    const g = await t.request<ConsentEntry>('POST', url, {
      cookie: member.cookie,
      body: { action: 'given', text: 'Mündlich am Telefon zugestimmt', textVersion: 2 },
    });
    expect(g.status, g.text).toBe(201);
    const ledger = await t.get<{ items: ConsentEntry[] }>(url, member);
    expect(ledger.body.items.map((c) => c.action)).toEqual(['given', 'withdrawn', 'given']);
    expect((await t.get<Contact>(`/api/contacts/${person.id}`, member)).body.consentStatus).toBe('confirmed');
  });

  it('the unsubscribe link: a page that changes nothing, then one click withdraws', async () => {
    const { serverKey, unsubscribeToken } = await import('../src/modules/gdpr/gdpr.keys.js');
    const token = unsubscribeToken(await serverKey(t.ctx), person.id);
    await t.unchanged(async () => {
      const page = await t.request<string>('GET', `/u/${token}?lang=de`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Abmelden');
      expect((await t.request('POST', `/u/${person.id}.forged?lang=en`)).status).toBe(404);
    });
    const done = await t.request<string>('POST', `/u/${token}?lang=en`);
    expect(done.status).toBe(200);
    expect(done.text).toContain('You are unsubscribed');
    const ledger = await t.get<{ items: ConsentEntry[] }>(`/api/contacts/${person.id}/consents`, member);
    expect(ledger.body.items[0]).toMatchObject({ action: 'withdrawn', source: 'unsubscribe', recordedBy: null });
    expect((await t.request<string>('POST', `/u/${token}?lang=en`)).text).toContain('unsubscribed already');
  });
});

describe('Art. 15 export', () => {
  it('admins only; a member is refused and nothing changes', async () => {
    await t.unchanged(async () => {
      expectProblem(await t.get(`/api/contacts/${person.id}/gdpr-export`, member), 403, 'forbidden');
    });
  });

  it('holds the contact, consents, timeline, touchpoints, campaigns and submissions; also as HTML', async () => {
    const res = await t.get<GdprExport>(`/api/contacts/${person.id}/gdpr-export`, admin);
    expect(res.status, res.text).toBe(200);
    expect(res.body.contact).toMatchObject({ firstName: PERSON.firstName, phone: PERSON.phone });
    expect(res.body.contact.emails).toEqual([PERSON.email]);
    expect(res.body.consents).toHaveLength(4);
    expect(res.body.touchpoints.length).toBeGreaterThanOrEqual(1);
    expect(res.body.campaignMemberships).toEqual([expect.objectContaining({ campaign: 'Herbstaktion' })]);
    expect(res.body.formSubmissions).toEqual([expect.objectContaining({ form: 'Newsletter' })]);
    expect(JSON.stringify(res.body.timeline)).toContain('Telefonat mit');
    const page = await t.get<string>(`/api/contacts/${person.id}/gdpr-export?format=html`, admin);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('Auskunft nach Art. 15 DSGVO');
    expect(page.text).toContain(PERSON.lastName);
  });
});

describe('Art. 17 erasure', () => {
  it('refuses a member and a missing reason, changing nothing', async () => {
    await t.unchanged(async () => {
      const url = `/api/contacts/${person.id}/erase`;
      expectProblem(
        await t.request('POST', url, { cookie: member.cookie, body: { reason: 'Antrag' } }),
        403,
        'forbidden',
      );
      expectProblem(await t.request('POST', url, { cookie: admin.cookie, body: {} }), 400, 'validation_failed');
    });
  });

  it('leaves the person nowhere, in any text column or the SQLite file, and the reports unchanged', async () => {
    expect((await findEverywhere(secrets)).length).toBeGreaterThan(0);
    const before = await reports();
    const res = await t.request<ErasureResult>('POST', `/api/contacts/${person.id}/erase`, {
      cookie: admin.cookie,
      body: { reason: `Antrag per E-Mail von ${PERSON.email}` },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.contactId).toBe(person.id);
    expect(await findEverywhere(secrets)).toEqual([]);
    expect(await reports()).toEqual(before);
    // the row stays, anonymous; the erasure is audited without personal data
    const audit = await sql<{ action: string; data: string | null }>`select action, data from timeline_entries
      where entity_id = ${person.id} and action = 'erased'`.execute(t.ctx.db);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.data).toContain('[gelöscht]');
    if (t.config.database.kind === 'sqlite') {
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.ctx.db);
      const file = readFileSync(t.config.database.file);
      for (const s of secrets) {
        for (const variant of [s, s.toLowerCase()])
          expect(file.includes(Buffer.from(variant, 'utf8')), variant).toBe(false);
      }
    }
  });

  it('cannot be undone or repeated', async () => {
    await t.unchanged(async () => {
      const res = await t.request('POST', `/api/contacts/${person.id}/erase`, {
        cookie: admin.cookie,
        body: { reason: 'noch mal' },
      });
      expectProblem(res, 409, 'contact_erased');
    });
  });
});

describe('suppression list', () => {
  it('knows the erased email by its keyed hash, in any case', async () => {
    expect(await isSuppressed(t.ctx, PERSON.email.toUpperCase())).toBe(true);
    expect(await isSuppressed(t.ctx, 'someone.else@beispiel-gmbh.de')).toBe(false);
    const stored = await sql<{ email_hash: string }>`select email_hash from suppressions`.execute(t.ctx.db);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]?.email_hash).not.toContain('@');
  });

  it('a form post without fresh consent does not bring the person back', async () => {
    await t.unchanged(async () => {
      const res = await postJson(t, form.slug, { email: PERSON.email, firstName: PERSON.firstName });
      expect(res.status).toBe(409);
    });
    await t.unchanged(async () => {
      const api = await t.request('POST', '/api/leads', { cookie: member.cookie, body: { email: PERSON.email } });
      expectProblem(api, 409, 'email_suppressed');
    });
  });

  it('a form post with fresh consent is allowed, and its consent is marked', async () => {
    const res = await postJson(t, form.slug, { email: PERSON.email, firstName: PERSON.firstName, consent: true });
    expect(res.status, res.text).toBe(201);
    const back = await contactByEmail(PERSON.email);
    expect(back?.id).not.toBe(person.id);
    const ledger = await t.get<{ items: ConsentEntry[] }>(`/api/contacts/${back?.id}/consents`, admin);
    expect(ledger.body.items).toEqual([expect.objectContaining({ action: 'given', afterSuppression: true })]);
    expect(back?.consentStatus).toBe('confirmed');
  });
});

describe('retention of unconfirmed double opt-ins', () => {
  it('erases and trashes a lead whose opt-in stayed unconfirmed past the days set; a confirmed one stays', async () => {
    const doi = await createForm(t, admin, {
      name: 'DOI',
      slug: 'doi-gdpr',
      consent: { enabled: true, text: 'Bitte bestätigen.' },
      doubleOptIn: true,
    });
    const posted = await postJson(t, doi.slug, {
      email: 'unbestaetigt.wernfried@example.org',
      firstName: 'Wernfried',
      consent: true,
    });
    expect(posted.status, posted.text).toBe(201);
    const pending = await contactByEmail('unbestaetigt.wernfried@example.org');
    expect(pending?.consentStatus).toBe('pending');
    expect(await sweepUnconfirmedContacts(t.ctx)).toBe(0);
    t.clock.advance(31 * 86_400_000);
    expect(await sweepUnconfirmedContacts(t.ctx)).toBe(1);
    const row = await t.row('contacts', pending?.id ?? '');
    expect(row).toMatchObject({ email: null, first_name: '' });
    expect(row?.deleted_at).toBeTruthy();
    expect(await findEverywhere(['unbestaetigt.wernfried@example.org'])).toEqual([]);
    expect(await sweepUnconfirmedContacts(t.ctx)).toBe(0);
    // the person who came back with fresh, confirmed consent stays (read directly: the sessions expired)
    const kept = await sql<{ id: string }>`select id from contacts
      where email = ${PERSON.email.toLowerCase()} and deleted_at is null`.execute(t.ctx.db);
    expect(kept.rows).toHaveLength(1);
  });
});
