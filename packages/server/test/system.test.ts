import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('system endpoints', () => {
  it('GET /api/health answers ok without a login', async () => {
    const res = await t.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /api/openapi.json is an OpenAPI 3.1 document with the contract paths', async () => {
    const res = await t.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1\.\d+$/);
    const expected: [string, string[]][] = [
      ['/api/health', ['get']],
      ['/api/auth/login', ['post']],
      ['/api/auth/logout', ['post']],
      ['/api/auth/me', ['get']],
      ['/api/users', ['get', 'post']],
      ['/api/users/{id}', ['patch']],
      ['/api/accounts', ['get', 'post']],
      ['/api/accounts/{id}', ['get', 'patch', 'delete']],
      ['/api/contacts', ['get', 'post']],
      ['/api/contacts/{id}', ['get', 'patch', 'delete']],
      ['/api/accounts/{id}/timeline', ['get']],
      ['/api/contacts/{id}/timeline', ['get']],
    ];
    for (const [path, methods] of expected) {
      expect(Object.keys(res.body.paths), path).toContain(path);
      for (const m of methods) expect(Object.keys(res.body.paths[path] ?? {}), `${m} ${path}`).toContain(m);
    }
    // The schemas come from zod: a create body documents its fields.
    const createContact = res.body.paths['/api/contacts']?.post as {
      requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
    };
    expect(Object.keys(createContact.requestBody?.content?.['application/json']?.schema?.properties ?? {})).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'emails', 'lifecycleStage']),
    );
  });

  it('GET /api/docs answers 200 HTML', async () => {
    let res = await t.get('/api/docs');
    for (let i = 0; i < 3 && res.status >= 300 && res.status < 400; i++) {
      const location = res.headers.get('location') ?? '';
      res = await t.get(new URL(location, `${t.url}/api/docs`).pathname);
    }
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.text.toLowerCase()).toContain('<html');
  });

  it('an unknown /api route answers 401 without a login and 404 route_not_found with one', async () => {
    const res = await t.get('/api/nope');
    expect(res.status).toBe(401);
    const s = await t.session('sales', 'member');
    const res2 = await t.get('/api/nope', s);
    expect(res2.status).toBe(404);
    expect((res2.body as { code: string }).code).toBe('route_not_found');
  });
});
