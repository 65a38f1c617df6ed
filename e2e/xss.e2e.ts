import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type Journey, loginAs, startJourney } from './support';

/*
 * Stored XSS (issue 15's security suite): a payload corpus written through the main text fields (contacts,
 * accounts, deals, tasks, notes, a public form post, a form and an event) and rendered in Chromium on the
 * screens that show them — the contacts, accounts, deals, leads and tasks lists, the record pages, the public
 * form and event pages. Every payload calls `__xss(n)` if it ever runs; the browser also counts dialogs and
 * CSP violations (a payload that reached the DOM as markup is a defect even when the CSP blocks it).
 */

const ADMIN = 'sabine.brandt@nenner.demo';
const templates = [
  (n: number) => `<img src=x onerror="__xss(${n})">`,
  (n: number) => `<svg onload=__xss(${n})>`,
  (n: number) => `"><script>__xss(${n})</script>`,
  (n: number) => `<a href="javascript:__xss(${n})">klick ${n}</a>`,
  (n: number) => `<details open ontoggle=__xss(${n})>`,
  (n: number) => `<iframe srcdoc="<script>parent.__xss(${n})</script>">`,
  (n: number) => `'-__xss(${n})-'`,
  (n: number) => `{{constructor.constructor('__xss(${n})')()}}`,
  (n: number) => `</textarea></title><img src=x onerror=__xss(${n})>`,
  (n: number) => `<math><mtext><table><mglyph><style><img src=x onerror=__xss(${n})>`,
];
let seq = 0;
const payload = (i: number) => {
  seq += 1;
  return (templates[i % templates.length] as (n: number) => string)(seq).slice(0, 100);
};

describe('stored XSS: 0 executions', () => {
  let j: Journey;
  const executions: string[] = [];
  const screens: { path: string; shown: boolean }[] = [];
  let written = 0;

  beforeAll(async () => {
    j = await startJourney('xss');
    await j.context.exposeFunction('__xss', (n: number) => executions.push(`payload ${n} on ${j.page.url()}`));
    j.page.on('dialog', (d) => {
      executions.push(`dialog "${d.message()}" on ${j.page.url()}`);
      void d.dismiss();
    });
  });
  afterAll(async () => {
    await j?.stop();
  });

  it('renders the corpus as text on every screen that shows it', async () => {
    const login = await fetch(`${j.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie =
      login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0] ?? '')
        .find((c) => c.startsWith('nenner_session=') && c !== 'nenner_session=') ?? '';
    const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const r = await fetch(`${j.baseUrl}${path}`, {
        method,
        headers: { cookie, accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text}`);
      written += 1;
      return (text ? JSON.parse(text) : undefined) as T;
    };
    const me = await api<{ id: string }>('GET', '/api/auth/me');
    await api('PUT', '/api/settings/scoring', {
      mqlThreshold: 1,
      fit: [],
      engagement: [{ id: 'form', touchpointType: 'form_submission', points: 20, halfLifeDays: 30 }],
    });
    const records: { path: string }[] = [];
    for (let i = 0; i < templates.length; i++) {
      const account = await api<{ id: string }>('POST', '/api/accounts', {
        name: payload(i),
        industry: payload(i + 1),
      });
      const contact = await api<{ id: string }>('POST', '/api/contacts', {
        firstName: payload(i),
        lastName: payload(i + 2),
        jobTitle: payload(i + 3),
        accountId: account.id,
      });
      await api('POST', `/api/contacts/${contact.id}/notes`, { body: payload(i + 4) }).catch(() => undefined);
      const deal = await api<{ id: string }>('POST', '/api/deals', {
        name: payload(i),
        accountId: account.id,
        amount: 100_000,
      });
      await api('POST', '/api/tasks', { title: payload(i), description: payload(i + 5), ownerId: me.id });
      if (i === 0)
        records.push(
          { path: `/accounts/${account.id}` },
          { path: `/contacts/${contact.id}` },
          { path: `/deals/${deal.id}` },
        );
    }
    const form = await api<{ slug: string }>('POST', '/api/forms', {
      name: payload(0),
      slug: 'xss-probe',
      fields: [{ key: 'email', required: true }, { key: 'firstName' }, { key: 'lastName' }, { key: 'company' }],
    });
    for (let i = 0; i < templates.length; i++) {
      const post = await fetch(`${j.baseUrl}/f/${form.slug}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          email: `xss${i}@example.org`,
          firstName: payload(i),
          lastName: payload(i + 1),
          company: payload(i + 2),
        }).toString(),
        redirect: 'manual',
      });
      expect(post.status).toBeLessThan(400);
      written += 1;
    }
    const events = await api<{ items: { slug: string }[] }>('GET', '/api/events');
    const event = events.items[0];

    screens.push(
      ...['/contacts', '/accounts', '/deals', '/leads', '/tasks'].map((path) => ({ path, shown: false })),
      ...records.map((r) => ({ ...r, shown: false })),
      { path: `/f/${form.slug}`, shown: false },
      ...(event ? [{ path: `/e/${event.slug}`, shown: false }] : []),
    );
    await loginAs(j, ADMIN);
    for (const screen of screens) {
      await j.page.goto(`${j.baseUrl}${screen.path}`);
      await j.page.waitForLoadState('networkidle');
      // a loaded machine renders slowly: wait for a payload's text (a list may show none on its first page)
      const marker = /<img src=x|<svg onload|<details open|javascript:__xss|constructor\.constructor/;
      await j.page
        .getByText(marker)
        .first()
        .waitFor({ timeout: 10_000 })
        .catch(() => undefined);
      await j.page.waitForTimeout(300);
      screen.shown = marker.test(await j.page.locator('body').innerText());
    }
    const shown = screens.filter((s) => s.shown).map((s) => s.path);
    console.log(
      `xss: ${written} writes of ${templates.length} payload kinds, ${screens.length} screens (payload text seen on ${shown.join(', ')}), ${executions.length} executions, ${j.cspViolations.length} CSP violations`,
    );
    expect(executions).toEqual([]);
    expect(j.cspViolations).toEqual([]);
    // the record pages show the payloads as text: the corpus reached the DOM
    for (const s of screens.filter((x) => /^\/(contacts|accounts|deals)\/./.test(x.path)))
      expect(s.shown, s.path).toBe(true);
  });
});
