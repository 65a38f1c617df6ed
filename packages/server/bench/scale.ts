/*
 * npm run bench -- --scale [--sizes 10000,100000,1000000,5000000] [--engine sqlite|postgres] [--samples 30]
 *
 * The scaling table (issue 17): for each size, a workspace seeded with the bench's proportions (accounts
 * N/5, handoffs N/5, deals N/10, touchpoints 5·N; `src/scripts/seed.ts`), once per size and engine and
 * reused (1M is the bench's own database; the others live in .bench/scale-<N>/ and `nenner_bench_<N>`),
 * measured by benchmarks/scale.ts in a bench run of its own per size and engine (so each has its own
 * database and a freshly started Nenner). Prints the table and writes it into docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDir, docsFile, type Engine, engineName, log, pgBenchDatabase, serverDir } from './lib/env.js';
import type { ScaleRow } from './lib/results.js';
import { tsx } from './lib/servers.js';
import { tableOf } from './report.js';

const BENCH_SIZE = 1_000_000;

const envOf = (size: number): Record<string, string> =>
  size === BENCH_SIZE
    ? {}
    : { BENCH_DIR: path.join(benchDir, `scale-${size}`), BENCH_PG_DATABASE: `${pgBenchDatabase}_${size}` };

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MiB`;
const ms = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : String(n));

const header = [
  'contacts',
  'engine',
  'list p50: first / halfway',
  'search p95: name / address',
  'create p50',
  'form post p50',
  'attribution: cold / warm',
  'SLA report',
  'funnel / by channel',
  'on disk',
  'RSS (peak)',
  'measured, load',
];
const rowOf = (r: ScaleRow) => [
  r.size.toLocaleString('en'),
  engineName(r.engine),
  `${ms(r.listFirst)} / ${ms(r.listDeep)}`,
  `${ms(r.searchCommon)} / ${ms(r.searchUnique)}`,
  ms(r.create),
  ms(r.form),
  `${ms(r.attributionCold)} / ${ms(r.attributionWarm)}`,
  ms(r.sla),
  `${ms(r.funnel)} / ${ms(r.funnelByChannel)}`,
  mib(r.dbBytes),
  `${mib(r.rssBytes)} (${mib(r.peakRssBytes)})`,
  `${r.measuredAt.slice(5, 16).replace('T', ' ')}, ${r.load[0]} → ${r.load[1]}`,
];

/** Every row measured on this machine so far (the last run of each size and engine). */
const measuredRows = (): ScaleRow[] =>
  fs
    .readdirSync(benchDir)
    .filter((f) => /^scale-(sqlite|postgres)-\d+\.json$/.test(f))
    .flatMap((f) => JSON.parse(fs.readFileSync(path.join(benchDir, f), 'utf8')) as ScaleRow[]);

const marked = /<!-- bench:scale:start[\s\S]*?<!-- bench:scale:end -->/;
/** A table row's size and engine, as the first two cells print them. */
const keyOf = (cells: string[]) => `${cells[0]}|${cells[1]}`;

/**
 * The table's rows: those measured here, and those the document already holds for other sizes and engines
 * (measured earlier, perhaps on a machine whose bench files are gone; each row names when). By size, SQLite first.
 */
const tableRows = (doc: string): string[][] => {
  const fresh = measuredRows().map(rowOf);
  const kept = new Set(fresh.map(keyOf));
  const earlier = (doc.match(marked)?.[0] ?? '')
    .split('\n')
    .filter((line) => /^\| [\d,]+ +\|/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
    .filter((cells) => cells.length === header.length && !kept.has(keyOf(cells)));
  const size = (cells: string[]) => Number(cells[0]?.replace(/,/g, ''));
  return [...fresh, ...earlier].sort(
    (a, b) => size(a) - size(b) || (a[1] === b[1] ? 0 : a[1] === engineName('sqlite') ? -1 : 1),
  );
};

export const runScale = (o: { sizes: number[]; engines: Engine[]; passed: string[] }) => {
  for (const size of o.sizes) {
    for (const engine of o.engines) {
      log(`\nscale: ${size.toLocaleString('en')} contacts on ${engineName(engine)}`);
      const out = path.join(benchDir, `scale-${engine}-${size}.json`);
      fs.rmSync(out, { force: true });
      const args = ['bench/run.ts', '--only', 'scale', '--engine', engine, '--contacts', String(size)];
      const r = spawnSync(process.execPath, [...tsx, ...args, '--scale-out', out, ...o.passed], {
        cwd: serverDir,
        env: { ...process.env, ...envOf(size) },
        stdio: 'inherit',
      });
      if (r.status !== 0 || !fs.existsSync(out)) throw new Error(`scale: the run at ${size} on ${engine} failed`);
    }
  }
  // the rows of earlier runs stay (one engine or size can be measured again alone); each names its time
  const doc = fs.readFileSync(docsFile, 'utf8');
  const table = tableOf(tableRows(doc), header);
  log(`\n${table}`);
  const block = [
    '<!-- bench:scale:start (written by `npm run bench -- --scale`) -->',
    `Measured with \`npm run bench -- --scale …\` (the commands are in the text below): ${os.cpus().length} cores, ` +
      `Node ${process.version}. Server times in ms (p50 of sequential requests after 50 unmeasured ones; search p95); ` +
      'attribution is the pipeline measure, all seven models; the last column is when the row was measured ' +
      '(UTC) with the 1-minute load average at its start and end.',
    '',
    table,
    '<!-- bench:scale:end -->',
  ].join('\n');
  if (marked.test(doc)) fs.writeFileSync(docsFile, doc.replace(marked, block));
  else fs.writeFileSync(docsFile, `${doc.trimEnd()}\n\n## Scaling table\n\n${block}\n`);
  log(`Wrote the scaling table to ${path.relative(process.cwd(), docsFile)}`);
};
