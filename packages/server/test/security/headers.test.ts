import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspDirectives } from '../csp.js';
import { type Session, startTestApp, type TestApp } from '../harness.js';
import { createForm } from '../lead-helpers.js';
import { loadOperations, sample, seedWorld } from './surface.js';

/*
 * Security headers on every kind of page: the app, the API (an answer and an error), the API document and
 * docs, and the public form and event pages (a real published form and event, and an unknown one). A CSP
 * without inline or eval'd script, frame-ancestors ('none' for the app, the page's own list for the public
 * pages), nosniff, a Referrer-Policy that keeps paths on the site, and HSTS only when the request came over
 * https through a trusted proxy — a client's own X-Forwarded-Proto is not believed.
 */

let t: TestApp;
let untrusted: TestApp;
let marketer: Session;
const pages: { what: string; path: string; embeddable: boolean }[] = [];

beforeAll(async () => {
  t = await startTestApp({ NENNER_TRUST_PROXY: '127.0.0.1' });
  untrusted = await startTestApp();
  marketer = await t.session('marketing', 'member');
  const admin = await t.session('management', 'admin');
  const form = await createForm(t, marketer, { name: 'Kopfzeilen', slug: 'kopfzeilen' });
  const { doc, operations } = await loadOperations(t);
  const ids = await seedWorld(t, doc, operations, admin);
  const events = await t.get<{ items: { slug: string }[] }>('/api/events', admin);
  const eventOp = operations.find((o) => o.method === 'POST' && o.path === '/api/events');
  const eventSlug =
    events.body.items?.[0]?.slug ??
    (
      await t.request<{ slug: string }>('POST', '/api/events', {
        cookie: marketer.cookie,
        body: { ...(sample(doc, eventOp?.body ?? {}, ids) as object), slug: 'kopf-event' },
      })
    ).body.slug;
  pages.push(
    { what: 'the app', path: '/', embeddable: false },
    { what: 'a route of the app', path: '/contacts', embeddable: false },
    { what: 'an API answer', path: '/api/health', embeddable: false },
    { what: 'an API error', path: '/api/contacts', embeddable: false },
    { what: 'the API document', path: '/api/openapi.json', embeddable: false },
    { what: 'the API docs', path: '/api/docs/', embeddable: false },
    { what: 'a public form', path: `/f/${form.slug}`, embeddable: true },
    { what: 'an unknown form', path: '/f/gibt-es-nicht', embeddable: true },
    { what: 'a public event', path: `/e/${eventSlug}`, embeddable: true },
    { what: 'an unknown event', path: '/e/gibt-es-nicht', embeddable: true },
  );
}, 240_000);
afterAll(async () => {
  await t?.close();
  await untrusted?.close();
});

const directives = (csp: string | null) => cspDirectives(csp, { foldCase: true });

const safeReferrer = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);

describe('security headers', () => {
  it('every page: CSP without inline script, frame-ancestors, nosniff, Referrer-Policy; HSTS only via a trusted https proxy', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const res = await t.get(page.path);
      const fail = (why: string) => failures.push(`${page.what} ${page.path} (${res.status}): ${why}`);
      const csp = directives(res.headers.get('content-security-policy'));
      const scripts = csp['script-src'] ?? csp['default-src'];
      if (!res.headers.get('content-security-policy')) fail('no CSP');
      if (scripts === undefined || /unsafe-inline|unsafe-eval|\*|data:/.test(scripts))
        fail(`script-src ${String(scripts)}`);
      if (csp['object-src'] !== "'none'" && csp['default-src'] !== "'none'") fail('object-src is not none');
      if (page.embeddable ? !csp['frame-ancestors'] : csp['frame-ancestors'] !== "'none'")
        fail(`frame-ancestors ${String(csp['frame-ancestors'])}`);
      if (res.headers.get('x-content-type-options') !== 'nosniff') fail('no nosniff');
      if (!safeReferrer.has(res.headers.get('referrer-policy') ?? ''))
        fail(`referrer ${res.headers.get('referrer-policy')}`);
      if (res.headers.get('strict-transport-security')) fail('HSTS over plain http');
      // an HTML page runs only script files of its own origin: no inline <script> body, no on* handlers
      if ((res.headers.get('content-type') ?? '').includes('html')) {
        for (const [, attrs = '', body = ''] of res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi))
          if (body.trim() && !/type=["']?application\/(ld\+)?json/i.test(attrs))
            fail(`inline script ${body.slice(0, 80)}`);
        if (/\son[a-z]+\s*=/i.test(res.text.replace(/<script[\s\S]*?<\/script>/gi, '')))
          fail('an inline event handler');
      }
      const https = await t.request('GET', page.path, { headers: { 'x-forwarded-proto': 'https' } });
      if (!/max-age=\d{7,}/.test(https.headers.get('strict-transport-security') ?? ''))
        fail('no HSTS behind the trusted https proxy');
      const spoofed = await untrusted.request('GET', page.path, { headers: { 'x-forwarded-proto': 'https' } });
      if (spoofed.headers.get('strict-transport-security')) fail("HSTS on a client's own X-Forwarded-Proto");
      checked += 3;
    }
    console.log(`headers: ${checked} answers on ${pages.length} pages checked, ${failures.length} failures`);
    expect(failures).toEqual([]);
  });

  it('an admin-limited public page allows only the listed sites to frame it; the app never', async () => {
    const put = await t.request('PUT', '/api/settings/forms', {
      cookie: marketer.cookie,
      body: { redirectHosts: [], embedOrigins: ['https://www.example.de'] },
    });
    expect(put.status, put.text).toBe(200);
    for (const page of pages.filter((p) => p.embeddable))
      expect(directives((await t.get(page.path)).headers.get('content-security-policy'))['frame-ancestors']).toBe(
        "'self' https://www.example.de",
      );
    expect(directives((await t.get('/')).headers.get('content-security-policy'))['frame-ancestors']).toBe("'none'");
  });
});
