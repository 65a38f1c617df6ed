/*
 * Latency of requests one after another on one connection: server time is the responseTime Nenner logs for
 * each request; client time adds HTTP and the localhost round trip.
 */
import fs from 'node:fs';
import { log, pause } from './env.js';
import type { Latency } from './results.js';

/** The nearest-rank percentile `p` of `values`. */
export const percentileOf = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  // nearest rank
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
export const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Whether a logged request was to `pathname`: the log names the route (`/api/occurrences/:id`), not the URL
 * (so no search term or token lands in it); older logs named the URL.
 */
const isTo = (logged: string, pathname: string) =>
  logged.startsWith(pathname) || new RegExp(`^${logged.replace(/:[^/]+/g, '[^/]+')}$`).test(pathname);

/** responseTime of each request to a URL starting with `prefix`, from Nenner's request log (written after `offset`). */
export const serverTimes = (logFile: string, offset: number, prefix: string): number[] => {
  const text = fs.readFileSync(logFile, 'utf8').slice(offset);
  const urls = new Map<string, string>();
  const times: number[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const e = JSON.parse(line) as {
        reqId?: string;
        req?: { url?: string; route?: string };
        responseTime?: number;
      };
      // one line per request (where it went and its time); older logs wrote the arrival on a line of its own
      const to = e.req?.url ?? e.req?.route;
      if (e.reqId && to) urls.set(e.reqId, to);
      if (e.reqId && e.responseTime !== undefined && isTo(urls.get(e.reqId) ?? '', prefix)) times.push(e.responseTime);
    } catch {
      // a partial line at the end
    }
  }
  return times;
};

/**
 * Sequential requests on one connection: `samples` measured after 3 warm-up requests, against a target
 * for the server's p50.
 */
export const sequential = async (
  m: { engine: string; bench: string; what: string; samples: number; targetMs: number },
  url: string,
  headers: Record<string, string>,
  logFile: string,
): Promise<Latency> => {
  const { engine, bench, what, samples, targetMs } = m;
  for (let i = 0; i < 3; i++) {
    const r = await fetch(url, { headers });
    if (!r.ok) throw new Error(`${bench}: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
  }
  await pause(200);
  const offset = fs.statSync(logFile).size;
  const client: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    const r = await fetch(url, { headers });
    await r.arrayBuffer();
    client.push(performance.now() - t);
    if (!r.ok) throw new Error(`${bench}: ${r.status}`);
  }
  await pause(300);
  const server = serverTimes(logFile, offset, new URL(url).pathname);
  if (server.length !== samples) throw new Error(`${bench}: found ${server.length} of ${samples} requests in the log`);
  const l: Latency = {
    engine,
    bench,
    what,
    samples,
    server: { p50: round1(percentileOf(server, 50)), p99: round1(percentileOf(server, 99)) },
    client: { p50: round1(percentileOf(client, 50)), p99: round1(percentileOf(client, 99)) },
    target: `≤ ${targetMs.toLocaleString('en')} ms`,
    met: percentileOf(server, 50) <= targetMs,
  };
  log(
    `  ${bench}: server p50 ${l.server.p50} ms, p99 ${l.server.p99} ms; client p50 ${l.client.p50} ms, p99 ${l.client.p99} ms` +
      ` (${samples} sequential requests; target ${l.target}: ${l.met ? 'met' : 'MISSED'} at p50)`,
  );
  return l;
};

/**
 * `n` requests one after another (each after `before`, when given), their server times from Nenner's
 * request log and their client times. GETs, or POSTs of `body()` when given.
 */
export const requestTimes = async (
  url: string,
  headers: Record<string, string>,
  logFile: string,
  n: number,
  before?: () => Promise<unknown>,
  body?: () => string,
) => {
  await pause(200);
  const offset = fs.statSync(logFile).size;
  const client: number[] = [];
  for (let i = 0; i < n; i++) {
    if (before) await before();
    const init: RequestInit = body ? { method: 'POST', headers, body: body() } : { headers };
    const t = performance.now();
    const r = await fetch(url, init);
    await r.arrayBuffer();
    client.push(performance.now() - t);
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
  }
  await pause(300);
  const server = serverTimes(logFile, offset, new URL(url).pathname);
  if (server.length !== n) throw new Error(`${url}: found ${server.length} of ${n} requests in the log`);
  return { server, client };
};
