import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const built = new Map<string, Promise<string>>();

/**
 * A worker thread's TypeScript entry with all it imports, as one script, built once per process and entry: no
 * TypeScript loader reaches a worker thread under every runner we use (tsx, vitest). esbuild builds in its own
 * process, not on the event loop. better-sqlite3, a native addon, is required where it is installed.
 */
export function workerCode(entry: URL): Promise<string> {
  const file = fileURLToPath(entry);
  let code = built.get(file);
  if (!code) {
    code = build({
      entryPoints: [file],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      external: ['better-sqlite3'],
      logLevel: 'silent',
    }).then((out) => {
      const driver = JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'));
      return out.outputFiles[0]!.text.replaceAll('require("better-sqlite3")', `require(${driver})`);
    });
    built.set(file, code);
    // A failed build is tried again by the next thread.
    code.catch(() => built.delete(file));
  }
  return code;
}
