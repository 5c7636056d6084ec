/**
 * The public side in Chromium (R11, R16, R19): the gallery on a 360 px phone with its filters and a search without
 * diacritics kept in the address; an entry page whose real renditions play, with its share preview (Open Graph tags
 * rendered by the server), share links and a report sent to the committee; the embeddable player alone; the news on
 * the contest's home page. No author's phone or address appears on any of these pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeVideoFile } from '../../server/media/mp4-probe.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { makeRenditions } from '../../server/services/media/make-renditions.ts';
import { saveNewsPost } from '../../server/services/publication/save-news-post.ts';
import { publicEntryUrl, publishEntries } from '../../server/services/publication/publish-entries.ts';
import { updateContest } from '../../server/services/contests/update-contest.ts';
import { approvedEntry, completeDraft, unitId } from '../helpers/entries.ts';
import { makeUser } from '../helpers/test-app.ts';
import { runFfmpeg } from '../helpers/videos.ts';
import { e2eApp, playUntilMoving } from './browser.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';
import { enqueueRenditions } from '../../server/services/media/pipeline.ts';

const app = e2eApp();
let dir: string;
let slug: string;
const ids = { animation: 0, skit: 0, playing: 0 };
const TITLES = {
  animation: 'Đường về xã nông thôn mới',
  skit: 'Chuyện cái bến đò',
  playing: 'Một cửa liên thông ở Hồ Xá',
};
/** The authors' private details in the fixtures: none may reach a public page. */
const PHONES = ['0912 345 601', '0912 345 602', '0912 345 603'];
const ADDRESSES = ['Thôn Tân Mỹ, xã Vĩnh Thái', 'Khu phố 3, thị trấn Hồ Xá', 'Thôn Bến Đò Cũ, xã Vĩnh Giang'];
const SECRETS = [...PHONES, ...PHONES.map((p) => p.replace(/\s/g, '')), ...ADDRESSES, 'Công chức Văn phòng'];
let vinhThai: number;

function author(i: number, fullName: string) {
  return [
    {
      fullName,
      position: 'Công chức Văn phòng - Thống kê',
      unitName: 'UBND xã',
      address: ADDRESSES[i]!,
      phone: PHONES[i]!,
      email: '',
    },
  ];
}

beforeAll(async () => {
  const t = app.t;
  slug = t.demoSlug;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gallery-e2e-'));
  const src = path.join(dir, 'src.mp4');
  const making = runFfmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=1280x720:r=25',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:r=44100',
    '-t',
    '6',
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
  ]);
  const contest = await loadContest(t.deps.db, { slug });
  const admin = { userId: t.admin.userId, isSiteAdmin: true, ip: null };
  await updateContest(t.deps, admin, slug, {
    ...contest.settings,
    maxEntriesPerPerson: 100,
    phases: contest.phases,
    unitCategories: contest.unitCategories,
  });

  vinhThai = await unitId(t, 'Xã Vĩnh Thái');
  const hoXa = await unitId(t, 'Thị trấn Hồ Xá');
  const repVT = await makeUser(t, { role: 'unit_rep', unitId: vinhThai });
  const repHX = await makeUser(t, { role: 'unit_rep', unitId: hoXa });
  const owner = await makeUser(t);
  ids.animation = await approvedEntry(t, repVT, {
    party: { kind: 'unit', unitId: vinhThai },
    draft: { title: TITLES.animation, form: 'animation', topicIndex: 0, authors: author(0, 'Lê Thị Mai') },
  });
  ids.skit = await approvedEntry(t, owner, {
    draft: { title: TITLES.skit, form: 'skit', topicIndex: 1, authors: author(1, 'Trần Quốc Bảo') },
  });
  ids.playing = await approvedEntry(t, repHX, {
    party: { kind: 'unit', unitId: hoXa },
    ready: false,
    draft: {
      ...completeDraft({ kind: 'unit', unitId: hoXa }),
      title: TITLES.playing,
      form: 'report',
      topicIndex: 1,
      synopsis: 'Bộ phận một cửa của thị trấn Hồ Xá giải quyết hồ sơ trong ngày.',
      authors: author(2, 'Hồ Thị Lan'),
    },
  });

  // Real renditions for the entry that must play: its accepted file is the generated video, made into HLS here.
  await making;
  const { accepted_upload_id: uploadId } = await t.deps.db
    .selectFrom('entries')
    .select('accepted_upload_id')
    .where('id', '=', ids.playing)
    .executeTakeFirstOrThrow();
  fs.mkdirSync(t.deps.config.uploadDir, { recursive: true });
  fs.copyFileSync(src, uploadPath(t.deps, uploadId!));
  const { probe } = await probeVideoFile(src);
  await t.deps.db
    .updateTable('uploads')
    .set({
      size_bytes: fs.statSync(src).size,
      verdict_json: JSON.stringify({ ok: true, failures: [], passed: [], probe }),
    })
    .where('id', '=', uploadId!)
    .execute();
  await enqueueRenditions(t.deps, uploadId!);
  expect(await makeRenditions(t.deps, uploadId!, { preset: 'ultrafast' })).toBe('done');

  const out = await publishEntries(t.deps, admin, slug, { entryIds: [ids.animation, ids.skit, ids.playing] });
  expect(out.published.sort()).toEqual(Object.values(ids).sort());
  await saveNewsPost(t.deps, admin, slug, null, {
    title: 'Đã công bố các tác phẩm dự thi',
    body: 'Mời bà con **xem và chia sẻ** các tác phẩm.\n\n- Vòng sơ khảo đã xong',
  });
}, 180_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function expectNoPersonalData(page: Page): Promise<void> {
  // textContent, not innerText: closed <details> (caption, report form) count too.
  const body = await page.evaluate(() => document.body.textContent ?? '');
  for (const s of SECRETS) expect(body, s).not.toContain(s);
}

