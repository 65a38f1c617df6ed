import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { browserContract } from './tools/browserContract.ts';
import { precompress } from './tools/precompress.ts';

export default defineConfig({
  plugins: [react(), browserContract(), precompress()],
  // the manifest names each page's chunks: tools/initialJs.ts sums what the first page loads from it
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 1500 },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.NENNER_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
