/*
 * npm run backup -- --out FILE
 *
 * A consistent copy of the configured database (NENNER_DATA_DIR or DATABASE_URL, as the server reads them)
 * while Nenner keeps serving: SQLite's `VACUUM INTO`, or `pg_dump` for PostgreSQL. See docs/operations.md.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { BackupError, backupDatabase } from '../db/backup.js';

const usage = 'Usage: npm run backup -- --out FILE\n';
const { values } = parseArgs({
  options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
});
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
if (!values.out) {
  process.stderr.write(`--out is required\n\n${usage}`);
  process.exit(1);
}

const config = loadConfig();
const started = performance.now();
try {
  await backupDatabase(config.database, values.out);
} catch (error) {
  process.stderr.write(`Backup failed: ${error instanceof BackupError ? error.message : String(error)}\n`);
  process.exit(1);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`Backed up to ${values.out} in ${seconds} s\n`);
