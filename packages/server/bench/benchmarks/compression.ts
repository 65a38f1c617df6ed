/*
 * compression (opt-in: `--only compression`): what compressing a list page costs. Reads pages of each list
 * (50 and 200 rows) from Nenner uncompressed, then compresses each in-process with the options Nenner
 * answers with (src/http/compression.ts) and with @fastify/compress's defaults (brotli quality 4 in text
 * mode, gzip level 6), turn about, --samples × 20 times each: median µs per page and the bytes sent.
 */
import zlib from 'node:zlib';
import { brotliOptions, gzipOptions } from '../../src/http/compression.js';
import type { Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { percentileOf } from '../lib/timing.js';

const pluginBrotli = {
  params: {
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
  },
};
const ways = {
  'brotli, Nenner': (b: Buffer) => zlib.brotliCompressSync(b, brotliOptions),
  'brotli, plugin default': (b: Buffer) => zlib.brotliCompressSync(b, pluginBrotli),
  'gzip, Nenner': (b: Buffer) => zlib.gzipSync(b, gzipOptions),
  'gzip, plugin default': (b: Buffer) => zlib.gzipSync(b),
};
const PAGES = ['contacts', 'accounts', 'deals', 'handoffs', 'campaigns'].flatMap((l) =>
  [50, 200].map((n) => `/api/${l}?limit=${n}`),
);

export const compression: Benchmark = async ({ engine, nenner, cookie, options, results }) => {
  const rounds = Math.max(options.samples, 5) * 20;
  log(`  compression: ${PAGES.length} list pages, each compressed ${rounds} times per way`);
  log('  | page | JSON bytes | way | median µs | bytes |');
  for (const path of PAGES) {
    const r = await fetch(`http://127.0.0.1:${nenner.port}${path}`, {
      headers: { cookie, 'accept-encoding': 'identity' },
    });
    if (!r.ok) throw new Error(`compression: ${path} answered ${r.status}`);
    const body = Buffer.from(await r.arrayBuffer());
    const times = Object.fromEntries(Object.keys(ways).map((w) => [w, [] as number[]]));
    const sizes: Record<string, number> = {};
    for (const compress of Object.values(ways)) compress(body); // warm
    for (let i = 0; i < rounds; i++) {
      for (const [way, compress] of Object.entries(ways)) {
        const t = process.hrtime.bigint();
        sizes[way] = compress(body).length;
        times[way]?.push(Number(process.hrtime.bigint() - t) / 1000);
      }
    }
    for (const way of Object.keys(ways)) {
      const us = Math.round(percentileOf(times[way] ?? [], 50));
      log(`  | ${path} | ${body.length} | ${way} | ${us} | ${sizes[way]} |`);
    }
    const ours = percentileOf(times['brotli, Nenner'] ?? [], 50);
    const plugin = percentileOf(times['brotli, plugin default'] ?? [], 50);
    results.summaries.push(
      `compression ${engine} ${path} (${body.length} B): brotli ${Math.round(ours)} µs, ${sizes['brotli, Nenner']} B; ` +
        `the plugin's default ${Math.round(plugin)} µs, ${sizes['brotli, plugin default']} B (${(plugin / ours).toFixed(1)}×)`,
    );
  }
};
