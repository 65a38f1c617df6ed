/*
 * instances (PostgreSQL only): list contacts through a round-robin proxy in front of 3 Nenner instances,
 * beside the same proxy in front of 1, in one run (ABBA rounds). Both sides go through the same proxy, so
 * the ratio is what two more instances buy on this machine (with its cores and its other load).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Benchmark } from '../lib/context.js';
import { log, pgUrl } from '../lib/env.js';
import { compare, cycle } from '../lib/load.js';
import { startChild, stopChild } from '../lib/servers.js';

const EXTRA_PORTS = [3902, 3903];

const startProxy = async (backends: number[]) => {
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const port = backends[next++ % backends.length];
    const upstream = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  // longer than any client's idle keep-alive: a reused connection is never closed under a request
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export const instances: Benchmark = async ({ engine, fx, nenner, cookie, options, results }) => {
  if (engine !== 'postgres') {
    log('  instances: PostgreSQL only (several instances share one PostgreSQL), skipped on sqlite');
    return;
  }
  log(`  instances: list contacts through a round-robin proxy, 3 instances vs 1 (${os.cpus().length} cores)`);
  const extra = await Promise.all(
    EXTRA_PORTS.map((port) =>
      startChild(
        `nenner-postgres-${port}`,
        'src/main.ts',
        {
          DATABASE_URL: pgUrl(),
          PORT: String(port),
          HOST: '127.0.0.1',
          NENNER_DEMO: '0',
          NODE_ENV: 'production',
          NENNER_WORKER: '0',
        },
        `http://127.0.0.1:${port}/api/health`,
      ),
    ),
  );
  const one = await startProxy([nenner.port]);
  const three = await startProxy([nenner.port, ...EXTRA_PORTS]);
  try {
    const loadBefore = os.loadavg()[0] ?? 0;
    const m = await compare(
      cycle(one.port, 'GET', fx.listPaths, { cookie }),
      cycle(three.port, 'GET', fx.listPaths, { cookie }),
      options,
    );
    const loadAfter = os.loadavg()[0] ?? 0;
    log(
      `  3 instances / 1 instance: ${(m.nenner.rps / m.baseline.rps).toFixed(2)}× req/s ` +
        `(load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after)`,
    );
    // reported like the other throughput rows: "baseline" is 1 instance, "nenner" is 3
    results.throughput.push({ engine, bench: 'instances (3 vs 1)', ...m });
  } finally {
    await one.close();
    await three.close();
    await Promise.all(extra.map(stopChild));
  }
};
