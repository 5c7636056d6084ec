/**
 * The fanpage figures in a real browser: a publisher enters an entry's figures with the screenshot, a secretariat
 * member confirms them, and the contest's home page names the fanpage as the deciding count with the formula.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { makeUser } from '../helpers/test-app.ts';
import { setVotingWindow } from '../helpers/voting.ts';
import { expectAccessible } from './axe.ts';
import { clickForAnswer, dialogOpened, e2eApp, logInAs } from './browser.ts';

const suite = e2eApp();
const { newPage } = suite;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 2)]);
const shots = path.join(os.tmpdir(), 'p12b');

describe('fanpage figures, staff', () => {
  it('are entered with a screenshot by one person, confirmed by another and shown on the results', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    fs.mkdirSync(shots, { recursive: true });
    await setVotingWindow(t, slug);
    const entrant = await makeUser(t, { role: 'entrant' });
    const entryId = await approvedEntry(t, entrant, { draft: { title: 'Mùa gặt Vĩnh Linh' } });
    await publishEntries(t.deps, { userId: t.admin.userId, isSiteAdmin: true, ip: null }, slug, {
      entryIds: [entryId],
    });
    const code = (await t.deps.db.selectFrom('entries').select('code').where('id', '=', entryId).executeTakeFirst())!
      .code!;
    const publisher = await makeUser(t, { role: 'publisher', fullName: 'Phạm Văn Đăng' });
    const secretariat = await makeUser(t, { role: 'secretariat', fullName: 'Võ Thị Thư' });
    const image = path.join(shots, 'post.png');
    fs.writeFileSync(image, PNG);

    const page = await newPage();
    await logInAs(page, base, publisher.email, publisher.password);
    await page.goto(`${base}/manage/${slug}/voting`);
    const card = page.getByTestId('fanpage-card');
    await card.getByText('Điểm fanpage = số lượt bày tỏ cảm xúc + số lượt chia sẻ').waitFor();
    await card.getByRole('button', { name: `Nhập số liệu ${code}` }).click();
    const dialog = await dialogOpened(page.getByRole('dialog'));
    await dialog.getByLabel('Liên kết bài đăng trên Facebook').fill('https://www.facebook.com/dai/posts/42');
    await dialog.getByLabel('Lượt cảm xúc').fill('1250');
    await dialog.getByLabel('Lượt chia sẻ').fill('40');
    await dialog.getByLabel('Bình luận').fill('9');
    await dialog.getByTestId('fanpage-screenshot').setInputFiles(image);
    const stored = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/evidence'));
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    expect((await stored).status()).toBe(200);
    await card.getByText('Xem ảnh').waitFor();
    // The one who entered the figures cannot confirm them.
    await page.getByTestId('fanpage-confirm-blocked').getByText('Phạm Văn Đăng').waitFor();
    expect(await page.getByTestId('fanpage-confirm').isDisabled()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(shots, 'fanpage-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 780 });
    await page.screenshot({ path: path.join(shots, 'fanpage-360.png'), fullPage: true });
    await expectAccessible(page, 'fanpage figures');

    const second = await newPage();
    await logInAs(second, base, secretariat.email, secretariat.password);
    await second.goto(`${base}/manage/${slug}/voting`);
    const confirm = second.getByTestId('fanpage-confirm');
    await confirm.waitFor();
    expect(await clickForAnswer(second, confirm, 'POST', '/fanpage/confirm')).toEqual({ confirmed: 1 });
    await second.getByText(/Đã xác nhận: Võ Thị Thư/).waitFor();

    // Set-up: a day's digest as the worker stores it after midnight.
    const contest = await t.deps.db
      .selectFrom('contests')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('vote_digests')
      .values({
        contest_id: contest.id,
        day: '2026-12-05',
        seq: 12,
        hash: 'ab'.repeat(32),
        stored_at: new Date().toISOString(),
      })
      .execute();
    await second.goto(`${base}/c/${slug}`);
    const prize = second.getByTestId('voting-prize');
    await prize.waitFor();
    await prize.getByText('tính theo số liệu fanpage').waitFor();
    expect(
      await prize
        .getByRole('row', { name: new RegExp(code) })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['1.290']);
    const digests = second.getByTestId('vote-digests');
    await digests.getByText('Bản tóm tắt hằng ngày của nhật ký bình chọn').click();
    await digests.getByText(/05\/12\/2026: #12/).waitFor();
    await second.setViewportSize({ width: 360, height: 780 });
    await second.screenshot({ path: path.join(shots, 'results-360.png'), fullPage: true });
    await expectAccessible(second, 'results with the fanpage count');
  });
});
