/* create contact: POST /api/contacts under load, beside the baseline's same insert; the rows go afterwards. */
import type { Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { compare, cycle } from '../lib/load.js';

export const create: Benchmark = async ({ engine, fx, nenner, baselinePort, cookie, options, results }) => {
  log('  create contact: POST /api/contacts');
  const started = new Date().toISOString();
  const origin = { origin: nenner.url, 'content-type': 'application/json' };
  try {
    const bodies = { baseline: fx.bodies(), nenner: fx.bodies() };
    const m = await compare(
      cycle(baselinePort, 'POST', ['/contacts'], origin, bodies.baseline),
      cycle(nenner.port, 'POST', ['/api/contacts'], { ...origin, cookie }, bodies.nenner),
      options,
    );
    results.throughput.push({ engine, bench: 'create', ...m });
  } finally {
    log(`  removed ${await fx.removeCreatedSince(started)} contacts created by the run`);
  }
};
