/**
 * Gallery under load (issue 5, run by hand: `npx tsx bench/gallery.ts [--entries 1000] [--duration 10]
 * [--connections 200] [--rounds 3]`): the gallery page (the HTML the browser loads, rendered on the server since
 * issue 14, and the bare web-app shell it was before) and the gallery API (first page, a filtered page and a search)
 * at 200 connections with 1,000 published entries, against a hello-world route of the same server in the same run.
 * Requests ask for Brotli, as browsers do. Each target is measured in alternating rounds; the figures are medians.
 * Target: p99 ≤ 50 ms. Also shown: the server's CPU time per answer (µs), which a busy shared machine skews less.
 *
 * The server (bench/gallery-server.ts) runs in its own process on a temporary data directory; this process only
 * generates load (autocannon on loopback).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { arg } from './args.ts';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<{
  latency: { p50: number; p99: number };
  requests: { average: number; total: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
}>;

const entries = arg('entries', 1000);
const duration = arg('duration', 10);
const connections = arg('connections', 200);
const rounds = arg('rounds', 3);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gallery-'));
const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(import.meta.dirname, 'gallery-server.ts'), dir, String(entries)],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const ready = await new Promise<{ port: number; slug: string; entryId: number }>((resolve, reject) => {
  readline.createInterface({ input: child.stdout! }).once('line', (l) => resolve(JSON.parse(l)));
  child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const base = `http://127.0.0.1:${ready.port}`;
const targets: [string, string][] = [
  ['hello (baseline)', '/bench/hello'],
  ['gallery page (HTML, SSR)', `/c/${ready.slug}/gallery`],
  // What the gallery's address answered before server rendering: the web app's index.html, from the fallback for
  // client-side routes (an address no route claims).
  ['gallery page (SPA shell)', `/c/${ready.slug}/gallery-spa`],
  ['gallery API, page 1', `/api/public/contests/${ready.slug}/gallery`],
  ['gallery API, form filter', `/api/public/contests/${ready.slug}/gallery?form=report&page=2`],
  ['gallery API, search', `/api/public/contests/${ready.slug}/gallery?q=vinh%20linh`],
  ['public entry API', `/api/public/entries/${ready.entryId}`],
];

const check = await fetch(`${base}/api/public/contests/${ready.slug}/gallery`).then(
  (r) => r.json() as Promise<{ total: number; items: unknown[] }>,
);
if (check.total !== entries) throw new Error(`expected ${entries} published entries, the gallery has ${check.total}`);

const results = new Map<string, { p50: number[]; p99: number[]; rps: number[]; bytes: number[]; cpu: number[] }>();
const serverCpu = () => fetch(`${base}/bench/cpu`).then((r) => r.json() as Promise<{ us: number }>);
// Warm-up: JIT, caches.
for (const [, url] of targets) await autocannon({ url: `${base}${url}`, connections: 20, duration: 2 });
for (let r = 0; r < rounds; r++) {
  for (const [name, url] of targets) {
    const cpuBefore = await serverCpu();
    const res = await autocannon({
      url: `${base}${url}`,
      connections,
      duration,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    const cpuAfter = await serverCpu();
    if (res.non2xx || res.errors) throw new Error(`${name}: ${res.non2xx} non-2xx, ${res.errors} errors`);
    const acc = results.get(name) ?? { p50: [], p99: [], rps: [], bytes: [], cpu: [] };
    acc.cpu.push((cpuAfter.us - cpuBefore.us) / Math.max(1, res.requests.total));
    acc.bytes.push(res.throughput.average / Math.max(1, res.requests.average));
    acc.p50.push(res.latency.p50);
    acc.p99.push(res.latency.p99);
    acc.rps.push(res.requests.average);
    results.set(name, acc);
  }
}
child.kill();
fs.rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const hello = results.get('hello (baseline)')!;
console.log(
  `\n${entries} published entries, ${connections} connections, ${rounds} rounds of ${duration} s, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log('target                         req/s   ratio   p50 ms   p99 ms   p99 ≤ 50 ms   KB/answer   CPU µs/answer');
for (const [name] of targets) {
  const m = results.get(name)!;
  const rps = median(m.rps);
  const p99 = median(m.p99);
  console.log(
    `${name.padEnd(29)} ${rps.toFixed(0).padStart(6)}   ${(rps / median(hello.rps)).toFixed(2).padStart(5)}   ` +
      `${median(m.p50).toFixed(1).padStart(6)}   ${p99.toFixed(1).padStart(6)}   ` +
      `${(p99 <= 50 ? 'yes' : 'NO').padEnd(11)}   ${(median(m.bytes) / 1000).toFixed(1).padStart(9)}   ` +
      `${median(m.cpu).toFixed(0).padStart(13)}`,
  );
}
