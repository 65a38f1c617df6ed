import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createContact,
  integrity,
  login,
  openSqlite,
  type ServerProcess,
  serverDir,
  startServer,
  stopServer,
  tempDir,
} from './processes.js';

/*
 * Two processes write one SQLite file at once for 10 s: Nenner, taking contacts over HTTP, and a second
 * process (as the seeder or an import would) running read-modify-write transactions, some of them long.
 * Neither sees "database is locked": every write is answered, and every answered write is in the file.
 */

const DURATION_MS = 10_000;
const CONNECTIONS = 4;

describe('SQLite with two writing processes', () => {
  const dataDir = tempDir('writers');
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server) await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every write of both for 10 s, and keeps each one', { timeout: 180_000 }, async () => {
    server = await startServer(dataDir);
    const { base } = server;
    const cookie = await login(base);

    const writer = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(serverDir, 'test/ops/writer.ts'),
        path.join(dataDir, 'nenner.sqlite'),
        String(DURATION_MS),
      ],
      { cwd: serverDir, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let writerOut = '';
    const ready = new Promise<void>((resolve) => {
      writer.stdout.on('data', (d) => {
        writerOut += d;
        if (writerOut.includes('ready\n')) resolve();
      });
    });
    const writerDone = new Promise<number | null>((resolve) => writer.once('exit', resolve));
    await ready;

    const created: string[] = [];
    const failures: string[] = [];
    const deadline = Date.now() + DURATION_MS;
    const client = async (c: number) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const r = await createContact(base, cookie, `Writer ${c}-${i}`);
        if (r.status === 201 && r.id) created.push(r.id);
        else failures.push(String(r.status));
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, c) => client(c)));
    expect(await writerDone).toBe(0);

    const lines = writerOut.trim().split('\n').slice(1);
    const errors = lines.filter((l) => !l.startsWith('ok '));
    const acknowledged = lines.filter((l) => l.startsWith('ok ')).map((l) => Number(l.slice(3)));
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    expect(created.length).toBeGreaterThan(10);
    expect(acknowledged.length).toBeGreaterThan(10);

    await stopServer(server);
    server = undefined;
    const sqlite = openSqlite(dataDir);
    try {
      expect(integrity(sqlite)).toBe('ok');
      const ids = new Set(sqlite.prepare('select id from contacts').pluck().all() as string[]);
      expect(created.filter((id) => !ids.has(id))).toEqual([]);
      const numbers = new Set(sqlite.prepare('select n from ops_writes').pluck().all() as number[]);
      expect(acknowledged.filter((n) => !numbers.has(n))).toEqual([]);
    } finally {
      sqlite.close();
    }
  });
});
