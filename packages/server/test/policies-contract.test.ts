import { can, contract, type Endpoint, pathOf } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Department, MISSING_ID, type Role, startTestApp, type TestApp } from './harness.js';

/*
 * Derived from the contract, not written by hand: every endpoint × every role in every department.
 * Where the policy says no, the server must answer 403 `forbidden` and change nothing; where it says yes,
 * the server must not refuse with 403 (the request is empty, so 400, 404, 409 or 2xx are all fine).
 */

const departments: Department[] = ['marketing', 'sales', 'management'];
const roles: Role[] = ['admin', 'member', 'viewer'];

let t: TestApp;
const actors: { department: Department; role: Role; id: string; token: string }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  for (const department of departments) {
    for (const role of roles) {
      const session = await t.session(department, role);
      const token = await t.createToken(session, 'policy check');
      actors.push({ department, role, id: session.user.id, token: token.token });
    }
  }
});
afterAll(async () => {
  await t.close();
});

const endpoints = Object.entries(contract) as [string, Endpoint][];
const guarded = endpoints.filter(([, e]) => e.action !== 'public');

/** The request an endpoint gets: unknown ids in the path, an empty body, a version where it wants one. */
const probe = (e: Endpoint) => {
  const names = [...e.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
  const path = pathOf(e.path, Object.fromEntries(names.map((n) => [n, MISSING_ID])));
  return {
    path,
    body: e.method === 'GET' || e.method === 'DELETE' ? undefined : {},
    ifMatch: e.ifMatch ? 1 : undefined,
  };
};

describe('the policies and the server agree on every endpoint of the contract', () => {
  it('has one entry per method and path, and a unique name per entry', () => {
    const keys = endpoints.map(([, e]) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('registers every endpoint of the contract, and no /api route outside it', async () => {
    const doc = (await t.get<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json')).body;
    const served = Object.entries(doc.paths).flatMap(([p, ms]) =>
      Object.keys(ms).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const declared = endpoints.map(([, e]) => `${e.method} ${e.path}`);
    expect(served.sort()).toEqual(declared.sort());
  });

  it.each(guarded)('%s answers 403 exactly where the policy refuses', async (_name, e) => {
    const { path, body, ifMatch } = probe(e);
    for (const actor of actors) {
      const allowed = can(actor, e.action as Exclude<Endpoint['action'], 'public'>);
      const send = () => t.request(e.method, path, { token: actor.token, body, ifMatch });
      const res = allowed ? await send() : await t.unchanged(send);
      const who = `${actor.role} in ${actor.department}: ${e.method} ${path} → ${res.status} ${res.text.slice(0, 200)}`;
      if (allowed) expect(res.status, who).not.toBe(403);
      else {
        expect(res.status, who).toBe(403);
        expect((res.body as { code?: string }).code, who).toBe('forbidden');
      }
    }
  });
});
