import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { login, openSqlite, type ServerProcess, startServer, stopServer, tempDir } from './processes.js';

/*
 * SIGTERM while a job runs (issue 18): a webhook delivery is in hand, its receiver answers only 2 s after
 * the signal. The compiled server must finish that job (the delivery is recorded as delivered, the job as
 * done, both committed) and exit 0 within 10 s of the signal.
 */

const RECEIVER_DELAY_MS = 2_000;

describe('SIGTERM during a running job', () => {
  const dataDir = tempDir('shutdown');
  let server: ServerProcess | undefined;
  let receiver: http.Server | undefined;
  afterAll(async () => {
    if (server) await stopServer(server, 'SIGKILL');
    receiver?.closeAllConnections();
    await new Promise((r) => receiver?.close(r) ?? r(undefined));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the job in hand, commits its effect, and exits 0 within 10 s', async () => {
    let arrived: () => void = () => undefined;
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const bodies: string[] = [];
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        bodies.push(body);
        arrived();
        // the job stays in hand until this answer comes, well after the SIGTERM
        setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'), RECEIVER_DELAY_MS);
      });
    });
    await new Promise<void>((r) => receiver?.listen(0, '127.0.0.1', r));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    server = await startServer(dataDir, { NENNER_WEBHOOK_ALLOW_PRIVATE: '127.0.0.0/8', LOG_LEVEL: 'info' });
    const cookie = await login(server.base);
    const headers = { 'content-type': 'application/json', cookie };
    const created = await fetch(`${server.base}/api/webhooks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: receiverUrl, events: ['contact.created'] }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const hook = (await created.json()) as { id: string };
    const queued = await fetch(`${server.base}/api/webhooks/${hook.id}/test`, { method: 'POST', headers: { cookie } });
    expect(queued.status, await queued.clone().text()).toBeLessThan(300);
    const delivery = (await queued.json()) as { id: string; status: string };
    expect(delivery.status).toBe('pending');

    // the worker polls every second: wait until the delivery job is in hand (its request reached us)
    await Promise.race([
      requestArrived,
      new Promise((_, reject) => setTimeout(() => reject(new Error('the job never ran')), 30_000)),
    ]);
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const code = await server.exited;
    const took = Date.now() - signalledAt;
    expect(code, server.output()).toBe(0);
    expect(took).toBeLessThan(10_000);
    // it waited for the receiver's answer instead of dropping the job
    expect(took).toBeGreaterThanOrEqual(RECEIVER_DELAY_MS - 100);
    expect(bodies).toHaveLength(1);
    expect(server.output()).toContain('"msg":"shut down"');

    const sqlite = openSqlite(dataDir);
    try {
      const row = sqlite
        .prepare('select status, attempts, delivered_at from webhook_deliveries where id = ?')
        .get(delivery.id) as { status: string; attempts: number; delivered_at: string | null } | undefined;
      expect(row).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(row?.delivered_at).not.toBeNull();
      const attempts = sqlite
        .prepare('select status, response_code from webhook_attempts where delivery_id = ?')
        .all(delivery.id);
      expect(attempts).toEqual([{ status: 'delivered', response_code: 200 }]);
      // the job itself is settled: nothing of it is left pending or locked for the next start
      const open = sqlite
        .prepare("select count(*) from jobs where name = 'webhook_deliver' and status <> 'done'")
        .pluck()
        .get();
      expect(open).toBe(0);
    } finally {
      sqlite.close();
    }
  });
});
