/* list contacts: GET /api/contacts pages under load, beside the baseline's same query. */
import type { Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { compare, cycle } from '../lib/load.js';

function toBaseline(p: string) {
  return p.replace('/api/contacts', '/contacts');
}

/** Both servers must answer the same rows, or the comparison means nothing. */
async function checkSamePages(nennerPort: number, basePort: number, paths: string[], cookie: string) {
  for (const p of paths.slice(0, 5)) {
    const a = (await (await fetch(`http://127.0.0.1:${nennerPort}${p}`, { headers: { cookie } })).json()) as {
      items: { id: string }[];
    };
    const b = (await (await fetch(`http://127.0.0.1:${basePort}${toBaseline(p)}`)).json()) as {
      items: { id: string }[];
    };
    const ids = (x: { items: { id: string }[] }) => x.items.map((r) => r.id).join();
    if (a.items.length !== 50 || ids(a) !== ids(b)) throw new Error(`Nenner and baseline disagree on ${p}`);
  }
}

export const list: Benchmark = async ({ engine, fx, nenner, baselinePort, cookie, options, results }) => {
  log(`  list contacts: GET /api/contacts?ownerId=…&sort=lastName&limit=50[&cursor=…], ${fx.listPaths.length} pages`);
  await checkSamePages(nenner.port, baselinePort, fx.listPaths, cookie);
  const m = await compare(
    cycle(baselinePort, 'GET', fx.listPaths.map(toBaseline), {}),
    cycle(nenner.port, 'GET', fx.listPaths, { cookie }),
    options,
  );
  results.throughput.push({ engine, bench: 'list', ...m });
};
