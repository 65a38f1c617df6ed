import type { Account, BattlecardRating, Competitor, CompetitorIntel, Page, WinLossReport } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDealRow } from './deal-rows.js';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Competitors: marketing maintains records and battlecards (safe markdown), sales rates the battlecard,
 * anyone adds field intel; deal counts; the win/loss report with hand-computed figures.
 */

let t: TestApp;
let admin: Session;
let seller: Session;
let marketer: Session;
let manager: Session;
let viewer: Session;
let account: Account;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin', 'Ada Admin');
  seller = await t.session('sales', 'member', 'Sam Seller');
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  manager = await t.session('management', 'member', 'Manni Management');
  viewer = await t.session('marketing', 'viewer', 'Vic Viewer');
  account = await t.createAccount(seller, { name: 'Müller Maschinenbau GmbH' });
});
afterAll(async () => {
  await t.close();
});

const create = (as: Session, body: Record<string, unknown>) =>
  t.request<Competitor>('POST', '/api/competitors', { cookie: as.cookie, body });
const patch = (as: Session, id: string, version: number | undefined, body: Record<string, unknown>) =>
  t.request<Competitor>('PATCH', `/api/competitors/${id}`, { cookie: as.cookie, body, ifMatch: version });
const rate = (as: Session, id: string, body: Record<string, unknown>) =>
  t.request<Competitor>('POST', `/api/competitors/${id}/ratings`, { cookie: as.cookie, body });
const intel = (as: Session, id: string, body: Record<string, unknown>) =>
  t.request<CompetitorIntel>('POST', `/api/competitors/${id}/intel`, { cookie: as.cookie, body });

