/**
 * The whole journey of one entry in Chromium (issue 5): a secretariat reviewer returns it for a fix with a reason and
 * a deadline; the entrant reads the reason, changes the title and sends it again; the reviewer approves it in round
 * 2; the publisher publishes it once its renditions are made; a visitor on a 360 px phone finds it in the gallery by
 * its new title typed without diacritics and plays it; a crawler reads its share page's Open Graph tags.
 *
 * Only what a person would not click is set up through the services: the accounts and roles, and a submitted entry
 * whose accepted file is a real short 720p H.264+AAC clip made by ffmpeg, recorded as the checks record a passed
 * upload. The worker runs as in production and makes the real renditions while the review goes on.
 *
 * The server is started with PUBLIC_URL set to its real loopback address, so that the share page's absolute URLs
 * point at this very server and can be fetched back.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { utcToZonedLocal } from '@core/time.ts';
import { startWorker, type Worker } from '../../server/jobs/worker.ts';
import { probeVideoFile } from '../../server/media/mp4-probe.ts';
import { saveEntryDraft } from '../../server/services/entries/save-entry-draft.ts';
import { submitEntry } from '../../server/services/entries/submit-entry.ts';
import { ensureWebBuilt } from '../../server/web-build.ts';
import { completeDraft } from '../helpers/entries.ts';
import { makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { runFfmpeg } from '../helpers/videos.ts';
import { clickForAnswer, dialogOpened, launchBrowser, logInAs, pageFactory, playUntilMoving, text } from './browser.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';
import { enqueueRenditions, enqueueFingerprint } from '../../server/services/media/pipeline.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const TITLE = 'Một cửa ở Vĩnh Linh';
const FIXED_TITLE = 'Bộ phận một cửa phục vụ người dân Vĩnh Linh';
/** What the visitor types: the new title's words without diacritics. */
const SEARCH = 'bo phan mot cua phuc vu nguoi dan';
const REASON = 'Tên tác phẩm chưa nêu rõ đối tượng phục vụ; đề nghị đặt lại tên cho đúng chủ đề.';
const REVIEWER = 'Đặng Thẩm Định';
const AUTHOR = 'Lê Văn Hành Trình';
/** The author's private details: never on a public page or in the share preview. */
const PHONE = '0935 246 810';
const ADDRESS = 'Thôn Hành Trình, xã Vĩnh Lâm';
const SECRETS = [PHONE, PHONE.replace(/\s/g, ''), ADDRESS];

let t: TestApp;
let base: string;
let browser: Browser;
let runner: Worker;
let dir: string;
const { newPage, pageErrors, closeAll } = pageFactory(() => browser);

/** Shared by the steps, in order. */
const s = {
  entryId: 0,
  code: '',
  uploadId: '',
  deadlineText: '',
  entrant: null as null | { email: string; password: string },
  staff: null as null | Page,
  entrantPage: null as null | Page,
  visitor: null as null | Page,
  pageUrl: '',
};
/** How many steps have passed: a step after a failed one is skipped rather than failing for it. */
let passed = 0;
function inOrder(ctx: { skip: () => void }, step: number): void {
  if (passed !== step - 1) ctx.skip();
}

