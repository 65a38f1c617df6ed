/* What the runner hands every benchmark. */
import type { BenchDb } from '../fixtures.js';
import type { Engine, Target } from './env.js';
import type { Explain } from './explain.js';
import type { LoadOptions } from './load.js';
import type { Results } from './results.js';

export interface BenchOptions extends LoadOptions {
  /** Sequential requests per latency measurement. */
  samples: number;
  /** Requests of a report with its cache emptied before each. */
  coldSamples: number;
  /** list-all: pages followed to reach the deep cursor, rows of its table printed (0: all), lists (empty: all), the throughput part. */
  listAll: { deepPages: number; rows: number; lists: string[]; load: boolean };
  /** Reports: every phase, or (the scaling table) cold and warm only. */
  reportPhases: 'all' | 'cold-warm';
}

export interface BenchContext {
  engine: Engine;
  target: Target;
  fx: BenchDb;
  /** The size the workspace was seeded for (--contacts). */
  size: number;
  options: BenchOptions;
  /** The server under test: its port, process, base URL and request log. */
  nenner: { port: number; pid: number; url: string; log: string };
  baselinePort: number;
  /** The sales user's session cookie. */
  cookie: string;
  /** Where the benchmark records what it measured. */
  results: Results;
  /** Set with --explain. */
  explain: Explain | null;
}

/** One benchmark: measures against the running servers and records into ctx.results. */
export type Benchmark = (ctx: BenchContext) => Promise<void>;
