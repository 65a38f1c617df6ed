import type { Account, Page } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let admin: Session;
let seller: Session;
let marketer: Session;
let inactiveId: string;
let target: Account;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin');
  seller = await t.session('sales', 'member', 'Sam Seller');
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  const inactive = await t.createUser();
  inactiveId = inactive.id;
  await t.request('PATCH', `/api/users/${inactive.id}`, { cookie: admin.cookie, ifMatch: 1, body: { active: false } });
  target = await t.createAccount(seller, { name: 'Ziel Maschinenbau GmbH', country: 'DE' });

  const rows: Record<string, unknown>[] = [
    {
      name: 'Müller Maschinenbau GmbH',
      domain: 'https://www.mueller-mb.de/kontakt',
      industry: 'Maschinenbau',
      employeeBand: '51-200',
      country: 'de',
      city: 'Stuttgart',
      ownerId: seller.user.id,
      tags: ['filter', 'pilot'],
    },
    {
      name: 'Österreichische Logistik AG',
      domain: 'oelog.at',
      industry: 'Logistik',
      employeeBand: '201-500',
      country: 'AT',
      city: 'Wien',
      ownerId: marketer.user.id,
      tags: ['filter'],
    },
    {
      name: 'Zürcher Software AG',
      domain: 'zsoft.ch',
      industry: 'Software',
      employeeBand: '11-50',
      country: 'CH',
      city: 'Zürich',
      tags: ['filter', 'pilot'],
    },
    {
      name: 'Anker Handel KG',
      industry: 'Handel',
      employeeBand: '51-200',
      country: 'DE',
      city: 'Hamburg',
      ownerId: seller.user.id,
      tags: ['filter'],
    },
  ];
  for (const r of rows) await t.createAccount(seller, r);
});
afterAll(async () => {
  await t.close();
});

const list = async (query: string, as: Session = seller) => {
  const scope = query.includes('tag=') ? '' : 'tag=filter&';
  const res = await t.get<Page<Account>>(`/api/accounts?${scope}limit=200&${query}`, as);
  expect(res.status, res.text).toBe(200);
  return res.body.items.map((a) => a.name);
};

