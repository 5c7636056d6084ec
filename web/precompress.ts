import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(?:js|css|svg|json|txt|map)$/;

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy of every built asset worth compressing, so that the server sends them
 * to browsers that accept them (`preCompressed` in server/http/app.ts) at no CPU cost per request. A phone on a slow
 * connection downloads about a third of the bytes.
 */
export function precompress(): Plugin {
  let outDir = '';
  let ssr = false;
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      // The server-rendering bundle is read from disk by the server, never sent.
      ssr = Boolean(config.build.ssr);
    },
    closeBundle() {
      if (ssr) return;
      const walk = (dir: string): void => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) walk(p);
          else if (COMPRESSIBLE.test(e.name) && fs.statSync(p).size >= 1024) {
            const body = fs.readFileSync(p);
            fs.writeFileSync(
              `${p}.br`,
              zlib.brotliCompressSync(body, {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
                },
              }),
            );
            fs.writeFileSync(`${p}.gz`, zlib.gzipSync(body, { level: 9 }));
          }
        }
      };
      walk(outDir);
    },
  };
}
