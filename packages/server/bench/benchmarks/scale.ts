/*
 * scale (issue 17): one row of the scaling table (`npm run bench -- --scale`, see bench/scale.ts), measured on
 * the seeded workspace of one size:
 * - the contact list sorted by surname, first page and a page at a cursor halfway through (server p50);
 * - the contact search, a common surname and one contact's own address (server p95);
 * - creating a contact and a public form post (server p50 of sequential requests; the rows go afterwards);
 * - attribution cold and warm, the SLA report and the funnel: their own benchmarks, cold and warm only;
 * - the database's size on disk and Nenner's resident memory (now and at its peak) after all of it.
 */
import fs from 'node:fs';
import os from 'node:os';
import { encodeCursor } from '../../src/lib/cursor.js';
import type { BenchContext, Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import type { ScaleRow } from '../lib/results.js';
import { percentileOf, requestTimes, round1 } from '../lib/timing.js';
import { attribution } from './attribution.js';
import { ensureBenchForm } from './form.js';
import { funnel } from './funnel.js';
import { sla } from './sla.js';

const countOf = async (fx: BenchContext['fx'], table: string) =>
  Number(((await fx.query(`select count(*) as n from ${table}`)) as [{ n: number }])[0].n);

/** VmRSS and VmHWM (the peak) of a process, in bytes. */
const memoryOf = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
};

const diskBytes = async (b: BenchContext) => {
  if (b.engine === 'postgres') {
    const [{ n }] = (await b.fx.query('select pg_database_size(current_database()) as n')) as [{ n: number }];
    return Number(n);
  }
  const file = b.target.file ?? '';
  return [file, `${file}-wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
};

const p = (times: { server: number[] }, at: number) => round1(percentileOf(times.server, at));

export const scale: Benchmark = async (b) => {
  const { engine, fx, nenner, cookie, options } = b;
  const loadAtStart = os.loadavg()[0] ?? NaN;
  const startedAt = new Date().toISOString();
  const auth = { cookie };
  const n = options.samples;
  const rows = {
    contacts: await countOf(fx, 'contacts'),
    accounts: await countOf(fx, 'accounts'),
    deals: await countOf(fx, 'deals'),
    handoffs: await countOf(fx, 'handoffs'),
    touchpoints: await countOf(fx, 'touchpoints'),
  };
  log(
    `  scale: ${Object.entries(rows)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')}`,
  );

  const list = `${nenner.url}/api/contacts?sort=lastName&limit=50`;
  const [middle] = await fx.query(
    'select sort_last_name, id from contacts where deleted_at is null order by sort_last_name, id limit 1 offset ?',
    [Math.floor(rows.contacts / 2)],
  );
  if (!middle) throw new Error('scale: no contact halfway through the list');
  const deep = `${list}&cursor=${encodeCursor(String(middle.sort_last_name), String(middle.id), 'lastName')}`;
  // unmeasured requests first, so each figure is of a warmed server (its code compiled by V8, its
  // statements prepared): a fresh one answered the contact list in 6–8 ms for its first 30 requests
  const WARM_UP = 50;
  const timed = async (url: string, headers: Record<string, string>, body?: () => string) => {
    for (let i = 0; i < WARM_UP; i++) {
      const init = body ? { method: 'POST', headers, body: body() } : { headers };
      const r = await fetch(url, init);
      if (!r.ok) throw new Error(`scale: ${url}: ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
    }
    return requestTimes(url, headers, nenner.log, n, undefined, body);
  };
  const warm = (url: string) => timed(url, auth);
  const listFirst = p(await warm(list), 50);
  const listDeep = p(await warm(deep), 50);
  log(`  contact list sorted by surname: first page p50 ${listFirst} ms, halfway p50 ${listDeep} ms`);

  const [one] = await fx.query('select email from contacts where deleted_at is null order by id limit 1 offset 4321');
  const local = String(one?.email ?? '').split('@')[0];
  if (!local) throw new Error('scale: no contact to take an address from');
  const searchCommon = p(await warm(`${nenner.url}/api/contacts?q=mueller&limit=50`), 95);
  const searchUnique = p(await warm(`${nenner.url}/api/contacts?q=${encodeURIComponent(local)}&limit=50`), 95);
  log(`  contact search p95: 'mueller' ${searchCommon} ms, one contact's address ${searchUnique} ms`);

  const json = { origin: nenner.url, 'content-type': 'application/json' };
  let started = new Date().toISOString();
  let create: number;
  try {
    create = p(await timed(`${nenner.url}/api/contacts`, { ...json, cookie }, fx.bodies()), 50);
  } finally {
    await fx.removeCreatedSince(started);
  }
  const slug = await ensureBenchForm(fx, nenner);
  started = new Date().toISOString();
  let form: number;
  try {
    form = p(await timed(`${nenner.url}/f/${slug}`, { 'content-type': 'application/json' }, fx.formBodies('json')), 50);
  } finally {
    await fx.removeFormPostsSince(started);
  }
  log(`  create contact p50 ${create} ms, public form post p50 ${form} ms`);

  const reports = { ...b, options: { ...options, reportPhases: 'cold-warm' as const } };
  const before = b.results.reportLatencies.length;
  await attribution(reports);
  await sla(reports);
  await funnel(reports);
  const measured = b.results.reportLatencies.slice(before);
  const report = (bench: string, phase = 'sequential') => {
    const r = measured.find((m) => m.bench === bench && m.phase === phase);
    if (!r) throw new Error(`scale: ${bench} ${phase} was not measured`);
    return r.server.p50;
  };

  const memory = memoryOf(nenner.pid);
  const row: ScaleRow = {
    engine,
    size: b.size,
    measuredAt: startedAt,
    rows,
    listFirst,
    listDeep,
    searchCommon,
    searchUnique,
    create,
    form,
    attributionCold: report('attribution pipeline', 'cold'),
    attributionWarm: report('attribution pipeline', 'warm'),
    sla: report('sla'),
    funnel: report('funnel'),
    funnelByChannel: report('funnel by channel'),
    dbBytes: await diskBytes(b),
    rssBytes: memory.rss,
    peakRssBytes: memory.peak,
    load: [round1(loadAtStart), round1(os.loadavg()[0] ?? NaN)],
  };
  b.results.scale.push(row);
  log(
    `  database ${(row.dbBytes / 2 ** 20).toFixed(0)} MiB on disk; Nenner RSS ${(row.rssBytes / 2 ** 20).toFixed(0)} MiB (peak ${(row.peakRssBytes / 2 ** 20).toFixed(0)} MiB)`,
  );
};