describe('competitors', () => {
  it('marketing creates one: 201 with the battlecard rendered safely; audited', async () => {
    const battlecard = [
      '## Wo wir gewinnen',
      '- **Service** vor Ort',
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(2)">',
      '',
      '[Preisliste](javascript:alert(3)) [Web](https://konkurrenz.example)',
    ].join('\n');
    const res = await create(marketer, {
      name: 'Konkurrenz AG',
      website: 'https://konkurrenz.example',
      positioning: 'Billiganbieter',
      strengths: 'Preis',
      weaknesses: 'Service',
      pricingNotes: '20 % Rabatt zum Quartalsende',
      battlecard,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      version: 1,
      name: 'Konkurrenz AG',
      website: 'https://konkurrenz.example',
      positioning: 'Billiganbieter',
      strengths: 'Preis',
      weaknesses: 'Service',
      pricingNotes: '20 % Rabatt zum Quartalsende',
      battlecard,
      ratings: { helpful: 0, outdated: 0 },
      deals: { open: 0, won: 0, lost: 0 },
    });
    const html = res.body.battlecardHtml;
    expect(html).toContain('<h2>Wo wir gewinnen</h2>');
    expect(html).toContain('<strong>Service</strong>');
    expect(html).toContain('href="https://konkurrenz.example"');
    expect(html).not.toMatch(/<script|<img|javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect((await t.get<Competitor>(`/api/competitors/${res.body.id}`, viewer)).body).toEqual(res.body);
    const audit = await t.ctx.db
      .selectFrom('timeline_entries')
      .select(['action', 'actor_id'])
      .where('entity_type', '=', 'competitor')
      .where('entity_id', '=', res.body.id)
      .execute();
    expect(audit).toEqual([{ action: 'created', actor_id: marketer.user.id }]);
  });

  it('sales, management members and viewers may not create or edit (403), nothing changes; admins may', async () => {
    const c = (await create(marketer, { name: 'Schreibschutz GmbH' })).body;
    await t.unchanged(async () => {
      expectProblem(await create(seller, { name: 'X' }), 403, 'forbidden');
      expectProblem(await create(manager, { name: 'X' }), 403, 'forbidden');
      expectProblem(await create(viewer, { name: 'X' }), 403, 'forbidden');
      expectProblem(await patch(seller, c.id, 1, { battlecard: 'gehackt' }), 403, 'forbidden');
      expectProblem(await patch(viewer, c.id, 1, { battlecard: 'gehackt' }), 403, 'forbidden');
      expectProblem(await t.request('POST', '/api/competitors', { body: { name: 'X' } }), 401, 'unauthenticated');
    });
    const byAdmin = await patch(admin, c.id, 1, { positioning: 'Nische' });
    expect(byAdmin.status, byAdmin.text).toBe(200);
    expect((await create(admin, { name: 'Von Admin' })).status).toBe(201);
  });

  it('edit with If-Match; stale → 412, missing → 428, unknown → 404; invalid → 400 with paths', async () => {
    const c = (await create(marketer, { name: 'Version AG' })).body;
    const edited = await patch(marketer, c.id, 1, { battlecard: '*neu*', website: null });
    expect(edited.body).toMatchObject({ version: 2, battlecard: '*neu*', battlecardHtml: '<p><em>neu</em></p>\n' });
    await t.unchanged(async () => {
      expectProblem(await patch(marketer, c.id, 1, { name: 'Alt' }), 412, 'version_conflict');
      expectProblem(await patch(marketer, c.id, undefined, { name: 'Alt' }), 428, 'precondition_required');
      expectProblem(await patch(marketer, MISSING_ID, 1, { name: 'Alt' }), 404, 'competitor_not_found');
      expectInvalid(await patch(marketer, c.id, 2, { website: 'javascript:alert(1)' }), 'website');
      expectInvalid(await patch(marketer, c.id, 2, { name: '' }), 'name');
      expectInvalid(await create(marketer, { name: 'X', color: 'red' }), 'color');
    });
    expectProblem(await t.get(`/api/competitors/${MISSING_ID}`, seller), 404, 'competitor_not_found');
  });

  it('lists by name, paged', async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: Page<Competitor> } = await t.get<Page<Competitor>>(
        `/api/competitors?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        viewer,
      );
      names.push(...res.body.items.map((c) => c.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
    expect(names).toContain('Konkurrenz AG');
    const found = await t.get<Page<Competitor>>('/api/competitors?q=konkur', seller);
    expect(found.body.items.map((c) => c.name)).toEqual(['Konkurrenz AG']);
  });
});

describe('battlecard ratings', () => {
  it('sales rates: counts per current battlecard; a second rating replaces the first; a new battlecard starts afresh', async () => {
    const c = (await create(marketer, { name: 'Rating GmbH', battlecard: 'v1' })).body;
    const other = await t.session('sales', 'member', 'Olga Other');
    let res = await rate(seller, c.id, { rating: 'helpful' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.ratings).toEqual({ helpful: 1, outdated: 0 });
    res = await rate(other, c.id, { rating: 'outdated', comment: 'Preise stimmen nicht mehr' });
    expect(res.body.ratings).toEqual({ helpful: 1, outdated: 1 });
    res = await rate(seller, c.id, { rating: 'outdated', comment: 'stimmt' });
    expect(res.body.ratings).toEqual({ helpful: 0, outdated: 2 });

    // an edit that leaves the battlecard alone keeps the ratings
    const renamed = await patch(marketer, c.id, 1, { pricingNotes: 'neu verhandelt' });
    expect(renamed.body.ratings).toEqual({ helpful: 0, outdated: 2 });
    // a new battlecard text is rated anew
    const rewritten = await patch(marketer, c.id, 2, { battlecard: 'v2' });
    expect(rewritten.body.ratings).toEqual({ helpful: 0, outdated: 0 });
    res = await rate(admin, c.id, { rating: 'helpful' });
    expect(res.body.ratings).toEqual({ helpful: 1, outdated: 0 });

    const list = await t.get<Page<BattlecardRating>>(`/api/competitors/${c.id}/ratings`, marketer);
    expect(list.body.items.map((r) => [r.user.name, r.rating, r.comment, r.current])).toEqual([
      ['Ada Admin', 'helpful', null, true],
      ['Sam Seller', 'outdated', 'stimmt', false],
      ['Olga Other', 'outdated', 'Preise stimmen nicht mehr', false],
    ]);
  });

  it('marketing, management members and viewers cannot rate; bad input → 400; unknown → 404; nothing changes', async () => {
    const c = (await create(marketer, { name: 'Nur Vertrieb GmbH' })).body;
    await t.unchanged(async () => {
      expectProblem(await rate(marketer, c.id, { rating: 'helpful' }), 403, 'forbidden');
      expectProblem(await rate(manager, c.id, { rating: 'helpful' }), 403, 'forbidden');
      expectProblem(await rate(viewer, c.id, { rating: 'helpful' }), 403, 'forbidden');
      expectInvalid(await rate(seller, c.id, { rating: 'great' }), 'rating');
      expectProblem(await rate(seller, MISSING_ID, { rating: 'helpful' }), 404, 'competitor_not_found');
    });
  });
});

describe('field intel and deal counts', () => {
  it('any member adds intel, optionally from a deal; listed newest first with author and deal name', async () => {
    const c = (await create(marketer, { name: 'Intel AG' })).body;
    const dealId = await insertDealRow(t, { accountId: account.id, name: 'Großauftrag Müller', competitorIds: [c.id] });
    const first = await intel(seller, c.id, { body: 'Bei Müller gehört: 20 % Rabatt', dealId });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      body: 'Bei Müller gehört: 20 % Rabatt',
      author: { id: seller.user.id, name: 'Sam Seller', department: 'sales' },
      deal: { id: dealId, name: 'Großauftrag Müller' },
    });
    t.clock.advance(3);
    const second = await intel(marketer, c.id, { body: '<b>Messe</b>: neues Produkt' });
    expect(second.body).toMatchObject({ deal: null, body: '<b>Messe</b>: neues Produkt' });
    const list = await t.get<Page<CompetitorIntel>>(`/api/competitors/${c.id}/intel`, viewer);
    expect(list.body.items).toEqual([second.body, first.body]);
    const paged = await t.get<Page<CompetitorIntel>>(`/api/competitors/${c.id}/intel?limit=1`, viewer);
    const rest = await t.get<Page<CompetitorIntel>>(
      `/api/competitors/${c.id}/intel?limit=1&cursor=${paged.body.nextCursor}`,
      viewer,
    );
    expect([...paged.body.items, ...rest.body.items]).toEqual(list.body.items);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('intel: a viewer → 403, an unknown deal or empty body → 400, unknown competitor → 404; nothing written', async () => {
    const c = (await create(marketer, { name: 'Leer GmbH' })).body;
    await t.unchanged(async () => {
      expectProblem(await intel(viewer, c.id, { body: 'x' }), 403, 'forbidden');
      expectInvalid(await intel(seller, c.id, { body: 'x', dealId: MISSING_ID }), 'dealId');
      expectInvalid(await intel(seller, c.id, { body: '   ' }), 'body');
      expectProblem(await intel(seller, MISSING_ID, { body: 'x' }), 404, 'competitor_not_found');
      expectProblem(await t.get(`/api/competitors/${MISSING_ID}/intel`, seller), 404, 'competitor_not_found');
    });
  });

  it('counts open, won and lost deals it was involved in or lost to, each deal once, the trash left out', async () => {
    const c = (await create(marketer, { name: 'Zähl AG' })).body;
    const x = (await create(marketer, { name: 'Andere Konkurrenz' })).body;
    await insertDealRow(t, { accountId: account.id, competitorIds: [c.id] });
    await insertDealRow(t, { accountId: account.id, competitorIds: [c.id, x.id] });
    await insertDealRow(t, { accountId: account.id, status: 'won', competitorIds: [c.id] });
    await insertDealRow(t, { accountId: account.id, status: 'lost', competitorIds: [c.id], lostToCompetitorId: c.id });
    await insertDealRow(t, { accountId: account.id, status: 'lost', competitorIds: [x.id], lostToCompetitorId: c.id });
    await insertDealRow(t, { accountId: account.id, status: 'lost', lostToCompetitorId: c.id });
    await insertDealRow(t, {
      accountId: account.id,
      status: 'won',
      competitorIds: [c.id],
      deletedAt: new Date().toISOString(),
    });
    const got = await t.get<Competitor>(`/api/competitors/${c.id}`, seller);
    expect(got.body.deals).toEqual({ open: 2, won: 1, lost: 3 });
    const listed = await t.get<Page<Competitor>>('/api/competitors?q=andere%20konkurrenz', seller);
    expect(listed.body.items[0]?.deals).toEqual({ open: 1, won: 0, lost: 1 });
  });
});

describe('GET /api/reports/win-loss', () => {
  it('per competitor: met, won, lost, win rate, lost amount per currency, top loss reasons (hand-computed)', async () => {
    const a = (await create(marketer, { name: 'Alpha Systems' })).body;
    const b = (await create(marketer, { name: 'Beta Solutions' })).body;
    const c = (await create(marketer, { name: 'Gamma (nicht im Zeitraum)' })).body;
    const deal = (d: Parameters<typeof insertDealRow>[1]) => insertDealRow(t, d);
    const acc = account.id;
    // in Q1 2027 (Europe/Berlin)
    await deal({
      accountId: acc,
      status: 'won',
      amount: 100_000,
      closedAt: '2027-01-10T10:00:00Z',
      competitorIds: [a.id],
    });
    await deal({
      accountId: acc,
      status: 'lost',
      amount: 250_000,
      closedAt: '2027-02-01T09:00:00Z',
      competitorIds: [a.id, b.id],
      lostToCompetitorId: a.id,
      closeReason: 'price',
    });
    await deal({
      accountId: acc,
      status: 'lost',
      amount: 50_000,
      currency: 'CHF',
      closedAt: '2027-03-15T12:00:00Z',
      competitorIds: [b.id],
      lostToCompetitorId: b.id,
      closeReason: 'features',
    });
    // 23:30 on 31 March in Berlin (CEST): inside
    await deal({
      accountId: acc,
      status: 'lost',
      amount: 30_000,
      closedAt: '2027-03-31T21:30:00Z',
      competitorIds: [b.id],
      lostToCompetitorId: a.id,
      closeReason: 'timing',
    });
    // 00:30 on 1 January in Berlin (CET): inside
    await deal({
      accountId: acc,
      status: 'won',
      amount: 40_000,
      closedAt: '2026-12-31T23:30:00Z',
      competitorIds: [b.id],
    });
    // outside: 00:30 on 1 April and 23:30 on 31 December in Berlin; open; in the trash; without competitor
    await deal({
      accountId: acc,
      status: 'lost',
      amount: 70_000,
      closedAt: '2027-03-31T22:30:00Z',
      lostToCompetitorId: a.id,
      closeReason: 'price',
    });
    await deal({
      accountId: acc,
      status: 'won',
      amount: 80_000,
      closedAt: '2026-12-31T22:30:00Z',
      competitorIds: [b.id],
    });
    await deal({
      accountId: acc,
      status: 'lost',
      closedAt: '2026-06-01T10:00:00Z',
      competitorIds: [c.id],
      closeReason: 'price',
    });
    await deal({ accountId: acc, status: 'open', competitorIds: [a.id] });
    await deal({
      accountId: acc,
      status: 'lost',
      closedAt: '2027-02-02T10:00:00Z',
      competitorIds: [a.id],
      deletedAt: '2027-02-03T10:00:00Z',
      closeReason: 'price',
    });
    await deal({ accountId: acc, status: 'won', closedAt: '2027-02-02T10:00:00Z' });

    const res = await t.get<WinLossReport>('/api/reports/win-loss?from=2027-01-01&to=2027-03-31', viewer);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      from: '2027-01-01',
      to: '2027-03-31',
      timeZone: 'Europe/Berlin',
      competitors: [
        {
          competitor: { id: b.id, name: 'Beta Solutions' },
          met: 4,
          won: 1,
          lost: 3,
          lostTo: 1,
          winRate: 0.25,
          lostAmount: [
            { currency: 'CHF', amount: 50_000 },
            { currency: 'EUR', amount: 280_000 },
          ],
          topLossReasons: [
            { reason: 'features', count: 1 },
            { reason: 'price', count: 1 },
            { reason: 'timing', count: 1 },
          ],
        },
        {
          competitor: { id: a.id, name: 'Alpha Systems' },
          met: 3,
          won: 1,
          lost: 2,
          lostTo: 2,
          winRate: 0.3333,
          lostAmount: [{ currency: 'EUR', amount: 280_000 }],
          topLossReasons: [
            { reason: 'price', count: 1 },
            { reason: 'timing', count: 1 },
          ],
        },
      ],
    });

    const june = await t.get<WinLossReport>('/api/reports/win-loss?from=2026-06-01&to=2026-06-30', seller);
    expect(june.body.competitors).toEqual([
      expect.objectContaining({ competitor: { id: c.id, name: c.name }, met: 1, won: 0, lost: 1, winRate: 0 }),
    ]);
    expect(
      (await t.get<WinLossReport>('/api/reports/win-loss?from=2030-01-01&to=2030-01-31', seller)).body.competitors,
    ).toEqual([]);
  });

  it('a bad period → 400; no login → 401', async () => {
    expectInvalid(await t.get('/api/reports/win-loss?from=2027-03-01&to=2027-01-01', seller), 'query.to');
    expectInvalid(await t.get('/api/reports/win-loss?from=2027-13-01&to=2027-12-31', seller), 'query.from');
    expectInvalid(await t.get('/api/reports/win-loss?from=2027-01-01', seller), 'query.to');
    expectProblem(await t.get('/api/reports/win-loss?from=2027-01-01&to=2027-01-31'), 401, 'unauthenticated');
  });
});
