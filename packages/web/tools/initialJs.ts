import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/*
 * How much JavaScript a browser loads before it can show the login page or the start page: the entry
 * chunk of index.html and every chunk it imports statically, plus the route's own chunk (and its static
 * imports) when the route is split off. Lazily loaded screens and the chart library are not counted;
 * the start page's alignment gauge is listed apart as "deferred" (it loads after the page shows).
 * Sizes are the compressed bytes on the wire, as node:zlib produces them at the levels the build uses for
 * the .br and .gz files the server sends. Browsers ask for brotli over HTTPS and on localhost (Chromium
 * does on http://localhost and http://127.0.0.1 too); gzip is what a browser gets over plain HTTP to
 * another host.
 *
 *   npx tsx packages/web/tools/initialJs.ts            measures packages/web/dist if it is current, else
 *                                                      builds into a temporary folder first
 *   npx tsx packages/web/tools/initialJs.ts <dist>     measures that build (it needs .vite/manifest.json)
 */

const webRoot = resolve(import.meta.dirname, '..');

/** The source modules each initially shown route renders; `deferred` ones load after it has shown. */
export const initialRoutes: Record<string, { modules: string[]; deferred?: string[] }> = {
  login: { modules: ['src/features/auth/LoginPage.tsx'] },
  start: { modules: ['src/features/home/HomePage.tsx'], deferred: ['src/features/goals/AlignmentGauge.tsx'] },
};

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface RouteJs extends Sizes {
  route: string;
  files: (Sizes & { file: string })[];
  /** What loads after the route has shown (not part of the sums above). */
  deferred: Sizes;
}

const newestChange = (path: string): number => {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((n, name) => Math.max(n, newestChange(join(path, name))), stat.mtimeMs);
};

/** What a build is made from: when none of it changed since packages/web/dist was built, dist is current. */
const sources = ['src', 'tools', 'index.html', 'vite.config.ts', '../shared/src', '../../package-lock.json'];

/** packages/web/dist when it was built after its last source change (as `npm test` does first), else null. */
export const currentDist = (): string | null => {
  const dist = join(webRoot, 'dist');
  const built = newestChange(join(dist, '.vite/manifest.json'));
  const changed = Math.max(...sources.map((s) => newestChange(join(webRoot, s))));
  return built > changed ? dist : null;
};

/** Builds the web app for production into `outDir` with a manifest; takes a few seconds. */
export const buildWeb = (outDir: string = mkdtempSync(join(tmpdir(), 'nenner-web-'))): string => {
  const result = spawnSync(
    join(webRoot, '../../node_modules/.bin/vite'),
    ['build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'],
    // A test runner sets NODE_ENV=test, which would make Vite build React's development version.
    { cwd: webRoot, env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  return outDir;
};

const sizesOf = (data: Buffer): Sizes => ({
  raw: data.length,
  gzip: gzipSync(data, { level: 9 }).length,
  brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

const sum = (items: Sizes[]): Sizes => ({
  raw: items.reduce((n, s) => n + s.raw, 0),
  gzip: items.reduce((n, s) => n + s.gzip, 0),
  brotli: items.reduce((n, s) => n + s.brotli, 0),
});

/** The manifest keys a set of start keys loads: themselves and their static imports, transitively. */
const closure = (manifest: Manifest, start: string[]): Set<string> => {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const k of manifest[key].imports ?? []) visit(k);
  };
  for (const key of start) visit(key);
  return seen;
};

/** Sums the compressed initial JavaScript of each route in a build made with `--manifest`. */
export const measureInitialJs = (distDir: string): RouteJs[] => {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entries = Object.keys(manifest).filter((k) => manifest[k]?.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry chunk, found ${entries.join(', ') || 'none'}`);
  const cache = new Map<string, Sizes>();
  const sized = (key: string): Sizes & { file: string } => {
    const file = manifest[key]?.file ?? key;
    let s = cache.get(file);
    if (!s) {
      s = sizesOf(readFileSync(join(distDir, file)));
      cache.set(file, s);
    }
    return { file, ...s };
  };
  return Object.entries(initialRoutes).map(([route, { modules, deferred = [] }]) => {
    // A route module without its own manifest entry is bundled into the entry's chunks.
    const initial = closure(manifest, [...entries, ...modules]);
    const later = [...closure(manifest, deferred)].filter((k) => !initial.has(k));
    const files = [...initial].map(sized).sort((a, b) => b.gzip - a.gzip);
    return { route, ...sum(files), files, deferred: sum(later.map(sized)) };
  });
};

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = process.argv[2] ? resolve(process.argv[2]) : (currentDist() ?? buildWeb());
  for (const r of measureInitialJs(dist)) {
    console.log(
      `${r.route}: ${r.files.length} files, ${kb(r.raw)} raw, ${kb(r.gzip)} gzip, ${kb(r.brotli)} brotli` +
        (r.deferred.raw ? ` (then deferred: ${kb(r.deferred.gzip)} gzip, ${kb(r.deferred.brotli)} brotli)` : ''),
    );
    for (const f of r.files) console.log(`  ${f.file.padEnd(48)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)}`);
  }
}
