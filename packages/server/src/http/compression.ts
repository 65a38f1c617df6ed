import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

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
    globalDecompression: false,
  });
};
