/**
 * Playback in a real browser: the renditions of a generated 1080p source play in Debian's Chromium on the entry
 * page. The entry and its accepted file are set up through the services (the upload itself has its own end-to-end
 * test); the page shows the renditions' progress while they wait, then the player, which reports `playing`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeVideoFile } from '../../server/media/mp4-probe.ts';
import { makeRenditions } from '../../server/services/media/make-renditions.ts';
import { saveEntryDraft } from '../../server/services/entries/save-entry-draft.ts';
import { ensureWebBuilt } from '../../server/web-build.ts';
import { completeDraft } from '../helpers/entries.ts';
import { makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { runFfmpeg } from '../helpers/videos.ts';
import { launchBrowser, logInAs, pageFactory, playUntilMoving } from './browser.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';
import { enqueueRenditions } from '../../server/services/media/pipeline.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let dir: string;
let src1080: string;
const { newPage, pageErrors, closeAll } = pageFactory(() => browser);
const TITLE = 'Cải cách hành chính ở xã Vĩnh Thái';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'playback-e2e-'));
  src1080 = path.join(dir, 'src1080.mp4');
  const webDir = await ensureWebBuilt();
  [t] = await Promise.all([
    startTestApp({ app: { webDir } }),
    runFfmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=1920x1080:r=25',
      '-f',
      'lavfi',
      '-i',
      'sine=f=440:r=44100',
      '-t',
      '8',
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
      '96k',
      '-f',
      'mp4',
      src1080,
    ]),
  ]);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 180_000);

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await closeAll();
  await browser?.close();
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('playback in Chromium', () => {
  it("shows the renditions waiting, then plays the 1080p ladder with its poster (the browser's engine)", () =>
    watch(false));
  // This Chromium plays HLS natively; hiding that makes the page load hls.js, the path of browsers without it.
  it('plays the same ladder through hls.js where the browser has no native HLS', () => watch(true));
});

async function watch(forceHlsJs: boolean): Promise<void> {
  const owner = await makeUser(t);
  const actor = { userId: owner.id, isSiteAdmin: false, ip: null };
  const { id: entryId } = await saveEntryDraft(
    t.deps,
    actor,
    t.demoSlug,
    completeDraft({ kind: 'person' }, { title: TITLE }),
  );
  // The entry's accepted file, as the checks leave it after an upload.
  const uploadId = crypto.randomBytes(24).toString('base64url');
  fs.mkdirSync(t.deps.config.uploadDir, { recursive: true });
  fs.copyFileSync(src1080, uploadPath(t.deps, uploadId));
  const { probe } = await probeVideoFile(src1080);
  const at = new Date().toISOString();
  await t.deps.db
    .insertInto('uploads')
    .values({
      id: uploadId,
      entry_id: entryId,
      user_id: owner.id,
      size_bytes: fs.statSync(src1080).size,
      filename: 'cai-cach.mp4',
      status: 'accepted',
      sha256: crypto.createHash('sha256').update(fs.readFileSync(src1080)).digest('hex'),
      verdict_json: JSON.stringify({ ok: true, failures: [], passed: [], probe }),
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

  const page = await newPage();
  if (forceHlsJs) {
    await page.addInitScript(() => {
      const canPlayType = HTMLMediaElement.prototype.canPlayType;
      HTMLMediaElement.prototype.canPlayType = function (type: string) {
        return /mpegurl/i.test(type) ? '' : canPlayType.call(this, type);
      };
    });
  }
  const hlsChunks: string[] = [];
  page.on('request', (r) => {
    if (/\/assets\/hls[^/]*\.js$/.test(r.url())) hlsChunks.push(r.url());
  });
  await logInAs(page, base, owner.email, owner.password);
  await page.goto(`${base}/entries/${entryId}`);
  // While they wait: the progress, labelled, and no player (hls.js not even loaded).
  const progress = page.getByTestId('renditions-progress');
  await progress.waitFor();
  expect(await progress.textContent()).toContain('Đang chờ tạo bản phát trực tuyến');
  expect(await page.getByRole('progressbar').count()).toBe(1);

  expect(await makeRenditions(t.deps, uploadId, { preset: 'ultrafast' })).toBe('done');

  // The page polls the status and swaps in the player.
  const video = page.getByTestId('video-player');
  await video.waitFor({ timeout: 20_000 });
  expect(await video.getAttribute('aria-label')).toBe(`Video dự thi: ${TITLE}`);
  expect(await video.getAttribute('poster')).toBe(`/api/entries/${entryId}/media/poster.jpg`);
  expect(await video.evaluate((v: HTMLVideoElement) => v.controls)).toBe(true);
  await page.waitForFunction(() => document.querySelector('[data-testid="video-player"]')?.getAttribute('data-engine'));
  const engine = await video.getAttribute('data-engine');
  const support = await page.evaluate(() => ({
    nativeHls: document.createElement('video').canPlayType('application/vnd.apple.mpegurl'),
    mseH264:
      typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported('video/mp4; codecs="avc1.640028,mp4a.40.2"'),
  }));
  console.log(`playback: engine ${engine}, native HLS "${support.nativeHls}", MSE H.264 ${support.mseH264}`);
  expect(engine).toBe(support.nativeHls ? 'native' : 'hls.js');
  // hls.js comes in its own chunk, fetched only once play is pressed, and only where the browser needs it.
  expect(hlsChunks.length).toBe(0);

  // Keyboard: the player takes the focus with Tab like any control.
  await video.focus();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('video-player');

  const state = await playUntilMoving(page);
  expect(state.playing).toBe(true);
  expect(hlsChunks.length).toBe(engine === 'hls.js' ? 1 : 0);
  expect(state.error).toBeNull();
  expect(state.duration).toBeGreaterThan(7);
  expect(state.width).toBeGreaterThan(0);
  expect(await page.getByTestId('video-player-error').count()).toBe(0);
  // The original is offered for download.
  expect(await page.getByTestId('download-original').getAttribute('href')).toBe(`/api/entries/${entryId}/original`);

  await subtitlesInPlayer(page);
}

const SRT =
  '1\r\n00:00:00,500 --> 00:00:02,000\r\nXin chào bà con Vĩnh Linh\r\n\r\n2\r\n00:00:02,000 --> ' +
  '00:00:04,500\r\n<i>Một cửa</i>, <font color="red">một dấu</font>\r\n\r\n3\r\n00:00:05,000 --> ' +
  '00:00:07,000\r\nDịch vụ công trực tuyến\r\n';
/** "Xin chào" saved in Windows-1258 (à = E0), as an old editing tool might. */
const CP1258_SRT = Buffer.concat([
  Buffer.from('1\r\n00:00:00,500 --> 00:00:02,000\r\nXin ch'),
  Buffer.from([0xe0]),
  Buffer.from('o\r\n'),
]);

