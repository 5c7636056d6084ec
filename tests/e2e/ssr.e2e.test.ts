/**
 * The public pages rendered on the server (issue 14, docs/decisions/0046, 0051), in Chromium. With JavaScript off,
 * the contest's home page, the gallery, an entry's page and the results show the contest, the entries, their posters
 * and the winners, and the gallery's search works as a plain form. With JavaScript on, the same pages hydrate: the
 * nodes the server sent are kept (no client re-render), the page's data is not fetched a second time and no
 * hydration error is reported.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPublished } from '../../bench/seed-published.ts';
import { ensureWebBuilt } from '../../server/web-build.ts';
import { contestWithAnnouncedAwards } from '../helpers/awards.ts';
import { makeUser, startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';
import { setVotingWindow } from '../helpers/voting.ts';
import { runFfmpeg } from '../helpers/videos.ts';
import { seriousViolations } from './axe.ts';
import { launchBrowser, logInAs } from './browser.ts';

let t: TestApp;
let base: string;
let browser: Browser;
let slug: string;
let contestName: string;
let ids: number[];
let dir: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssr-e2e-'));
  const posterFile = path.join(dir, 'poster.jpg');
  const [webDir] = await Promise.all([
    ensureWebBuilt(),
    runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=320x180', '-frames:v', '1', '-f', 'image2', posterFile]),
  ]);
  t = await startTestApp({ app: { webDir } });
  slug = t.demoSlug;
  const contest = await t.deps.db
    .selectFrom('contests')
    .select(['id', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  contestName = contest.name;
  ids = await seedPublished(t.deps, Number(contest.id), slug, contest.name, 30);
  // Real JPEGs, which the browser decodes.
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
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function newPage(javaScriptEnabled: boolean, width = 360): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width, height: 740 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    javaScriptEnabled,
  });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

let announced: Promise<Awaited<ReturnType<typeof contestWithAnnouncedAwards>>> | null = null;
/** A second contest, judged and its results announced (made once, by the first test that needs it). */
function resultsContest() {
  announced ??= contestWithAnnouncedAwards(t, { scores: [9, 8, 7] }).then((c) => {
    t.setNow(null);
    return c;
  });
  return announced;
}

/** Posters that the browser has loaded and decoded, by their address. */
const shownPosters = (page: Page) =>
  page.$$eval('img', (imgs) =>
    (imgs as HTMLImageElement[]).filter((i) => i.complete && i.naturalWidth > 0).map((i) => i.getAttribute('src')),
  );

describe('with JavaScript off', () => {
  it('the home page shows the contest, its phases and the way to the gallery', async () => {
    const page = await newPage(false);
    await page.goto(`${base}/c/${slug}`);
    expect(await page.getByTestId('contest-name').textContent()).toBe(contestName);
    expect(await page.getByTestId('phase-timeline').locator('li').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('gallery-link').getAttribute('href')).toBe(`/c/${slug}/gallery`);
    expect(await page.getByTestId('topics').locator('li').count()).toBeGreaterThan(0);
  });

  it('the gallery shows the first page of entries with their posters, and its search is a form', async () => {
    const page = await newPage(false);
    await page.goto(`${base}/c/${slug}/gallery`);
    expect(await page.getByTestId('gallery-count').textContent()).toBe('30 tác phẩm');
    const cards = page.getByTestId('gallery-grid').locator('li');
    expect(await cards.count()).toBe(24);
    // The newest first: the last one seeded.
    const newest = ids.at(-1)!;
    const first = page.getByTestId(`gallery-card-${newest}`);
    expect(await cards.first().getAttribute('data-testid')).toBe(`gallery-card-${newest}`);
    expect(await first.getByRole('link').getAttribute('href')).toBe(`/c/${slug}/e/${newest}`);
    await expect.poll(() => shownPosters(page)).toContain(`/api/public/entries/${newest}/media/poster.jpg`);
    // The first row's posters are asked for at once and first, with their size; the rest only near the screen.
    const img = (i: number) => cards.nth(i).locator('img');
    expect(await img(0).getAttribute('fetchpriority')).toBe('high');
    expect(await img(0).getAttribute('loading')).toBe('eager');
    expect([await img(0).getAttribute('width'), await img(0).getAttribute('height')]).toEqual(['320', '180']);
    expect(await img(4).getAttribute('loading')).toBe('lazy');

    // Search without JavaScript: the form is sent as a GET and the server renders the matches.
    const title = (await first.locator('.gallery-title').textContent())!;
    await page.getByTestId('gallery-search').fill(title);
    await page.getByTestId('gallery-submit').click();
    await page.waitForURL((u) => u.searchParams.get('q') === title);
    expect(await page.getByTestId(`gallery-card-${newest}`).count()).toBe(1);
    await page.getByTestId('gallery-form').selectOption('report');
    await page.getByTestId('gallery-submit').click();
    await page.waitForURL((u) => u.searchParams.get('form') === 'report');
    expect(await page.getByTestId('gallery-form').inputValue()).toBe('report');
  });

  it("an entry's page shows its title, credits and the player's poster", async () => {
    const page = await newPage(false);
    await page.goto(`${base}/c/${slug}/e/${ids[0]}`);
    expect(await page.getByTestId('public-entry-title').textContent()).toBeTruthy();
    expect(await page.getByTestId('public-entry-credits').textContent()).toContain('Tác giả');
    const video = page.getByTestId('video-player');
    expect(await video.getAttribute('poster')).toBe(`/api/public/entries/${ids[0]}/media/poster.jpg`);
    expect(await page.getByTestId('to-gallery').getAttribute('href')).toBe(`/c/${slug}/gallery`);
  });

  it('the results page shows the prizes and their winners', async () => {
    const c = await resultsContest();
    const page = await newPage(false);
    await page.goto(`${base}/c/${c.slug}/results`);
    expect(await page.getByTestId('results-announced').textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    const credits = await page.getByTestId('results-credit').allTextContents();
    expect(credits.length).toBeGreaterThan(0);
    expect(credits.every((x) => x.trim() !== '')).toBe(true);
    expect(await page.locator('.results-prize h2').count()).toBeGreaterThan(0);
  });
});

/** The requests the page makes for data the server already embedded. */
function dataRequests(page: Page): string[] {
  const seen: string[] = [];
  const embedded = [
    new RegExp(`/api/contests/${slug}$`),
    new RegExp(`/api/public/contests/${slug}/(gallery|news)`),
    /\/api\/public\/entries\/\d+$/,
    /\/api\/public\/contests\/[^/]+\/results$/,
  ];
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (embedded.some((re) => re.test(p))) seen.push(p);
  });
  return seen;
}

