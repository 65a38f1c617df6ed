import type { Account, AccountCoverage, Campaign, Deal, Goal, Page, Team, TeamDetail } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectInvalid,
  expectProblem,
  MISSING_ID,
  type Res,
  type Session,
  startTestApp,
  type TestApp,
} from './harness.js';

/*
 * Mixed teams (issue 12): a team owns accounts, campaigns and goals — set, cleared, checked, audited and
 * filtered the same way on all three; the team page (members by department, balance, what it owns); and
 * the coverage of account pairs: of the accounts with an open deal, the share with both a sales owner and
 * a marketing partner. A viewer's edit is refused and changes nothing.
 *
 * The clock stands on Wednesday 3 March 2027, 10:00 in Berlin (09:00 UTC).
 */

let t: TestApp;
let admin: Session;
let mia: Session; // marketing
let sam: Session; // sales
let sina: Session; // sales
let bea: Session; // management
let vera: Session; // sales viewer
let nord: Team; // mixed: marketing, sales and management
let sued: Team; // sales only

const ok = <T>(res: Res<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.body;
};

const createTeam = async (name: string, members: Session[]): Promise<Team> =>
  ok(
    await t.request<Team>('POST', '/api/teams', {
      cookie: admin.cookie,
      body: { name, memberIds: members.map((m) => m.user.id) },
    }),
    201,
  );

type Kind = 'accounts' | 'campaigns' | 'goals';

const patch = <T>(kind: Kind, as: Session, id: string, version: number, body: Record<string, unknown>) =>
  t.request<T>('PATCH', `/api/${kind}/${id}`, { cookie: as.cookie, ifMatch: version, body });
const post = <T>(kind: Kind, as: Session, body: Record<string, unknown>) =>
  t.request<T>('POST', `/api/${kind}`, { cookie: as.cookie, body });

const goalBody = (extra: Record<string, unknown> = {}) => ({
  name: 'MQLs im März',
  metric: 'mqls',
  period: { type: 'month' },
  target: 5,
  ownerIds: [mia.user.id, sam.user.id],
  ...extra,
});

