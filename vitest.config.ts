import os from 'node:os';
import { defineConfig } from 'vitest/config';

// One `vitest run` runs every tier: pure logic, the API on both engines, the web app, and the browser journey.
//
// Speed: a worker per core (vitest's default leaves one core to itself, which on 2 cores is one worker,
// though a test here mostly waits on its own HTTP server and database). The pure and the API tiers share
// their modules between the files of a worker (`isolate: false`): each file starts its own app on its own
// database (test/harness.ts), so no state but the loaded code carries over, and importing the server anew
// for each of ~100 files was most of their time (SQLite tier on 2 cores: 8.8 → 2.3 min).
export default defineConfig({
  test: {
    maxWorkers: Math.max(2, os.availableParallelism()),
    projects: [
      { test: { name: 'shared', include: ['packages/shared/test/**/*.test.ts'], isolate: false } },
      {
        test: {
          name: 'server-sqlite',
          include: ['packages/server/test/**/*.test.ts'],
          exclude: ['packages/server/test/ops/**'],
          env: { NENNER_TEST_ENGINE: 'sqlite' },
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'server-postgres',
          include: ['packages/server/test/**/*.test.ts'],
          exclude: ['packages/server/test/ops/**'],
          env: { NENNER_TEST_ENGINE: 'postgres' },
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // processes on one SQLite file, backups, crashes: the compiled server as operators run it
        test: {
          name: 'ops',
          include: ['packages/server/test/ops/**/*.test.ts'],
          globalSetup: ['packages/server/test/ops/build.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
