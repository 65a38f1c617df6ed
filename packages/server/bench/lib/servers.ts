/*
 * The two servers under test as child processes: Nenner (src/main.ts, as `npm start` runs it) and the bare
 * baseline (bench/baseline.ts), each logging to .bench/<name>.log.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchDb } from '../fixtures.js';
import { benchDir, type Engine, pause, pgUrl, serverDir, type Target } from './env.js';

export const tsx = ['--import', 'tsx'];
// BENCH_PORT: another pair of ports, for a bench beside another one on the same machine
export const nennerPort = Number(process.env.BENCH_PORT ?? 3900);
export const baselinePort = nennerPort + 1;

/** Starts a TypeScript script under Node and waits until `health` answers. */
export const startChild = async (
  name: string,
  script: string,
  env: Record<string, string>,
  health: string,
  extraArgs: string[] = [],
) => {
  const out = fs.openSync(path.join(benchDir, `${name}.log`), 'w');
  const child = spawn(process.execPath, [...tsx, ...extraArgs, script], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited; see .bench/${name}.log`);
    try {
      if ((await fetch(health)).ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not start; see .bench/${name}.log`);
    await pause(200);
  }
};

export const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Starts Nenner and the baseline on one engine's bench database. */
export const startServers = async (engine: Engine, target: Target, fx: BenchDb, opts: { profile: boolean }) => {
  const dbEnv: Record<string, string> =
    engine === 'sqlite'
      ? { NENNER_DATA_DIR: path.join(benchDir, 'sqlite'), BENCH_SQLITE_FILE: target.file ?? '' }
      : { DATABASE_URL: pgUrl(), BENCH_PG_URL: pgUrl() };
  const nenner = await startChild(
    `nenner-${engine}`,
    'src/main.ts',
    {
      ...dbEnv,
      PORT: String(nennerPort),
      HOST: '127.0.0.1',
      NENNER_DEMO: '0',
      NODE_ENV: 'production',
      // The in-process job worker polls (and writes) once a second; with the baseline writing to the same
      // SQLite file from another process, that made both sides fail with SQLITE_BUSY. It is idle otherwise.
      NENNER_WORKER: '0',
      // The form bench posts from one address far more often than a visitor could.
      NENNER_FORM_POSTS_PER_MINUTE: '100000000',
    },
    `http://127.0.0.1:${nennerPort}/api/health`,
    // --profile: a V8 CPU profile of the server under test, written when it stops.
    opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(benchDir, 'profiles')}`] : [],
  );
  const baseline = await startChild(
    `baseline-${engine}`,
    'bench/baseline.ts',
    { ...dbEnv, BENCH_ENGINE: engine, PORT: String(baselinePort), BENCH_ACTOR_ID: fx.actorId },
    `http://127.0.0.1:${baselinePort}/health`,
  );
  return {
    nenner: {
      port: nennerPort,
      pid: nenner.pid ?? 0,
      url: `http://127.0.0.1:${nennerPort}`,
      log: path.join(benchDir, `nenner-${engine}.log`),
    },
    baselinePort,
    stop: () => Promise.all([stopChild(nenner), stopChild(baseline)]).then(() => undefined),
  };
};

/** Logs in like the web app does; the session cookie authenticates every request. */
export async function loginCookie(port: number, email: string, password: string) {
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('nenner_session='))
    ?.split(';')[0];
  if (!login.ok || !cookie) throw new Error(`Login failed: ${login.status} ${await login.text()}`);
  return cookie;
}
