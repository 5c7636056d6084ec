/**
 * A citizen votes from a 360 px phone in Vietnamese: the entry page says when voting opens, then offers the vote; the
 * sheet verifies a number (the code read from the SMS outbox, a wrong one first), solves the proof-of-work check in
 * the browser, casts the vote and says when the next one opens; a second tap is told the day's vote is used. The log
 * behind the public count verifies with `npm run votes:verify`. Each screen passes axe.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { makeUser } from '../helpers/test-app.ts';
import { setVotingWindow, smsCodes } from '../helpers/voting.ts';
import { expectAccessible } from './axe.ts';
import { clickForAnswer, e2eApp, logInAs } from './browser.ts';

// A light challenge: the browser's work is real, but a busy test machine should not wait on it.
const suite = e2eApp({ env: { ALTCHA_COMPLEXITY: '3000' } });
const { newPage } = suite;
const shots = path.join(os.tmpdir(), 'voting-public');
fs.mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

describe('public vote', () => {
  it('verifies a phone on a 360 px phone, votes once, and is told about tomorrow', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    const entrant = await makeUser(t, { role: 'entrant' });
    const title = 'Vĩnh Linh mùa lúa chín';
    const entryId = await approvedEntry(t, entrant, { draft: { title } });
    await publishEntries(t.deps, { userId: t.admin.userId, isSiteAdmin: true, ip: null }, slug, {
      entryIds: [entryId],
    });

    // Before the window: no button, the dates instead.
    await setVotingWindow(t, slug, { openForMs: -3_600_000 });
    const page = await newPage({ width: 360, height: 740 });
    await page.goto(`${base}/c/${slug}/e/${entryId}`);
    expect(await page.getByTestId('entry-vote-note').textContent()).toMatch(
      /^Bình chọn trực tuyến mở từ \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\) đến/,
    );

    await setVotingWindow(t, slug);
    await page.reload();
    const button = page.getByRole('button', { name: `Bình chọn cho tác phẩm «${title}»` });
    await button.waitFor();
    await expectAccessible(page, 'entry page with the vote button');
    await shot(page, 'entry-vote-360');

    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Bình chọn trực tuyến' });
    await dialog.waitFor();
    const phone = dialog.getByLabel('Số điện thoại di động');
    await phone.waitFor();
    expect(await phone.evaluate((el) => el === document.activeElement)).toBe(true);
    // The widget loads with its Vietnamese strings and starts solving at once.
    await dialog.locator('altcha-widget').waitFor();
    await dialog
      .getByText(/Đang xác minh|Đã xác minh/)
      .first()
      .waitFor();
    await expectAccessible(page, 'vote sheet: the number');
    await shot(page, 'vote-identify-360');
    // The sheet fits the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // A landline is refused with the server's rule, and the check is solved again for the next try.
    await phone.fill('0233 3863 123');
    await dialog.getByTestId('vote-send-code').click();
    await dialog
      .getByTestId('vote-error')
      .getByText(/là số cố định/)
      .waitFor();

    await phone.fill('0912 345 678');
    await clickForAnswer(page, dialog.getByTestId('vote-send-code'), 'POST', '/voting/codes');
    await dialog.getByText(/Mã 6 chữ số đã được gửi bằng tin nhắn tới •••• •• 5678/).waitFor();
    const code = smsCodes(t, '+84912345678').at(-1)!;
    expect(code).toMatch(/^\d{6}$/);

    const codeField = dialog.getByLabel('Mã xác minh (6 chữ số)');
    await codeField.fill(code === '000000' ? '111111' : '000000');
    await dialog.getByTestId('vote-confirm').click();
    await dialog
      .getByTestId('vote-error')
      .getByText(/Mã xác minh không đúng\. Bạn còn 4 lần nhập/)
      .waitFor();
    await expectAccessible(page, 'vote sheet: a wrong code');
    await shot(page, 'vote-code-wrong-360');

    await codeField.fill(code);
    const cast = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/votes'));
    await dialog.getByTestId('vote-confirm').click();
    expect((await cast).status()).toBe(200);
    const done = dialog.getByTestId('vote-done');
    await done.waitFor();
    expect(await done.textContent()).toMatch(
      /Đã ghi nhận lượt bình chọn của bạn\. Lượt bình chọn tiếp theo của bạn mở lúc 00:00 ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)\./,
    );
    expect(await done.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'vote sheet: the vote recorded');
    await shot(page, 'vote-done-360');
    const votes = await t.deps.db.selectFrom('votes').select(['entry_id', 'status']).execute();
    expect(votes).toEqual([{ entry_id: entryId, status: 'counted' }]);

    // Closing returns to the button; a second tap is told plainly that today's vote is used.
    await dialog.getByTestId('vote-dismiss').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    await button.click();
    const refused = dialog.getByTestId('vote-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(
      /Bạn đã bình chọn hôm nay\. Mỗi người được bình chọn một lần mỗi ngày; lượt bình chọn tiếp theo của bạn mở lúc 00:00 ngày/,
    );
    await expectAccessible(page, 'vote sheet: already voted');
    await shot(page, 'vote-again-360');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await t.deps.db.selectFrom('votes').select('id').execute()).toHaveLength(1);

    // The gallery card offers the vote too; another browser starts with the number.
    const wide = await newPage({ width: 1280, height: 900 });
    await wide.goto(`${base}/c/${slug}/gallery`);
    const cardButton = wide.getByTestId(`vote-button-${entryId}`);
    await cardButton.waitFor();
    await expectAccessible(wide, 'gallery with vote buttons');
    await shot(wide, 'gallery-vote-1280');
    await cardButton.click();
    await wide.getByTestId('vote-identify').waitFor();
    await wide.locator('altcha-widget').waitFor();
    await expectAccessible(wide, 'vote sheet on a wide screen');
    await shot(wide, 'vote-identify-1280');
    await wide.getByTestId('vote-close').click();
    await wide.getByTestId('vote-dialog').waitFor({ state: 'hidden' });

    // The public count, and its log checked by the documented command.
    await page.goto(`${base}/c/${slug}`);
    const link = page.getByTestId('voting-results').getByRole('link', { name: /nhật ký bình chọn/ });
    const download = page.waitForEvent('download');
    await link.click();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'votes-')), 'votes.log');
    await (await download).saveAs(file);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/votes-verify-cli.ts', file], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const entryCode = (await t.deps.db
      .selectFrom('entries')
      .select('code')
      .where('id', '=', entryId)
      .executeTakeFirst())!.code!;
    expect(run.stdout).toContain(`${entryCode}\t1\t0\t0`);
  });

  it('lets the organizer load a resident list, after which a number off it is told why it cannot vote', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    // The restriction is chosen before voting starts.
    await setVotingWindow(t, slug, { openForMs: -3_600_000 });
    const staff = await newPage({ width: 1280, height: 900 });
    await logInAs(staff, base, t.admin.email, t.admin.password);
    await staff.goto(`${base}/manage/${slug}/voting`);
    await staff.getByTestId('resident-only').check();
    await clickForAnswer(staff, staff.getByTestId('voting-settings-save'), 'PUT', '/voting/settings');
    const card = staff.getByTestId('resident-list');
    await card.getByText('không ai xác minh được để bình chọn').waitFor();

    const loaded = staff.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/residents'));
    await card.locator('input[type=file]').setInputFiles({
      name: 'cu-dan.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFFHọ tên,Số điện thoại\nNguyễn Văn An,0912 345 678\nLê Thị Hoa,0381 234 567\n'),
    });
    expect((await loaded).status()).toBe(200);
    await card.getByText(/Danh sách có 2 số, nạp lúc \d\d\/\d\d\/\d{4} \d\d:\d\d/).waitFor();
    expect(await card.getByText('không ai xác minh được').count()).toBe(0);
    await expectAccessible(staff, 'staff voting tab with the resident list');
    await staff.screenshot({ path: path.join(shots, 'staff-residents-1280.png'), fullPage: true });

    await setVotingWindow(t, slug);
    const entryId = (await t.deps.db.selectFrom('publications').select('entry_id').executeTakeFirstOrThrow()).entry_id;
    const page = await newPage({ width: 360, height: 740 });
    await page.goto(`${base}/c/${slug}/e/${entryId}`);
    await page.getByTestId(`vote-button-${entryId}`).click();
    const dialog = page.getByRole('dialog', { name: 'Bình chọn trực tuyến' });
    // Only phones while residents only: no choice of e-mail.
    await dialog.getByLabel('Số điện thoại di động').fill('0987 654 321');
    expect(await dialog.getByText('Thư điện tử', { exact: true }).count()).toBe(0);
    await dialog.getByTestId('vote-send-code').click();
    await dialog
      .getByTestId('vote-error')
      .getByText(/không có trong danh sách cư dân/)
      .waitFor();
    await shot(page, 'vote-not-resident-360');
    expect(smsCodes(t, '+84987654321')).toEqual([]);
  });

  it('after voting, the organizer publishes the result and the public page names the most-voted entry', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    await setVotingWindow(t, slug, { openForMs: 2 * 3_600_000, lengthMs: 3_600_000 });
    const entryId = (await t.deps.db.selectFrom('votes').select('entry_id').executeTakeFirstOrThrow()).entry_id;
    const code = (await t.deps.db.selectFrom('entries').select('code').where('id', '=', entryId).executeTakeFirst())!
      .code!;

    const staff = await newPage({ width: 1280, height: 900 });
    await logInAs(staff, base, t.admin.email, t.admin.password);
    await staff.goto(`${base}/manage/${slug}/voting`);
    const card = staff.getByTestId('voting-result-card');
    await card.getByText(`Được bình chọn nhiều nhất: ${code}.`).waitFor();
    await card.getByTestId('voting-publish').click();
    await clickForAnswer(staff, staff.getByTestId('voting-publish-confirm'), 'POST', '/voting/results/publish');
    await card
      .getByTestId('voting-published')
      .getByText(/^Đã công bố chính thức lúc/)
      .waitFor();
    await expectAccessible(staff, 'staff voting tab with the published result');
    await staff.screenshot({ path: path.join(shots, 'staff-result-1280.png'), fullPage: true });

    const page = await newPage({ width: 360, height: 740 });
    await page.goto(`${base}/c/${slug}`);
    const section = page.getByTestId('voting-results');
    await section.getByTestId('most-voted').getByText(`Được bình chọn nhiều nhất: ${code}.`).waitFor();
    expect(await section.getByTestId('results-published').textContent()).toMatch(
      /^Kết quả chính thức, công bố ngày \d\d\/\d\d\/\d{4}\.$/,
    );
    await expectAccessible(page, 'contest home with the final result');
    await section.screenshot({ path: path.join(shots, 'public-result-360.png') });

    await page.goto(`${base}/c/${slug}/e/${entryId}`);
    expect(await page.getByTestId('entry-vote-note').textContent()).toMatch(/^Bình chọn trực tuyến đã kết thúc lúc/);
    expect(await page.getByTestId(`vote-button-${entryId}`).count()).toBe(0);
  });
});
