/**
 * Awards in a real browser (issue 13): the organizer proposes the allocation, orders a tie at the second/third
 * boundary with a reason, approves and announces, saves the document details once and issues the certificates with
 * them; each screen passes axe and is looked at at 360 and 1280 px. The ceremony preloads every winner's clip (real
 * HLS renditions), then runs with the network cut.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { probeVideoFile } from '../../server/media/mp4-probe.ts';
import { listAnnouncedAwards } from '../../server/services/awards/list-announced-awards.ts';
import { makeRenditions } from '../../server/services/media/make-renditions.ts';
import { enqueueRenditions } from '../../server/services/media/pipeline.ts';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';
import { renditionsPrefix } from '../../server/storage/storage.ts';
import { judgedContest, storeAcceptedOriginal, type JudgedContest } from '../helpers/awards.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { runFfmpeg } from '../helpers/videos.ts';
import { expectAccessible } from './axe.ts';
import { clickForAnswer, e2eApp, logInAs, openPopover, text } from './browser.ts';

const suite = e2eApp();
const shot = (name: string) => path.join(os.tmpdir(), `awards-${name}.png`);
let j: JudgedContest;

/**
 * Real renditions (a 4 s 720p test picture with a tone) made once for the second entry and copied to the others, then
 * every entry published, so that each winner has a poster and a clip on the public results.
 */
async function publishWithClips(t: TestApp): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceremony-e2e-'));
  try {
    const src = path.join(dir, 'src.mp4');
    // prettier-ignore
    await runFfmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=s=1280x720:r=25', '-f', 'lavfi', '-i', 'sine=f=440:r=44100', '-t', '4',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k',
      '-f', 'mp4', src,
    ]);
    const uploads = await t.deps.db
      .selectFrom('entries')
      .select(['id', 'accepted_upload_id'])
      .where('id', 'in', j.entryIds)
      .execute();
    const uploadOf = new Map(uploads.map((u) => [u.id, u.accepted_upload_id!]));
    const first = uploadOf.get(j.entryIds[1]!)!;
    fs.mkdirSync(t.deps.config.uploadDir, { recursive: true });
    fs.copyFileSync(src, uploadPath(t.deps, first));
    const { probe } = await probeVideoFile(src);
    await t.deps.db
      .updateTable('uploads')
      .set({
        size_bytes: fs.statSync(src).size,
        verdict_json: JSON.stringify({ ok: true, failures: [], passed: [], probe }),
      })
      .where('id', '=', first)
      .execute();
    // The entries carry stand-in renditions (not playable): replaced by real ones.
    await t.deps.db.deleteFrom('renditions').where('upload_id', '=', first).execute();
    await enqueueRenditions(t.deps, first);
    expect(await makeRenditions(t.deps, first, { preset: 'ultrafast' })).toBe('done');
    const made = await t.deps.db
      .selectFrom('renditions')
      .selectAll()
      .where('upload_id', '=', first)
      .executeTakeFirstOrThrow();
    for (const entryId of j.entryIds) {
      const uploadId = uploadOf.get(entryId)!;
      if (uploadId === first) continue;
      const prefix = renditionsPrefix(j.contestId, entryId, uploadId);
      await t.deps.storage.deletePrefix(prefix);
      for await (const o of t.deps.storage.list(made.storage_prefix!)) {
        const obj = (await t.deps.storage.get(o.key))!;
        await t.deps.storage.putStream(`${prefix}${o.key.slice(made.storage_prefix!.length)}`, obj.body as Readable, {
          contentType: obj.contentType,
        });
      }
      await t.deps.db.deleteFrom('renditions').where('upload_id', '=', uploadId).execute();
      await t.deps.db
        .insertInto('renditions')
        .values({ ...made, upload_id: uploadId, storage_prefix: prefix })
        .execute();
    }
    const out = await publishEntries(t.deps, j.organizer, j.slug, { entryIds: j.entryIds });
    expect(out.published.sort()).toEqual([...j.entryIds].sort());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The current slide's clip plays from memory: a MediaSource (blob:) source, and its clock moves. */
async function expectClipPlaying(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const v = document.querySelector('[data-testid="ceremony-clip"]') as HTMLVideoElement | null;
    return !!v && v.currentSrc.startsWith('blob:') && v.currentTime > 0.2 && !v.error;
  });
}

