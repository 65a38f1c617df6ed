import type { User } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStrongPassword } from '../src/lib/passwordPolicy.js';
import { expectProblem, PASSWORD, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Issue 15, items 8 and 5: the password policy of NIST SP 800-63B (length, common and breached passwords,
 * nothing close to the user's name or email; no composition rules) wherever a password is set; and a
 * password change ends the user's other sessions and revokes their API tokens.
 */

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin');
});
afterAll(async () => {
  await t?.close();
});

const WEAK = [
  'aaaaaaaaaa', // one character repeated
  'password12', // the most common password with digits
  '1234567890',
  'Passwort123', // German, common
  'qwertzuiop', // a German keyboard row
  'sommer2024!',
  'iloveyou12',
  'hallo12345',
];
const STRONG = [
  'correct horse battery',
  'Herbstlaub-Kaffee-7',
  'x7#kP9!vQ2',
  'kaum zu erraten: Blaubeerwolke',
  PASSWORD,
];

describe('the password policy (item 8)', () => {
  it.each(WEAK)('%j is refused', async (password) => {
    expect(await isStrongPassword(password)).toBe(false);
  });
  it.each(STRONG)('%j is accepted (no composition rules)', async (password) => {
    expect(await isStrongPassword(password)).toBe(true);
  });
  it.each([
    ['shorter than 10 characters, however random', 'Xq7#pL9!', []],
    ['the user’s own name and year', 'erikamustermann2026', ['erika.mustermann@example.de', 'Erika Mustermann']],
  ] as const)('%s is refused', async (_what, password, inputs) => {
    expect(await isStrongPassword(password, [...inputs])).toBe(false);
  });

  it.each(WEAK.slice(0, 3))('creating a user with %j: 400 weak_password on the field, nothing written', async (pw) => {
    await t.unchanged(async () => {
      const res = await t.request('POST', '/api/users', {
        cookie: admin.cookie,
        body: { email: 'neu@example.com', name: 'Neu', department: 'sales', password: pw },
      });
      expect(expectProblem(res, 400, 'weak_password').errors?.map((e) => e.path)).toEqual(['password']);
    });
  });

  it('an admin reset and an own change are checked too', async () => {
    const user = await t.createUser();
    const s = { user, email: user.email, cookie: await t.login(user.email) };
    await t.unchanged(async () => {
      expectProblem(
        await t.request('PATCH', `/api/users/${user.id}`, {
          cookie: admin.cookie,
          ifMatch: user.version,
          body: { password: 'password12' },
        }),
        400,
        'weak_password',
      );
      const own = await t.request('POST', '/api/auth/password', {
        cookie: s.cookie,
        body: { currentPassword: PASSWORD, newPassword: 'aaaaaaaaaa' },
      });
      expect(expectProblem(own, 400, 'weak_password').errors?.map((e) => e.path)).toEqual(['newPassword']);
    });
  });
});

describe('a password change ends other sessions and revokes tokens (item 5)', () => {
  const works = async (as: Session | string) => (await t.get('/api/auth/me', as)).status;

  it('an admin reset: every session of the user ends and every token is revoked', async () => {
    const user = await t.createUser();
    const one: Session = { user, email: user.email, cookie: await t.login(user.email) };
    const two: Session = { user, email: user.email, cookie: await t.login(user.email) };
    const token = (await t.createToken(one)).token;
    expect([await works(one), await works(two), await works(token)]).toEqual([200, 200, 200]);
    const current = (await t.get<User>(`/api/users/${user.id}`, admin)).body;
    const res = await t.request('PATCH', `/api/users/${user.id}`, {
      cookie: admin.cookie,
      ifMatch: current.version,
      body: { password: 'Herbstlaub-Kaffee-7' },
    });
    expect(res.status, res.text).toBe(200);
    expect([await works(one), await works(two), await works(token)]).toEqual([401, 401, 401]);
    expect(await works(admin)).toBe(200);
    expect(
      (await t.request('POST', '/api/auth/login', { body: { email: user.email, password: PASSWORD } })).status,
    ).toBe(401);
    await t.login(user.email, 'Herbstlaub-Kaffee-7');
  });

  it('an own change keeps this session, ends the others and revokes the tokens', async () => {
    const user = await t.createUser();
    const here: Session = { user, email: user.email, cookie: await t.login(user.email) };
    const elsewhere: Session = { user, email: user.email, cookie: await t.login(user.email) };
    const token = (await t.createToken(here)).token;
    const res = await t.request('POST', '/api/auth/password', {
      cookie: here.cookie,
      body: { currentPassword: PASSWORD, newPassword: 'kaum zu erraten: Blaubeerwolke' },
    });
    expect(res.status, res.text).toBe(204);
    expect([await works(here), await works(elsewhere), await works(token)]).toEqual([200, 401, 401]);
    await t.login(user.email, 'kaum zu erraten: Blaubeerwolke');
  });

  it('a wrong current password changes nothing', async () => {
    const user = await t.createUser();
    const s: Session = { user, email: user.email, cookie: await t.login(user.email) };
    await t.unchanged(async () => {
      const res = await t.request('POST', '/api/auth/password', {
        cookie: s.cookie,
        body: { currentPassword: 'not my password', newPassword: 'Herbstlaub-Kaffee-7' },
      });
      expect(expectProblem(res, 400, 'validation_failed').errors?.map((e) => e.path)).toEqual(['currentPassword']);
    });
  });
});
