import { createHash } from 'node:crypto';
import type { ApiToken, CreatedToken } from '@nenner/shared';
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
let member: Session;
let other: Session;
let viewer: Session;
beforeAll(async () => {
  t = await startTestApp();
  member = await t.session('marketing', 'member');
  other = await t.session('sales', 'member');
  viewer = await t.session('sales', 'viewer');
});
afterAll(async () => {
  await t.close();
});

describe('personal API tokens', () => {
  it('creates a token: 201, the secret shown once, only its hash stored, not listed again', async () => {
    const res = await t.request<CreatedToken>('POST', '/api/tokens', {
      cookie: member.cookie,
      body: { name: 'CRM-Sync' },
    });
    expect(res.status).toBe(201);
    const created = res.body;
    expect(created).toMatchObject({ name: 'CRM-Sync', lastUsedAt: null, expiresAt: null });
    expect(created.createdAt).toMatch(ISO_UTC);
    expect(created.token).toMatch(/^nen_[\w-]{30,}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);

    const row = await t.row('api_tokens', created.id);
    expect(row?.user_id).toBe(member.user.id);
    expect(row?.token_hash).toBe(createHash('sha256').update(created.token).digest('base64url'));
    expect(JSON.stringify(await t.snapshot())).not.toContain(created.token);

    const list = await t.get<{ items: ApiToken[] }>('/api/tokens', member);
    expect(list.status).toBe(200);
    expect(list.body.items.map((x) => x.id)).toContain(created.id);
    expect(list.text).not.toContain(created.token);
    for (const item of list.body.items) expect(item).not.toHaveProperty('token');
    // another user does not see it
    const theirs = await t.get<{ items: ApiToken[] }>('/api/tokens', other);
    expect(theirs.body.items.map((x) => x.id)).not.toContain(created.id);
  });

  it('authenticates with Authorization: Bearer and acts as its owner', async () => {
    const created = await t.createToken(member);
    const me = await t.get('/api/auth/me', created.token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: member.user.id });
    const account = await t.request('POST', '/api/accounts', {
      token: created.token,
      body: { name: 'Per Token GmbH' },
    });
    expect(account.status).toBe(201);
    expect((await t.row('api_tokens', created.id))?.last_used_at).toMatch(/\d{4}-/);
  });

  it('a viewer token reads but cannot write', async () => {
    const created = await t.createToken(viewer);
    expect((await t.get('/api/accounts', created.token)).status).toBe(200);
    const res = await t.unchanged(() =>
      t.request('POST', '/api/accounts', { token: created.token, body: { name: 'Nope GmbH' } }),
    );
    expectProblem(res, 403, 'forbidden');
  });

  it('rejects unknown, malformed and forged tokens with 401', async () => {
    const created = await t.createToken(member);
    for (const bad of ['nen_forged', 'garbage', `${created.token}x`, created.token.slice(0, -1)]) {
      expectProblem(await t.get('/api/auth/me', bad), 401, 'unauthenticated');
    }
  });

  it('revoking a token makes it answer 401 at once; revoking twice or another user’s token is 404', async () => {
    const created = await t.createToken(member);
    expect((await t.get('/api/auth/me', created.token)).status).toBe(200);

    const foreign = await t.unchanged(() => t.request('DELETE', `/api/tokens/${created.id}`, { cookie: other.cookie }));
    expectProblem(foreign, 404, 'token_not_found');
    expect((await t.get('/api/auth/me', created.token)).status).toBe(200);

    const res = await t.request('DELETE', `/api/tokens/${created.id}`, { cookie: member.cookie });
    expect(res.status).toBe(204);
    expectProblem(await t.get('/api/auth/me', created.token), 401, 'unauthenticated');
    const list = await t.get<{ items: ApiToken[] }>('/api/tokens', member);
    expect(list.body.items.map((x) => x.id)).not.toContain(created.id);

    expectProblem(
      await t.unchanged(() => t.request('DELETE', `/api/tokens/${created.id}`, { cookie: member.cookie })),
      404,
      'token_not_found',
    );
    expectProblem(
      await t.unchanged(() => t.request('DELETE', `/api/tokens/${MISSING_ID}`, { cookie: member.cookie })),
      404,
      'token_not_found',
    );
  });

  it.each([
    ['no name', {}, 'name'],
    ['an empty name', { name: '  ' }, 'name'],
    ['an over-long name', { name: 'x'.repeat(101) }, 'name'],
    ['an unknown field', { name: 'ok', scope: 'admin' }, 'scope'],
    ['a bad expiry', { name: 'ok', expiresInDays: 0 }, 'expiresInDays'],
  ])('refuses %s with 400, nothing written', async (_label, body, path) => {
    const res = await t.unchanged(() => t.request('POST', '/api/tokens', { cookie: member.cookie, body }));
    expectInvalid(res, path);
  });

  it('needs a login to create a token', async () => {
    expectProblem(
      await t.unchanged(() => t.request('POST', '/api/tokens', { body: { name: 'x' } })),
      401,
      'unauthenticated',
    );
  });
});
