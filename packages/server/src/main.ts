import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { seedDemoWorkspace } from './modules/demo/demo.service.js';
import { ensureBootstrapAdmin, isWorkspaceEmpty } from './modules/users/users.service.js';
import { startBackgroundWork } from './worker.js';

const config = loadConfig();
const database = openDatabase(config.database);
await migrateToLatest(database);
const ctx = { db: database.db, engine: database.engine, config };

const lines: string[] = [];
if (config.demo && (await isWorkspaceEmpty(ctx))) {
  const demo = await seedDemoWorkspace(ctx);
  lines.push('', `Demo workspace created. Log in with any of these (password: ${demo.password}):`);
  for (const u of demo.users) lines.push(`  ${u.email.padEnd(28)} ${u.department.padEnd(11)} ${u.role}`);
}
if (await ensureBootstrapAdmin(ctx)) lines.push('', `Admin ${config.admin?.email} created.`);

const app = await buildApp(ctx);
const stopWorker = config.worker
  ? startBackgroundWork(ctx, (err) => app.log.error({ err }, 'background work failed'))
  : null;
const close = async () => {
  await app.close();
  await stopWorker?.();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', () => void close());
process.once('SIGTERM', () => void close());

await app.listen({ port: config.port, host: config.host });
const where = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL';
console.log(`\nNenner runs at http://localhost:${config.port}  (database: ${where})${lines.join('\n')}\n`);