describe('awards', () => {
  it('the committee orders a tie, approves and announces the allocation', async () => {
    const { t, base } = suite;
    // E1 9, E2 and E3 8 (tied across the second and third prizes), E4 7, E5 6; E5 has the most votes.
    j = await judgedContest(t, { scores: [9, 8, 8, 7, 6], votes: [2, 0, 0, 1, 12] });
    await storeAcceptedOriginal(t, j.entryIds[0]!, Buffer.from('original video bytes'));
    const page = await suite.newPage();
    await logInAs(page, base, t.admin.email, t.admin.password);
    await page.goto(`${base}/manage/${j.slug}/awards`);
    await page.getByTestId('awards-state').getByText('Chưa lập dự kiến').waitFor();
    // The set-up ranks the platform's votes, and the screen names that count (ADR 0048).
    expect(await text(page, 'awards-vote-source')).toBe('Số phiếu bình chọn hợp lệ trên nền tảng');
    await page.getByTestId('awards-propose').click();
    await page.getByTestId('awards-state').getByText('Dự kiến (chờ phê duyệt)').waitFor();
    const tie = page.locator('[data-testid^="awards-tie-jury:"]');
    await tie.waitFor();
    expect(await tie.textContent()).toContain('1 Giải Nhì, 1 Giải Ba');
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await expectAccessible(page, 'allocation with an open tie');
    await page.screenshot({ path: shot('tie-1280'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: shot('tie-360'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // E3 before E2: move E3 up, give the reason.
    const code3 = (
      await t.deps.db.selectFrom('entries').select('code').where('id', '=', j.entryIds[2]!).executeTakeFirstOrThrow()
    ).code!;
    await tie.getByRole('button', { name: `Đưa ${code3} lên trên` }).click();
    await tie.getByTestId('awards-tie-reason').fill('Tác phẩm có điểm tiêu chí nội dung cao hơn.');
    await tie.getByTestId('awards-tie-save').click();
    await tie.waitFor({ state: 'detached' });
    expect(await text(page, 'awards-table')).toContain('theo quyết định của Ban Tổ chức');

    await page.getByTestId('awards-approve').click();
    const approvePop = await openPopover(page);
    await clickForAnswer(page, approvePop.getByRole('button', { name: 'Phê duyệt' }), 'POST', '/allocation/approve');
    await page.getByTestId('awards-state').getByText('Đã phê duyệt').waitFor();
    await page.getByTestId('awards-announce').click();
    const announcePop = await openPopover(page);
    await clickForAnswer(
      page,
      announcePop.getByRole('button', { name: 'Công bố kết quả' }),
      'POST',
      '/allocation/announce',
    );
    await page.getByTestId('awards-state').getByText('Đã công bố').waitFor();
    // The confirmation's fading bubble would be checked half-transparent: wait until it is gone.
    await page.waitForFunction(() => !document.querySelector('.ant-popover:not(.ant-popover-hidden)'));
    // The pointer rests where the confirmation was, over a link that appeared there: move it away (a hovered link
    // takes its lighter hover colour) and check once every colour transition has finished.
    await page.mouse.move(0, 0);
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await expectAccessible(page, 'announced allocation');
    // The publisher's republication package of the first prize's winner, downloaded with the page's session.
    const pkg = page.getByTestId(`awards-republication-${j.entryIds[0]}`);
    const zip = await page.context().request.get(`${base}${await pkg.getAttribute('href')}`);
    expect(zip.status()).toBe(200);
    expect(zip.headers()['content-type']).toBe('application/zip');
    await page.screenshot({ path: shot('announced-1280'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: shot('announced-360'), fullPage: true });

    const awards = (await listAnnouncedAwards(t.deps.db, j.contestId))!;
    expect(awards.winners.map((w) => [w.prize.name, j.entryIds.indexOf(w.entry.entryId) + 1, w.byCommittee])).toEqual([
      ['Giải Nhất', 1, false],
      ['Giải Nhì', 3, true],
      ['Giải Ba', 2, true],
      ['Giải Ba', 4, false],
      ['Giải Khuyến khích', 5, false],
      ['Giải bình chọn nhiều nhất', 5, false],
    ]);
  });

  it('the results page shows the winners at 360 px; the widget frames them; the preview names them', async () => {
    const { base } = suite;
    const page = await suite.newPage({ width: 360, height: 800 });
    await page.goto(`${base}/c/${j.slug}/results`);
    await page.getByTestId('results-announced').waitFor();
    const places = page.getByTestId('results-place');
    expect(await places.count()).toBe(8);
    const credits = await page.getByTestId('results-credit').allTextContents();
    expect(credits[0]).toContain('Nguyễn Thị Ỷ Lan');
    expect(credits[0]).toContain('UBND xã Vĩnh Thái');
    expect(await page.textContent('body')).not.toMatch(/0912|example\.vn/);
    expect(await text(page, 'results-votes')).toContain('Phiếu hợp lệ: 15');
    expect(await text(page, 'results-vote-rule')).toContain('nhiều phiếu bình chọn hợp lệ nhất trên nền tảng');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'results page, 360 px');
    await page.screenshot({ path: shot('results-360'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: shot('results-1280'), fullPage: true });

    const html = await (await fetch(`${base}/c/${j.slug}/results`)).text();
    expect(html).toContain('<meta property="og:title" content="Kết quả — ');
    expect(html).toMatch(/og:description" content="Giải Nhất: Phóng sự cải cách hành chính số 1 \(Nguyễn Thị Ỷ Lan\)/);

    const embed = await fetch(`${base}/embed/results/${j.slug}`);
    expect(embed.headers.get('content-security-policy') ?? '').toMatch(
      /frame-ancestors \*|frame-ancestors [^;]*https?:/,
    );
    const widget = await suite.newPage({ width: 360, height: 600 });
    await widget.goto(`${base}/embed/results/${j.slug}`);
    await widget.getByTestId('embed-results').waitFor();
    expect(await text(widget, 'embed-results')).toContain('Giải Nhì');
    await expectAccessible(widget, 'results widget');
    await widget.screenshot({ path: shot('widget-360'), fullPage: true });
  });

  it('the ceremony preloads every clip, then steps from consolation to first and the most-voted offline', async () => {
    const { t, base } = suite;
    await publishWithClips(t);
    const page = await suite.newPage();
    await logInAs(page, base, t.admin.email, t.admin.password);
    await page.goto(`${base}/manage/${j.slug}/awards`);
    await page.getByTestId('awards-ceremony-link').click();
    await page.getByTestId('ceremony-prepare').click();
    // Five winning entries (the fifth wins twice), each with its clip.
    await page.getByTestId('ceremony-clips').getByText('5/5 đoạn phim đã sẵn sàng').waitFor();
    await page.getByTestId('ceremony-ready').getByText('Đã tải xong').waitFor();
    await page.context().setOffline(true);
    const stage = page.getByTestId('ceremony-stage');
    await stage.focus();
    await expectClipPlaying(page);
    const slides: [string, string][] = [[await text(page, 'ceremony-prize'), await text(page, 'ceremony-entry')]];
    for (const key of ['ArrowRight', 'PageDown', ' ', 'ArrowRight', 'PageDown']) {
      const before = await text(page, 'ceremony-count');
      await page.keyboard.press(key);
      await page.waitForFunction(
        (b) => document.querySelector('[data-testid="ceremony-count"]')?.textContent !== b,
        before,
      );
      await expectClipPlaying(page);
      slides.push([await text(page, 'ceremony-prize'), await text(page, 'ceremony-entry')]);
    }
    // E5 (consolation), E2 and E4 (third), E3 (second, above E2 by the committee), E1 (first), E5 (most votes).
    expect(slides).toEqual(
      [
        ['Giải Khuyến khích', 5],
        ['Giải Ba (1/2)', 2],
        ['Giải Ba (2/2)', 4],
        ['Giải Nhì', 3],
        ['Giải Nhất', 1],
        ['Giải bình chọn nhiều nhất', 5],
      ].map(([prize, n]) => [prize as string, `Phóng sự cải cách hành chính số ${n}`]),
    );
    expect(await text(page, 'ceremony-slide')).toContain('Hoàng Minh Đức');
    await page.keyboard.press('PageUp');
    await page.getByTestId('ceremony-prize').getByText('Giải Nhất', { exact: true }).waitFor();
    await expectClipPlaying(page);
    // P pauses the clip and plays it again.
    await page.keyboard.press('p');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="ceremony-clip"]') as HTMLVideoElement).paused,
    );
    await page.keyboard.press('p');
    await page.waitForFunction(
      () => !(document.querySelector('[data-testid="ceremony-clip"]') as HTMLVideoElement).paused,
    );
    await page.keyboard.press('Home');
    await page.getByTestId('ceremony-prize').getByText('Giải Khuyến khích', { exact: true }).waitFor();
    await expectClipPlaying(page);
    await page.keyboard.press('p');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="ceremony-clip"]') as HTMLVideoElement).paused,
    );
    await expectAccessible(page, 'ceremony');
    await page.screenshot({ path: shot('ceremony-1280') });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: shot('ceremony-360'), fullPage: true });
    await page.context().setOffline(false);
  }, 180_000);

  it('staff save the document details once, then issue the certificates with them and reissue one', async () => {
    const { t, base } = suite;
    const page = await suite.newPage();
    await logInAs(page, base, t.admin.email, t.admin.password);
    await page.goto(`${base}/manage/${j.slug}/paperwork`);
    // A fresh contest prints with the defaults until the organizer saves the details, once.
    await page.getByTestId('doc-settings-defaults').waitFor();
    await page.getByLabel('Cơ quan chủ quản (có thể để trống)').fill('');
    await page.getByLabel('Cơ quan ban hành').fill('Ủy ban nhân dân huyện Vĩnh Linh');
    await page.getByLabel('Chữ viết tắt').fill('UBND');
    await page.getByLabel('Địa danh', { exact: true }).fill('Vĩnh Linh');
    const decisions = page.locator('fieldset').filter({ hasText: 'Người ký các quyết định' });
    await decisions.getByLabel('Thay mặt (TM.)').fill('Ủy ban nhân dân');
    await decisions.getByLabel('Chức vụ').fill('Chủ tịch');
    await page.getByTestId('doc-settings-signer-name').fill('Nguyễn Văn A');
    // Typed decomposed (NFD), as some keyboards send it: stored and printed composed.
    await page.getByTestId('doc-settings-committeeSigner-name').fill('Lê Thị Ỷ'.normalize('NFD'));
    const saved = page.waitForResponse((r) => r.url().endsWith('/document-settings') && r.request().method() === 'PUT');
    await page.getByTestId('doc-settings-save').click();
    expect((await saved).status()).toBe(200);
    await page.getByTestId('doc-settings-defaults').waitFor({ state: 'detached' });
    await page.mouse.move(0, 0);
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await expectAccessible(page, 'document settings');
    await page.screenshot({ path: shot('document-settings-1280'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: shot('document-settings-360'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    // Opened again, the form holds what was saved (composed), once the server has answered.
    await page.reload();
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('[data-testid="doc-settings-committeeSigner-name"]')?.value,
    );
    expect(await page.getByTestId('doc-settings-committeeSigner-name').inputValue()).toBe('Lê Thị Ỷ');

    await page.getByTestId('certificates-issue').click();
    await page.getByTestId('certificates-pdf').waitFor();
    const printed = await t.deps.db
      .selectFrom('certificates')
      .select(['place_name', 'superior_body', 'signer_name', 'signer_position'])
      .where('contest_id', '=', j.contestId)
      .execute();
    expect(printed.length).toBeGreaterThan(0);
    for (const c of printed)
      expect(c).toEqual({
        place_name: 'Vĩnh Linh',
        superior_body: 'Ủy ban nhân dân huyện Vĩnh Linh',
        signer_name: 'Lê Thị Ỷ',
        signer_position: 'Trưởng ban',
      });
    const first = page.locator('[data-testid^="reissue-"]').first();
    await first.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Cấp lại giấy chứng nhận số 01/GCN-BTC').waitFor();
    await dialog.getByLabel('Cấp cho').fill('Nguyễn Thị Ỷ Lan');
    await dialog.getByLabel('Lý do (ít nhất 10 ký tự, được ghi vào hồ sơ)').fill('Sửa họ tên theo căn cước công dân');
    await dialog.getByRole('button', { name: 'Cấp lại' }).click();
    await page.getByText(/Đã thay bằng số \d+\/GCN-BTC/).waitFor();
    await page.mouse.move(0, 0);
    await expectAccessible(page, 'certificates');
    await page.screenshot({ path: shot('certificates-1280'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: shot('certificates-360'), fullPage: true });

    // The papers made from the announced results download from the same tab, with the staff's session.
    for (const [id, type] of [
      ['doc-award-decision', 'wordprocessingml'],
      ['doc-payment-list', 'spreadsheetml'],
      ['doc-cchc-list', 'spreadsheetml'],
    ] as const) {
      const href = await page.getByTestId(id).getAttribute('href');
      const res = await page.request.get(`${base}${href}`);
      expect(res.status(), `${id}: ${res.status()}`).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
    }

    const old = await t.deps.db
      .selectFrom('certificates')
      .select('code')
      .where('number', '=', '01/GCN-BTC')
      .where('status', '=', 'replaced')
      .executeTakeFirstOrThrow();
    const verify = await suite.newPage({ width: 360, height: 800 });
    await verify.goto(`${base}/v/${old.code}`);
    await verify
      .getByTestId('verify-verdict')
      .getByText(/đã được thay bằng giấy cấp lại số \d+\/GCN-BTC/)
      .waitFor();
    await expectAccessible(verify, 'replaced certificate');
    await verify.screenshot({ path: shot('verify-replaced-360'), fullPage: true });
    await verify.getByTestId('verify-replacement').click();
    await verify.getByTestId('verify-recipient').getByText('Nguyễn Thị Ỷ Lan').waitFor();
    await verify.getByTestId('verify-verdict').getByText('còn hiệu lực').waitFor();
  });
});
