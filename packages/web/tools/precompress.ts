import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

/*
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, compressed once at
 * the highest level, so the server sends them as they are (@fastify/static `preCompressed`) instead of
 * compressing each request. Files below 1 KB gain nothing and are left alone.
 */

const compressible = /\.(js|mjs|css|html|svg|json|txt)$/;
const minBytes = 1024;
const br = promisify(brotliCompress);
const gz = promisify(gzip);

export const precompress = (): Plugin => ({
  name: 'nenner-precompress',
  apply: 'build',
  async writeBundle(options, bundle) {
    const dir = options.dir;
    if (!dir) return;
    const files = Object.keys(bundle).filter((f) => compressible.test(f) && !f.startsWith('.'));
    await Promise.all(
      files.map(async (file) => {
        const path = join(dir, file);
        const data = await readFile(path);
        if (data.length < minBytes) return;
        const [brotli, gzipped] = await Promise.all([
          br(data, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            },
          }),
          gz(data, { level: constants.Z_BEST_COMPRESSION }),
        ]);
        await Promise.all([writeFile(`${path}.br`, brotli), writeFile(`${path}.gz`, gzipped)]);
      }),
    );
  },
});
