import type { Contact, Form } from '@nenner/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/context.js';
import { migrateToLatest } from '../src/db/database.js';
import { createUser } from '../src/modules/users/users.service.js';
import { createTestDatabase, engine, PASSWORD, type TestDatabase } from './harness.js';
import { type ServerProcess, startRoundRobinProxy, startServerProcess, type TestProxy } from './instances.js';
import { startTestSmtp, type TestSmtp } from './smtp.js';

/*
 * Three server processes on one PostgreSQL database behind a round-robin proxy: what one instance knows,
 * every instance knows (sessions, versions), and every job and periodic check runs exactly once.
 * PostgreSQL only: several instances on one SQLite file is not a supported setup.
 */

const SWEEP_MS = 300;

let database: TestDatabase;
let ctx: AppContext;
let smtp: TestSmtp;
let servers: ServerProcess[] = [];
let proxy: TestProxy;
let cookie = '';

const call = async <T>(method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(proxy.url + p, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(cookie && { cookie }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : text) as T, text };
};

const waitFor = async (what: string, check: () => Promise<boolean>, ms = 20_000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const pendingJobs = async () =>
  Number(
    (await sql<{ n: number }>`select count(*) as n from jobs where status in ('pending', 'running')`.execute(ctx.db))
      .rows[0]?.n,
  );

describe.skipIf(engine !== 'postgres')('three instances on one PostgreSQL', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateToLatest(database.database);
    ctx = { db: database.database.db, engine: database.database.engine, config: database.config };
    await createUser(ctx, null, {
      email: 'mia@example.com',
      name: 'Mia Marketing',
      department: 'marketing',
      role: 'admin',
      password: PASSWORD,
    });
    await createUser(ctx, null, {
      email: 'sven@example.com',
      name: 'Sven Salesleitung',
      department: 'sales',
      role: 'admin',
      password: PASSWORD,
    });
    smtp = await startTestSmtp();
    const url = database.config.database.kind === 'postgres' ? database.config.database.url : '';
    const env = {
      DATABASE_URL: url,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'warn',
      NENNER_SWEEP_INTERVAL_MS: String(SWEEP_MS),
      NENNER_FORM_POSTS_PER_MINUTE: '100000',
      NENNER_PUBLIC_URL: 'https://crm.example.de',
    };
    servers = await Promise.all([0, 1, 2].map(() => startServerProcess(env)));
    proxy = await startRoundRobinProxy(servers.map((s) => s.port));
  }, 400_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await smtp?.close();
    await database?.dispose();
  }, 60_000);

  it('a login on one instance works on the others', async () => {
    const login = await fetch(`${proxy.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'mia@example.com', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^nenner_session=/);
    // the proxy hands three requests in a row to three different instances
    const answers = await Promise.all([0, 1, 2].map(() => call<{ email: string }>('GET', '/api/auth/me')));
    expect(answers.map((a) => [a.status, a.body.email])).toEqual([
      [200, 'mia@example.com'],
      [200, 'mia@example.com'],
      [200, 'mia@example.com'],
    ]);
  }, 90_000);

  it('100 concurrent PATCHes with the same If-Match over three instances: exactly one 200, the version rises by one', async () => {
    const created = await call<Contact>('POST', '/api/contacts', { firstName: 'Erika', lastName: 'Muster' });
    expect(created.status, created.text).toBe(201);
    const { id, version } = created.body;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call<{ code?: string }>(
          'PATCH',
          `/api/contacts/${id}`,
          { jobTitle: `Titel ${i}` },
          { 'if-match': `"${version}"` },
        ),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(99);
    expect(new Set(answers.filter((a) => a.status === 412).map((a) => a.body.code))).toEqual(
      new Set(['version_conflict']),
    );
    const after = await call<Contact>('GET', `/api/contacts/${id}`);
    expect(after.body.version).toBe(version + 1);
  }, 90_000);

  it('50 double-opt-in form posts over three instances: exactly 50 mails, one to each address', async () => {
    const form = await call<Form>('POST', '/api/forms', {
      name: 'Newsletter',
      slug: 'newsletter',
      fields: [{ key: 'email', required: true }, { key: 'firstName' }],
      consent: { enabled: true, text: 'Ja, schickt mir den Newsletter.' },
      doubleOptIn: true,
    });
    expect(form.status, form.text).toBe(201);
    const before = smtp.mails.length;
    const posts = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${proxy.url}/f/newsletter`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `leser${i}@example.org`, firstName: 'Lea', consent: true }),
        }).then(
          (r) => r.status,
          (err: unknown) => String(err),
        ),
      ),
    );
    expect(
      posts.filter((s) => s !== 201),
      servers.map((s) => s.output().slice(-3000)).join('\n---\n'),
    ).toEqual([]);
    await waitFor('the mails', async () => smtp.mails.length - before >= 50 && (await pendingJobs()) === 0, 90_000);
    // three more worker rounds on every instance: nothing is sent twice
    await new Promise((r) => setTimeout(r, 3 * 1000));
    const mails = smtp.mails.slice(before);
    expect(mails).toHaveLength(50);
    const to = mails.flatMap((m) => m.to).sort();
    expect(to).toEqual(Array.from({ length: 50 }, (_, i) => `leser${i}@example.org`).sort());
  }, 150_000);

  it('a breach found while all three run is notified exactly once', async () => {
    const contact = await call<Contact>('POST', '/api/contacts', {
      firstName: 'Sina',
      lastName: 'Spät',
      emails: ['sina@spaet.de'],
      lifecycleStage: 'lead',
    });
    expect(contact.status, contact.text).toBe(201);
    const mql = await call<Contact>(
      'PATCH',
      `/api/contacts/${contact.body.id}`,
      { lifecycleStage: 'mql' },
      { 'if-match': `"${contact.body.version}"` },
    );
    expect(mql.status, mql.text).toBe(200);
    const handoff = await ctx.db
      .selectFrom('handoffs')
      .select('id')
      .where('contact_id', '=', contact.body.id)
      .executeTakeFirstOrThrow();
    // its SLA ran out a minute ago: the next sweep of whichever instance comes first finds it
    await ctx.db
      .updateTable('handoffs')
      .set({ sla_due_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', handoff.id)
      .execute();
    await waitFor('the breach', async () => {
      const row = await ctx.db
        .selectFrom('handoffs')
        .select('breached_at')
        .where('id', '=', handoff.id)
        .executeTakeFirst();
      return Boolean(row?.breached_at);
    });
    // ten more sweep rounds on each instance
    await new Promise((r) => setTimeout(r, 10 * SWEEP_MS));
    const notes = await ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('entity_id', '=', handoff.id)
      .where('kind', '=', 'handoff_breached')
      .execute();
    expect(notes.length).toBeGreaterThan(0);
    const perUser = new Map<string, number>();
    for (const n of notes) perUser.set(n.user_id, (perUser.get(n.user_id) ?? 0) + 1);
    expect([...perUser.values()].every((n) => n === 1)).toBe(true);
    const breachedEntries = await ctx.db
      .selectFrom('timeline_entries')
      .select('id')
      .where('entity_id', '=', contact.body.id)
      .where('kind', '=', 'handoff')
      .where('action', '=', 'breached')
      .execute();
    expect(breachedEntries).toHaveLength(1);
  }, 90_000);
});