/** A free loopback port, so that the server can be told its public address before it listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The test app listening at the address it was configured with (retried if the port was taken meanwhile). */
async function startAtOwnAddress(webDir: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const app = await startTestApp({ app: { webDir }, env: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
    try {
      await app.app.listen({ port, host: '127.0.0.1' });
      t = app;
      base = `http://127.0.0.1:${port}`;
      return;
    } catch (err) {
      await app.close();
      if (attempt >= 3 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-e2e-'));
  const src = path.join(dir, 'phong-su.mp4');
  const webDir = await ensureWebBuilt();
  await Promise.all([
    startAtOwnAddress(webDir),
    // Five seconds of 720p H.264 + AAC: enough for a real ladder, a poster and a few seconds of playback.
    runFfmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=1280x720:r=25',
      '-f',
      'lavfi',
      '-i',
      'sine=f=660:r=48000',
      '-t',
      '5',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      '50',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      '-f',
      'mp4',
      src,
    ]),
  ]);
  runner = await startWorker(t.deps, { pollMs: 200 });
  browser = await launchBrowser();

  // Accounts and roles.
  const entrant = await makeUser(t, { fullName: 'Trần Thị Hành Trình' });
  s.entrant = entrant;

  // A submitted entry whose accepted file is the real clip, recorded as the checks record a passed upload, with the
  // jobs the checks queue on a pass: renditions and originality screening, run by the worker.
  const actor = { userId: entrant.id, isSiteAdmin: false, ip: null };
  const draft = completeDraft(
    { kind: 'person' },
    {
      title: TITLE,
      authors: [
        {
          fullName: AUTHOR,
          position: 'Công chức Văn hóa - Xã hội',
          unitName: 'UBND xã Vĩnh Lâm',
          address: ADDRESS,
          phone: PHONE,
          email: '',
        },
      ],
    },
  );
  const { id: entryId } = await saveEntryDraft(t.deps, actor, t.demoSlug, draft);
  const uploadId = crypto.randomBytes(24).toString('base64url');
  fs.mkdirSync(t.deps.config.uploadDir, { recursive: true });
  fs.copyFileSync(src, uploadPath(t.deps, uploadId));
  const { probe } = await probeVideoFile(src);
  const at = new Date().toISOString();
  await t.deps.db
    .insertInto('uploads')
    .values({
      id: uploadId,
      entry_id: entryId,
      user_id: entrant.id,
      size_bytes: fs.statSync(src).size,
      filename: 'phong-su-mot-cua.mp4',
      status: 'accepted',
      sha256: crypto.createHash('sha256').update(fs.readFileSync(src)).digest('hex'),
      verdict_json: JSON.stringify({
        ok: true,
        failures: [],
        passed: ['container', 'video_track', 'duration', 'resolution', 'aspect_ratio', 'size', 'integrity', 'decode'],
        probe,
      }),
      created_at: at,
      completed_at: at,
      checked_at: at,
    })
    .execute();
  await t.deps.db
    .updateTable('entries')
    .set({ active_upload_id: uploadId, accepted_upload_id: uploadId })
    .where('id', '=', entryId)
    .execute();
  await enqueueRenditions(t.deps, uploadId);
  await enqueueFingerprint(t.deps, uploadId);
  const submitted = await submitEntry(t.deps, actor, entryId);
  s.entryId = entryId;
  s.uploadId = uploadId;
  s.code = submitted.code!;
  expect(s.code).toBeTruthy();
}, 180_000);

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await closeAll();
  await browser?.close();
  await runner?.stop();
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Picks a date-time in the review form's picker by typing it, as dd/MM/yyyy HH:mm. */
async function pickDeadline(page: Page, value: string): Promise<void> {
  const input = page.getByTestId('review-form').getByLabel(/Hạn sửa và nộp lại/);
  await input.click();
  await input.press('Control+a');
  await input.pressSequentially(value);
  await input.press('Enter');
  expect(await input.inputValue()).toBe(value);
}

/** The staff Review tab, searched without diacritics, with the entry's drawer open. */
async function openInReviewTab(page: Page, search: string): Promise<void> {
  await page.goto(`${base}/manage/${t.demoSlug}`);
  await page.getByTestId('tab-review').click();
  await page.getByRole('heading', { name: 'Thẩm định' }).waitFor();
  await page.getByLabel('Tìm tác phẩm').fill(search);
  await page.getByTestId(`review-open-${s.entryId}`).click();
  await page.getByTestId('review-drawer-status').waitFor();
}

function og(html: string, property: string): string | undefined {
  return new RegExp(`<meta property="${property}" content="([^"]*)">`).exec(html)?.[1];
}

/** The share page as a crawler gets it: plain HTTP, no JavaScript, no cookies. */
async function crawl(url: string): Promise<{ status: number; type: string; html: string }> {
  const res = await fetch(url, { headers: { 'user-agent': 'facebookexternalhit/1.1', accept: 'text/html' } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}

describe('an entry from review to the public gallery', () => {
  it('1–2. the reviewer returns the submitted entry for a fix, with a reason and a deadline', async (ctx) => {
    inOrder(ctx, 1);
    const reviewer = await makeUser(t, { role: 'secretariat', fullName: REVIEWER });
    const staff = await newPage();
    s.staff = staff;
    await logInAs(staff, base, reviewer.email, reviewer.password);
    await openInReviewTab(staff, 'mot cua o vinh linh');
    expect(await text(staff, `review-status-${s.entryId}`)).toBe('Chờ thẩm định');
    expect(await staff.getByTestId('review-table').textContent()).toContain(s.code);
    expect(await text(staff, 'review-drawer-status')).toBe('Chờ thẩm định');
    expect(await text(staff, 'check-technicalPassed')).toContain('Đạt');

    const drawer = staff.getByTestId('review-form');
    await drawer.getByText('Trả lại để sửa', { exact: true }).click();
    const deadlineAt = new Date(Date.now() + 3 * 86_400_000);
    const [y, m, d] = utcToZonedLocal(deadlineAt, TZ).slice(0, 10).split('-');
    s.deadlineText = `${d}/${m}/${y} 17:00`;
    await pickDeadline(staff, s.deadlineText);
    await staff.getByTestId('review-reason').fill(REASON);
    await staff.getByTestId('review-submit').click();
    await staff.getByTestId('review-closed').waitFor();
    expect(await text(staff, 'review-drawer-status')).toBe('Trả lại để sửa');
    const rounds = await text(staff, 'review-rounds');
    expect(rounds).toContain(REVIEWER);
    expect(rounds).toContain(REASON);
    expect(rounds).toContain(`Hạn sửa: ${s.deadlineText}`);
    expect(await text(staff, `review-status-${s.entryId}`)).toBe('Trả lại để sửa');
    passed++;
  });

  it('3. the entrant reads the reason on the entry page, changes the title and sends it again', async (ctx) => {
    inOrder(ctx, 2);
    const page = await newPage();
    s.entrantPage = page;
    await logInAs(page, base, s.entrant!.email, s.entrant!.password);
    await page.goto(`${base}/entries/${s.entryId}`);
    await page.getByTestId('review-outcome').waitFor();
    expect(await text(page, 'review-outcome-title')).toBe('Tác phẩm được trả lại để sửa');
    expect(await text(page, 'review-outcome-reason')).toBe(
      `Ban Tổ chức đề nghị sửa trước ${s.deadlineText}: ${REASON}`,
    );
    expect(await text(page, 'entry-status')).toBe('Bản nháp');

    await page.getByLabel('Tên tác phẩm').fill(FIXED_TITLE);
    await page.getByTestId('save-draft').click();
    await expect.poll(() => text(page, 'save-state')).toMatch(/^Đã lưu/);
    expect(await text(page, 'submit-entry')).toBe('Nộp lại');
    await page.getByTestId('submit-entry').click();
    await page.getByTestId('submitted').waitFor();
    expect(await text(page, 'review-outcome-title')).toBe('Tác phẩm đang chờ Ban Tổ chức thẩm định');
    expect(await text(page, 'history')).toContain(`Nộp lại sau khi sửa, mã ${s.code}`);
    passed++;
  });

  it('4. the reviewer approves the fixed entry in its second round', async (ctx) => {
    inOrder(ctx, 3);
    const staff = s.staff!;
    // Found by its new title, typed without diacritics.
    await openInReviewTab(staff, 'nguoi dan vinh linh');
    expect(await text(staff, 'review-drawer-status')).toBe('Chờ thẩm định');
    expect(await staff.getByTestId('review-table').textContent()).toContain('Lượt 2');
    expect(await staff.getByTestId('review-table').textContent()).toContain(FIXED_TITLE);
    expect(await text(staff, 'review-rounds')).toContain(REASON);
    for (const item of ['onTheme', 'lawfulRespectful', 'originalRights'])
      await staff.getByTestId(`check-${item}`).getByRole('checkbox').check();
    await staff.getByTestId('review-form').getByText('Duyệt', { exact: true }).click();
    await staff.getByTestId('review-submit').click();
    await staff.getByTestId('review-closed').waitFor();
    expect(await text(staff, 'review-drawer-status')).toBe('Đã duyệt');

    const page = s.entrantPage!;
    await page.reload();
    await page.getByTestId('review-outcome').waitFor();
    expect(await text(page, 'review-outcome-title')).toBe('Tác phẩm đã được Ban Tổ chức duyệt');
    expect(await text(page, 'entry-title')).toBe(FIXED_TITLE);
    passed++;
  });

  it('5. the publisher publishes it from the Publication tab once its renditions are made', async (ctx) => {
    inOrder(ctx, 4);
    // Approved but not yet published: the share page carries no preview of it.
    s.pageUrl = `${base}/c/${t.demoSlug}/e/${s.entryId}`;
    const before = await crawl(s.pageUrl);
    expect(before.status).toBe(200);
    expect(og(before.html, 'og:title')).toBeUndefined();
    expect(before.html).not.toContain(FIXED_TITLE);

    // The worker has been making the renditions since the set-up; wait for it (a failure stops the wait at once).
    await expect
      .poll(
        async () => {
          const row = await t.deps.db
            .selectFrom('renditions')
            .select(['status', 'error'])
            .where('upload_id', '=', s.uploadId)
            .executeTakeFirst();
          if (row?.status === 'failed') throw new Error(`renditions failed: ${row.error}`);
          return row?.status;
        },
        { timeout: 150_000, interval: 500 },
      )
      .toBe('done');

    const publisher = await makeUser(t, { role: 'publisher', fullName: 'Bùi Đăng Tải' });
    const page = await newPage();
    await logInAs(page, base, publisher.email, publisher.password);
    await page.goto(`${base}/manage/${t.demoSlug}`);
    await page.getByTestId('tab-publication').click();
    await page.getByRole('heading', { name: 'Đăng tải' }).waitFor();
    const row = page.getByTestId(`pub-row-${s.entryId}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(FIXED_TITLE);
    expect(await row.textContent()).not.toContain('Chưa có bản phát trực tuyến');
    expect(await text(page, `pub-state-${s.entryId}`)).toBe('Chưa đăng');
    expect(await page.getByTestId(`publish-${s.entryId}`).isEnabled()).toBe(true);

    await page.getByTestId(`publish-${s.entryId}`).click();
    const dialog = await dialogOpened(page.getByRole('dialog'));
    await dialog.getByText('Chú thích được tạo tự động khi đăng').waitFor();
    expect(
      await clickForAnswer(page, dialog.getByRole('button', { name: 'Đăng tải' }), 'POST', '/publication/publish'),
    ).toEqual({ published: [s.entryId], skipped: [] });
    await page.getByText('Đã đăng tải tác phẩm.').waitFor();
    await page.getByTestId(`pub-state-${s.entryId}`).getByText('Đang đăng').waitFor();
    const caption = await text(page, `pub-caption-${s.entryId}`);
    expect(caption).toContain(`Tác giả: ${AUTHOR}`);
    for (const secret of SECRETS) expect(caption).not.toContain(secret);
    expect(await page.getByTestId(`public-link-${s.entryId}`).getAttribute('href')).toBe(
      `/c/${t.demoSlug}/e/${s.entryId}`,
    );
    passed++;
  }, 240_000);

  it('6. a visitor on a 360 px phone finds it by its new title without diacritics; it plays', async (ctx) => {
    inOrder(ctx, 5);
    const page = await newPage({ width: 360, height: 740 });
    s.visitor = page;
    await page.goto(`${base}/c/${t.demoSlug}`);
    await page.getByTestId('gallery-link').click();
    await page.waitForURL(`${base}/c/${t.demoSlug}/gallery`);
    await page.getByTestId('gallery-grid').waitFor();

    await page.getByLabel('Tìm kiếm').fill(SEARCH);
    await page.waitForURL(/\?q=bo\+phan\+mot\+cua/);
    const card = page.getByTestId(`gallery-card-${s.entryId}`);
    await card.waitFor();
    await expect.poll(() => page.locator('[data-testid^="gallery-card-"]').count()).toBe(1);
    expect(await text(page, 'gallery-count')).toContain('1 tác phẩm');
    expect(await card.textContent()).toContain(FIXED_TITLE);
    expect(await card.locator('.gallery-duration').textContent()).toBe('00:05');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await card.getByRole('link').click();
    await page.waitForURL(s.pageUrl);
    expect(await text(page, 'public-entry-title')).toBe(FIXED_TITLE);
    expect(await page.getByTestId('public-entry-credits').textContent()).toContain(AUTHOR);

    const video = page.getByTestId('video-player');
    await video.waitFor();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="video-player"]')?.getAttribute('data-engine'),
    );
    const state = await playUntilMoving(page, 30_000);
    expect(state.playing).toBe(true);
    expect(state.error).toBeNull();
    expect(state.width).toBeGreaterThan(0);
    expect(state.duration).toBeGreaterThan(4);
    expect(await page.getByTestId('video-player-error').count()).toBe(0);
    expect(await page.getByTestId('share-url').inputValue()).toBe(s.pageUrl);

    // textContent, not innerText: closed <details> count too.
    const body = await page.evaluate(() => document.body.textContent ?? '');
    for (const secret of SECRETS) expect(body, secret).not.toContain(secret);
    passed++;
  });

  it('7. its share page, as a crawler reads it, has the right Open Graph tags, no private data', async (ctx) => {
    inOrder(ctx, 6);
    const { status, type, html } = await crawl(s.pageUrl);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/html/);
    expect(og(html, 'og:title')).toBe(FIXED_TITLE);
    expect(og(html, 'og:url')).toBe(s.pageUrl);
    expect(og(html, 'og:url')).toBe(s.visitor!.url());
    expect(og(html, 'og:description')).toContain(AUTHOR);
    expect(html).not.toContain(TITLE);
    for (const secret of SECRETS) expect(html, secret).not.toContain(secret);

    // The image: absolute, the poster the player shows, and a real JPEG.
    const image = og(html, 'og:image')!;
    expect(image).toBeDefined();
    const imageUrl = new URL(image);
    expect(imageUrl.origin).toBe(base);
    const poster = await s.visitor!.getByTestId('video-player').evaluate((v: HTMLVideoElement) => v.poster);
    expect(image).toBe(poster);
    const res = await fetch(image, { headers: { 'user-agent': 'facebookexternalhit/1.1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/jpeg/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(bytes.length).toBeGreaterThan(1000);
    passed++;
  });
});
