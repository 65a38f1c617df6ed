/* duplicate scan: the time to follow GET /api/duplicates's nextCursor through every contact pair. */
import type { Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { round1 } from '../lib/timing.js';

export const duplicates: Benchmark = async ({ engine, nenner, cookie, results, explain }) => {
  const limit = 100;
  log(`  duplicate scan: GET /api/duplicates?type=contact&limit=${limit}, following nextCursor to the end`);
  const t0 = performance.now();
  let cursor: string | null = null;
  let pages = 0;
  let pairs = 0;
  let firstPageMs = 0;
  do {
    const q: string = `${nenner.url}/api/duplicates?type=contact&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const r = await fetch(q, { headers: { cookie } });
    if (!r.ok) throw new Error(`duplicates: ${r.status} ${await r.text()}`);
    const page = (await r.json()) as { items: unknown[]; nextCursor: string | null };
    pages++;
    pairs += page.items.length;
    if (pages === 1) firstPageMs = performance.now() - t0;
    cursor = page.nextCursor;
  } while (cursor);
  const seconds = (performance.now() - t0) / 1000;
  results.scans.push({ engine, pages, pairs, seconds: round1(seconds), limit, firstPageMs: Math.round(firstPageMs) });
  log(
    `  duplicate scan: ${pairs.toLocaleString('en')} pairs in ${pages} pages, ${seconds.toFixed(1)} s` +
      ` (first page ${Math.round(firstPageMs)} ms); target ≤ 20 s: ${seconds <= 20 ? 'met' : 'MISSED'}`,
  );
  if (explain) {
    const { listDuplicates } = await import('../../src/modules/quality/duplicates.service.js');
    const actor = await explain.actor();
    await explain.plan('duplicates, first page', (ctx) => listDuplicates(ctx, actor, { type: 'contact', limit }));
  }
};
