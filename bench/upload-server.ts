/**
 * A child process for bench/upload.ts: either the full app (sessions, CSRF, entry checks, tus) on a fresh SQLite
 * database, or a bare Node http server that pipes each request body to a file. Prints its port, then reports its
 * memory when asked.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';

const [mode, dir] = process.argv.slice(2) as ['app' | 'pipe', string];

function reportMemory(): void {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  process.stdout.write(`${JSON.stringify({ rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') })}\n`);
}
process.stdin.on('data', () => reportMemory());

if (mode === 'pipe') {
  const server = http.createServer((req, res) => {
    const out = fs.createWriteStream(path.join(dir, 'pipe.bin'), {
      flags: req.headers['x-offset'] === '0' ? 'w' : 'a',
    });
    req.pipe(out);
    out.on('finish', () => res.writeHead(204).end());
  });
  server.listen(0, '127.0.0.1', () =>
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`),
  );
} else {
  const { loadConfig } = await import('../server/config.ts');
  const { createDeps } = await import('../server/deps.ts');
  const { buildApp } = await import('../server/http/app.ts');
  const { ensureFirstAdmin } = await import('../server/services/accounts/ensure-first-admin.ts');
  const { loadDemoContest } = await import('../server/services/contests/load-demo-contest.ts');
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const { deps } = await createDeps(config, pino({ level: 'silent' }));
  const admin = await ensureFirstAdmin(deps);
  if (!admin.created) throw new Error('expected an empty data directory');
  await loadDemoContest(deps, { userId: admin.userId, isSiteAdmin: true, ip: null });
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(
    `${JSON.stringify({ port: (app.server.address() as AddressInfo).port, adminPassword: admin.password })}\n`,
  );
}
