/**
 * The entrant's journey in a real browser: a commune's representative starts an entry, fills it in, has a 4:3 video
 * refused by the browser's own check before a byte is sent, uploads a valid one through a throttled network that
 * drops and a page that is closed mid-upload (each time the upload goes on from the server's offset), waits for the
 * server's checks, submits and gets a receipt whose SHA-256 is the file's. Then the secretariat finds the entry in
 * the staff area and sees the commune counted.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, CDPSession, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '../../server/jobs/worker.ts';
import { ensureWebBuilt } from '../../server/web-build.ts';
import { unitId } from '../helpers/entries.ts';
import { makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { checkVideoFile } from '../../server/media/check-video-file.ts';
import type { ContestView } from '../../web/src/api/types.ts';
import { makeTestVideos, TEST_VIDEO_NAMES, type TestVideos } from '../helpers/videos.ts';
import { dialogOpened, launchBrowser, logInAs, pageFactory, text } from './browser.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';

let t: TestApp;
let runner: Worker | null = null;
let browser: Browser;
let base: string;
let proxy: Proxy;
let videos: TestVideos;
let communeId: number;
const { newPage, pageErrors, closeAll } = pageFactory(() => browser);
const COMMUNE = 'Xã Vĩnh Thái';
const TITLE = 'Dịch vụ công trực tuyến ở Vĩnh Thái';

/** What the entrant's part leaves for the secretariat's. */
const journey = { entryId: 0, code: '', rep: { email: '', password: '' } };

const logIn = (page: Page, identifier: string, password: string) => logInAs(page, base, identifier, password);

async function uploadsOf(entryId: number) {
  return t.deps.db
    .selectFrom('uploads')
    .select(['id', 'status', 'size_bytes'])
    .where('entry_id', '=', entryId)
    .orderBy('created_at')
    .execute();
}

/** Bytes of the entry's unfinished upload that the server has on disk: its tus offset. */
async function serverOffset(entryId: number): Promise<{ id: string; bytes: number } | null> {
  const u = (await uploadsOf(entryId)).find((x) => x.status === 'uploading');
  if (!u) return null;
  const file = uploadPath(t.deps, u.id);
  return { id: u.id, bytes: fs.existsSync(file) ? fs.statSync(file).size : 0 };
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | false>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A TCP relay between the browser and the app that can cut the line: every open connection is dropped mid-request
 * and new ones are refused until it is restored, as when a rural network goes down.
 */
interface Proxy {
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

function startProxy(target: number): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const upstream = net.connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        cut() {
          down = true;
          for (const s of sockets) s.destroy();
        },
        restore() {
          down = false;
        },
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      }),
    );
  });
}

/** Chromium's own network emulation: a slow uplink, or none at all. */
async function network(cdp: CDPSession, mode: 'slow' | 'offline' | 'fast'): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: mode === 'offline',
    latency: mode === 'fast' ? 0 : 20,
    downloadThroughput: -1,
    uploadThroughput: mode === 'fast' ? -1 : 24 * 1024,
  });
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

