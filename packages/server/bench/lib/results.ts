/* What the benchmarks measure, collected over a run for the reporter. */
import type { Engine } from './env.js';
import type { Measured } from './load.js';

/** Throughput of Nenner beside the bare baseline. */
export interface Result {
  engine: string;
  bench: string;
  nenner: Measured;
  baseline: Measured;
}

/** Sequential requests against a latency target. */
export interface Latency {
  engine: string;
  bench: string;
  what: string;
  samples: number;
  server: { p50: number; p99: number };
  client: { p50: number; p99: number };
  target: string;
  met: boolean;
}

/** A report's requests beside the raw engine's time to read its inputs once. */
export interface ReportLatency {
  engine: string;
  bench: string;
  phase: string;
  samples: number;
  server: { p50: number; p99: number };
  client: { p50: number; p99: number };
  /** Server time of the first sample (for cold runs: the first request after Nenner started, if no report ran before). */
  first: number;
  baseline: { countMs: number; readMs: number; rows: number };
  targetMs: number;
}

/** A full scan that follows the cursor to the end. */
export interface Scan {
  engine: string;
  pages: number;
  pairs: number;
  seconds: number;
  limit: number;
  firstPageMs: number;
}

/** One row of the scaling table (benchmarks/scale.ts): one engine at one size. */
export interface ScaleRow {
  engine: Engine;
  /** The seeded size (--contacts); `rows` counts what is there. */
  size: number;
  measuredAt: string;
  /** What the workspace holds. */
  rows: { contacts: number; accounts: number; deals: number; handoffs: number; touchpoints: number };
  /** Server milliseconds. */
  listFirst: number;
  listDeep: number;
  searchCommon: number;
  searchUnique: number;
  create: number;
  form: number;
  attributionCold: number;
  attributionWarm: number;
  sla: number;
  funnel: number;
  funnelByChannel: number;
  dbBytes: number;
  rssBytes: number;
  peakRssBytes: number;
  /** Load average (1 min) at the start and at the end. */
  load: [number, number];
}

export interface Results {
  throughput: Result[];
  latencies: Latency[];
  reportLatencies: ReportLatency[];
  scans: Scan[];
  /** One-line verdicts printed after the tables (list-all: combinations that meet the targets, the worst). */
  summaries: string[];
  /** The scaling table's rows (--only scale). */
  scale: ScaleRow[];
}

export const emptyResults = (): Results => ({
  throughput: [],
  latencies: [],
  reportLatencies: [],
  scans: [],
  summaries: [],
  scale: [],
});

/** Nenner's time over the baseline's: 1.3×, or 0.004× for a cached answer. */
export const ratioText = (ratio: number) => `${ratio >= 0.1 ? ratio.toFixed(1) : ratio.toPrecision(1)}×`;
