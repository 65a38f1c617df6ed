import type { ApiToken, CreatedToken, TokenArea, TokenScope } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackgroundOnce } from '../src/worker.js';
import { expectInvalid, expectProblem, type Session, startTestApp, type TestApp } from './harness.js';
import { startTestSmtp, type TestSmtp } from './smtp.js';

/*
 * Scoped and expiring API tokens (issue 19), through HTTP: every area × read/write, the method class,
 * endpoints outside every area, the user's own rights still deciding, expiry, tokens from before scopes,
 * and the expiry warning mail over a real SMTP server.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestApp;
let smtp: TestSmtp;
let admin: Session;
let viewer: Session;
let accountId: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ SMTP_URL: smtp.url });
  admin = await t.session('marketing', 'admin');
  viewer = await t.session('sales', 'viewer');
  accountId = (await t.createAccount(admin)).id;
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const tokenFor = async (as: Session, body: Record<string, unknown>): Promise<CreatedToken> => {
  const res = await t.request<CreatedToken>('POST', '/api/tokens', { cookie: as.cookie, body: { name: 'x', ...body } });
  if (res.status !== 201) throw new Error(`create token → ${res.status} ${res.text}`);
  return res.body;
};

let seq = 0;
/** One read and one write endpoint per area; the write makes something new each time it is called. */
const areaEndpoints: Record<TokenArea, { read: string; write: () => { path: string; body: unknown } }> = {
  contacts: {
    read: '/api/contacts',
    write: () => ({ path: '/api/contacts', body: { firstName: 'Eva', lastName: `S${++seq}` } }),
  },
  accounts: { read: '/api/accounts', write: () => ({ path: '/api/accounts', body: { name: `Scope ${++seq} GmbH` } }) },
  deals: {
    read: '/api/deals',
    write: () => ({ path: '/api/deals', body: { name: `Deal ${++seq}`, accountId, amount: 1000 } }),
  },
  campaigns: {
    read: '/api/campaigns',
    write: () => ({ path: '/api/campaigns', body: { name: `Aktion S${++seq}`, channel: 'email' } }),
  },
  leads: { read: '/api/handoffs', write: () => ({ path: '/api/leads', body: { email: `lead${++seq}@example.com` } }) },
  reports: { read: '/api/dashboards', write: () => ({ path: '/api/dashboards', body: { name: `Board ${++seq}` } }) },
  admin: { read: '/api/users', write: () => ({ path: '/api/teams', body: { name: `Team S${++seq}` } }) },
};
const areas = Object.keys(areaEndpoints) as TokenArea[];
/** Another area than `a`, for the "wrong area" token. */
const otherThan = (a: TokenArea): TokenArea => areas[(areas.indexOf(a) + 1) % areas.length] as TokenArea;

