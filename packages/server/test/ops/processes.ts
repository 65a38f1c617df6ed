import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/*
 * The ops tests drive Nenner as operators run it: the compiled server (`npm run build`, by the ops project's
 * global setup) as a child process on a real data directory, over HTTP, killed and restarted at will.
 */

export const serverDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const ADMIN = { email: 'ops@nenner.test', password: 'correct horse battery' };

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `nenner-${prefix}-`));

/** A TCP port nothing listens on right now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  output: () => string;
  /** Resolves once the process has exited. */
  exited: Promise<number | null>;
}

/** Starts the compiled server on `dataDir` without waiting for it. */
export const spawnServer = (dataDir: string, port: number, env: Record<string, string> = {}): ServerProcess => {
  const child = spawn(process.execPath, ['--enable-source-maps', '--conditions=compiled', 'dist/main.js'], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NENNER_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      NENNER_DEMO: '0',
      NENNER_ADMIN_EMAIL: ADMIN.email,
      NENNER_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, base: `http://127.0.0.1:${port}`, output: () => output, exited };
};

/** Waits until the server answers its health check; fails when it exits first. */
export const waitHealthy = async (server: ServerProcess, timeoutMs = 180_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`The server exited:\n${server.output()}`);
    try {
      if ((await fetch(`${server.base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`The server was not healthy within ${timeoutMs} ms:\n${server.output()}`);
};

export const startServer = async (dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> => {
  const server = spawnServer(dataDir, await freePort(), env);
  await waitHealthy(server);
  return server;
};

export const stopServer = async (server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM') => {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  await server.exited;
};

/** Logs in as the bootstrap admin; returns the session cookie. */
export const login = async (base: string): Promise<string> => {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
};

/** Creates a contact named `name`; returns the status and, on 201, its id. */
export const createContact = async (base: string, cookie: string, name: string) => {
  const res = await fetch(`${base}/api/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ lastName: name }),
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string };
  return { status: res.status, id: body.id };
};

/** Opens the data directory's SQLite file for the checks (read-write: after a crash it recovers the WAL first). */
export const openSqlite = (dataDir: string) => new SQLite(path.join(dataDir, 'nenner.sqlite'), { fileMustExist: true });

/** `PRAGMA integrity_check` of the file: 'ok', or its complaints. */
export const integrity = (sqlite: SQLite.Database): string =>
  (sqlite.pragma('integrity_check', { simple: false }) as { integrity_check: string }[])
    .map((r) => r.integrity_check)
    .join('\n');
