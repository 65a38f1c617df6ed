import type { Account, Contact, Page } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let admin: Session;
let seller: Session;
let marketer: Session;
let acme: Account;
let other: Account;
let trashed: Account;
let target: Contact;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin');
  seller = await t.session('sales', 'member', 'Sam Seller');
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  acme = await t.createAccount(seller, { name: 'Acme Werkzeuge GmbH', ownerId: seller.user.id });
  other = await t.createAccount(seller, { name: 'Andere AG', ownerId: null });
  trashed = await t.createAccount(seller, { name: 'Weg GmbH' });
  await t.request('DELETE', `/api/accounts/${trashed.id}`, { cookie: admin.cookie });
  target = await t.createContact(seller, { firstName: 'Tom', lastName: 'Ziel' });

  const rows: Record<string, unknown>[] = [
    {
      firstName: 'Jürgen',
      lastName: 'Özdemir',
      emails: ['j.oezdemir@acme.de', 'jo@privat.de'],
      phone: '+49 711 123456',
      jobTitle: 'Einkauf',
      accountId: acme.id,
      ownerId: seller.user.id,
      lifecycleStage: 'sql',
      source: 'trade_fair',
      tags: ['c', 'vip'],
    },
    {
      firstName: 'Anna',
      lastName: 'Zander',
      emails: ['anna@acme.de'],
      accountId: acme.id,
      ownerId: marketer.user.id,
      lifecycleStage: 'mql',
      source: 'webinar',
      tags: ['c'],
    },
    {
      firstName: 'Bernd',
      lastName: 'Adler',
      emails: ['b.adler@andere.de'],
      accountId: other.id,
      ownerId: seller.user.id,
      lifecycleStage: 'customer',
      source: 'referral',
      tags: ['c', 'vip'],
    },
    { firstName: 'Olga', lastName: 'Otto', emails: [], tags: ['c'] },
  ];
  for (const r of rows) await t.createContact(seller, r);
});
afterAll(async () => {
  await t.close();
});

const list = async (query: string) => {
  const scope = query.includes('tag=') ? '' : 'tag=c&';
  const res = await t.get<Page<Contact>>(`/api/contacts?${scope}limit=200&${query}`, seller);
  expect(res.status, res.text).toBe(200);
  return res.body.items.map((c) => `${c.firstName} ${c.lastName}`);
};