/**
 * The entrant adds a SubRip file on the entry page (after a file in an old encoding is refused in Vietnamese); the
 * player gets a <track> whose cues the browser loads; deleting the track takes it out of the player.
 */
async function subtitlesInPlayer(page: Page): Promise<void> {
  await page.getByTestId('subtitles-section').waitFor();
  expect(await page.getByTestId('subtitles-none').textContent()).toBe('Chưa có phụ đề.');
  expect(
    await page.evaluate(
      () => (document.querySelector('[data-testid="video-player"]') as HTMLVideoElement).textTracks.length,
    ),
  ).toBe(0);

  await page
    .getByTestId('subtitle-file')
    .setInputFiles({ name: 'phu-de-cu.srt', mimeType: 'application/x-subrip', buffer: CP1258_SRT });
  await page.getByTestId('subtitle-upload').click();
  const error = page.getByTestId('subtitle-error');
  await error.waitFor();
  expect(await error.textContent()).toContain('lưu lại với bảng mã UTF-8');

  await page.getByTestId('subtitle-lang').selectOption('vi');
  await page
    .getByTestId('subtitle-file')
    .setInputFiles({ name: 'phu-de.srt', mimeType: 'application/x-subrip', buffer: Buffer.from(SRT) });
  expect(await page.getByTestId('subtitle-chosen').textContent()).toBe('Đã chọn: phu-de.srt');
  await page.getByTestId('subtitle-upload').click();
  const saved = page.getByTestId('subtitle-saved');
  await saved.waitFor();
  expect(await saved.textContent()).toContain('Đã lưu phụ đề Tiếng Việt: 3 câu.');
  expect(await saved.textContent()).toContain('Đã bỏ 2 thẻ định dạng không được hỗ trợ');
  expect(await page.getByTestId('subtitle-track-vi').textContent()).toContain('chuyển từ .srt');

  // The page refetches the player's data; the <track> appears, Vietnamese by default, and its cues load.
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="video-player"]') as HTMLVideoElement).textTracks.length === 1,
  );
  const track = await page.evaluate(async () => {
    const v = document.querySelector('[data-testid="video-player"]') as HTMLVideoElement;
    const t = v.textTracks[0]!;
    t.mode = 'showing';
    for (let i = 0; i < 100 && !t.cues?.length; i++) await new Promise((r) => setTimeout(r, 100));
    return {
      kind: t.kind,
      language: t.language,
      label: t.label,
      cues: Array.from(t.cues ?? [], (c) => ({ start: c.startTime, end: c.endTime, text: (c as VTTCue).text })),
    };
  });
  expect(track).toEqual({
    kind: 'subtitles',
    language: 'vi',
    label: 'Tiếng Việt',
    cues: [
      { start: 0.5, end: 2, text: 'Xin chào bà con Vĩnh Linh' },
      { start: 2, end: 4.5, text: '<i>Một cửa</i>, một dấu' },
      { start: 5, end: 7, text: 'Dịch vụ công trực tuyến' },
    ],
  });

  await page.getByTestId('subtitle-delete-vi').click();
  await page.getByTestId('subtitle-deleted').waitFor();
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="video-player"]') as HTMLVideoElement).textTracks.length === 0,
  );
  await page.getByTestId('subtitles-none').waitFor();
}
