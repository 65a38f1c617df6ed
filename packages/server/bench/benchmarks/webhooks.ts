/*
 * webhooks (issue 19), on a small workspace of its own (no seeded database, no child servers: Nenner runs
 * in this process, with a receiver on 127.0.0.1 allowed through NENNER_WEBHOOK_ALLOW_PRIVATE):
 *
 * 1. POST /api/contacts with and without a subscription to contact.created, at --connections for
 *    --duration seconds each, in the order without, with, with, without (half the duration each), so drift
 *    in the machine's load weighs on both. With it, each request also writes the delivery and its job in
 *    the contact's transaction; nothing is sent during the measurement.
 * 2. Deliveries per second: the deliveries those requests queued, drained by the job runner the worker uses
 *    (claims 20 at a time, sends one after another, signs each, records each attempt), to the local receiver.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import autocannon from 'autocannon';
import { buildApp } from '../../src/app.js';
import type { AppContext } from '../../src/context.js';
import { migrateToLatest } from '../../src/db/database.js';
import { runDueJobs } from '../../src/modules/jobs/jobs.service.js';
import { createUser } from '../../src/modules/users/users.service.js';
import { jobHandlers } from '../../src/worker.js';
import type { BenchOptions } from '../lib/context.js';
import { type Engine, engineName, log, pause } from '../lib/env.js';
import { freshWorkspace, loadAverage } from '../lib/workspace.js';

const PASSWORD = 'bench webhooks password';

const startReceiver = async () => {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** Requests per second of POST /api/contacts (a new name each) for `seconds`. */
const measureCreates = async (url: string, cookie: string, seconds: number, connections: number) => {
  let n = 0;
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/contacts',
        headers: { cookie, origin: url, 'content-type': 'application/json' },
        setupRequest: (req) => {
          n += 1;
          return {
            ...req,
            body: JSON.stringify({ firstName: 'Bench', lastName: `Hook ${n} ${randomBytes(3).toString('hex')}` }),
          };
        },
      },
    ],
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, total: r.requests.total };
};

/** Runs the webhooks benchmark on one engine and prints its figures. */
export const webhooks = async (engine: Engine, options: BenchOptions): Promise<void> => {
  log(`\n${engineName(engine)} · webhooks (own workspace; load average before: ${loadAverage()})`);
  const { database, config, dispose } = await freshWorkspace(engine, 'webhooks', {
    NENNER_WEBHOOK_ALLOW_PRIVATE: '127.0.0.0/8',
  });
  const receiver = await startReceiver();
  await migrateToLatest(database);
  const ctx: AppContext = { db: database.db, engine: database.engine, config };
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const admin = await createUser(ctx, null, {
      email: 'bench.webhooks@example.com',
      name: 'Bench Admin',
      department: 'management',
      role: 'admin',
      password: PASSWORD,
    });
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: admin.email, password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const created = await fetch(`${url}/api/webhooks`, {
      method: 'POST',
      headers: { cookie, origin: url, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['contact.created'], enabled: false }),
    });
    if (created.status !== 201)
      throw new Error(`webhooks: subscribing failed: ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    const subscribed = (on: boolean) =>
      ctx.db
        .updateTable('webhooks')
        .set({ enabled: on ? 1 : 0 })
        .where('id', '=', id)
        .execute();

    const round = async (on: boolean, seconds: number) => {
      await subscribed(on);
      await pause(500);
      return measureCreates(url, cookie, seconds, options.connections);
    };
    await round(false, options.warmup);
    await round(true, options.warmup);
    const half = options.duration / 2;
    const a1 = await round(false, half);
    const b1 = await round(true, half);
    const b2 = await round(true, half);
    const a2 = await round(false, half);
    const without = (a1.rps + a2.rps) / 2;
    const withSub = (b1.rps + b2.rps) / 2;
    const non2xx = a1.non2xx + a2.non2xx + b1.non2xx + b2.non2xx;
    log(
      `  POST /api/contacts  without: ${without.toFixed(0)} req/s (p50 ${((a1.p50 + a2.p50) / 2).toFixed(0)} ms)` +
        `  with: ${withSub.toFixed(0)} req/s (p50 ${((b1.p50 + b2.p50) / 2).toFixed(0)} ms)` +
        `  with/without: ${(withSub / without).toFixed(2)}×  non-2xx: ${non2xx}`,
    );

    // requests still in flight finish first; deliveries to a subscription that is off are dropped, not sent
    await pause(1000);
    await subscribed(true);
    const pending = await ctx.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    const started = performance.now();
    while ((await runDueJobs(ctx, jobHandlers)) > 0) {
      // drain
    }
    const seconds = (performance.now() - started) / 1000;
    const delivered = await ctx.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'delivered')
      .executeTakeFirstOrThrow();
    log(
      `  deliveries: ${Number(delivered.n)} of ${Number(pending.n)} delivered in ${seconds.toFixed(1)} s = ` +
        `${(Number(delivered.n) / seconds).toFixed(0)}/s (receiver got ${receiver.received()})`,
    );
    log(`  load average after: ${loadAverage()} (${os.cpus().length} cores)`);
  } finally {
    await app.close();
    await receiver.close();
    await dispose();
  }
};