describe('contacts', () => {
  it('presents account and owner, keeps all emails, defaults the lifecycle stage to lead', async () => {
    const res = await t.get<Page<Contact>>('/api/contacts?q=özdemir', seller);
    expect(res.body.items[0]).toMatchObject({
      firstName: 'Jürgen',
      lastName: 'Özdemir',
      emails: ['j.oezdemir@acme.de', 'jo@privat.de'],
      phone: '+49 711 123456',
      jobTitle: 'Einkauf',
      accountId: acme.id,
      account: { id: acme.id, name: 'Acme Werkzeuge GmbH' },
      owner: { id: seller.user.id, name: 'Sam Seller', department: 'sales' },
      lifecycleStage: 'sql',
      source: 'trade_fair',
      tags: ['c', 'vip'],
    });
    expect((await t.createContact(seller, { firstName: 'Default' })).lifecycleStage).toBe('lead');
    expect((await t.createContact(seller, { firstName: '', lastName: '', emails: ['only@mail.de'] })).emails).toEqual([
      'only@mail.de',
    ]);
  });

  it.each([
    ['q by last name prefix, umlauts folded', 'q=ozd', ['Jürgen Özdemir']],
    ['q by first name', 'q=anna', ['Anna Zander']],
    ['q by first and last name', 'q=bernd adl', ['Bernd Adler']],
    ['q by email', 'q=b.adler@', ['Bernd Adler']],
    ['accountId', 'ACCOUNT', ['Jürgen Özdemir', 'Anna Zander']],
    ['ownerId', 'OWNER', ['Bernd Adler', 'Jürgen Özdemir']],
    ['ownerId=none', 'ownerId=none', ['Olga Otto']],
    // the people at the accounts Sam owns, whoever owns the contact: Anna is Mia's, at Sam's Acme
    ['accountOwnerId', 'ACCOUNT_OWNER', ['Jürgen Özdemir', 'Anna Zander']],
    ['lifecycleStage', 'lifecycleStage=mql', ['Anna Zander']],
    ['source', 'source=referral', ['Bernd Adler']],
    ['tag', 'tag=vip', ['Bernd Adler', 'Jürgen Özdemir']],
    ['combined', 'lifecycleStage=sql&ACCOUNT&OWNER', ['Jürgen Özdemir']],
    [
      'sort by last name, Ö with the O’s',
      'sort=lastName',
      ['Bernd Adler', 'Olga Otto', 'Jürgen Özdemir', 'Anna Zander'],
    ],
    ['sort by last name descending', 'sort=-lastName', ['Anna Zander', 'Jürgen Özdemir', 'Olga Otto', 'Bernd Adler']],
    ['sort by first name', 'sort=firstName', ['Anna Zander', 'Bernd Adler', 'Jürgen Özdemir', 'Olga Otto']],
    [
      'sort by creation, newest first',
      'sort=-createdAt',
      ['Olga Otto', 'Bernd Adler', 'Anna Zander', 'Jürgen Özdemir'],
    ],
  ])('filters: %s', async (_label, query, expected) => {
    const q = query
      .replace('ACCOUNT_OWNER', `accountOwnerId=${seller.user.id}`)
      .replace('ACCOUNT', `accountId=${acme.id}`)
      .replace('OWNER', `ownerId=${seller.user.id}`);
    expect(await list(q)).toEqual(expected);
  });

  // From 1,000 accounts of one owner SQLite walks the sort's index and looks up each contact's account
  // (contacts.repository.ts); below, it finds the contacts through the accounts. Both give the same list.
  it('accountOwnerId: an owner of a thousand accounts gets the same contacts, in every order', async () => {
    const owner = await t.session('sales', 'member', 'Bea Bigbook');
    const now = new Date().toISOString();
    const ids = Array.from({ length: 1000 }, (_, i) => `0190a1b2-c3d4-7e5f-8a9b-${String(i).padStart(12, '0')}`);
    for (let i = 0; i < ids.length; i += 250) {
      await t.ctx.db
        .insertInto('accounts')
        .values(
          ids.slice(i, i + 250).map((id, n) => ({
            id,
            name: `Bestand ${i + n}`,
            sort_name: `bestand ${i + n}`,
            owner_id: owner.user.id,
            tags: '[]',
            created_at: now,
            updated_at: now,
          })) as never,
        )
        .execute();
    }
    const people: [string, string, number][] = [
      ['Yara', 'Adam', 0],
      ['Carl', 'Zorn', 999],
      ['Mia', 'Lenz', 500],
    ];
    for (const [firstName, lastName, n] of people) {
      await t.createContact(seller, { firstName, lastName, accountId: ids[n], tags: ['big'] });
    }
    await t.createContact(seller, { firstName: 'Not', lastName: 'Hers', accountId: acme.id, tags: ['big'] });
    const names = async (sort: string) => {
      const res = await t.get<Page<Contact>>(
        `/api/contacts?accountOwnerId=${owner.user.id}&sort=${sort}&limit=2`,
        seller,
      );
      expect(res.status, res.text).toBe(200);
      const next = res.body.nextCursor
        ? (
            await t.get<Page<Contact>>(
              `/api/contacts?accountOwnerId=${owner.user.id}&sort=${sort}&limit=2&cursor=${res.body.nextCursor}`,
              seller,
            )
          ).body.items
        : [];
      return [...res.body.items, ...next].map((c) => c.lastName);
    };
    expect(await names('lastName')).toEqual(['Adam', 'Lenz', 'Zorn']);
    expect(await names('-lastName')).toEqual(['Zorn', 'Lenz', 'Adam']);
    expect(await names('firstName')).toEqual(['Zorn', 'Lenz', 'Adam']);
    expect(await names('createdAt')).toEqual(['Adam', 'Zorn', 'Lenz']);
    expect(await names('-updatedAt')).toEqual(['Lenz', 'Zorn', 'Adam']);
  });

  // A stage by name or by last change reads the stage's own index; PostgreSQL reads the page's ids from it
  // first, then those contacts (contacts.repository.ts). Paged two at a time, every contact of the stage
  // comes once, in order.
  describe('one stage, paged', () => {
    const created = ['Kraus', 'Berg', 'Wolf', 'Adam', 'Lorenz'];
    beforeAll(async () => {
      for (const lastName of created) {
        await t.createContact(seller, { firstName: 'Eva', lastName, lifecycleStage: 'evangelist' });
      }
      await t.createContact(seller, { firstName: 'Not', lastName: 'Evangelist', lifecycleStage: 'lead' });
    });

    it.each([
      ['lastName', ['Adam', 'Berg', 'Kraus', 'Lorenz', 'Wolf']],
      ['-lastName', ['Wolf', 'Lorenz', 'Kraus', 'Berg', 'Adam']],
      ['updatedAt', ['Kraus', 'Berg', 'Wolf', 'Adam', 'Lorenz']],
      ['-updatedAt', ['Lorenz', 'Adam', 'Wolf', 'Berg', 'Kraus']],
    ])('by %s', async (sort, expected) => {
      const names: string[] = [];
      let cursor = '';
      for (let page = 0; page < 5; page++) {
        const res = await t.get<Page<Contact>>(
          `/api/contacts?lifecycleStage=evangelist&sort=${sort}&limit=2${cursor && `&cursor=${cursor}`}`,
          seller,
        );
        expect(res.status, res.text).toBe(200);
        names.push(...res.body.items.map((c) => c.lastName));
        if (!res.body.nextCursor) break;
        cursor = res.body.nextCursor;
      }
      expect(names).toEqual(expected);
    });
  });

  it('rejects a bad lifecycle stage filter with 400', async () => {
    expectInvalid(await t.get('/api/contacts?lifecycleStage=hot', seller), 'query.lifecycleStage');
    expectInvalid(await t.get('/api/contacts?accountId=acme', seller), 'query.accountId');
  });

  const badInputs: [string, Record<string, unknown>, string][] = [
    ['no name and no email', { firstName: '', lastName: '', emails: [] }, 'lastName'],
    ['a first name of the wrong type', { firstName: 7 }, 'firstName'],
    ['an over-long last name', { lastName: 'x'.repeat(101) }, 'lastName'],
    ['an over-long job title', { jobTitle: 'x'.repeat(151) }, 'jobTitle'],
    ['a bad email', { emails: ['not-an-email'] }, 'emails.0'],
    ['emails as a string', { emails: 'a@b.de' }, 'emails'],
    ['an over-long email', { emails: [`${'x'.repeat(250)}@b.de`] }, 'emails.0'],
    ['too many emails', { emails: ['a@b.de', 'b@b.de', 'c@b.de', 'd@b.de', 'e@b.de', 'f@b.de'] }, 'emails'],
    ['the same email twice', { emails: ['a@b.de', 'A@b.de'] }, 'emails'],
    ['a bad phone', { phone: 'call me' }, 'phone'],
    ['an unknown lifecycle stage', { lifecycleStage: 'hot' }, 'lifecycleStage'],
    ['an unknown field', { firstName: 'A', salary: 1 }, 'salary'],
    ['an unknown ownerId', { ownerId: MISSING_ID }, 'ownerId'],
    ['an ownerId that is no uuid', { ownerId: 'sam' }, 'ownerId'],
    ['an unknown accountId', { accountId: MISSING_ID }, 'accountId'],
    ['an accountId in the trash', { accountId: 'TRASHED' }, 'accountId'],
    ['an over-long tag', { tags: ['x'.repeat(41)] }, 'tags.0'],
  ];
  const resolve = (body: Record<string, unknown>) =>
    JSON.parse(JSON.stringify(body).replace('TRASHED', trashed.id)) as Record<string, unknown>;

  it.each(badInputs)('create with %s → 400 naming the field, nothing written', async (_label, body, path) => {
    const b = { firstName: 'Neu', ...resolve(body) };
    expectInvalid(
      await t.unchanged(() => t.request('POST', '/api/contacts', { cookie: seller.cookie, body: b })),
      path,
    );
  });

  it.each(badInputs)('edit with %s → 400 naming the field, the record unchanged', async (_label, body, path) => {
    const b = resolve(body);
    const res = await t.unchanged(() =>
      t.request('PATCH', `/api/contacts/${target.id}`, { cookie: seller.cookie, ifMatch: target.version, body: b }),
    );
    expectInvalid(res, path);
  });

  it('moving a contact to another account is audited with from and to', async () => {
    const c = await t.createContact(seller, { lastName: 'Wechsel', accountId: acme.id });
    const res = await t.request<Contact>('PATCH', `/api/contacts/${c.id}`, {
      cookie: marketer.cookie,
      ifMatch: 1,
      body: { accountId: other.id, lifecycleStage: 'opportunity' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accountId: other.id, account: { id: other.id, name: 'Andere AG' }, version: 2 });
    const tl = await t.get<Page<{ kind: string; action: string; changes: unknown }>>(
      `/api/contacts/${c.id}/timeline?kind=audit`,
      seller,
    );
    expect(tl.body.items[0]).toMatchObject({
      action: 'updated',
      changes: expect.arrayContaining([
        { field: 'accountId', from: acme.id, to: other.id },
        { field: 'lifecycleStage', from: 'lead', to: 'opportunity' },
      ]),
    });
  });
});
