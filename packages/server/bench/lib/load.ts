/*
 * Throughput under load: autocannon against Nenner and the bare baseline, in ABBA rounds so both sides
 * share the machine's drift alike.
 */
import autocannon from 'autocannon';
import { log, pause } from './env.js';

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  /** Seconds per server measured (half before, half after the other side). */
  duration: number;
  /** Seconds of unmeasured load on each server first. */
  warmup: number;
  connections: number;
}

const measure = async (opts: autocannon.Options, seconds: number, connections: number): Promise<Measured> => {
  const r = await autocannon({ ...opts, connections, duration: seconds });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
};

const printMeasured = (label: string, m: Measured, rounds: Measured[]) => {
  const bad = m.non2xx + m.errors;
  log(
    `  ${label.padEnd(9)} ${Math.round(m.rps).toString().padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms` +
      `  (rounds: ${rounds.map((r) => Math.round(r.rps)).join(', ')} req/s)` +
      (bad ? `  (${bad} failed!)` : ''),
  );
  if (bad > m.requests / 100) throw new Error(`${label}: ${bad} of ${m.requests} requests failed`);
};

const combine = (rounds: Measured[], seconds: number): Measured => {
  const sum = (f: (m: Measured) => number) => rounds.reduce((t, m) => t + f(m), 0);
  return {
    rps: sum((m) => m.requests) / seconds,
    p50: Math.round((sum((m) => m.p50) / rounds.length) * 10) / 10,
    p99: Math.round((sum((m) => m.p99) / rounds.length) * 10) / 10,
    requests: sum((m) => m.requests),
    non2xx: sum((m) => m.non2xx),
    errors: sum((m) => m.errors),
  };
};

/**
 * Warms both servers up, then measures in the order baseline, Nenner, Nenner, baseline (half the duration
 * each), so a drift in the machine's other load during the run weighs on both sides alike. Requests/s is
 * over both halves; p50/p99 are the mean of the two halves' percentiles.
 */
export const compare = async (
  baselineOpts: () => autocannon.Options,
  nennerOpts: () => autocannon.Options,
  { duration, warmup, connections }: LoadOptions,
) => {
  // A pause before each round lets the requests still in flight finish: two processes writing the same
  // SQLite file at once make deferred transactions fail with SQLITE_BUSY (a bench artifact, not load).
  const round = async (opts: () => autocannon.Options, seconds: number) => {
    await pause(1000);
    return measure(opts(), seconds, connections);
  };
  await round(baselineOpts, warmup);
  await round(nennerOpts, warmup);
  const half = duration / 2;
  const b1 = await round(baselineOpts, half);
  const n1 = await round(nennerOpts, half);
  const n2 = await round(nennerOpts, half);
  const b2 = await round(baselineOpts, half);
  const baseline = combine([b1, b2], duration);
  const nenner = combine([n1, n2], duration);
  printMeasured('baseline', baseline, [b1, b2]);
  printMeasured('nenner', nenner, [n1, n2]);
  return { baseline, nenner };
};

/** Autocannon options that cycle through `paths` (and fresh bodies, when given) request by request. */
export const cycle = (
  port: number,
  method: string,
  paths: string[],
  headers: Record<string, string>,
  bodies?: () => string,
) => {
  let i = 0;
  return (): autocannon.Options => ({
    url: `http://127.0.0.1:${port}`,
    requests: [
      {
        method,
        headers,
        setupRequest: (req: autocannon.Request) => {
          const n = i++;
          return { ...req, path: paths[n % paths.length], ...(bodies && { body: bodies() }) };
        },
      },
    ],
  });
};
