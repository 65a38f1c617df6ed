import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The ops project's global setup: the ops tests run the compiled server, built here when stale. */
export default function setup() {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale', '--no-web'], { cwd: root, stdio: 'inherit' });
}
