import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspDirectives as directives } from './csp.js';
import { type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Issue 15, item 3: security headers on the app, the API, the docs and the public pages; the public form
 * and event pages are embeddable with their own frame-ancestors, which an admin limits to listed sites;
 * HSTS only over https.
 */

let t: TestApp;
let marketer: Session;

beforeAll(async () => {
  t = await startTestApp({ NENNER_TRUST_PROXY: '127.0.0.1' });
  marketer = await t.session('marketing', 'member');
});
afterAll(async () => {
  await t?.close();
});

describe('security headers (item 3)', () => {
  it.each([
    ['the app', '/'],
    ['a client-side route of the app', '/contacts'],
    ['the API', '/api/health'],
    ['an API error', '/api/contacts'],
    ['the API document', '/api/openapi.json'],
    ['the docs', '/api/docs/'],
  ])('%s (%s): strict CSP without inline script, nosniff, same-origin referrer, no framing', async (_w, path) => {
    const res = await t.get(path);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['script-src']).toBe("'self'");
    expect(csp['default-src']).toBe("'self'");
    expect(csp['object-src']).toBe("'none'");
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(Object.values(csp).join(' ')).not.toMatch(/unsafe-eval/);
    expect(csp['script-src']).not.toMatch(/unsafe-inline/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('HSTS only when the request came over https', async () => {
    const res = await t.request('GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
  });

  it.each(['/f/kein-formular', '/e/keine-veranstaltung'])(
    'the public page %s: embeddable anywhere by default, no script at all',
    async (path) => {
      const res = await t.get(path);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp['frame-ancestors']).toBe('*');
      expect(csp['default-src']).toBe("'none'");
      expect(csp['script-src']).toBeUndefined();
      expect(res.headers.get('x-frame-options')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  it('an admin limits embedding to listed sites; form-action allows the allow-listed redirects', async () => {
    const put = await t.request('PUT', '/api/settings/forms', {
      cookie: marketer.cookie,
      body: { redirectHosts: ['www.example.de'], embedOrigins: ['https://www.example.de', 'https://*.partner.de'] },
    });
    expect(put.status, put.text).toBe(200);
    for (const path of ['/f/kein-formular', '/e/keine-veranstaltung']) {
      const csp = directives((await t.get(path)).headers.get('content-security-policy'));
      expect(csp['frame-ancestors']).toBe("'self' https://www.example.de https://*.partner.de");
      expect(csp['form-action']).toBe("'self' www.example.de");
    }
    // the app itself stays unframeable
    expect(directives((await t.get('/')).headers.get('content-security-policy'))['frame-ancestors']).toBe("'none'");
  });

  it('an origin that is no origin is refused', async () => {
    const res = await t.request('PUT', '/api/settings/forms', {
      cookie: marketer.cookie,
      body: { redirectHosts: [], embedOrigins: ["https://evil.de 'unsafe-inline'"] },
    });
    expect(res.status).toBe(400);
  });
});
