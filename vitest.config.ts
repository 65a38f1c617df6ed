import { defineConfig } from 'vitest/config';

// One `vitest run` runs every tier: pure logic, the API on both engines, the web app, and the browser journey.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['packages/shared/test/**/*.test.ts'] } },
      {
        test: {
          name: 'server-sqlite',
          include: ['packages/server/test/**/*.test.ts'],
          exclude: ['packages/server/test/ops/**'],
          env: { NENNER_TEST_ENGINE: 'sqlite' },
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
