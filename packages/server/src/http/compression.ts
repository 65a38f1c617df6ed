import { constants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * How hard an answer is compressed: brotli's and gzip's fastest levels. A list page of 50 deals (60 KB of
 * JSON) took 0.52 ms at the plugin's default brotli quality 4 and 0.17 ms at 1, for 7.9 and 8.7 KB; a page
 * of 200 contacts 1.58 and 0.57 ms (`npm run bench -- --only compression`, docs/performance.md). Every
 * request pays the milliseconds on the server's one event loop; a tenth more bytes is little on any network.
 */
export const brotliOptions = {
  params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 1 },
};
export const gzipOptions = { level: 1 };

/**
 * Compresses answers above 1 KB with brotli (or gzip for clients without it), mostly JSON lists and
 * reports. Registered before any route: the plugin attaches itself to the routes declared after it.
 * The web app's files come precompressed from the build and pass through untouched. Request bodies are
 * not decompressed: clients send small JSON, and an inflated body could grow past the body limit.
 */
export const registerCompression = async (app: FastifyInstance): Promise<void> => {
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    // answers up to 256 KiB (a list page of 200 rows is ~140 KB) compressed in one call on the event loop:
    // the plugin's default on two cores, 8 KiB, streams them through the thread pool instead, which cost a
    // page of 50 contacts ~6 ms (server time 12–13.5 ms against 5.5–5.8 ms in one call, 1M contacts) and
    // at 20 connections a third of the throughput (pages of 200: 50 → 72 req/s)
    syncThreshold: 256 * 1024,
    brotliOptions,
    zlibOptions: gzipOptions,
    globalDecompression: false,
  });
};
