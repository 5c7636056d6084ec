/**
 * A child process for bench/votes.ts: the app (API only) on the database the bench seeded. Prints its port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver, constants } from 'node:perf_hooks';
import pino from 'pino';

const [dir, databaseUrl, complexity, mode, roles] = process.argv.slice(2) as [string, string, string, string, string?];
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
  // SQLite's vote thread (ADR 0061) as the environment sets it (the server's default when unset); the ceiling needs
  // the main thread's batcher.
  VOTE_THREAD: mode === 'ceiling' ? '0' : process.env.VOTE_THREAD,
  // With --worker: the integrity checks on their own thread (ADR 0066) unless the environment says 0.
  INTEGRITY_THREAD: process.env.INTEGRITY_THREAD,
});
const { deps } = await createDeps(config, pino({ level: 'silent' }));
if (mode === 'ceiling') {
  // bench/votes.ts --ceiling: every check a vote goes through, then answered as counted without its batch (nothing
  // is read or written under the log head, nothing stored): the most this HTTP path could do with a free database.
  const { voteBatcher } = await import('../server/services/voting/vote-batcher.ts');
  voteBatcher(deps).submit = (async () => ({ status: 'counted', now: deps.clock() })) as never;
}
const app = await buildApp(deps);
// `--worker`: the worker role in the same process, as the default SQLite install runs it (ROLES=web,worker): its jobs
// and the integrity checks over new votes every 5 s (on their own thread unless INTEGRITY_THREAD=0, ADR 0066).
const worker = roles === 'web,worker' ? await (await import('../server/jobs/worker.ts')).startWorker(deps) : null;
let close: () => Promise<void> = () => app.close();
if (mode === 'floor') {
  // bench/votes.ts --floor: node's HTTP server alone answers each vote as the app would (its headers, an answer as
  // long), after reading its body and nothing else: what any server in this process pays, framework and checks apart.
  const sample = await app.inject({ method: 'GET', url: '/api/health' });
  const headers = Object.entries(sample.headers).filter(([k]) => !['date', 'content-length', 'connection'].includes(k));
  const answer = JSON.stringify({
    status: 'counted',
    castAt: new Date().toISOString(),
    nextVoteOpensAt: new Date().toISOString(),
    message: {
      vi: 'Bạn đã bình chọn hôm nay. Lượt bình chọn tiếp theo mở lúc 00:00 ngày 09/12/2026 (giờ Việt Nam).',
      en: 'You have voted today. Your next vote opens at 00:00 on 09/12/2026 (Vietnam time).',
    },
  });
  const floor = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      for (const [k, v] of headers) res.setHeader(k, v as string);
      res.setHeader('content-length', Buffer.byteLength(answer));
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`${JSON.stringify({ port: (floor.address() as AddressInfo).port })}\n`);
  close = () => new Promise((resolve) => floor.close(() => resolve()));
} else {
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port })}\n`);
}
const started = process.cpuUsage();
// The event loop's delays over the whole run: a long one is work that held every request back (a sync commit, GC).
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
// Garbage collections' pauses, the major ones (mark-sweep-compact) apart: a cause of the event loop's long delays.
const gc = { count: 0, ms: 0, major: 0, majorMs: 0, longest: 0 };
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count++;
    gc.ms += e.duration;
    gc.longest = Math.max(gc.longest, e.duration);
    if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      gc.major++;
      gc.majorMs += e.duration;
    }
  }
});
gcObserver.observe({ entryTypes: ['gc'] });
// A normal exit on SIGINT, so that `--cpu-prof` writes its profile; first the CPU time spent since listening.
process.once('SIGINT', () => {
  const used = process.cpuUsage(started);
  loopDelay.disable();
  gcObserver.disconnect();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  const round = (x: number) => Math.round(x * 10) / 10;
  const end = {
    cpuMs: (used.user + used.system) / 1000,
    loopDelayMs: { p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
    gc: { ...gc, ms: round(gc.ms), majorMs: round(gc.majorMs), longest: round(gc.longest) },
  };
  process.stdout.write(`${JSON.stringify(end)}\n`);
  void (async () => {
    await worker?.stop();
    await close();
    process.exit(0);
  })();
});