describe('scopes: every area × read/write', () => {
  const tokens = new Map<string, string>();
  const token = (scopes: TokenScope[]) => tokens.get(scopes.join(' ')) as string;
  beforeAll(async () => {
    for (const a of areas) {
      for (const access of ['read', 'write'] as const) {
        tokens.set(`${access} ${a}`, (await tokenFor(admin, { scopes: [access, a] })).token);
      }
    }
  });

  it.each(areas)(
    '%s: a read endpoint is open to read and write tokens of the area, closed to other areas',
    async (a) => {
      const path = areaEndpoints[a].read;
      expect((await t.get(path, token(['read', a]))).status).toBe(200);
      expect((await t.get(path, token(['write', a]))).status).toBe(200);
      expectProblem(await t.get(path, token(['read', otherThan(a)])), 403, 'insufficient_scope');
    },
  );

  it.each(areas)('%s: a write endpoint needs `write` and the area; refused, it changes nothing', async (a) => {
    const readOnly = areaEndpoints[a].write();
    expectProblem(
      await t.unchanged(() => t.request('POST', readOnly.path, { token: token(['read', a]), body: readOnly.body })),
      403,
      'insufficient_scope',
    );
    const wrongArea = areaEndpoints[a].write();
    expectProblem(
      await t.unchanged(() =>
        t.request('POST', wrongArea.path, { token: token(['write', otherThan(a)]), body: wrongArea.body }),
      ),
      403,
      'insufficient_scope',
    );
    const ok = areaEndpoints[a].write();
    const res = await t.request('POST', ok.path, { token: token(['write', a]), body: ok.body });
    expect([200, 201, 202]).toContain(res.status);
  });

  it('a token with several areas reaches each of them and nothing else', async () => {
    const both = (await tokenFor(admin, { scopes: ['write', 'contacts', 'accounts'] })).token;
    expect((await t.get('/api/contacts', both)).status).toBe(200);
    expect((await t.get('/api/accounts', both)).status).toBe(200);
    expectProblem(await t.get('/api/deals', both), 403, 'insufficient_scope');
  });

  it('an area follows the path: a contact’s notes are `contacts`, an account’s timeline `accounts`', async () => {
    const contacts = token(['write', 'contacts']);
    expect((await t.get(`/api/accounts/${accountId}/timeline`, contacts)).status).toBe(403);
    expect((await t.get(`/api/accounts/${accountId}/timeline`, token(['read', 'accounts']))).status).toBe(200);
  });

  it('endpoints outside every area are closed to a token with areas, open to one without', async () => {
    for (const path of ['/api/tasks', '/api/auth/me', '/api/tokens', '/api/meetings']) {
      expectProblem(await t.get(path, token(['write', 'contacts'])), 403, 'insufficient_scope');
    }
    const readAll = (await tokenFor(admin, { scopes: ['read'] })).token;
    for (const path of ['/api/tasks', '/api/auth/me', '/api/contacts', '/api/users']) {
      expect((await t.get(path, readAll)).status).toBe(200);
    }
    const write = areaEndpoints.accounts.write();
    expectProblem(
      await t.unchanged(() => t.request('POST', write.path, { token: readAll, body: write.body })),
      403,
      'insufficient_scope',
    );
    // a read-only token cannot make itself a stronger one
    expectProblem(
      await t.unchanged(() => t.request('POST', '/api/tokens', { token: readAll, body: { name: 'more' } })),
      403,
      'insufficient_scope',
    );
  });
});

describe('a token never has more rights than its user', () => {
  it('a viewer’s write token is still refused by the policy', async () => {
    const write = (await tokenFor(viewer, { scopes: ['write', 'accounts'] })).token;
    expect((await t.get('/api/accounts', write)).status).toBe(200);
    expectProblem(
      await t.unchanged(() => t.request('POST', '/api/accounts', { token: write, body: { name: 'Nein GmbH' } })),
      403,
      'forbidden',
    );
  });

  it('a member’s admin-area token does not make them an admin', async () => {
    const member = await t.session('sales', 'member');
    const write = (await tokenFor(member, { scopes: ['write', 'admin'] })).token;
    expectProblem(
      await t.unchanged(() =>
        t.request('POST', '/api/users', {
          token: write,
          body: { email: 'neu@example.com', name: 'Neu', department: 'sales', role: 'admin', password: 'x'.repeat(12) },
        }),
      ),
      403,
      'forbidden',
    );
  });
});

