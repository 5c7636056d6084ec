/**
 * Benchmark (run by hand: `npx tsx bench/gallery-first-load.ts`): first load of the public gallery on a phone over
 * 3G. The full app (SQLite, the built web app) holds 1,000 published entries with small real JPEG posters; a fresh
 * Chromium context (empty cache, 360×740 viewport) opens /c/:slug/gallery under Network.emulateNetworkConditions
 * (1.6 Mbps down, 750 kbps up, 150 ms latency). Reported: the JavaScript and CSS bytes received before the first
 * poster is shown (target ≤ 300 KB), all bytes before it, and the time to the first poster.
 *
 * Baseline, measured in the same run and under the same throttle: a minimal HTML page (from a bare Node server) that
 * holds one <img> of the same poster from the app: the least time any page needs to show a poster on this link. A warm
 * reload of the gallery (HTTP cache filled) is measured too. Each figure is the median of --runs (default 3) cold
 * loads.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureWebBuilt } from '../server/web-build.ts';
import { startTestApp } from '../tests/helpers/test-app.ts';
import { runFfmpeg } from '../tests/helpers/videos.ts';
import { seedPublished } from './seed-published.ts';

const ENTRIES = 1000;
const RUNS = (() => {
  const i = process.argv.indexOf('--runs');
  return i > 0 ? Number(process.argv[i + 1]) : 3;
})();
const THROTTLE = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const KB = 1000;

interface Load {
  /** ms from navigation start to the first poster decoded on screen. */
  firstPosterMs: number;
  jsCssBytes: number;
  allBytes: number;
  /** Script and stylesheet paths received before the first poster, for the gzip estimate. */
  jsCssPaths: string[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Opens `url` in `ctx` under the 3G throttle; resolves once `posterShown` is true in the page. */
async function measure(ctx: BrowserContext, url: string, posterShown: string): Promise<Load> {
  const page: Page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', THROTTLE);
  const reqs = new Map<string, { url: string; type: string; bytes: number; doneAt: number }>();
  cdp.on('Network.responseReceived', (e) =>
    reqs.set(e.requestId, { url: e.response.url, type: e.type, bytes: 0, doneAt: Infinity }),
  );
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId);
    if (r) Object.assign(r, { bytes: e.encodedDataLength, doneAt: e.timestamp });
  });
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(`(${posterShown}) ? performance.now() : false`, undefined, {
    timeout: 120_000,
    polling: 'raf',
  });
  const firstPosterMs = (await handle.jsonValue()) as number;
  // The poster's own request is the first image finished; what finished by then came "before the first poster".
  const done = [...reqs.values()];
  const poster = done.filter((r) => r.type === 'Image').sort((a, b) => a.doneAt - b.doneAt)[0];
  const cutoff = poster?.doneAt ?? Infinity;
  const before = done.filter((r) => r.doneAt <= cutoff);
  const jsCss = before.filter((r) => r.type === 'Script' || r.type === 'Stylesheet');
  await page.close();
  return {
    firstPosterMs,
    jsCssBytes: jsCss.reduce((s, r) => s + r.bytes, 0),
    allBytes: before.reduce((s, r) => s + r.bytes, 0),
    jsCssPaths: jsCss.map((r) => new URL(r.url).pathname),
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gallery-first-load-'));
  const posterFile = path.join(dir, 'poster.jpg');
  const [webDir] = await Promise.all([
    ensureWebBuilt(),
    runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x180', '-frames:v', '1', '-q:v', '6', '-f', 'image2', posterFile]),
  ]);
  const t = await startTestApp({ app: { webDir } });
  let browser: Browser | null = null;
  let bare: http.Server | null = null;
  try {
    const contest = await t.deps.db
      .selectFrom('contests')
      .select(['id', 'name'])
      .where('slug', '=', t.demoSlug)
      .executeTakeFirstOrThrow();
    const seedStart = performance.now();
    const ids = await seedPublished(t.deps, Number(contest.id), t.demoSlug, contest.name, ENTRIES);
    // Real JPEGs, so that the browser decodes and shows them.
    const poster = fs.readFileSync(posterFile);
    const rows = await t.deps.db
      .selectFrom('renditions')
      .innerJoin('uploads', 'uploads.id', 'renditions.upload_id')
      .select('renditions.storage_prefix')
      .where('uploads.entry_id', 'in', ids)
      .execute();
    for (const r of rows)
      await t.deps.storage.putStream(`${r.storage_prefix}poster.jpg`, Readable.from([poster]), {
        contentType: 'image/jpeg',
      });
    console.log(
      `seeded ${ids.length} published entries in ${((performance.now() - seedStart) / 1000).toFixed(1)} s ` +
        `(poster ${poster.length} bytes)`,
    );

    const posterUrl = `/api/public/entries/${ids[0]}/media/poster.jpg`;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    // The app is sealed once ready, so the baseline page comes from a bare Node server; its <img> loads from the app.
    const html =
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" ` +
      `content="width=device-width"><title>baseline</title></head><body><img class="gallery-poster" ` +
      `src="${base}${posterUrl}" width="320" height="180" alt=""></body></html>`;
    bare = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
    );
    await new Promise<void>((resolve) => bare!.listen(0, '127.0.0.1', resolve));
    const baselineUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    const shown = `[...document.querySelectorAll('img.gallery-poster')].some((i) => i.complete && i.naturalWidth > 0)`;
    const newCtx = () =>
      browser!.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });

    const gallery: Load[] = [];
    const baseline: Load[] = [];
    let warm: Load | null = null;
    for (let i = 0; i < RUNS; i++) {
      const b = await newCtx();
      baseline.push(await measure(b, baselineUrl, shown));
      await b.close();
      const g = await newCtx();
      gallery.push(await measure(g, `${base}/c/${t.demoSlug}/gallery`, shown));
      if (i === 0) warm = await measure(g, `${base}/c/${t.demoSlug}/gallery`, shown);
      await g.close();
    }

    const g = {
      ms: median(gallery.map((l) => l.firstPosterMs)),
      jsCss: median(gallery.map((l) => l.jsCssBytes)),
      all: median(gallery.map((l) => l.allBytes)),
    };
    const bMs = median(baseline.map((l) => l.firstPosterMs));
    const raw = gallery[0]!.jsCssPaths.reduce((s, p) => {
      const f = path.join(webDir, p);
      return s + (fs.existsSync(f) ? fs.statSync(f).size : 0);
    }, 0);
    const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;
    console.log(
      `\nGallery first load, 360×740, 3G (1.6 Mbps ↓, 750 kbps ↑, 150 ms), ${ENTRIES} published entries, ` +
        `median of ${RUNS}`,
    );
    console.log(
      `  JS + CSS received before the first poster: ${kb(g.jsCss)} (target ≤ 300 KB: ` +
        `${g.jsCss <= 300 * KB ? 'met' : 'NOT met'}; ratio to target ${(g.jsCss / (300 * KB)).toFixed(2)})`,
    );
    console.log(`    files: ${gallery[0]!.jsCssPaths.map((p) => p.replace('/assets/', '')).join(', ')}`);
    console.log(`    the same files uncompressed are ${kb(raw)} (the server sends the build's Brotli or gzip copies)`);
    console.log(`  all bytes received before the first poster: ${kb(g.all)}`);
    console.log(
      `  time to first poster: ${g.ms.toFixed(0)} ms (runs: ` +
        `${gallery.map((l) => l.firstPosterMs.toFixed(0)).join(', ')})`,
    );
    console.log(
      `  baseline, minimal HTML page with the same poster: ${bMs.toFixed(0)} ms → ratio ${(g.ms / bMs).toFixed(2)}×`,
    );
    if (warm)
      console.log(
        `  warm reload (HTTP cache): ${warm.firstPosterMs.toFixed(0)} ms, JS + CSS received ` +
          `${kb(warm.jsCssBytes)}, all ${kb(warm.allBytes)} → ratio to baseline ` +
          `${(warm.firstPosterMs / bMs).toFixed(2)}×`,
      );
  } finally {
    await browser?.close();
    bare?.close();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
