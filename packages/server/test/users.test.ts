import type { Page, User } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectInvalid,
  expectProblem,
  ISO_UTC,
  MISSING_ID,
  PASSWORD,
  type Session,
  startTestApp,
  type TestApp,
} from './harness.js';

let t: TestApp;
let admin: Session;
let member: Session;
let viewer: Session;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin', 'Anna Admin');
  member = await t.session('sales', 'member', 'Max Member');
  viewer = await t.session('marketing', 'viewer', 'Vera Viewer');
});
afterAll(async () => {
  await t.close();
});

const newUser = (over: Record<string, unknown> = {}) => ({
  email: `neu.${Math.random().toString(36).slice(2)}@example.com`,
  name: 'Neue Kollegin',
  department: 'marketing',
  role: 'member',
  password: 'a long enough password',
  ...over,
});

describe('users: admins manage', () => {
  it('admins create a user: 201 with the record, then the user can log in', async () => {
    const input = newUser({ email: 'Lena.Lang@Example.com', name: 'Lena Lang', locale: 'en' });
    const res = await t.request<User>('POST', '/api/users', { cookie: admin.cookie, body: input });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'lena.lang@example.com',
      name: 'Lena Lang',
      department: 'marketing',
      role: 'member',
      active: true,
      locale: 'en',
      version: 1,
    });
    expect(res.body.createdAt).toMatch(ISO_UTC);
    expect(res.text).not.toMatch(/password/i);
    const row = await t.row('users', res.body.id);
    expect(String(row?.password_hash)).toMatch(/^scrypt\$/);
    expect(await t.login('lena.lang@example.com', input.password)).toMatch(/^nenner_session=/);
  });

  it('admins list users with filters and paging', async () => {
    const all = await t.get<Page<User>>('/api/users?limit=200', admin);
    expect(all.status).toBe(200);
    expect(all.body.items.map((u) => u.id)).toEqual(expect.arrayContaining([admin.user.id, member.user.id]));
    const names = all.body.items.map((u) => u.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const sales = await t.get<Page<User>>('/api/users?department=sales', admin);
    expect(sales.body.items.length).toBeGreaterThan(0);
    for (const u of sales.body.items) expect(u.department).toBe('sales');

    const q = await t.get<Page<User>>('/api/users?q=vera', admin);
    expect(q.body.items.map((u) => u.id)).toEqual([viewer.user.id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof t.get<Page<User>>>> = await t.get<Page<User>>(
        `/api/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        admin,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((u) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((u) => u.id));
  });

  it('members may read the colleague list (owner and mention pickers) but not manage users', async () => {
    expect((await t.get('/api/users', member)).status).toBe(200);
    expectProblem(await t.get('/api/users'), 401, 'unauthenticated');
  });

  it('admins change role and department with If-Match; the change is audited', async () => {
    const user = await t.createUser({ department: 'sales', role: 'member' });
    const res = await t.request<User>('PATCH', `/api/users/${user.id}`, {
      cookie: admin.cookie,
      ifMatch: 1,
      body: { role: 'viewer', department: 'marketing' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'viewer', department: 'marketing', version: 2 });
    expect(res.body.updatedAt >= user.updatedAt).toBe(true);
    const audit = (await t.snapshot()).timeline_entries?.filter(
      (e) =>
        (e as { entity_id: string; action: string }).entity_id === user.id &&
        (e as { action: string }).action === 'updated',
    ) as { data: string; actor_id: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(admin.user.id);
    expect(JSON.parse(audit[0]?.data ?? '{}').changes).toEqual(
      expect.arrayContaining([
        { field: 'role', from: 'member', to: 'viewer' },
        { field: 'department', from: 'sales', to: 'marketing' },
      ]),
    );
  });

  it('PATCH without If-Match → 428, stale → 412, both change nothing', async () => {
    const user = await t.createUser();
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/users/${user.id}`, { cookie: admin.cookie, body: { role: 'viewer' } }),
      ),
      428,
      'precondition_required',
    );
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/users/${user.id}`, { cookie: admin.cookie, ifMatch: 7, body: { role: 'viewer' } }),
      ),
      412,
      'version_conflict',
    );
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/users/${MISSING_ID}`, { cookie: admin.cookie, ifMatch: 1, body: { role: 'viewer' } }),
      ),
      404,
      'user_not_found',
    );
  });

  it.each([
    ['member', () => member],
    ['viewer', () => viewer],
  ])('a %s gets 403 creating or changing users, and nothing changes', async (_role, who) => {
    const s = who();
    expectProblem(
      await t.unchanged(() => t.request('POST', '/api/users', { cookie: s.cookie, body: newUser({ role: 'admin' }) })),
      403,
      'forbidden',
    );
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/users/${s.user.id}`, {
          cookie: s.cookie,
          ifMatch: s.user.version,
          body: { role: 'admin' },
        }),
      ),
      403,
      'forbidden',
    );
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `/api/users/${admin.user.id}`, { cookie: s.cookie, ifMatch: 1, body: { active: false } }),
      ),
      403,
      'forbidden',
    );
  });

  it('a duplicate email (in any case) → 409 email_taken, nothing written', async () => {
    const res = await t.unchanged(() =>
      t.request('POST', '/api/users', { cookie: admin.cookie, body: newUser({ email: member.email.toUpperCase() }) }),
    );
    expectProblem(res, 409, 'email_taken');
  });

  it.each([
    ['a bad email', { email: 'not-an-email' }, 'email'],
    ['a short password', { password: 'short' }, 'password'],
    ['an unknown department', { department: 'finance' }, 'department'],
    ['an unknown role', { role: 'owner' }, 'role'],
    ['an over-long name', { name: 'x'.repeat(101) }, 'name'],
    ['an unknown field', { isAdmin: true }, 'isAdmin'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
  ])('creating a user with %s → 400, nothing written', async (_label, over, path) => {
    const res = await t.unchanged(() => t.request('POST', '/api/users', { cookie: admin.cookie, body: newUser(over) }));
    expectInvalid(res, path);
  });

  it('the last active admin cannot be demoted or deactivated (409 last_admin); with a second admin it works', async () => {
    const app = await startTestApp();
    try {
      const boss = await app.session('management', 'admin');
      for (const body of [{ role: 'member' }, { active: false }]) {
        expectProblem(
          await app.unchanged(() =>
            app.request('PATCH', `/api/users/${boss.user.id}`, { cookie: boss.cookie, ifMatch: 1, body }),
          ),
          409,
          'last_admin',
        );
      }
      const second = await app.createUser({ department: 'sales', role: 'admin' });
      const res = await app.request<User>('PATCH', `/api/users/${second.id}`, {
        cookie: boss.cookie,
        ifMatch: 1,
        body: { role: 'member' },
      });
      expect(res.status).toBe(200);
      // back to one admin: still protected
      expectProblem(
        await app.unchanged(() =>
          app.request('PATCH', `/api/users/${boss.user.id}`, {
            cookie: boss.cookie,
            ifMatch: 1,
            body: { active: false },
          }),
        ),
        409,
        'last_admin',
      );
      const third = await app.createUser({ department: 'sales', role: 'admin' });
      const demoted = await app.request<User>('PATCH', `/api/users/${boss.user.id}`, {
        cookie: boss.cookie,
        ifMatch: 1,
        body: { role: 'member' },
      });
      expect(demoted.status).toBe(200);
      expect(demoted.body.role).toBe('member');
      expect(third.role).toBe('admin');
    } finally {
      await app.close();
    }
  });

  it('admins reset a password: the old one stops working, the new one works', async () => {
    const user = await t.createUser();
    const res = await t.request('PATCH', `/api/users/${user.id}`, {
      cookie: admin.cookie,
      ifMatch: 1,
      body: { password: 'brand new password' },
    });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('brand new password');
    expect(
      (await t.request('POST', '/api/auth/login', { body: { email: user.email, password: PASSWORD } })).status,
    ).toBe(401);
    expect(await t.login(user.email, 'brand new password')).toMatch(/^nenner_session=/);
  });

  it('users change their own name and language via PATCH /api/auth/me, but not their role', async () => {
    const s = await t.session('sales', 'member');
    const res = await t.request<User>('PATCH', '/api/auth/me', {
      cookie: s.cookie,
      body: { name: 'Neu Name', locale: 'en' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Neu Name', locale: 'en', role: 'member' });
    expectInvalid(
      await t.unchanged(() => t.request('PATCH', '/api/auth/me', { cookie: s.cookie, body: { role: 'admin' } })),
      'role',
    );
  });
});