describe('accounts', () => {
  it('create normalises input: domain from a URL, country upper case, owner presented with name and department', async () => {
    const res = await t.get<Page<Account>>('/api/accounts?q=müller', seller);
    const a = res.body.items[0];
    expect(a).toMatchObject({
      name: 'Müller Maschinenbau GmbH',
      domain: 'mueller-mb.de',
      country: 'DE',
      employeeBand: '51-200',
      ownerId: seller.user.id,
      owner: { id: seller.user.id, name: 'Sam Seller', department: 'sales' },
    });
  });

  it.each([
    ['q by name, case and umlaut folded', 'q=muller', ['Müller Maschinenbau GmbH']],
    ['q matches inside the name', 'q=software', ['Zürcher Software AG']],
    ['q by domain', 'q=oelog', ['Österreichische Logistik AG']],
    ['ownerId', 'OWNER', ['Anker Handel KG', 'Müller Maschinenbau GmbH']],
    ['ownerId=none', 'ownerId=none', ['Zürcher Software AG']],
    ['country (any case)', 'country=at', ['Österreichische Logistik AG']],
    ['industry', 'industry=Software', ['Zürcher Software AG']],
    ['employeeBand', 'employeeBand=51-200', ['Anker Handel KG', 'Müller Maschinenbau GmbH']],
    ['tag', 'tag=pilot', ['Müller Maschinenbau GmbH', 'Zürcher Software AG']],
    ['combined filters', 'country=DE&employeeBand=51-200&q=anker', ['Anker Handel KG']],
    [
      'sort by name, umlauts with their base letter',
      'sort=name',
      ['Anker Handel KG', 'Müller Maschinenbau GmbH', 'Österreichische Logistik AG', 'Zürcher Software AG'],
    ],
    [
      'sort by name descending',
      'sort=-name',
      ['Zürcher Software AG', 'Österreichische Logistik AG', 'Müller Maschinenbau GmbH', 'Anker Handel KG'],
    ],
    ['no match', 'q=gibtsnicht', []],
  ])('filters: %s', async (_label, query, expected) => {
    expect(await list(query.replace('OWNER', `ownerId=${seller.user.id}`))).toEqual(expected);
  });

  it('sorting by createdAt follows creation order, both directions', async () => {
    const asc = await list('sort=createdAt');
    expect(asc).toEqual([
      'Müller Maschinenbau GmbH',
      'Österreichische Logistik AG',
      'Zürcher Software AG',
      'Anker Handel KG',
    ]);
    expect(await list('sort=-createdAt')).toEqual([...asc].reverse());
  });

  const badCreates: [string, Record<string, unknown>, string][] = [
    ['no name', { domain: 'x.de' }, 'name'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a name of the wrong type', { name: 42 }, 'name'],
    ['an over-long name', { name: 'x'.repeat(201) }, 'name'],
    ['an over-long city', { name: 'A', city: 'x'.repeat(101) }, 'city'],
    ['an over-long industry', { name: 'A', industry: 'x'.repeat(101) }, 'industry'],
    ['a bad domain', { name: 'A', domain: 'not a domain' }, 'domain'],
    ['a bad country', { name: 'A', country: 'Germany' }, 'country'],
    ['an unknown employee band', { name: 'A', employeeBand: '2-3' }, 'employeeBand'],
    ['tags of the wrong type', { name: 'A', tags: 'vip' }, 'tags'],
    ['an over-long tag', { name: 'A', tags: ['x'.repeat(41)] }, 'tags.0'],
    ['too many tags', { name: 'A', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
    ['an unknown field', { name: 'A', revenue: 1 }, 'revenue'],
    ['a server-owned field', { name: 'A', version: 9 }, 'version'],
    ['an ownerId that is no uuid', { name: 'A', ownerId: 'sam' }, 'ownerId'],
    ['an unknown ownerId', { name: 'A', ownerId: MISSING_ID }, 'ownerId'],
    ['an inactive owner', { name: 'A', ownerId: 'INACTIVE' }, 'ownerId'],
  ];

  it.each(badCreates)('create with %s → 400 naming the field, nothing written', async (_label, body, path) => {
    const b = JSON.parse(JSON.stringify(body).replace('INACTIVE', inactiveId));
    expectInvalid(
      await t.unchanged(() => t.request('POST', '/api/accounts', { cookie: seller.cookie, body: b })),
      path,
    );
  });

  it.each(badCreates.filter(([label]) => label !== 'no name'))(
    'edit with %s → 400 naming the field, the record unchanged',
    async (_label, body, path) => {
      const b = JSON.parse(JSON.stringify(body).replace('INACTIVE', inactiveId));
      if (path !== 'name') delete b.name;
      const res = await t.unchanged(() =>
        t.request('PATCH', `/api/accounts/${target.id}`, { cookie: seller.cookie, ifMatch: target.version, body: b }),
      );
      expectInvalid(res, path);
    },
  );

  it('the body must be an object', async () => {
    for (const body of [[], 'Firma', 42]) {
      const res = await t.unchanged(() => t.request('POST', '/api/accounts', { cookie: seller.cookie, body }));
      expectProblem(res, 400, 'validation_failed');
    }
  });

  it('clearing optional fields with null or "" works and is audited', async () => {
    const a = await t.createAccount(seller, {
      name: 'Leer GmbH',
      city: 'Bonn',
      domain: 'leer.de',
      ownerId: seller.user.id,
    });
    const res = await t.request<Account>('PATCH', `/api/accounts/${a.id}`, {
      cookie: seller.cookie,
      ifMatch: 1,
      body: { city: '', domain: null, ownerId: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ city: null, domain: null, ownerId: null, owner: null, version: 2 });
    const timeline = await t.get<Page<{ kind: string; changes: unknown[] | null }>>(
      `/api/accounts/${a.id}/timeline?kind=audit`,
      seller,
    );
    expect(timeline.body.items[0]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'city', from: 'Bonn', to: null },
        { field: 'domain', from: 'leer.de', to: null },
        { field: 'ownerId', from: seller.user.id, to: null },
      ]),
    );
  });

  it('an edit that changes nothing keeps the version and writes no audit entry', async () => {
    const a = await t.createAccount(seller, { name: 'Gleich GmbH', city: 'Bonn' });
    const res = await t.unchanged(() =>
      t.request<Account>('PATCH', `/api/accounts/${a.id}`, {
        cookie: seller.cookie,
        ifMatch: 1,
        body: { city: 'Bonn' },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
  });
});
