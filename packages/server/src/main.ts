import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { startMetricsServer } from './http/observability.js';
import type { PoolStats } from './lib/metrics.js';
import { seedDemoWorkspace } from './modules/demo/demo.service.js';
import { ensureBootstrapAdmin, isWorkspaceEmpty } from './modules/users/users.service.js';
import { startBackgroundWork } from './worker.js';

/** SIGTERM: the orchestrator kills us after its grace period (often 10 s); leave before that. */
const SHUTDOWN_DEADLINE_MS = 9_000;

const config = loadConfig();
const database = openDatabase(config.database);
await migrateToLatest(database).catch(async (error: unknown) => {
  // a failed migration was undone; say so plainly instead of a stack trace, and do not serve an old schema
  console.error(`\nNenner cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  await database.close();
  process.exit(1);
});
const ctx = { db: database.db, engine: database.engine, config };

const lines: string[] = [];
if (config.demo && (await isWorkspaceEmpty(ctx))) {
  const demo = await seedDemoWorkspace(ctx);
  lines.push(
    '',
    `Demo workspace created. Log in with any of these (password: ${demo.password}).`,
    'The password is shown only now: note it. (NENNER_DEMO_PASSWORD sets one; NENNER_DEMO=0 starts without demo.)',
  );
  for (const u of demo.users) lines.push(`  ${u.email.padEnd(28)} ${u.department.padEnd(11)} ${u.role}`);
}
if (await ensureBootstrapAdmin(ctx)) lines.push('', `Admin ${config.admin?.email} created.`);

const { pool } = database;
const poolStats = (): PoolStats =>
  pool
    ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }
    : { total: 1, idle: 1, waiting: 0 };
const app = await buildApp(ctx, { pool: poolStats });
const stopWorker = config.worker
  ? startBackgroundWork(ctx, (err) => app.log.error({ err }, 'background work failed'))
  : null;
let metricsServer: FastifyInstance | null = null;

/**
 * Stops accepting connections, lets in-flight requests and the job in hand finish, then closes the
 * database; exits 1 when that takes past the deadline.
 */
const close = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  setTimeout(() => {
    app.log.error('shutdown deadline passed; exiting with work unfinished');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  await Promise.all([app.close(), stopWorker?.(), metricsServer?.close()]);
  await database.close();
  app.log.info('shut down');
  process.exit(0);
};
process.once('SIGINT', () => void close('SIGINT'));
process.once('SIGTERM', () => void close('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
if (config.metrics.port !== null) metricsServer = await startMetricsServer(config.host, config.metrics.port);
const where = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL';
console.log(`\nNenner runs at http://localhost:${config.port}  (database: ${where})${lines.join('\n')}\n`);
