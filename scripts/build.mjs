// `npm run build`: the shared package and the server to JavaScript (packages/*/dist, with source maps), and the
// web app once (packages/web/dist). `--if-stale` (what `npm start` runs) builds only a part whose output is
// missing or older than its sources, so `npm install && npm start` works on a fresh clone and a restart costs
// nothing. Types are checked by `npm run check`, not here: esbuild transpiles file by file (the code is
// written for isolatedModules), which keeps the `.js` import paths and takes about a second.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);
const ifStale = process.argv.includes('--if-stale');
// the ops tests start the compiled server and need no web app
const noWeb = process.argv.includes('--no-web');

/** The newest modification time under the given files and folders (0 when none exists). */
const newest = (paths) => {
  let latest = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else latest = Math.max(latest, stat.mtimeMs);
  };
  for (const p of paths) visit(p);
  return latest;
};

/** A part is stale when its stamp file is missing or older than any of its inputs. */
const stale = (stampFile, inputs) => {
  if (!ifStale) return true;
  const built = newest([stampFile]);
  return built === 0 || newest(inputs) > built;
};
const stampOf = (dist) => path.join(dist, '.built');

const sourceFiles = (dir) =>
  fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));

/** Transpiles one package's src/ to dist/, mirroring its layout. */
const compile = async (pkg) => {
  const started = Date.now();
  const src = at('packages', pkg, 'src');
  const dist = at('packages', pkg, 'dist');
  fs.rmSync(dist, { recursive: true, force: true });
  await build({
    entryPoints: sourceFiles(src),
    outdir: dist,
    outbase: src,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  fs.writeFileSync(stampOf(dist), `${new Date().toISOString()}\n`);
  process.stdout.write(`built packages/${pkg}/dist in ${Date.now() - started} ms\n`);
};

const serverInputs = ['shared', 'server'].flatMap((p) => [at('packages', p, 'src'), at('packages', p, 'package.json')]);
const packageStamps = ['shared', 'server'].map((p) => stampOf(at('packages', p, 'dist')));
if (packageStamps.some((s) => stale(s, serverInputs))) {
  await compile('shared');
  await compile('server');
}

const webInputs = [
  at('packages/web/tools'),
  at('packages/web/postcss.config.cjs'),
  at('packages/web/src'),
  at('packages/web/index.html'),
  at('packages/web/public'),
  at('packages/web/vite.config.ts'),
  at('packages/web/package.json'),
  at('packages/shared/src'),
];
// Vite writes index.html last on every build (also `npm run build:web`, which `npm test` runs): it is the stamp.
if (!noWeb && stale(at('packages/web/dist/index.html'), webInputs)) {
  const run = spawnSync('npm', ['run', 'build', '-w', '@nenner/web'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
