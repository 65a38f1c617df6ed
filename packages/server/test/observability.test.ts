import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/context.js';
import { migrateToLatest } from '../src/db/database.js';
import { prettyLine, scrubLine } from '../src/lib/logging.js';
import { createUser } from '../src/modules/users/users.service.js';
import { createTestDatabase, PASSWORD, type TestDatabase } from './harness.js';
import { type ServerProcess, startServerProcess } from './instances.js';

/*
 * What an operator sees of a running server process: request ids, user ids and no personal data in its
 * log, /metrics behind its token, /api/ready, and a SIGTERM that lets an in-flight request finish.
 */

const METRICS_TOKEN = 'metrics-token-0123456789';
const EMAIL = 'zacharias.quellwasser@geheim.example';
const NAME = 'Zacharias Quellwasser';
const CONTACT_EMAIL = 'ottilie.brennessel@kunde.example';
const CONTACT_LAST = 'Brennesselmeyer';

let database: TestDatabase;
let server: ServerProcess;
let userId = '';

const envOf = (db: TestDatabase): Record<string, string> =>
  db.config.database.kind === 'postgres'
    ? { DATABASE_URL: db.config.database.url }
    : { NENNER_DATA_DIR: path.dirname(db.config.database.file) };

beforeAll(async () => {
  database = await createTestDatabase();
  await migrateToLatest(database.database);
  const ctx: AppContext = { db: database.database.db, engine: database.database.engine, config: database.config };
  const user = await createUser(ctx, null, {
    email: EMAIL,
    name: NAME,
    department: 'marketing',
    role: 'admin',
    password: PASSWORD,
  });
  userId = user.id;
  server = await startServerProcess({ ...envOf(database), LOG_LEVEL: 'info', NENNER_METRICS_TOKEN: METRICS_TOKEN });
}, 400_000);

afterAll(async () => {
  await server?.stop();
  await database?.dispose();
}, 60_000);

describe('logs, request ids, metrics, readiness', () => {
  let cookie = '';
  let token = '';

  it('echoes a sane X-Request-Id and generates one otherwise', async () => {
    const given = await fetch(`${server.url}/api/health`, { headers: { 'x-request-id': 'lb-4711.a' } });
    expect(given.headers.get('x-request-id')).toBe('lb-4711.a');
    const made = await fetch(`${server.url}/api/health`, { headers: { 'x-request-id': 'not sane <script>' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves a session and a token through requests that carry personal data', async () => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'login-1' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const created = await fetch(`${server.url}/api/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: 'Skript' }),
    });
    expect(created.status).toBe(201);
    token = ((await created.json()) as { token: string }).token;
    const contact = await fetch(`${server.url}/api/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'write-1' },
      body: JSON.stringify({ firstName: 'Ottilie', lastName: CONTACT_LAST, emails: [CONTACT_EMAIL] }),
    });
    expect(contact.status).toBe(201);
    const search = await fetch(`${server.url}/api/contacts?q=${encodeURIComponent(CONTACT_EMAIL)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(search.status).toBe(200);
    const wrong = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: 'wrong password here' }),
    });
    expect(wrong.status).toBe(401);
  });

  it('/api/ready names the migration; /metrics wants its token and reports routes by pattern', async () => {
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', migration: expect.stringMatching(/^\d{4}_/) });

    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('nenner_http_request_duration_seconds_bucket{');
    expect(text).toMatch(
      /nenner_http_request_duration_seconds_count\{route="\/api\/contacts",method="POST",status="201"\} 1/,
    );
    expect(text).not.toContain(CONTACT_EMAIL);
    for (const name of [
      'nenner_db_pool_connections{state="total"}',
      'nenner_job_queue_depth',
      'nenner_job_oldest_age_seconds',
      'nenner_jobs_failed',
      '# TYPE nenner_job_failures_total counter',
      '# TYPE nenner_sla_breaches_total counter',
      '# TYPE nenner_mails_total counter',
      '# TYPE nenner_webhook_deliveries_total counter',
    ]) {
      expect(text).toContain(name);
    }
  });

  it('the log is JSON with request and user ids, and holds no email, name, token or password it was sent', async () => {
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.reqId === 'login-1')).toBe(true);
    // one line per request, when it is answered: where it went, who asked, the status and the time
    const write = lines.filter((l) => l.reqId === 'write-1');
    expect(write).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        userId,
        req: expect.objectContaining({ method: 'POST', route: '/api/contacts' }),
        res: { statusCode: 201 },
        responseTime: expect.any(Number),
      }),
    ]);
    const all = server.output();
    for (const secret of [EMAIL, NAME, 'Quellwasser', CONTACT_EMAIL, CONTACT_LAST, token, PASSWORD, cookie.slice(15)]) {
      expect(secret.length).toBeGreaterThan(5);
      expect(all).not.toContain(secret);
    }
  });
});

describe('SIGTERM', () => {
  it('stops accepting, finishes the request in flight, and exits 0 within 10 s', async () => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const body = JSON.stringify({ firstName: 'Langsam', lastName: 'Ankommend' });
    let signalledAt = 0;
    // a slow client: the headers and half the body now, the rest after the SIGTERM
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        `${server.url}/api/contacts`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        signalledAt = Date.now();
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 1_000);
      }, 500);
    });
    await new Promise((r) => setTimeout(r, 900));
    // the listener is closed: a new connection is refused
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    const done = await answer;
    expect(done.status, done.text).toBe(201);
    expect(JSON.parse(done.text)).toMatchObject({ lastName: 'Ankommend' });
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(server.output()).toContain('"msg":"shut down"');
  });
});

describe('log lines (pure)', () => {
  it.each([
    ['mail an a.b-c@firma.de und X@Y.io', 'mail an [email] und [email]'],
    ['{"msg":"no address here"}', '{"msg":"no address here"}'],
  ])('scrubLine(%s)', (input, expected) => {
    expect(scrubLine(input)).toBe(expected);
  });

  it.each([
    [
      '{"level":30,"time":0,"pid":1,"hostname":"h","reqId":"r1","userId":"u1","msg":"request completed","res":{"statusCode":200}}',
      '00:00:00.000 INFO  [r1 user=u1] request completed  res={"statusCode":200}\n',
    ],
    ['{"level":50,"time":0,"msg":"boom"}', '00:00:00.000 ERROR boom\n'],
    ['not json', 'not json'],
  ])('prettyLine(%s)', (input, expected) => {
    expect(prettyLine(input)).toBe(expected);
  });
});