const cardIds = (page: Page) =>
  page
    .locator('[data-testid^="gallery-card-"]')
    .evaluateAll((els) =>
      els.map((e) => Number(e.getAttribute('data-testid')!.replace('gallery-card-', ''))).sort((a, b) => a - b),
    );

describe('public gallery in Chromium', () => {
  it('shows published entries on a 360 px phone, by form and unit, searched without diacritics', async () => {
    const page = await app.newPage({ width: 360, height: 740 });
    await page.goto(`${app.base}/c/${slug}`);
    await page.getByTestId('news').waitFor();
    expect(await page.getByTestId('news').textContent()).toMatch(
      /Đã công bố các tác phẩm dự thi.*\d{2}\/\d{2}\/\d{4}.*xem và chia sẻ/,
    );
    expect(await page.locator('[data-testid="news"] strong').textContent()).toBe('xem và chia sẻ');
    await page.getByTestId('gallery-link').click();
    await page.waitForURL(`${app.base}/c/${slug}/gallery`);

    await page.getByTestId('gallery-grid').waitFor();
    expect(await cardIds(page)).toEqual(Object.values(ids).sort((a, b) => a - b));
    expect(await page.getByTestId('gallery-count').textContent()).toContain('3 tác phẩm');
    const card = page.getByTestId(`gallery-card-${ids.animation}`);
    expect(await card.textContent()).toContain(TITLES.animation);
    expect(await card.textContent()).toContain('Xã Vĩnh Thái · Hoạt hình');
    const poster = card.locator('img');
    // Three cards, all in the first row: their posters are asked for at once and first (further rows are lazy).
    expect(await poster.getAttribute('loading')).toBe('eager');
    expect(await poster.getAttribute('fetchpriority')).toBe('high');
    expect(await poster.getAttribute('src')).toBe(`/api/public/entries/${ids.animation}/media/poster.jpg`);
    // The real video's duration, mm:ss, on its card; the poster box keeps 16:9 whether or not the image has come.
    expect(await page.getByTestId(`gallery-card-${ids.playing}`).locator('.gallery-duration').textContent()).toBe(
      '00:06',
    );
    const box = (await card.locator('.gallery-thumb').boundingBox())!;
    expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.02);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The facets carry counts.
    expect(await page.getByTestId('gallery-form').locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Hoạt hình (1)', 'Ghi hình tiểu phẩm (1)', 'Phóng sự ngắn (1)']),
    );

    await page.getByTestId('gallery-form').selectOption('animation');
    await page.waitForURL(/\?form=animation$/);
    await expect.poll(() => cardIds(page)).toEqual([ids.animation]);
    // A filtered view is a link to share: opened afresh, it shows the same.
    await page.reload();
    await expect.poll(() => cardIds(page)).toEqual([ids.animation]);
    expect(await page.getByTestId('gallery-form').inputValue()).toBe('animation');
    await page.getByTestId('gallery-clear').click();
    await expect.poll(() => cardIds(page)).toHaveLength(3);

    await page.getByTestId('gallery-unit').selectOption(String(vinhThai));
    await page.waitForURL(new RegExp(`\\?unit=${vinhThai}$`));
    await expect.poll(() => cardIds(page)).toEqual([ids.animation]);
    await page.getByTestId('gallery-unit').selectOption('');
    await expect.poll(() => cardIds(page)).toHaveLength(3);

    await page.getByTestId('gallery-search').fill('chuyen cai ben do');
    await page.waitForURL(/\?q=chuyen\+cai\+ben\+do$/);
    await expect.poll(() => cardIds(page)).toEqual([ids.skit]);
    await page.getByTestId('gallery-search').fill('khong co tac pham nay');
    await page.getByTestId('gallery-empty').waitFor();
    expect(await page.getByTestId('gallery-empty').textContent()).toContain('Không có tác phẩm nào khớp');
    await page.getByTestId('gallery-clear').click();
    await expect.poll(() => cardIds(page)).toHaveLength(3);
    expect(await page.getByTestId('gallery-search').inputValue()).toBe('');
    await expectNoPersonalData(page);
  });

  it('opens an entry that plays, with its share preview, share links and a report to the committee', async () => {
    const page = await app.newPage({ width: 360, height: 740 });
    await page.goto(`${app.base}/c/${slug}/gallery`);
    await page.getByTestId(`gallery-card-${ids.playing}`).getByRole('link').click();
    await page.waitForURL(`${app.base}/c/${slug}/e/${ids.playing}`);
    expect(await page.getByTestId('public-entry-title').textContent()).toBe(TITLES.playing);
    expect(await page.getByTestId('public-entry-form').textContent()).toBe('Phóng sự ngắn');
    expect(await page.getByTestId('public-entry-credits').textContent()).toBe('Tác giảHồ Thị LanĐơn vịThị trấn Hồ Xá');
    expect(await page.getByTestId('public-entry-synopsis').textContent()).toContain('giải quyết hồ sơ trong ngày');
    expect(await page.getByTestId('public-entry-caption').textContent()).toContain('Tác giả: Hồ Thị Lan');

    const video = page.getByTestId('video-player');
    expect(await video.getAttribute('poster')).toBe(`/api/public/entries/${ids.playing}/media/poster.jpg`);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="video-player"]')?.getAttribute('data-engine'),
    );
    expect((await playUntilMoving(page)).playing).toBe(true);
    expect(await page.getByTestId('video-player-error').count()).toBe(0);

    // Share links point at this page's address.
    const pageUrl = `${app.base}/c/${slug}/e/${ids.playing}`;
    expect(await page.getByTestId('share-facebook').getAttribute('href')).toBe(
      `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(pageUrl)}`,
    );
    expect(await page.getByTestId('share-url').inputValue()).toBe(pageUrl);
    await page.getByTestId('share-copy').click();
    expect(await page.getByTestId('share-note').textContent()).toMatch(/sao chép/);
    await page.getByText('Nhúng video vào trang của bạn').click();
    const code = await page.getByTestId('embed-code').inputValue();
    expect(code).toContain(`<iframe src="${app.base}/embed/${ids.playing}" title="${TITLES.playing}"`);

    // The share preview: Open Graph tags in the server's HTML, which crawlers read without running scripts.
    const html = await (await page.request.get(pageUrl)).text();
    const og = (p: string) => new RegExp(`<meta property="${p}" content="([^"]*)">`).exec(html)?.[1];
    expect(og('og:title')).toBe(TITLES.playing);
    expect(og('og:url')).toBe(publicEntryUrl(app.t.deps, slug, ids.playing));
    expect(og('og:image')).toBe(`${app.t.deps.config.publicUrl}/api/public/entries/${ids.playing}/media/poster.jpg`);
    expect(og('og:description')).toContain('Hồ Thị Lan');
    for (const s of SECRETS) expect(html).not.toContain(s);

    // A report: the server's own message for a reason too short, then the confirmation.
    await page.getByText('Báo cáo tác phẩm').click();
    await page.getByTestId('report-kind-rights').check();
    await page.getByTestId('report-reason').fill('Nhạc');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-error').waitFor();
    expect(await page.getByTestId('report-error').textContent()).toContain('ít nhất 10 ký tự');
    await page.getByTestId('report-reason').fill('Nhạc nền lấy từ một bài hát có bản quyền, chưa xin phép.');
    await page.getByTestId('report-contact').fill('nguoixem@example.vn');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-done').waitFor();
    expect(await page.getByTestId('report-done').textContent()).toContain('Ban Tổ chức đã nhận phản ánh');
    const rows = await app.t.deps.db
      .selectFrom('entry_reports')
      .select(['kind', 'reason', 'contact'])
      .where('entry_id', '=', ids.playing)
      .execute();
    expect(rows).toEqual([
      {
        kind: 'rights',
        reason: 'Nhạc nền lấy từ một bài hát có bản quyền, chưa xin phép.',
        contact: 'nguoixem@example.vn',
      },
    ]);
    await expectNoPersonalData(page);
  });

  it('embeds the player alone, filling the frame, with a credit linking to the entry page', async () => {
    const page = await app.newPage({ width: 640, height: 360 });
    const res = await page.goto(`${app.base}/embed/${ids.playing}`);
    expect(res!.headers()['content-security-policy']).toMatch(/frame-ancestors \*(;|$)/);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self';");
    expect(res!.headers()['x-frame-options']).toBeUndefined();
    await page.getByTestId('embed').waitFor();
    await page.getByTestId('video-player').waitFor();
    expect(await page.locator('header, footer, nav, h1, form').count()).toBe(0);
    expect(await page.locator('a').count()).toBe(1);
    const link = page.getByTestId('embed-link');
    expect(await link.getAttribute('href')).toBe(`${app.base}/c/${slug}/e/${ids.playing}`);
    expect(await link.textContent()).toBe(TITLES.playing);
    expect(await page.getByTestId('embed-credit').textContent()).toBe(
      `${TITLES.playing} · Hồ Thị Lan – Thị trấn Hồ Xá`,
    );
    const box = (await page.getByTestId('video-player').boundingBox())!;
    expect(box.width).toBe(640);
    expect(box.height).toBeGreaterThan(300);
    expect(
      await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]),
    ).toEqual([640, 360]);
    await expectNoPersonalData(page);
    // Other pages may not be framed.
    const home = await page.request.get(`${app.base}/c/${slug}/gallery`);
    expect(home.headers()['x-frame-options']).toBe('DENY');
  });
});
