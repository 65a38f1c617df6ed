/*
 * The reporter: prints a run's tables (throughput beside the baseline, latencies, reports beside the raw
 * engine, full scans) and rewrites the results block of docs/performance.md with the list/create table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docsFile, engineName, log } from './lib/env.js';
import type { LoadOptions } from './lib/load.js';
import { type Result, type Results, ratioText } from './lib/results.js';

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const benchLabels: Record<string, string> = {
  list: 'list contacts',
  create: 'create contact',
  form: 'form post (JSON)',
  'form-urlencoded': 'form post (form-encoded)',
  events: 'event registration (JSON)',
};
const toRow = (r: Result) => [
  benchLabels[r.bench] ?? r.bench,
  engineName(r.engine),
  fmt(r.nenner.rps),
  `${r.nenner.p50} / ${r.nenner.p99}`,
  fmt(r.baseline.rps),
  `${r.baseline.p50} / ${r.baseline.p99}`,
  `${Math.round((r.nenner.rps / r.baseline.rps) * 100)}%`,
];
const header = ['benchmark', 'engine', 'Nenner req/s', 'p50 / p99 ms', 'baseline req/s', 'p50 / p99 ms', 'ratio'];
/** A Markdown table with its columns padded, as the formatter (biome) leaves the documents. */
export const tableOf = (rs: string[][], h: string[]) => {
  const widths = h.map((_, i) => Math.max(3, ...[h, ...rs].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${widths.map((w, i) => (r[i] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(h), line(widths.map((w) => '-'.repeat(w))), ...rs.map(line)].join('\n');
};

/** Prints every table of the run, the load average and the SQLite list target. */
export const printResults = ({ throughput, latencies, reportLatencies, scans, summaries }: Results) => {
  if (throughput.length > 0) log(`\n${tableOf(throughput.map(toRow), header)}\n`);
  if (latencies.length > 0) {
    log(
      '\n' +
        tableOf(
          latencies.map((l) => [
            l.bench,
            engineName(l.engine),
            l.what,
            String(l.samples),
            `${l.server.p50} / ${l.server.p99}`,
            `${l.client.p50} / ${l.client.p99}`,
            `${l.target} ${l.met ? 'met' : 'missed'}`,
          ]),
          ['benchmark', 'engine', 'data', 'samples', 'server p50 / p99 ms', 'client p50 / p99 ms', 'target (p50)'],
        ),
    );
  }
  if (reportLatencies.length > 0) {
    log(
      `\n${tableOf(
        reportLatencies.map((r) => [
          r.bench,
          engineName(r.engine),
          r.phase,
          String(r.samples),
          `${r.server.p50} / ${r.server.p99}`,
          `${r.client.p50} / ${r.client.p99}`,
          `${r.baseline.countMs} / ${r.baseline.readMs}`,
          r.baseline.rows.toLocaleString('en'),
          ratioText(r.server.p50 / r.baseline.readMs),
          `≤ ${r.targetMs.toLocaleString('en')} ms ${r.server.p50 <= r.targetMs ? 'met' : 'missed'}`,
        ]),
        [
          'report',
          'engine',
          'requests',
          'n',
          'server p50 / p99 ms',
          'client p50 / p99 ms',
          'baseline count / read ms',
          'rows read',
          'p50 ÷ read',
          'target (p50)',
        ],
      )}\n`,
    );
  }
  if (scans.length > 0) {
    log(
      `\n${tableOf(
        scans.map((x) => [
          engineName(x.engine),
          x.pairs.toLocaleString('en'),
          `${x.pages} × limit ${x.limit}`,
          `${x.firstPageMs} ms`,
          `${x.seconds} s`,
          x.seconds <= 20 ? 'met' : 'missed',
        ]),
        ['duplicate scan', 'pairs', 'pages', 'first page', 'full scan', 'target ≤ 20 s'],
      )}\n`,
    );
  }
  for (const s of summaries) log(s);
  log(
    `load average (1/5/15 min) now: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );

  const listSqlite = throughput.find((r) => r.bench === 'list' && r.engine === 'sqlite');
  if (listSqlite) {
    const ok = listSqlite.nenner.rps >= 2000 && listSqlite.nenner.rps / listSqlite.baseline.rps >= 0.6;
    log(`Target (SQLite list ≥ 2,000 req/s and ≥ 60% of the baseline): ${ok ? 'met' : 'MISSED'}`);
  }
};

/**
 * Rewrites the results block of docs/performance.md: the list/create comparison (the first issue's), with
 * the command and the machine it was measured on. Nothing when the run measured neither.
 */
export const writeResultsBlock = ({ throughput }: Results, { connections, warmup, duration }: LoadOptions) => {
  const rows = throughput.filter((r) => r.bench === 'list' || r.bench === 'create');
  if (rows.length === 0) return;
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const load = os.loadavg().map((l) => l.toFixed(1));
  const block = [
    '<!-- bench:results:start (written by `npm run bench`) -->',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`${command}\` on this machine: ` +
      `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ` +
      `${connections} connections, ${warmup} s warm-up, then ${duration} s per server measured in the order baseline, Nenner, Nenner, baseline; ` +
      `load average (1/5/15 min) at the end ${load.join(' / ')}.`,
    '',
    tableOf(rows.map(toRow), header),
    '<!-- bench:results:end -->',
  ].join('\n');
  const doc = fs.existsSync(docsFile) ? fs.readFileSync(docsFile, 'utf8') : '# Performance\n\n';
  const marked = /<!-- bench:results:start[\s\S]*?<!-- bench:results:end -->/;
  fs.writeFileSync(docsFile, marked.test(doc) ? doc.replace(marked, block) : `${doc.trimEnd()}\n\n${block}\n`);
  log(`Wrote the figures to ${path.relative(process.cwd(), docsFile)}`);
};
