/*
 * npm run restore -- FILE [--force]
 *
 * Restores a backup made by `npm run backup` into the configured database (NENNER_DATA_DIR or DATABASE_URL),
 * which must be empty unless --force is given (stop Nenner first), then checks it: the integrity check and
 * the migration version. See docs/operations.md.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { BackupError, restoreDatabase } from '../db/backup.js';

const usage = `Usage: npm run restore -- FILE [--force]

  --force  replace a database that is not empty (stop Nenner first)
`;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
});
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const file = positionals[0];
if (!file || positionals.length > 1) {
  process.stderr.write(`Name one backup file\n\n${usage}`);
  process.exit(1);
}

const config = loadConfig();
const where = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL (DATABASE_URL)';
try {
  const report = await restoreDatabase(config.database, file, values.force);
  process.stdout.write(`Restored ${file} into ${where}: integrity check ok, ${report.applied} migrations applied.\n`);
  if (report.pending.length > 0) {
    process.stdout.write(`Nenner applies ${report.pending.length} newer migrations at its next start.\n`);
  }
} catch (error) {
  process.stderr.write(`Restore failed: ${error instanceof BackupError ? error.message : String(error)}\n`);
  process.exit(1);
}
