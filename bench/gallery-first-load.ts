/**
 * Benchmark (run by hand: `npx tsx bench/gallery-first-load.ts`): first load of the public pages on a phone over
 * 3G. The full app (SQLite, the built web app) holds 1,000 published entries with small real JPEG posters; a fresh
 * Chromium context (empty cache, 360×740 viewport) opens the gallery (/c/:slug/gallery), an entry's page
 * (/c/:slug/e/:id) and the contest's home page (/c/:slug) under Network.emulateNetworkConditions (1.6 Mbps down,
 * 750 kbps up, 150 ms latency). Reported for each: the JavaScript and CSS bytes received before the first poster is
 * shown (issue 14's target ≤ 100 KB), with each file, all bytes before it, and the time to the first poster (target
 * ≤ 1.5× the baseline below). The gallery's poster is a decoded <img>; the entry page's is the player's poster once
 * its image has arrived; the home page has no poster, so there it is the contest's name on screen.
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

const ENTRIES = (() => {
  const i = process.argv.indexOf('--entries');
  return i > 0 ? Number(process.argv[i + 1]) : 1000;
})();
const RUNS = (() => {
  const i = process.argv.indexOf('--runs');
  return i > 0 ? Number(process.argv[i + 1]) : 3;
})();
const THROTTLE = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const KB = 1000;
const TARGET_KB = 100;
const TARGET_RATIO = 1.5;

interface Load {
  /** ms from navigation start to the first poster decoded on screen. */
  firstPosterMs: number;
  jsCssBytes: number;
  allBytes: number;
  /** Scripts and stylesheets received before the first poster, with the bytes transferred for each. */
  jsCssFiles: { path: string; bytes: number }[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Opens `url` in `ctx` under the 3G throttle; resolves once `posterShown` is true in the page. */
async function measure(
  ctx: BrowserContext,
  url: string,
  posterShown: string,
  opts: { posterRequest?: boolean } = {},
): Promise<Load> {
  const page: Page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', THROTTLE);
  const reqs = new Map<string, { url: string; type: string; bytes: number; doneAt: number }>();
  // CDP's timestamps are monotonic seconds; the page's clock is the wall's: the first request gives both.
  let wallMinusMonotonic = 0;
  cdp.once('Network.requestWillBeSent', (e) => (wallMinusMonotonic = e.wallTime - e.timestamp));
  cdp.on('Network.responseReceived', (e) =>
    reqs.set(e.requestId, { url: e.response.url, type: e.type, bytes: 0, doneAt: Infinity }),
  );
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId);
    if (r) Object.assign(r, { bytes: e.encodedDataLength, doneAt: e.timestamp });
  });
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page
    .waitForFunction(`(${posterShown}) ? performance.now() : false`, undefined, { timeout: 120_000, polling: 'raf' })
    .catch(async (e: unknown) => {
      console.log(`${url}: the condition never held`, [...reqs.values()]);
      throw e;
    });
  let firstPosterMs = (await handle.jsonValue()) as number;
  const navStart = (await page.evaluate('performance.timeOrigin')) as number;
  const posterDone = () =>
    [...reqs.values()]
      .filter((r) => r.url.includes('/poster') && r.doneAt < Infinity)
      .sort((a, b) => a.doneAt - b.doneAt)[0];
  if (opts.posterRequest) {
    // The player's poster: shown once its image has arrived (the element gives no other sign).
    const deadline = Date.now() + 120_000;
    while (!posterDone() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const p = posterDone();
    if (!p) throw new Error(`no poster arrived for ${url}`);
    firstPosterMs = Math.max(firstPosterMs, (p.doneAt + wallMinusMonotonic) * 1000 - navStart);
  }
  // The poster's own request is the first one finished; what finished by then came "before the first poster".
  // Without a poster (the home page), what finished before the condition held.
  const done = [...reqs.values()];
  const poster = posterDone();
  const cutoff = poster?.doneAt ?? (navStart + firstPosterMs) / 1000 - wallMinusMonotonic;
  const before = done.filter((r) => r.doneAt <= cutoff);
  const jsCss = before.filter((r) => r.type === 'Script' || r.type === 'Stylesheet');
  await page.close();
  return {
    firstPosterMs,
    jsCssBytes: jsCss.reduce((s, r) => s + r.bytes, 0),
    allBytes: before.reduce((s, r) => s + r.bytes, 0),
    jsCssFiles: jsCss.map((r) => ({ path: new URL(r.url).pathname, bytes: r.bytes })),
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

    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    // The app is sealed once ready, so the baseline page comes from a bare Node server, which also sends the same
    // poster (Chromium refuses the app's own across ports: its Cross-Origin-Resource-Policy is same-site).
    const html =
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" ` +
      `content="width=device-width"><title>baseline</title></head><body><img class="gallery-poster" ` +
      `src="/poster.jpg" width="320" height="180" alt=""></body></html>`;
    bare = http.createServer((req, res) => {
      if (req.url === '/poster.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(poster);
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
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
    const galleryShown =
      `[...document.querySelectorAll('img.gallery-poster')]` + `.some((i) => i.complete && i.naturalWidth > 0)`;
    const entryShown = `!!document.querySelector('video[poster]')`;
    const homeShown = `!!document.querySelector('[data-testid="contest-name"]')`;
    const baselineShown = `[...document.images].some((i) => i.complete && i.naturalWidth > 0)`;
    const newCtx = () =>
      browser!.newContext({
        viewport: { width: 360, height: 740 },
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        // The probes below are expressions, which the pages' script-src 'self' would refuse to evaluate.
        bypassCSP: true,
      });
    const pages = [
      { name: 'gallery', url: `${base}/c/${t.demoSlug}/gallery`, shown: galleryShown },
      { name: 'entry page', url: `${base}/c/${t.demoSlug}/e/${ids[0]}`, shown: entryShown, posterRequest: true },
      { name: 'home page (contest name; no poster)', url: `${base}/c/${t.demoSlug}`, shown: homeShown },
    ];
    const loads = new Map<string, Load[]>(pages.map((p) => [p.name, []]));
    const baseline: Load[] = [];
    let warm: Load | null = null;
    for (let i = 0; i < RUNS; i++) {
      const b = await newCtx();
      baseline.push(await measure(b, baselineUrl, baselineShown));
      await b.close();
      for (const p of pages) {
        const ctx = await newCtx();
        loads.get(p.name)!.push(await measure(ctx, p.url, p.shown, { posterRequest: 'posterRequest' in p }));
        if (i === 0 && p.name === 'gallery') warm = await measure(ctx, p.url, p.shown);
        await ctx.close();
      }
    }

    const bMs = median(baseline.map((l) => l.firstPosterMs));
    const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;
    console.log(
      `\nFirst load, 360×740, 3G (1.6 Mbps ↓, 750 kbps ↑, 150 ms), ${ENTRIES} published entries, median of ${RUNS}`,
    );
    console.log(`baseline, minimal HTML page with the same poster: ${bMs.toFixed(0)} ms`);
    for (const p of pages) {
      const ls = loads.get(p.name)!;
      const ms = median(ls.map((l) => l.firstPosterMs));
      const jsCss = median(ls.map((l) => l.jsCssBytes));
      console.log(`\n${p.name}: ${p.url.replace(base, '')}`);
      console.log(
        `  time to first poster: ${ms.toFixed(0)} ms (runs: ${ls.map((l) => l.firstPosterMs.toFixed(0)).join(', ')})` +
          ` → ${(ms / bMs).toFixed(2)}× the baseline (target ≤ ${TARGET_RATIO}×: ` +
          `${ms / bMs <= TARGET_RATIO ? 'met' : 'NOT met'})`,
      );
      console.log(
        `  JS + CSS received before it: ${kb(jsCss)} (target ≤ ${TARGET_KB} KB: ` +
          `${jsCss <= TARGET_KB * KB ? 'met' : 'NOT met'})`,
      );
      for (const f of ls[0]!.jsCssFiles) {
        const file = path.join(webDir, f.path);
        const raw = fs.existsSync(file) ? fs.statSync(file).size : 0;
        console.log(`    ${f.path.replace('/assets/', '').padEnd(36)} ${kb(f.bytes).padStart(9)} (${kb(raw)} raw)`);
      }
      console.log(`  all bytes received before it: ${kb(median(ls.map((l) => l.allBytes)))}`);
    }
    if (warm)
      console.log(
        `\nwarm reload of the gallery (HTTP cache): ${warm.firstPosterMs.toFixed(0)} ms, JS + CSS received ` +
          `${kb(warm.jsCssBytes)}, all ${kb(warm.allBytes)} → ${(warm.firstPosterMs / bMs).toFixed(2)}× the baseline`,
      );
  } finally {
    await browser?.close();
    bare?.close();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