/**
 * Opens `url` with JavaScript on, keeps the server's `selector` node before any script runs, and waits until React
 * has hydrated it: the very same node must still be in the page.
 */
async function hydrated(page: Page, url: string, selector: string): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  page.on('console', (m) => {
    // The seeded entries have a poster but no playlist: the player's request for it fails, which is not React's.
    if (m.type() === 'error' && m.text().startsWith('Failed to load resource')) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript((sel) => {
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive')
        (window as unknown as { ssrNode: Element | null }).ssrNode = document.querySelector(sel);
    });
  }, selector);
  await page.goto(url);
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return !!el && Object.keys(el).some((k) => k.startsWith('__reactFiber'));
    },
    selector,
    { timeout: 30_000 },
  );
  await page.waitForLoadState('networkidle');
  const same = await page.evaluate(
    (sel) => (window as unknown as { ssrNode: Element | null }).ssrNode === document.querySelector(sel),
    selector,
  );
  expect(same).toBe(true);
  return { problems };
}

describe('with JavaScript on', () => {
  it('the home page hydrates without fetching the contest or its news again', async () => {
    const page = await newPage(true);
    const requests = dataRequests(page);
    const { problems } = await hydrated(page, `${base}/c/${slug}`, '[data-testid="contest-name"]');
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    // Live after hydration: the countdown ticks.
    const before = await page.getByTestId('countdown').textContent();
    await page.waitForFunction((b) => document.querySelector('[data-testid="countdown"]')?.textContent !== b, before);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the gallery hydrates without fetching its first page again, then filters in place', async () => {
    const page = await newPage(true);
    const requests = dataRequests(page);
    const { problems } = await hydrated(page, `${base}/c/${slug}/gallery`, '[data-testid="gallery-grid"]');
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    // Running: a filter is applied without a page load, from the API.
    await page.getByTestId('gallery-form').selectOption('report');
    await page.waitForURL((u) => u.searchParams.get('form') === 'report');
    await expect.poll(() => requests.some((r) => r.includes('/gallery'))).toBe(true);
    await expect.poll(() => page.getByTestId('gallery-count').textContent()).toMatch(/^5 tác phẩm/);
  });

  it("an entry's page hydrates without fetching the entry again", async () => {
    const page = await newPage(true, 1280);
    const requests = dataRequests(page);
    const { problems } = await hydrated(page, `${base}/c/${slug}/e/${ids[1]}`, '[data-testid="public-entry-title"]');
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    // The share address is this site's, as the browser sees it.
    expect(await page.getByTestId('share-url').inputValue()).toBe(`${base}/c/${slug}/e/${ids[1]}`);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the results page hydrates without fetching the results again', async () => {
    const c = await resultsContest();
    const page = await newPage(true);
    const requests = dataRequests(page);
    const { problems } = await hydrated(page, `${base}/c/${c.slug}/results`, '[data-testid="results"]');
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    expect(await page.getByTestId('results-place').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('while voting is open, a logged-in visitor gets the page hydrated, then the vote buttons', async () => {
    await setVotingWindow(t, slug);
    try {
      const user = await makeUser(t);
      const page = await newPage(true);
      await logInAs(page, base, user.email, TEST_PASSWORD);
      const requests = dataRequests(page);
      const { problems } = await hydrated(page, `${base}/c/${slug}/gallery`, '[data-testid="gallery-grid"]');
      expect(requests).toEqual([]);
      expect(problems).toEqual([]);
      // The server's page, rendered before the window changed, is not served again: the buttons come once hydrated.
      await page.getByTestId(`vote-button-${ids.at(-1)}`).waitFor();
      await page.getByTestId('nav-account').waitFor();
      const entry = await hydrated(page, `${base}/c/${slug}/e/${ids[2]}`, '[data-testid="public-entry-title"]');
      expect(entry.problems).toEqual([]);
      await page.getByTestId(`vote-button-${ids[2]}`).waitFor();
    } finally {
      await setVotingWindow(t, slug, { openForMs: -3_600_000 });
    }
  });

  it('a visitor who opens a rendered page then registers is not refused (CSRF token of the page)', async () => {
    const page = await newPage(true);
    await hydrated(page, `${base}/c/${slug}`, '[data-testid="contest-name"]');
    await page.getByTestId('nav-register').click();
    await page.waitForURL((u) => u.pathname === '/register');
    await page.locator('#fullName').fill('Lê Thị Hoa');
    await page.locator('#email').fill(`hoa-${Date.now()}@example.vn`);
    await page.locator('#password').fill('một mật khẩu dài đủ dùng');
    await page.locator('#consent').check();
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/register');
    await page.getByTestId('register-submit').click();
    expect((await answer).status()).toBe(202);
    await page.getByTestId('register-code-sent').waitFor();
  });
});