beforeAll(async () => {
  const webDir = await ensureWebBuilt();
  [t, videos] = await Promise.all([startTestApp({ app: { webDir } }), makeTestVideos()]);
  runner = await startWorker(t.deps, { pollMs: 200 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  proxy = await startProxy((t.app.server.address() as AddressInfo).port);
  base = `http://127.0.0.1:${proxy.port}`;
  browser = await launchBrowser();
  communeId = await unitId(t, COMMUNE);
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await closeAll();
  await browser?.close();
  await runner?.stop();
  await proxy?.close();
  await t?.close();
});

describe('entrant journey', () => {
  it('lets a commune representative enter, check, upload with interruptions, submit and get the receipt', async () => {
    const rep = await makeUser(t, { role: 'unit_rep', unitId: communeId, fullName: 'Lê Thị Mai' });
    journey.rep = rep;
    const page = await newPage();
    const uploadRequests: Request[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/uploads')) uploadRequests.push(r);
    });
    await logIn(page, rep.email, rep.password);

    // The home page is drawn on the server for an anonymous visitor: a click before it knows who is logged in
    // follows its link through the login page, which sends a logged-in visitor straight on.
    await page.goto(`${base}/login?next=${encodeURIComponent(`/c/${t.demoSlug}/submit`)}`);
    await page.waitForURL(`${base}/c/${t.demoSlug}/submit`);

    // From the contest's home page to a new draft for the commune.
    await page.goto(`${base}/c/${t.demoSlug}`);
    await page.getByTestId('hero-submit').click();
    await page.waitForURL(`${base}/c/${t.demoSlug}/submit`);
    expect(await page.getByTestId(`party-unit-${communeId}`).isChecked()).toBe(true);
    await page.getByLabel('Tên tác phẩm').fill(TITLE);
    await page.getByTestId('start-submit').click();
    await page.waitForURL(/\/entries\/\d+$/);
    const entryId = Number(new URL(page.url()).pathname.split('/').pop());
    journey.entryId = entryId;
    await page.getByTestId('entry-page').waitFor();
    expect(await text(page, 'entry-status')).toBe('Bản nháp');
    expect(await text(page, 'missing')).toContain('Chưa chọn hình thức tác phẩm.');
    expect(await text(page, 'submit-blockers')).toContain('Chưa có tệp video đạt yêu cầu');
    expect(await page.getByTestId('submit-entry').isDisabled()).toBe(true);

    // The form: R5, R8, R9 and the consent.
    await page.getByLabel('Hình thức').selectOption('report');
    await page.getByLabel('Chủ đề gợi ý').selectOption('1');
    await page
      .getByLabel('Tóm tắt nội dung')
      .fill('Phóng sự về người dân xã Vĩnh Thái nộp hồ sơ trên Cổng Dịch vụ công.');
    expect(await page.locator('#author-0-fullName').inputValue()).toBe('Lê Thị Mai');
    await page.locator('#author-0-position').fill('Công chức Văn hóa - Xã hội');
    await page.locator('#author-0-unitName').fill('UBND xã Vĩnh Thái');
    await page.locator('#author-0-address').fill('Thôn Tân Mỹ, xã Vĩnh Thái, huyện Vĩnh Linh');
    await page.locator('#author-0-phone').fill('0912 345 678');
    await page.getByLabel(/Tôi cam kết tác phẩm là sáng tác/).check();
    await page.getByLabel(/Tôi đồng ý cho Ban Tổ chức xử lý dữ liệu cá nhân/).check();
    expect(await page.locator('#consent-purpose').textContent()).toContain(
      'địa chỉ và số điện thoại không được công khai',
    );
    await page.getByTestId('save-draft').click();
    await page.getByText(/^Đã lưu lúc \d{2}:\d{2}\.$/).waitFor();
    await page.getByTestId('missing').waitFor({ state: 'detached' });

    // A 4:3 video is refused by the browser's check, in Vietnamese, and nothing is uploaded.
    const input = page.getByTestId('file-input');
    await input.setInputFiles(videos.fourByThree);
    await page.getByTestId('precheck-refused').waitFor();
    const aspect = page.locator('[data-rule="aspect_ratio"]');
    expect(await aspect.getAttribute('data-state')).toBe('failed');
    expect(await aspect.textContent()).toContain(
      'Video có tỉ lệ khung hình 4:3 (1440×1080); thể lệ yêu cầu tỉ lệ 16:9',
    );
    expect(await page.locator('[data-rule="container"]').getAttribute('data-state')).toBe('passed');
    expect(await page.locator('[data-rule="duration"]').getAttribute('data-state')).toBe('passed');
    expect(await page.getByTestId('upload-start').count()).toBe(0);
    expect(uploadRequests).toHaveLength(0);
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    );
    await page.screenshot({ path: path.join(os.tmpdir(), 'entry-draft-360.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await uploadsOf(entryId)).toHaveLength(0);

    // The valid file passes the same checks and starts uploading, through a slow uplink.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await network(cdp, 'slow');
    const size = fs.statSync(videos.valid720).size;
    await input.setInputFiles(videos.valid720);
    await page.getByTestId('upload-start').waitFor();
    expect(await page.locator('[data-rule][data-state="passed"]').count()).toBe(6);
    await page.getByTestId('upload-start').click();
    await page.getByTestId('upload-progress').waitFor();
    await page.getByText(/tốc độ .+\/giây · còn khoảng/).waitFor();
    await page.getByTestId('file-section').screenshot({ path: path.join(os.tmpdir(), 'entry-upload.png') });

    // The network drops mid-request: the page says so, and when it comes back the upload goes on from the server's
    // offset, not from the start.
    await waitFor(
      'a quarter of the file on the server',
      async () => ((await serverOffset(entryId))?.bytes ?? 0) > size / 4,
    );
    const patchesBefore = uploadRequests.filter((r) => r.method() === 'PATCH').length;
    proxy.cut();
    await network(cdp, 'offline');
    await page.getByTestId('upload-offline').getByText('Mất kết nối, sẽ tự tiếp tục').waitFor();
    // What the server holds so far; it may still be writing the last bytes it received.
    const atDrop = (await serverOffset(entryId))!;
    expect(atDrop.bytes).toBeGreaterThan(0);
    expect(atDrop.bytes).toBeLessThan(size);
    proxy.restore();
    await network(cdp, 'slow');
    const resumed = await waitFor(
      'a PATCH after the network came back',
      async () => uploadRequests.filter((r) => r.method() === 'PATCH')[patchesBefore] ?? null,
    );
    // The page asked the server where to go on from (tus HEAD, answered once the dropped request's bytes were all
    // written), and went on from there: at least what the server held at the drop, not from the start.
    const head = uploadRequests
      .slice(0, uploadRequests.indexOf(resumed))
      .reverse()
      .find((r) => r.method() === 'HEAD');
    const headOffset = Number((await head!.response())!.headers()['upload-offset']);
    expect(headOffset).toBeGreaterThanOrEqual(atDrop.bytes);
    expect(Number(resumed.headers()['upload-offset'])).toBe(headOffset);
    await page.getByTestId('upload-offline').waitFor({ state: 'detached' });

    // The page is closed mid-upload; reopened, the same file is chosen again and only the rest is sent.
    await waitFor(
      'more of the file on the server',
      async () => ((await serverOffset(entryId))?.bytes ?? 0) > atDrop.bytes + size / 8,
    );
    await page.reload();
    await page.getByTestId('file-unfinished').waitFor();
    const atClose = (await serverOffset(entryId))!;
    expect(atClose.id).toBe(atDrop.id);
    expect(atClose.bytes).toBeGreaterThan(atDrop.bytes);
    expect(atClose.bytes).toBeLessThan(size);
    await page
      .getByTestId('file-unfinished')
      .getByText(/mới được \d+%/)
      .waitFor();
    await network(cdp, 'fast');
    const before = uploadRequests.length;
    await page.getByTestId('file-input').setInputFiles(videos.valid720);
    await page.getByTestId('upload-start').click();
    await page.getByTestId('file-checking').or(page.getByTestId('file-accepted')).waitFor();
    const after = uploadRequests.slice(before);
    expect(after.map((r) => r.method())).not.toContain('POST');
    const firstPatch = after.find((r) => r.method() === 'PATCH')!;
    expect(Number(firstPatch.headers()['upload-offset'])).toBe(atClose.bytes);
    expect(uploadRequests.filter((r) => r.method() === 'POST')).toHaveLength(1); // one upload, resumed twice

    // The server's checks, then the submission and its receipt.
    await page.getByTestId('file-accepted').waitFor({ timeout: 30_000 });
    expect(await text(page, 'file-accepted')).toContain('valid720.mp4');
    const submit = page.getByTestId('submit-entry');
    await expect.poll(() => submit.isEnabled()).toBe(true);
    await submit.click();
    await page.getByTestId('submitted').waitFor();
    const code = await text(page, 'receipt-code');
    expect(code).toMatch(/^[A-Z0-9]+-\d{3}$/);
    expect(await text(page, 'receipt-sha256')).toBe(sha256(videos.valid720));
    expect(await text(page, 'entry-status')).toBe('Đã nộp');
    journey.code = code;

    await page.getByTestId('receipt-link').click();
    await page.getByTestId('receipt-page').waitFor();
    expect(await text(page, 'receipt-code')).toBe(code);
    expect(await text(page, 'receipt-sha256')).toBe(sha256(videos.valid720));
    expect(await text(page, 'receipt-time')).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam, UTC\+7\)/);
    expect(await text(page, 'receipt-size')).toContain(`${size.toLocaleString('vi-VN')} byte`);
    const checks = await text(page, 'receipt-checks');
    for (const name of [
      'Định dạng MP4',
      'Thời lượng',
      'Độ phân giải',
      'Tỉ lệ khung hình 16:9',
      'Dung lượng',
      'Tệp nguyên vẹn',
      'Giải mã được',
    ])
      expect(checks).toContain(name);

    // For a person to look at: the phone layout of the receipt and the entry page (not kept in the repository).
    await page.setViewportSize({ width: 360, height: 780 });
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    await page.screenshot({ path: path.join(os.tmpdir(), 'receipt-360.png'), fullPage: true });
    await page.goto(`${base}/entries/${entryId}`);
    await page.getByTestId('submitted').waitFor();
    expect(await overflow()).toBe(0);
    await page.screenshot({ path: path.join(os.tmpdir(), 'entry-360.png'), fullPage: true });
  });

  it('shows the entry to the secretariat in the staff area and counts the commune', async () => {
    expect(journey.code).not.toBe('');
    const staff = await makeUser(t, { role: 'secretariat', fullName: 'Trần Văn Nội Vụ' });
    const page = await newPage();
    await logIn(page, staff.email, staff.password);
    await page.goto(`${base}/manage/${t.demoSlug}`);
    await page.waitForURL(`${base}/manage/${t.demoSlug}/entries`);
    const table = page.getByTestId('entries-table');
    await table.getByText(journey.code).waitFor();
    const search = page.getByLabel('Tìm tác phẩm');
    await search.fill('khong co tac pham nay');
    await table.getByText(TITLE).waitFor({ state: 'detached' });
    await search.fill('dich vu cong truc tuyen o vinh thai'); // no diacritics
    await table.getByText(TITLE).waitFor();
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: journey.code });
    await page.screenshot({ path: path.join(os.tmpdir(), 'staff-entries.png') });
    expect(await row.textContent()).toContain(COMMUNE);
    expect(await row.textContent()).toContain('Đã nộp');
    expect(await row.textContent()).toContain('Đạt');
    expect(await page.getByTestId('entries-xlsx').getAttribute('href')).toBe(
      `/api/contests/${t.demoSlug}/entries.xlsx?q=dich+vu+cong+truc+tuyen+o+vinh+thai`,
    );

    await page.getByTestId('tab-compliance').click();
    await page.waitForURL(`${base}/manage/${t.demoSlug}/compliance`);
    await page.getByTestId('compliance-table').getByText(COMMUNE).waitFor();
    expect(await text(page, `compliance-submitted-${communeId}`)).toBe('1');
    const communeRow = page.getByTestId('compliance-table').locator('tbody tr').filter({ hasText: COMMUNE });
    expect(await communeRow.textContent()).toContain('Đạt');
    // Every other commune of the demo has submitted nothing and is below its minimum.
    expect(await text(page, 'compliance-below')).toMatch(/17/);
    await page.screenshot({ path: path.join(os.tmpdir(), 'staff-compliance.png') });

    // The staff link leads to the entry, which the secretariat may read but not change.
    await page.getByTestId('tab-entries').click();
    await page.getByTestId(`entry-link-${journey.entryId}`).click();
    await page.getByTestId('entry-page').waitFor();
    expect(await text(page, 'entry-code')).toBe(journey.code);
    expect(await page.getByTestId('withdraw').count()).toBe(0);

    // Intake (R13): an entry brought in person is registered for its author, then completed on its page.
    await page.goto(`${base}/manage/${t.demoSlug}/entries`);
    await page.getByTestId('intake-open').click();
    const dialog = await dialogOpened(page.getByRole('dialog'));
    await dialog.getByLabel('Cá nhân, tổ chức').check();
    await dialog.getByLabel('Họ và tên tác giả').fill('Hoàng Văn Nam');
    await dialog.getByLabel('Số điện thoại tác giả').fill('0987 654 321');
    await dialog.getByLabel('Tên tác phẩm').fill('Một cửa liên thông');
    await dialog.getByRole('button', { name: 'Tạo hồ sơ' }).click();
    await page.waitForURL(/\/entries\/\d+$/);
    await page.getByTestId('entry-page').waitFor();
    expect(await text(page, 'entry-title')).toBe('Một cửa liên thông');
    expect(await page.getByTestId('entry-page').textContent()).toContain('Hồ sơ do Phòng Nội vụ tiếp nhận');
    expect(await page.locator('#author-0-phone').inputValue()).toBe('0987 654 321');
    expect(await page.getByTestId('save-draft').count()).toBe(1); // intake staff complete it
    expect(await page.getByTestId('file-input').count()).toBe(1);
  });

  it('lets the representative withdraw the entry before the deadline and resubmit it, same code', async () => {
    expect(journey.code).not.toBe('');
    const page = await newPage();
    await logIn(page, journey.rep.email, journey.rep.password);
    await page.getByTestId('nav-entries').click();
    await page.getByTestId(`my-entry-${journey.entryId}`).getByText('Đã nộp').waitFor();
    await page.getByTestId(`my-entry-${journey.entryId}`).getByRole('link', { name: 'Xem tác phẩm' }).click();
    await page.getByTestId('withdraw-start').click();
    await page.getByText('Bạn chắc chắn muốn rút tác phẩm này?').waitFor();
    await page.getByTestId('withdraw-confirm').click();
    await page.getByText(/Tác phẩm đã được rút lúc/).waitFor();
    expect(await text(page, 'entry-status')).toBe('Bản nháp');
    expect(await page.locator('#entry-title').isEditable()).toBe(true);
    await page.getByTestId('submit-entry').click();
    await page.getByTestId('submitted').waitFor();
    expect(await text(page, 'receipt-code')).toBe(journey.code);
    expect(await text(page, 'history')).toContain('Rút tác phẩm (trở lại bản nháp)');
  });

  it('judges every test video in the browser, before uploading, as the server does after', async () => {
    const entrant = await makeUser(t, { fullName: 'Phan Văn Hùng' });
    const page = await newPage();
    await logIn(page, entrant.email, entrant.password);
    await page.goto(`${base}/c/${t.demoSlug}/submit`);
    await page.getByTestId('party-person').check();
    await page.getByTestId('start-submit').click();
    await page.waitForURL(/\/entries\/\d+$/);
    const entryId = Number(new URL(page.url()).pathname.split('/').pop());
    const rules = ((await (await fetch(`${base}/api/contests/${t.demoSlug}`)).json()) as ContestView).entryRules;
    const browserRules = ['container', 'video_track', 'duration', 'resolution', 'aspect_ratio', 'size'];

    for (const name of TEST_VIDEO_NAMES) {
      const file = videos[name];
      await page.getByTestId('file-input').setInputFiles(file);
      const precheck = page.getByTestId('precheck').filter({ hasText: path.basename(file) });
      await precheck.waitFor();
      const failed = await precheck.locator('[data-state="failed"]').evaluateAll((els) =>
        els.map((e) => ({
          rule: e.getAttribute('data-rule')!,
          message: e.querySelector('.rule-message')?.textContent ?? '',
        })),
      );
      const mayUpload = (await page.getByTestId('upload-start').count()) === 1;
      const server = await checkVideoFile(file, rules, { decode: false });
      const serverFailed = server.failures.filter((f) => browserRules.includes(f.rule));
      if (server.integrity.problems.length) {
        // Damage inside the file is the server's to find; the browser must not crash on it.
        continue;
      }
      expect(mayUpload, name).toBe(server.ok);
      if (server.probe.container === 'mp4' || server.probe.container === 'mov') {
        expect(failed, name).toEqual(serverFailed.map((f) => ({ rule: f.rule, message: f.message.vi })));
      } else {
        // WebM, HTML, empty: the container says it all (the browser may read more of a WebM than the server does).
        expect(
          failed.find((f) => f.rule === 'container'),
          name,
        ).toEqual({ rule: 'container', message: serverFailed.find((f) => f.rule === 'container')!.message.vi });
      }
    }
    expect(await uploadsOf(entryId)).toHaveLength(0); // nothing was uploaded to check any of them
  });
});
