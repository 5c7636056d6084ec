import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The single-page app. Every route is its own chunk (React.lazy), so the public pages never load Ant Design,
 * which only the staff screens import. The API server serves `dist/web` and falls back to index.html.
 */
export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  resolve: { alias: { '@core': fileURLToPath(new URL('../core', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The server reads which chunk and CSS each server-rendered page needs (server/http/ssr/).
    manifest: true,
    // The staff chunk carries Ant Design on purpose; public chunks stay far below this.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
