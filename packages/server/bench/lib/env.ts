/* Where the bench keeps its files and databases, and how it prints. */
import path from 'node:path';

export type Engine = 'sqlite' | 'postgres';
/** The bench database of one engine: a SQLite file or a PostgreSQL URL. */
export type Target = { file?: string; url?: string };

const here = path.dirname(new URL(import.meta.url).pathname);
export const serverDir = path.resolve(here, '../..');
// BENCH_DIR / BENCH_PG_DATABASE: a bench database of one's own (say a small one while developing a benchmark)
export const benchDir = process.env.BENCH_DIR ?? path.join(serverDir, '.bench');
export const docsFile = path.resolve(serverDir, '../../docs/performance.md');

export const pgServerUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const pgBenchDatabase = process.env.BENCH_PG_DATABASE ?? 'nenner_bench';
/** A database of its own next to the given one, so the bench never touches the tests' data. */
export const pgUrl = () => {
  const u = new URL(pgServerUrl);
  u.pathname = `/${pgBenchDatabase}`;
  return u.toString();
};

export const targetOf = (engine: Engine): Target =>
  engine === 'sqlite' ? { file: path.join(benchDir, 'sqlite', 'nenner.sqlite') } : { url: pgUrl() };

export const engineName = (e: string) => (e === 'sqlite' ? 'SQLite' : 'PostgreSQL');

export const log = (line: string) => process.stdout.write(`${line}\n`);

/** Waits `ms` milliseconds. */
export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