describe('creating and listing scoped tokens', () => {
  it('lists scopes, expiry and last use; the audit names the scopes', async () => {
    const expiresAt = new Date(t.clock.now() + 30 * DAY).toISOString();
    const created = await tokenFor(admin, { name: 'Mail-Tool', scopes: ['contacts', 'read'], expiresAt });
    expect(created).toMatchObject({ name: 'Mail-Tool', scopes: ['read', 'contacts'], expiresAt, lastUsedAt: null });
    await t.get('/api/contacts', created.token);
    const list = await t.get<{ items: ApiToken[] }>('/api/tokens', admin);
    const item = list.body.items.find((x) => x.id === created.id);
    expect(item).toMatchObject({ scopes: ['read', 'contacts'], expiresAt });
    expect(item?.lastUsedAt).toMatch(/^\d{4}-/);
    expect((await t.row('api_tokens', created.id))?.scopes).toBe('read contacts');
  });

  it('without scopes a new token is a full read-write token', async () => {
    const created = await tokenFor(admin, {});
    expect(created.scopes).toEqual(['read', 'write']);
  });

  it.each([
    ['no scopes at all', { scopes: [] }, 'scopes'],
    ['only an area', { scopes: ['contacts'] }, 'scopes'],
    ['an unknown scope', { scopes: ['read', 'root'] }, 'scopes.1'],
    ['an expiry in the past', { expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
    ['an expiry that is no time', { expiresAt: 'morgen' }, 'expiresAt'],
    ['an expiry twice', { expiresAt: '2099-01-01T00:00:00Z', expiresInDays: 3 }, 'expiresAt'],
  ])('refuses %s with 400, nothing written', async (_label, body, path) => {
    const res = await t.unchanged(() =>
      t.request('POST', '/api/tokens', { cookie: admin.cookie, body: { name: 'bad', ...body } }),
    );
    expectInvalid(res, path);
  });
});

describe('expiry', () => {
  it('an expired token answers 401; before its expiry it works', async () => {
    const expiresAt = new Date(t.clock.now() + 2 * HOUR).toISOString();
    const created = await tokenFor(admin, { scopes: ['read'], expiresAt });
    expect((await t.get('/api/contacts', created.token)).status).toBe(200);
    t.clock.advance(3 * HOUR);
    expectProblem(await t.get('/api/contacts', created.token), 401, 'unauthenticated');
  });

  it('a token from before scopes (no scopes stored) keeps full read-write rights', async () => {
    const created = await tokenFor(admin, { name: 'Alt' });
    await t.ctx.db.updateTable('api_tokens').set({ scopes: null }).where('id', '=', created.id).execute();
    expect((await t.get('/api/users', created.token)).status).toBe(200);
    expect((await t.get('/api/tasks', created.token)).status).toBe(200);
    const res = await t.request('POST', '/api/accounts', { token: created.token, body: { name: 'Alt-Token GmbH' } });
    expect(res.status).toBe(201);
    const list = await t.get<{ items: ApiToken[] }>('/api/tokens', admin);
    expect(list.body.items.find((x) => x.id === created.id)?.scopes).toEqual(['read', 'write']);
  });

  it('warns the owner once, a week before the token expires', async () => {
    const owner = await t.session('sales', 'member', 'Tina Token');
    const expiresAt = new Date(t.clock.now() + 10 * DAY).toISOString();
    await runBackgroundOnce(t.ctx);
    const created = await tokenFor(owner, { name: 'ERP-Sync', expiresAt });
    const warnings = () => smtp.to(owner.email).filter((m) => m.subject.includes('ERP-Sync'));

    await runBackgroundOnce(t.ctx);
    expect(warnings()).toHaveLength(0);

    t.clock.advance(3 * DAY + HOUR);
    await runBackgroundOnce(t.ctx);
    await runBackgroundOnce(t.ctx);
    t.clock.advance(DAY);
    await runBackgroundOnce(t.ctx);
    await expect.poll(() => warnings().length).toBe(1);
    const mail = warnings()[0];
    expect(mail?.subject).toBe('Dein API-Token „ERP-Sync“ läuft bald ab');
    expect(mail?.text).toContain(created.prefix);
    expect(mail?.text).toContain('/settings?section=tokens');
    expect((await t.row('api_tokens', created.id))?.expiry_warned_at).toBeTruthy();
  });

  it('sends no warning for a revoked token', async () => {
    const owner = await t.session('sales', 'member');
    const expiresAt = new Date(t.clock.now() + 8 * DAY).toISOString();
    const created = await tokenFor(owner, { name: 'Weg', expiresAt });
    await t.request('DELETE', `/api/tokens/${created.id}`, { cookie: owner.cookie });
    t.clock.advance(2 * DAY);
    await runBackgroundOnce(t.ctx);
    expect(smtp.to(owner.email)).toHaveLength(0);
  });
});