/** The `teamId` changes the audit recorded for a record, oldest first. */
const teamChanges = async (entityType: string, id: string) => {
  const rows = await t.ctx.db
    .selectFrom('timeline_entries')
    .select(['action', 'data'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', id)
    .where('kind', '=', 'audit')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.flatMap((r) =>
    ((r.data ? JSON.parse(r.data) : { changes: [] }) as { changes: { field: string }[] }).changes.filter(
      (c) => c.field === 'teamId',
    ),
  );
};

beforeAll(async () => {
  t = await startTestApp();
  t.clock.travelTo('2027-03-03T09:00:00Z');
  admin = await t.session('management', 'admin', 'Ada Admin');
  mia = await t.session('marketing', 'member', 'Mia Marketing');
  sam = await t.session('sales', 'member', 'Sam Sales');
  sina = await t.session('sales', 'member', 'Sina Sales');
  bea = await t.session('management', 'member', 'Bea Boss');
  vera = await t.session('sales', 'viewer', 'Vera Viewer');
  nord = await createTeam('Team Nord', [sina, mia, bea, sam]);
  sued = await createTeam('Team Süd', [sam]);
});
afterAll(async () => {
  await t.close();
});

describe('a team owns accounts', () => {
  it('sets the team on create and on edit, returns it, audits it and clears it', async () => {
    const created = ok(await post<Account>('accounts', sam, { name: 'Team Eins GmbH', teamId: nord.id }), 201);
    expect(created).toMatchObject({ teamId: nord.id, team: { id: nord.id, name: 'Team Nord' } });

    const moved = ok(await patch<Account>('accounts', sam, created.id, created.version, { teamId: sued.id }));
    expect(moved).toMatchObject({ teamId: sued.id, team: { id: sued.id, name: 'Team Süd' }, version: 2 });
    expect(ok(await t.get<Account>(`/api/accounts/${created.id}`, vera)).team).toEqual({
      id: sued.id,
      name: 'Team Süd',
    });

    const cleared = ok(await patch<Account>('accounts', sam, created.id, 2, { teamId: null }));
    expect(cleared).toMatchObject({ teamId: null, team: null, version: 3 });
    expect(await teamChanges('account', created.id)).toEqual([
      { field: 'teamId', from: nord.id, to: sued.id },
      { field: 'teamId', from: sued.id, to: null },
    ]);
  });

  it('refuses an unknown team with the field named, and changes nothing', async () => {
    const a = await t.createAccount(sam, { name: 'Team Unbekannt KG' });
    expectInvalid(await t.unchanged(() => patch('accounts', sam, a.id, a.version, { teamId: MISSING_ID })), 'teamId');
    expectInvalid(await t.unchanged(() => post('accounts', sam, { name: 'Nie GmbH', teamId: MISSING_ID })), 'teamId');
    expectInvalid(await t.unchanged(() => post('accounts', sam, { name: 'Nie GmbH', teamId: 'nord' })), 'teamId');
  });

  it('refuses a viewer who sets the team, and changes nothing', async () => {
    const a = await t.createAccount(sam, { name: 'Team Viewer AG' });
    expectProblem(
      await t.unchanged(() => patch('accounts', vera, a.id, a.version, { teamId: nord.id })),
      403,
      'forbidden',
    );
    expect(ok(await t.get<Account>(`/api/accounts/${a.id}`, vera))).toMatchObject({ teamId: null, version: 1 });
  });

  it('the list filters on the team', async () => {
    const one = await t.createAccount(sam, { name: 'Teamfilter Nord Eins', teamId: nord.id });
    const two = await t.createAccount(mia, { name: 'Teamfilter Nord Zwei', teamId: nord.id });
    const south = await t.createAccount(sam, { name: 'Teamfilter Süd', teamId: sued.id });
    await t.createAccount(sam, { name: 'Teamfilter Ohne' });
    const ids = async (query: string) =>
      (await t.get<Page<Account>>(`/api/accounts?q=Teamfilter&limit=100&${query}`, vera)).body.items.map((a) => a.id);
    expect(await ids(`teamId=${nord.id}`)).toEqual([one.id, two.id]);
    expect(await ids(`teamId=${sued.id}`)).toEqual([south.id]);
    expect(await ids(`teamId=${MISSING_ID}`)).toEqual([]);
    expect(await ids('')).toHaveLength(4);
    expectInvalid(await t.get('/api/accounts?teamId=nord', vera), 'query.teamId');
  });
});

describe('a team owns campaigns', () => {
  it('sets the team on create and on edit, returns it, audits it and clears it', async () => {
    const created = await t.createCampaign(mia, { name: 'Frühjahrsmailing', teamId: nord.id });
    expect(created).toMatchObject({ teamId: nord.id, team: { id: nord.id, name: 'Team Nord' } });
    const moved = ok(await patch<Campaign>('campaigns', mia, created.id, created.version, { teamId: sued.id }));
    expect(moved).toMatchObject({ teamId: sued.id, team: { id: sued.id, name: 'Team Süd' }, version: 2 });
    const cleared = ok(await patch<Campaign>('campaigns', mia, created.id, 2, { teamId: null }));
    expect(cleared).toMatchObject({ teamId: null, team: null, version: 3 });
    expect(await teamChanges('campaign', created.id)).toEqual([
      { field: 'teamId', from: nord.id, to: sued.id },
      { field: 'teamId', from: sued.id, to: null },
    ]);
  });

  it('refuses an unknown team and a viewer, and changes nothing', async () => {
    const c = await t.createCampaign(mia, { name: 'Herbstmailing' });
    expectInvalid(await t.unchanged(() => patch('campaigns', mia, c.id, c.version, { teamId: MISSING_ID })), 'teamId');
    expectInvalid(
      await t.unchanged(() => post('campaigns', mia, { name: 'Nie', channel: 'email', teamId: MISSING_ID })),
      'teamId',
    );
    expectProblem(
      await t.unchanged(() => patch('campaigns', vera, c.id, c.version, { teamId: nord.id })),
      403,
      'forbidden',
    );
  });

  it('the list filters on the team', async () => {
    const one = await t.createCampaign(mia, { name: 'Teamaktion Nord', teamId: nord.id });
    const south = await t.createCampaign(sam, { name: 'Teamaktion Süd', teamId: sued.id });
    await t.createCampaign(mia, { name: 'Teamaktion Ohne' });
    const ids = async (query: string) =>
      (await t.get<Page<Campaign>>(`/api/campaigns?q=Teamaktion&limit=100&${query}`, vera)).body.items.map((c) => c.id);
    expect(await ids(`teamId=${nord.id}`)).toEqual([one.id]);
    expect(await ids(`teamId=${sued.id}`)).toEqual([south.id]);
    expect(await ids('')).toHaveLength(3);
  });
});

describe('a team owns goals', () => {
  it('sets the team on create and on edit, returns it, audits it and clears it', async () => {
    const created = ok(await post<Goal>('goals', mia, goalBody({ teamId: nord.id })), 201);
    expect(created.team).toEqual({ id: nord.id, name: 'Team Nord' });
    const moved = ok(await patch<Goal>('goals', sam, created.id, created.version, { teamId: sued.id }));
    expect(moved).toMatchObject({ team: { id: sued.id, name: 'Team Süd' }, version: 2 });
    const cleared = ok(await patch<Goal>('goals', mia, created.id, 2, { teamId: null }));
    expect(cleared).toMatchObject({ team: null, version: 3 });
    expect(await teamChanges('goal', created.id)).toEqual([
      { field: 'teamId', from: nord.id, to: sued.id },
      { field: 'teamId', from: sued.id, to: null },
    ]);
  });

  it('refuses an unknown team and a viewer, and changes nothing', async () => {
    const g = ok(await post<Goal>('goals', mia, goalBody({ name: 'SQLs im März', metric: 'sqls' })), 201);
    expectInvalid(await t.unchanged(() => patch('goals', mia, g.id, g.version, { teamId: MISSING_ID })), 'teamId');
    expectInvalid(await t.unchanged(() => post('goals', mia, goalBody({ teamId: MISSING_ID }))), 'teamId');
    expectProblem(
      await t.unchanged(() => patch('goals', vera, g.id, g.version, { teamId: nord.id })),
      403,
      'forbidden',
    );
  });

  it('the list filters on the team', async () => {
    const one = ok(await post<Goal>('goals', mia, goalBody({ name: 'Teamziel Nord', teamId: nord.id })), 201);
    const south = ok(await post<Goal>('goals', sam, goalBody({ name: 'Teamziel Süd', teamId: sued.id })), 201);
    const names = async (teamId: string) =>
      (await t.get<Page<Goal>>(`/api/goals?teamId=${teamId}&limit=100`, vera)).body.items.map((g) => g.id);
    expect(await names(nord.id)).toEqual([one.id]);
    expect(await names(sued.id)).toEqual([south.id]);
  });
});

describe('the team page', () => {
  it('shows the members by department, the balance, and counts what the team owns (not the trash)', async () => {
    const page = await createTeam('Team Seite', [sina, bea, mia, sam]);
    const accounts = await Promise.all(
      ['Seite Eins', 'Seite Zwei', 'Seite Drei'].map((name) => t.createAccount(sam, { name, teamId: page.id })),
    );
    expect((await t.request('DELETE', `/api/accounts/${accounts[2]?.id}`, { cookie: sam.cookie })).status).toBe(204);
    const campaigns = [
      await t.createCampaign(mia, { name: 'Seite Aktion', teamId: page.id }),
      await t.createCampaign(mia, { name: 'Seite Aktion Weg', teamId: page.id }),
    ];
    expect((await t.request('DELETE', `/api/campaigns/${campaigns[1]?.id}`, { cookie: mia.cookie })).status).toBe(204);
    ok(await post<Goal>('goals', mia, goalBody({ name: 'Seite Ziel', teamId: page.id })), 201);
    const later = ok(await post<Goal>('goals', sam, goalBody({ name: 'Seite Ziel später' })), 201);
    ok(await patch<Goal>('goals', sam, later.id, later.version, { teamId: page.id }));

    const body = ok(await t.get<TeamDetail>(`/api/teams/${page.id}`, vera));
    expect(body).toMatchObject({
      id: page.id,
      name: 'Team Seite',
      balance: { marketing: 1, sales: 2, management: 1 },
      mixed: true,
      owned: { accounts: 2, campaigns: 1, goals: 2 },
    });
    const names = (d: keyof TeamDetail['membersByDepartment']) => body.membersByDepartment[d].map((m) => m.name);
    expect(names('marketing')).toEqual(['Mia Marketing']);
    expect(names('sales')).toEqual(['Sam Sales', 'Sina Sales']);
    expect(names('management')).toEqual(['Bea Boss']);
  });

  it('a team of one department is not mixed and owns nothing yet; an unknown team is 404', async () => {
    const solo = await createTeam('Team Solo', [sina]);
    expect(ok(await t.get<TeamDetail>(`/api/teams/${solo.id}`, sam))).toMatchObject({
      balance: { marketing: 0, sales: 1, management: 0 },
      mixed: false,
      membersByDepartment: { marketing: [], sales: [{ id: sina.user.id, name: 'Sina Sales' }], management: [] },
      owned: { accounts: 0, campaigns: 0, goals: 0 },
    });
    expectProblem(await t.get(`/api/teams/${MISSING_ID}`, sam), 404, 'team_not_found');
  });
});

describe('coverage of account pairs', () => {
  const deal = async (accountId: string, name: string): Promise<Deal> =>
    ok(
      await t.request<Deal>('POST', '/api/deals', {
        cookie: sam.cookie,
        body: { name, accountId, amount: 100_000 },
      }),
      201,
    );
  const close = async (d: Deal, outcome: 'won' | 'lost') =>
    ok(
      await t.request<Deal>('POST', `/api/deals/${d.id}/close`, {
        cookie: sam.cookie,
        ifMatch: d.version,
        body: { outcome, reason: 'price' },
      }),
    );
  const coverage = async (query = '') => ok(await t.get<AccountCoverage>(`/api/accounts/coverage${query}`, vera));

  it('counts the accounts with an open deal by pair; won, lost and trashed deals and accounts do not count', async () => {
    // no account has a deal yet (the tests above make none)
    expect(await coverage()).toEqual({
      accountsWithOpenDeals: 0,
      paired: 0,
      missingPartner: 0,
      missingOwner: 0,
      shareRatio: null,
    });

    const team = await createTeam('Team Abdeckung', [sam, mia]);
    const pair = { ownerId: sam.user.id, marketingPartnerId: mia.user.id, teamId: team.id };
    const account = (name: string, fields: Record<string, unknown>) => t.createAccount(sam, { name, ...fields });

    const paired = await account('Abdeckung Paar', pair);
    await deal(paired.id, 'Paar offen');
    const noPartner = await account('Abdeckung ohne Partner', { ownerId: sam.user.id, teamId: team.id });
    await deal(noPartner.id, 'Ohne Partner offen');
    const noOwner = await account('Abdeckung ohne Owner', { marketingPartnerId: mia.user.id, teamId: team.id });
    await deal(noOwner.id, 'Ohne Owner offen');
    const neither = await account('Abdeckung keiner', { teamId: team.id });
    await deal(neither.id, 'Keiner offen 1');
    await deal(neither.id, 'Keiner offen 2'); // two open deals: still one account
    const mixed = await account('Abdeckung offen und gewonnen', pair);
    await deal(mixed.id, 'Gemischt offen');
    await close(await deal(mixed.id, 'Gemischt gewonnen'), 'won');
    // not counted: only won, only lost, the open deal in the trash, the account in the trash
    await close(await deal((await account('Abdeckung gewonnen', pair)).id, 'Gewonnen'), 'won');
    const lost = await account('Abdeckung verloren', { ownerId: sam.user.id, teamId: team.id });
    await close(await deal(lost.id, 'Verloren'), 'lost');
    const trashedDeal = await deal(
      (await account('Abdeckung Chance im Papierkorb', { ownerId: sam.user.id, teamId: team.id })).id,
      'Im Papierkorb',
    );
    expect((await t.request('DELETE', `/api/deals/${trashedDeal.id}`, { cookie: sam.cookie })).status).toBe(204);
    const trashedAccount = await account('Abdeckung Firma im Papierkorb', pair);
    await deal(trashedAccount.id, 'Firma im Papierkorb');
    expect((await t.request('DELETE', `/api/accounts/${trashedAccount.id}`, { cookie: sam.cookie })).status).toBe(204);
    // other teams' accounts count for everyone, not for this team
    await deal((await account('Abdeckung ohne Team', { ...pair, teamId: null })).id, 'Ohne Team offen');
    await deal((await account('Abdeckung Süd', { ownerId: sam.user.id, teamId: sued.id })).id, 'Süd offen');

    // the team: paired, mixed → 2; no partner → 1; no owner, neither → 2; 2 of 5
    expect(await coverage(`?teamId=${team.id}`)).toEqual({
      accountsWithOpenDeals: 5,
      paired: 2,
      missingPartner: 1,
      missingOwner: 2,
      shareRatio: 0.4,
    });
    // everyone: the team's five, plus "ohne Team" (paired) and "Süd" (no partner) → 3 of 7
    expect(await coverage()).toEqual({
      accountsWithOpenDeals: 7,
      paired: 3,
      missingPartner: 2,
      missingOwner: 2,
      shareRatio: 3 / 7,
    });
    expect(await coverage(`?teamId=${sued.id}`)).toEqual({
      accountsWithOpenDeals: 1,
      paired: 0,
      missingPartner: 1,
      missingOwner: 0,
      shareRatio: 0,
    });
    expect((await coverage(`?teamId=${nord.id}`)).shareRatio).toBeNull();

    // the account list the figure links to lists exactly the accounts behind "missing partner"
    const listed = async (query: string) =>
      (await t.get<Page<Account>>(`/api/accounts?limit=100&${query}`, vera)).body.items.map((a) => a.name);
    expect(await listed(`pair=missing_partner&openDeals=true&teamId=${team.id}`)).toEqual(['Abdeckung ohne Partner']);
    expect(await listed('pair=missing_partner&openDeals=true')).toEqual(['Abdeckung ohne Partner', 'Abdeckung Süd']);
    expect(await listed(`pair=both&openDeals=true&teamId=${team.id}`)).toEqual([
      'Abdeckung offen und gewonnen',
      'Abdeckung Paar',
    ]);

    // pairing the account without a partner moves it from missing to paired
    ok(
      await t.request<Account>('PATCH', `/api/accounts/${noPartner.id}`, {
        cookie: sam.cookie,
        ifMatch: noPartner.version,
        body: { marketingPartnerId: mia.user.id },
      }),
    );
    expect(await coverage(`?teamId=${team.id}`)).toMatchObject({ paired: 3, missingPartner: 0, shareRatio: 0.6 });
  });

  it('refuses a malformed team id', async () => {
    expectInvalid(await t.get('/api/accounts/coverage?teamId=abc', vera), 'query.teamId');
  });
});
