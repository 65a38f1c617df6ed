// `npm run check`: types, format and lint. The type checks and ESLint (both mostly one core each) run side
// by side; both keep caches (tsbuildinfo, node_modules/.cache/eslint), so a second run checks what changed.
import { spawn } from 'node:child_process';

const run = (name, command, args) =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`${code === 0 ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)\n${code === 0 ? '' : output}`);
      resolve(code === 0);
    });
  });

const series = async (steps) => {
  for (const [name, command, args] of steps) if (!(await run(name, command, args))) return false;
  return true;
};

const bin = (name) => `node_modules/.bin/${name}`;
const results = await Promise.all([
  series([
    ...['packages/shared', 'packages/server', 'packages/web', 'e2e'].map((p) => [`tsc ${p}`, bin('tsc'), ['-p', p]]),
    ['biome check', bin('biome'), ['check', '.']],
  ]),
  run('eslint', bin('eslint'), ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '.']),
]);
process.exit(results.every(Boolean) ? 0 : 1);
