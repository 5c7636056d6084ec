/**
 * A child process for bench/gallery.ts: the full app (SQLite, built web app) with the demo contest holding N
 * published entries, plus a hello-world route on the same server as the baseline. Prints its port and slug.
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { seedPublished } from './seed-published.ts';

const [dir, countArg] = process.argv.slice(2) as [string, string];
const { loadConfig } = await import('../server/config.ts');
const { createDeps } = await import('../server/deps.ts');
const { buildApp } = await import('../server/http/app.ts');
const { ensureFirstAdmin } = await import('../server/services/accounts/ensure-first-admin.ts');
const { loadDemoContest } = await import('../server/services/contests/load-demo-contest.ts');
const { ensureWebBuilt } = await import('../server/web-build.ts');
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
const { deps } = await createDeps(config, pino({ level: 'silent' }));
const admin = await ensureFirstAdmin(deps);
if (!admin.created) throw new Error('expected an empty data directory');
const contest = (await loadDemoContest(deps, { userId: admin.userId, isSiteAdmin: true, ip: null }))!;
const row = await deps.db
  .selectFrom('contests')
  .select(['id', 'name'])
  .where('slug', '=', contest.slug)
  .executeTakeFirstOrThrow();
const ids = await seedPublished(deps, Number(row.id), contest.slug, row.name, Number(countArg));
const app = await buildApp(deps, { webDir: await ensureWebBuilt() });
app.get('/bench/hello', async () => ({ hello: 'world' }));
// The server's own CPU time, in µs: a measure of the cost of a request that a machine shared with other work skews
// less than requests per second.
app.get('/bench/cpu', async () => {
  const u = process.cpuUsage();
  return { us: u.user + u.system };
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(
  `${JSON.stringify({ port: (app.server.address() as AddressInfo).port, slug: contest.slug, entryId: ids[0] })}\n`,
);
