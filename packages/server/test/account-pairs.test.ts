import type { Account, Page, Team } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Mixed teams (issue 12): a team's balance of departments and its "mixed" flag; account pairs — an
 * account's marketing partner beside its sales owner, audited like its other fields, and the list filter
 * on having both or missing the partner.
 */

let t: TestApp;
let marketing: Session;
let sales: Session;
let otherSales: Session;
let boss: Session;
let admin: Session;

const patch = (as: Session, id: string, version: number, body: Record<string, unknown>) =>
  t.request<Account>('PATCH', `/api/accounts/${id}`, { cookie: as.cookie, ifMatch: version, body });

const createTeam = async (name: string, members: Session[]): Promise<Team> => {
  const res = await t.request<Team>('POST', '/api/teams', {
    cookie: admin.cookie,
    body: { name, memberIds: members.map((m) => m.user.id) },
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
};

beforeAll(async () => {
  t = await startTestApp();
  marketing = await t.session('marketing', 'member', 'Mia Marketing');
  sales = await t.session('sales', 'member', 'Sam Sales');
  otherSales = await t.session('sales', 'member', 'Sina Sales');
  boss = await t.session('management', 'member', 'Bea Boss');
  admin = await t.session('management', 'admin', 'Ada Admin');
});
afterAll(async () => {
  await t.close();
});

describe('team balance', () => {
  it('a team with marketing and sales members is mixed and counts its members per department', async () => {
    const team = await createTeam('Gemischt', [marketing, sales, otherSales, boss]);
    expect(team).toMatchObject({ balance: { marketing: 1, sales: 2, management: 1 }, mixed: true });
    const one = await t.get<Team>(`/api/teams/${team.id}`, sales);
    expect(one.body).toMatchObject({ balance: { marketing: 1, sales: 2, management: 1 }, mixed: true });
    const list = await t.get<{ items: Team[] }>('/api/teams', sales);
    expect(list.body.items.find((x) => x.id === team.id)).toMatchObject({ mixed: true });
  });

  it('a team of one department (or sales with management) is not mixed', async () => {
    const team = await createTeam('Nur Vertrieb', [sales, otherSales, boss]);
    expect(team).toMatchObject({ balance: { marketing: 0, sales: 2, management: 1 }, mixed: false });
    const list = await t.get<{ items: Team[] }>('/api/teams', marketing);
    expect(list.body.items.find((x) => x.id === team.id)).toMatchObject({
      balance: { marketing: 0, sales: 2, management: 1 },
      mixed: false,
    });
  });
});

describe('account pairs', () => {
  it('a marketing partner is set on create and on edit, returned, audited and cleared', async () => {
    const created = await t.createAccount(sales, { name: 'Paar GmbH', ownerId: sales.user.id });
    expect(created).toMatchObject({ marketingPartnerId: null, marketingPartner: null });

    const set = await patch(sales, created.id, created.version, { marketingPartnerId: marketing.user.id });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({
      marketingPartnerId: marketing.user.id,
      marketingPartner: { id: marketing.user.id, name: 'Mia Marketing', department: 'marketing' },
      version: 2,
    });
    const read = await t.get<Account>(`/api/accounts/${created.id}`, marketing);
    expect(read.body.marketingPartner?.id).toBe(marketing.user.id);

    const cleared = await patch(sales, created.id, 2, { marketingPartnerId: null });
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.body).toMatchObject({ marketingPartnerId: null, marketingPartner: null, version: 3 });

    const timeline = await t.get<Page<{ kind: string; changes: { field: string }[] | null }>>(
      `/api/accounts/${created.id}/timeline?kind=audit`,
      sales,
    );
    const partnerChanges = timeline.body.items.flatMap((e) =>
      (e.changes ?? []).filter((c) => c.field === 'marketingPartnerId'),
    );
    expect(partnerChanges).toEqual(
      expect.arrayContaining([
        { field: 'marketingPartnerId', from: null, to: marketing.user.id },
        { field: 'marketingPartnerId', from: marketing.user.id, to: null },
      ]),
    );

    const withPartner = await t.createAccount(sales, { name: 'Gleich Paar AG', marketingPartnerId: marketing.user.id });
    expect(withPartner.marketingPartner).toMatchObject({ id: marketing.user.id, department: 'marketing' });
  });

  it('refuses a partner outside marketing or unknown, and changes nothing', async () => {
    const a = await t.createAccount(sales, { name: 'Falsch Paar KG', ownerId: sales.user.id });
    expectInvalid(
      await t.unchanged(() => patch(sales, a.id, a.version, { marketingPartnerId: otherSales.user.id })),
      'marketingPartnerId',
    );
    expectInvalid(
      await t.unchanged(() => patch(sales, a.id, a.version, { marketingPartnerId: MISSING_ID })),
      'marketingPartnerId',
    );
    expectInvalid(
      await t.unchanged(() =>
        t.request('POST', '/api/accounts', {
          cookie: sales.cookie,
          body: { name: 'Nie GmbH', marketingPartnerId: boss.user.id },
        }),
      ),
      'marketingPartnerId',
    );
    expectInvalid(
      await t.unchanged(() =>
        t.request('POST', '/api/accounts', {
          cookie: sales.cookie,
          body: { name: 'Nie GmbH', marketingPartnerId: MISSING_ID },
        }),
      ),
      'marketingPartnerId',
    );
  });

  it('the list filters on having both an owner and a partner, or an owner without a partner', async () => {
    const both = await t.createAccount(sales, {
      name: 'Filter Beide',
      ownerId: sales.user.id,
      marketingPartnerId: marketing.user.id,
    });
    const missing = await t.createAccount(sales, { name: 'Filter Ohne Partner', ownerId: sales.user.id });
    const partnerOnly = await t.createAccount(sales, {
      name: 'Filter Nur Partner',
      marketingPartnerId: marketing.user.id,
    });
    const neither = await t.createAccount(sales, { name: 'Filter Keiner' });

    const ids = async (pair: string) =>
      (await t.get<Page<Account>>(`/api/accounts?q=Filter&pair=${pair}&limit=100`, sales)).body.items.map((a) => a.id);
    expect(await ids('both')).toEqual([both.id]);
    expect(await ids('missing_partner')).toEqual([missing.id]);
    const all = (await t.get<Page<Account>>('/api/accounts?q=Filter&limit=100', sales)).body.items.map((a) => a.id);
    expect(all).toEqual(expect.arrayContaining([both.id, missing.id, partnerOnly.id, neither.id]));
    expectInvalid(await t.get('/api/accounts?pair=all', sales), 'query.pair');
  });
});
