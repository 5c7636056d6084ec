import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIR = path.join(REPO_ROOT, 'dist', 'web');
/** The server-rendering bundle of the public pages (web/src/ssr/entry-server.tsx), beside the web app. */
export const SSR_DIR = path.join(REPO_ROOT, 'dist', 'ssr');
export const SSR_ENTRY = path.join(SSR_DIR, 'entry-server.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app into dist/web when it is missing or older than its sources (web/ and core/): on the first
 * `npm start`, after an update, and before the browser tests, which must never drive a stale build.
 */
export async function ensureWebBuilt(opts: { onBuild?: () => void } = {}): Promise<string> {
  const index = path.join(WEB_DIR, 'index.html');
  const builtAt = Math.min(
    fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0,
    fs.existsSync(SSR_ENTRY) ? fs.statSync(SSR_ENTRY).mtimeMs : 0,
  );
  const sources = Math.max(newestMtime(path.join(REPO_ROOT, 'web')), newestMtime(path.join(REPO_ROOT, 'core')));
  if (builtAt < sources) {
    opts.onBuild?.();
    const { build } = await import('vite');
    // NODE_ENV=test (vitest) or development would make Vite pick the development builds of React and the router.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const configFile = path.join(REPO_ROOT, 'web', 'vite.config.ts');
      await build({ configFile, logLevel: 'warn', mode: 'production' });
      await build({
        configFile,
        logLevel: 'warn',
        mode: 'production',
        build: {
          ssr: path.join(REPO_ROOT, 'web', 'src', 'ssr', 'entry-server.tsx'),
          outDir: SSR_DIR,
          emptyOutDir: true,
          manifest: false,
          copyPublicDir: false,
        },
      });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
  }
  return WEB_DIR;
}
