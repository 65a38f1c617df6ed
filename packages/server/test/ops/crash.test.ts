import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations/index.js';
import {
  createContact,
  freePort,
  integrity,
  login,
  openSqlite,
  type ServerProcess,
  spawnServer,
  stopServer,
  tempDir,
  waitHealthy,
} from './processes.js';

/*
 * Crash safety on SQLite: Nenner is killed with SIGKILL at a random moment while four clients create
 * contacts, 50 times, and started again each time. After every kill the file passes its integrity check,
 * holds every contact that was answered 201, and its migrations are all applied. Every tenth round also
 * kills a first start on an empty file, at a random moment of its migrations: they are then applied
 * entirely or not at all.
 */

// NENNER_CRASH_ROUNDS lowers it for a quick local look; `npm test` runs the 50
const ROUNDS = Number(process.env.NENNER_CRASH_ROUNDS ?? 50);
const CLIENTS = 4;
const allMigrations = Object.keys(migrations('sqlite')).length;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

const appliedMigrations = (dataDir: string) => {
  const sqlite = openSqlite(dataDir);
  try {
    expect(integrity(sqlite)).toBe('ok');
    const hasTable = (name: string) =>
      sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined;
    const applied = hasTable('kysely_migration')
      ? (sqlite.prepare('select count(*) from kysely_migration').pluck().get() as number)
      : 0;
    return { applied, hasUsers: hasTable('users'), sqlite };
  } catch (error) {
    sqlite.close();
    throw error;
  }
};

describe('SQLite crash safety', () => {
  const dataDir = tempDir('crash');
  const freshDirs: string[] = [];
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server) await stopServer(server, 'SIGKILL');
    for (const dir of [dataDir, ...freshDirs]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps every answered write through ${ROUNDS} kills`, { timeout: 900_000 }, async () => {
    const acknowledged: string[] = [];
    let cookie = '';
    let firstStartMs = 0;
    let killedMidMigration = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = Date.now();
      server = spawnServer(dataDir, await freePort());
      await waitHealthy(server);
      if (round === 0) {
        firstStartMs = Date.now() - started;
        cookie = await login(server.base);
      }
      const { base } = server;
      let running = true;
      const client = async (c: number) => {
        for (let i = 0; running; i++) {
          const r = await createContact(base, cookie, `Crash ${round}-${c}-${i}`).catch(() => null);
          if (r?.status === 201 && r.id) acknowledged.push(r.id);
          else if (r && running) throw new Error(`a create answered ${r.status} before the kill`);
        }
      };
      const clients = Promise.allSettled(Array.from({ length: CLIENTS }, (_, c) => client(c)));
      // kill while writes are under way: after this round's first answer, at a random moment
      const answered = acknowledged.length;
      for (let waited = 0; acknowledged.length === answered && waited < 60_000; waited += 10) await pause(10);
      await pause(between(0, 400));
      server.child.kill('SIGKILL');
      await server.exited;
      running = false;
      const settled = await clients;
      expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
      server = undefined;

      const { applied, sqlite } = appliedMigrations(dataDir);
      try {
        expect(applied).toBe(allMigrations);
        const ids = new Set(sqlite.prepare('select id from contacts').pluck().all() as string[]);
        expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
      } finally {
        sqlite.close();
      }

      if (round % 10 === 5) {
        // a first start on an empty file, killed while it migrates
        const fresh = tempDir('crash-fresh');
        freshDirs.push(fresh);
        const first = spawnServer(fresh, await freePort());
        await pause(between(firstStartMs * 0.2, firstStartMs));
        first.child.kill('SIGKILL');
        await first.exited;
        if (fs.existsSync(`${fresh}/nenner.sqlite`)) {
          const state = appliedMigrations(fresh);
          state.sqlite.close();
          if (state.applied === 0) expect(state.hasUsers).toBe(false);
          else expect(state.applied).toBe(allMigrations);
          if (state.applied === 0 && state.hasUsers === false) killedMidMigration++;
        }
      }
    }
    expect(acknowledged.length).toBeGreaterThan(ROUNDS);
    process.stdout.write(
      `crash test: ${ROUNDS} kills, ${acknowledged.length} answered writes kept; ` +
        `${killedMidMigration} first starts killed before their migrations committed\n`,
    );
  });
});
