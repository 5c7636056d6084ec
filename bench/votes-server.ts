/**
 * A child process for bench/votes.ts: the app (API only) on the database the bench seeded. Prints its port.
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';

const [dir, databaseUrl, complexity] = process.argv.slice(2) as [string, string, string];
const { loadConfig } = await import('../server/config.ts');
const { createDeps } = await import('../server/deps.ts');
const { buildApp } = await import('../server/http/app.ts');
const config = loadConfig({
  DATA_DIR: dir,
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'silent',
  ALTCHA_COMPLEXITY: complexity,
  // As behind nginx (docs/deploy): the voter's address comes from X-Forwarded-For.
  TRUST_PROXY: '1',
});
const { deps } = await createDeps(config, pino({ level: 'silent' }));
const app = await buildApp(deps);
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port })}\n`);
const started = process.cpuUsage();
// A normal exit on SIGINT, so that `--cpu-prof` writes its profile; first the CPU time spent since listening.
process.once('SIGINT', () => {
  const used = process.cpuUsage(started);
  process.stdout.write(`${JSON.stringify({ cpuMs: (used.user + used.system) / 1000 })}\n`);
  void app.close().then(() => process.exit(0));
});
