import type { Page, TimelineEntry } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectInvalid,
  expectProblem,
  ISO_UTC,
  MISSING_ID,
  type Session,
  startTestApp,
  type TestApp,
} from './harness.js';

let t: TestApp;
let admin: Session;
let seller: Session;
let marketer: Session;
let viewer: Session;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin', 'Ada Admin');
  seller = await t.session('sales', 'member', 'Sam Seller');
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  viewer = await t.session('sales', 'viewer', 'Vic Viewer');
});
afterAll(async () => {
  await t.close();
});

const tick = async () => t.clock.advance(3);
const timeline = async (path: string, query = '', as: Session = seller) => {
  const res = await t.get<Page<TimelineEntry>>(`${path}/timeline${query ? `?${query}` : ''}`, as);
  expect(res.status, res.text).toBe(200);
  return res.body;
};

describe.each([
  ['/api/accounts', 'account'],
  ['/api/contacts', 'contact'],
] as const)('%s/{id}/timeline', (base, noun) => {
  const make = async () =>
    noun === 'account'
      ? `${base}/${(await t.createAccount(seller)).id}`
      : `${base}/${(await t.createContact(seller)).id}`;

  it('a note: 201 with markdown rendered to HTML; <script>, event handlers and javascript: links neutralised', async () => {
    const path = await make();
    const body = [
      '**Wichtig**: Rückruf am _Montag_',
      '',
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(2)">',
      '',
      '[Klick](javascript:alert(3)) [Daten](data:text/html;base64,PHNjcmlwdD4=) [Web](https://example.com)',
    ].join('\n');
    const res = await t.request<TimelineEntry>('POST', `${path}/notes`, { cookie: marketer.cookie, body: { body } });
    expect(res.status).toBe(201);
    const note = res.body;
    expect(note).toMatchObject({
      kind: 'note',
      body,
      actor: { id: marketer.user.id, name: 'Mia Marketing', department: 'marketing' },
      department: 'marketing',
    });
    expect(note.createdAt).toMatch(ISO_UTC);
    const html = note.html ?? '';
    expect(html).toContain('<strong>Wichtig</strong>');
    expect(html).toContain('<em>Montag</em>');
    expect(html).toContain('href="https://example.com"');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/href="data:/i);
    expect(html).toContain('&lt;script&gt;');

    const listed = await timeline(path, 'kind=note');
    expect(listed.items).toEqual([note]);
  });

  it('a comment with @mentions: 201 with the mentioned users; an unknown mention → 400, nothing written', async () => {
    const path = await make();
    const res = await t.request<TimelineEntry>('POST', `${path}/comments`, {
      cookie: seller.cookie,
      body: { body: '@Mia bitte übernehmen', mentions: [marketer.user.id, admin.user.id, marketer.user.id] },
    });
    expect(res.status).toBe(201);
    expect(res.body.kind).toBe('comment');
    expect(res.body.mentions?.map((m) => m.id).sort()).toEqual([marketer.user.id, admin.user.id].sort());
    const listed = await timeline(path, 'kind=comment');
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]?.mentions).toEqual(
      expect.arrayContaining([
        { id: marketer.user.id, name: 'Mia Marketing', department: 'marketing' },
        { id: admin.user.id, name: 'Ada Admin', department: 'management' },
      ]),
    );

    expectInvalid(
      await t.unchanged(() =>
        t.request('POST', `${path}/comments`, {
          cookie: seller.cookie,
          body: { body: 'Hallo @niemand', mentions: [marketer.user.id, MISSING_ID] },
        }),
      ),
      'mentions',
    );
    expectInvalid(
      await t.unchanged(() =>
        t.request('POST', `${path}/comments`, { cookie: seller.cookie, body: { body: 'x', mentions: ['mia'] } }),
      ),
      'mentions.0',
    );
  });

  it.each([
    ['notes', { body: '' }, 'body'],
    ['notes', { body: '   ' }, 'body'],
    ['notes', { body: 'x'.repeat(20_001) }, 'body'],
    ['notes', { body: 42 }, 'body'],
    ['notes', { body: 'ok', pinned: true }, 'pinned'],
    ['comments', { body: 'x'.repeat(5_001) }, 'body'],
    ['comments', { body: 'ok', mentions: 'all' }, 'mentions'],
  ])('POST %s with a bad body → 400, nothing written', async (kind, body, path) => {
    const record = await make();
    expectInvalid(
      await t.unchanged(() => t.request('POST', `${record}/${kind}`, { cookie: seller.cookie, body })),
      path,
    );
  });

  it('notes on an unknown or trashed record → 404, nothing written', async () => {
    expectProblem(
      await t.unchanged(() =>
        t.request('POST', `${base}/${MISSING_ID}/notes`, { cookie: seller.cookie, body: { body: 'x' } }),
      ),
      404,
      `${noun}_not_found`,
    );
    expectProblem(await t.get(`${base}/${MISSING_ID}/timeline`, seller), 404, `${noun}_not_found`);
    const path = await make();
    await t.request('DELETE', path, { cookie: seller.cookie });
    expectProblem(
      await t.unchanged(() => t.request('POST', `${path}/notes`, { cookie: seller.cookie, body: { body: 'x' } })),
      404,
      `${noun}_not_found`,
    );
  });

  it('viewers read the timeline but cannot write to it', async () => {
    const path = await make();
    expect((await timeline(path, '', viewer)).items.length).toBeGreaterThan(0);
    for (const kind of ['notes', 'comments']) {
      expectProblem(
        await t.unchanged(() => t.request('POST', `${path}/${kind}`, { cookie: viewer.cookie, body: { body: 'x' } })),
        403,
        'forbidden',
      );
    }
  });

  it('lists notes, comments and audit entries newest first; filters by kind and department; pages by cursor', async () => {
    const path = await make();
    const id = path.split('/').at(-1);
    const steps: [Session, string, object][] = [
      [marketer, 'notes', { body: 'Messe-Kontakt' }],
      [seller, 'comments', { body: 'Termin vereinbart' }],
      [seller, 'PATCH', { tags: ['heiß'] }],
      [admin, 'notes', { body: 'Vertrag prüfen' }],
      [marketer, 'PATCH', { tags: ['heiß', 'newsletter'] }],
      [seller, 'notes', { body: 'Angebot geschickt' }],
    ];
    let version = 1;
    for (const [who, what, body] of steps) {
      await tick();
      const res =
        what === 'PATCH'
          ? await t.request('PATCH', path, { cookie: who.cookie, ifMatch: version++, body })
          : await t.request('POST', `${path}/${what}`, { cookie: who.cookie, body });
      expect(res.status, res.text).toBeLessThan(300);
    }

    const all = await timeline(path, 'limit=200');
    const summary = all.items.map((e) => `${e.kind}:${e.actor?.department}:${e.body ?? e.action}`);
    expect(summary).toEqual([
      'note:sales:Angebot geschickt',
      'audit:marketing:updated',
      'note:management:Vertrag prüfen',
      'audit:sales:updated',
      'comment:sales:Termin vereinbart',
      'note:marketing:Messe-Kontakt',
      'audit:sales:created',
    ]);
    const times = all.items.map((e) => e.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(all.items[1]?.changes).toEqual([{ field: 'tags', from: ['heiß'], to: ['heiß', 'newsletter'] }]);
    expect(all.items[1]?.html).toBeNull();

    expect((await timeline(path, 'kind=audit')).items.map((e) => e.action)).toEqual(['updated', 'updated', 'created']);
    expect((await timeline(path, 'kind=note')).items.map((e) => e.body)).toEqual([
      'Angebot geschickt',
      'Vertrag prüfen',
      'Messe-Kontakt',
    ]);
    const marketing = await timeline(path, 'department=marketing');
    expect(marketing.items.map((e) => `${e.kind}:${e.body ?? e.action}`)).toEqual([
      'audit:updated',
      'note:Messe-Kontakt',
    ]);
    for (const e of marketing.items) expect(e.department).toBe('marketing');
    expect((await timeline(path, 'department=sales&kind=note')).items.map((e) => e.body)).toEqual([
      'Angebot geschickt',
    ]);

    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<TimelineEntry> = await timeline(path, `limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(paged).toEqual(all.items.map((e) => e.id));
    expect(pages).toBe(3);
    expect(id).toBeTruthy();
  });

  it('rejects bad timeline queries with 400', async () => {
    const path = await make();
    expectInvalid(await t.get(`${path}/timeline?kind=email`, seller), 'query.kind');
    expectInvalid(await t.get(`${path}/timeline?department=finance`, seller), 'query.department');
    expectInvalid(await t.get(`${path}/timeline?limit=201`, seller), 'query.limit');
    expectProblem(await t.get(`${path}/timeline?cursor=garbage`, seller), 400, 'invalid_cursor');
    const forged = Buffer.from(JSON.stringify(['yesterday', MISSING_ID])).toString('base64url');
    expectProblem(await t.get(`${path}/timeline?cursor=${forged}`, seller), 400, 'invalid_cursor');
  });
});
