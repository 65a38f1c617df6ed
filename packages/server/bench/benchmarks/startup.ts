/*
 * Start and memory (issue 18): the compiled server as `npm start` runs it (built first when stale), from
 * spawn to the first healthy answer on the bench database, --samples starts (at most 5); then the last
 * one's resident memory idle (after 10 s) and its peak under the contact-list load (autocannon, --duration
 * seconds at --connections).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Benchmark } from '../lib/context.js';
import { benchDir, log, pause, pgUrl, serverDir } from '../lib/env.js';

const PORT = 3903;
const START_TARGET_MS = 3000;
const RSS_TARGET_MB = 200;

const rssMb = (pid: number): number => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
};

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Spawns the compiled server; resolves with it and the milliseconds until /api/health answered 200. */
const startCompiled = async (env: Record<string, string>, logFile: string) => {
  const out = fs.openSync(logFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', '--conditions=compiled', 'dist/main.js'], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Nenner exited; see ${logFile}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Nenner did not start; see ${logFile}`);
    await pause(10);
  }
  return { child, ms: Math.round(performance.now() - started) };
};

export const startup: Benchmark = async ({ engine, target, cookie, options, results }) => {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale', '--no-web'], {
    cwd: path.resolve(serverDir, '../..'),
    stdio: 'inherit',
  });
  const env: Record<string, string> = {
    ...(engine === 'sqlite' ? { NENNER_DATA_DIR: path.dirname(target.file ?? '') } : { DATABASE_URL: pgUrl() }),
    PORT: String(PORT),
    HOST: '127.0.0.1',
    NENNER_DEMO: '0',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
  const logFile = path.join(benchDir, `startup-${engine}.log`);
  const starts = Math.min(5, options.samples);
  log(`  start to healthy: the compiled server, ${starts} starts (load average ${os.loadavg()[0]?.toFixed(1)})`);
  const times: number[] = [];
  let last: ChildProcess | undefined;
  for (let i = 0; i < starts; i++) {
    const { child, ms } = await startCompiled(env, logFile);
    times.push(ms);
    if (i < starts - 1) {
      child.kill('SIGTERM');
      await exited(child);
    } else last = child;
  }
  if (!last?.pid) throw new Error('no server');
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const worst = sorted.at(-1) ?? 0;
  log(`    ${times.join(', ')} ms (median ${median} ms; target ≤ ${START_TARGET_MS} ms)`);
  results.latencies.push({
    engine,
    bench: 'startup',
    what: 'spawn → GET /api/health 200',
    samples: starts,
    server: { p50: median, p99: worst },
    client: { p50: median, p99: worst },
    target: `≤ ${START_TARGET_MS.toLocaleString('en')} ms`,
    met: median <= START_TARGET_MS,
  });

  try {
    await pause(10_000);
    const idle = rssMb(last.pid);
    let peak = idle;
    const sampler = setInterval(() => {
      if (last?.pid) peak = Math.max(peak, rssMb(last.pid));
    }, 250);
    const load = await autocannon({
      url: `http://127.0.0.1:${PORT}`,
      requests: [{ method: 'GET', path: '/api/contacts?limit=50', headers: { cookie } }],
      connections: options.connections,
      duration: options.duration,
    });
    clearInterval(sampler);
    const after = rssMb(last.pid);
    log(
      `    RSS idle ${idle.toFixed(0)} MB (target ≤ ${RSS_TARGET_MB} MB: ${idle <= RSS_TARGET_MB ? 'met' : 'MISSED'}); ` +
        `under the list load (${Math.round(load.requests.average)} req/s, ${options.connections} connections, ` +
        `${options.duration} s, ${load.non2xx + load.errors} failed) peak ${peak.toFixed(0)} MB, after ${after.toFixed(0)} MB` +
        ` (load average ${os.loadavg()[0]?.toFixed(1)})`,
    );
  } finally {
    last.kill('SIGTERM');
    await exited(last);
  }
};
