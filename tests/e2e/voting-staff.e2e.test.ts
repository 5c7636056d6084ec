/**
 * The staff Voting tab in a real browser: the organizer changes when the counts are shown, and the secretariat's
 * side of the tab counts a quarantined vote in a batch.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { updateVotingSettings } from '../../server/services/voting/update-voting-settings.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { Client, makeUser } from '../helpers/test-app.ts';
import { setVotingWindow, solvedChallenge, verifyPhone } from '../helpers/voting.ts';
import { expectAccessible } from './axe.ts';
import { clickForAnswer, e2eApp, logInAs } from './browser.ts';

const suite = e2eApp();
const { newPage } = suite;

describe('staff voting tab', () => {
  it('saves the voting settings, counts a quarantined vote and shows the count publicly', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    await setVotingWindow(t, slug);
    const entrant = await makeUser(t, { role: 'entrant' });
    const entryId = await approvedEntry(t, entrant, { draft: { title: 'Sắc màu Vĩnh Linh' } });
    await publishEntries(t.deps, { userId: t.admin.userId, isSiteAdmin: true, ip: null }, slug, {
      entryIds: [entryId],
    });
    const voter = new Client(t.app);
    await verifyPhone(t, voter, slug, '0912345678');
    const cast = await voter.post(`/api/contests/${slug}/entries/${entryId}/votes`, {
      altcha: await solvedChallenge(voter),
    });
    expect(cast.statusCode).toBe(200);
    // Set-up: the vote held for review, as a check would.
    await t.deps.db.updateTable('votes').set({ status: 'quarantined', reasons_json: '["device_shared"]' }).execute();

    const page = await newPage();
    await logInAs(page, base, t.admin.email, t.admin.password);
    await page.goto(`${base}/manage/${slug}/voting`);
    await page.getByText('Cài đặt bình chọn').waitFor();
    await page.getByLabel('Chỉ khi kết thúc bình chọn').check();
    await clickForAnswer(page, page.getByTestId('voting-settings-save'), 'PUT', '/voting/settings');
    const stored = await t.deps.db
      .selectFrom('contests')
      .select('voting_json')
      .where('slug', '=', slug)
      .executeTakeFirst();
    expect(JSON.parse(stored!.voting_json!).tallies).toBe('at_end');

    // The charts draw with uPlot, fetched only now, in the staff area.
    const charts = page.getByTestId('voting-charts');
    await charts
      .getByRole('img', { name: /Biểu đồ số phiếu theo giờ \(1 phiếu\)/ })
      .locator('canvas')
      .waitFor();
    await charts
      .getByRole('img', { name: /Biểu đồ cột/ })
      .locator('canvas')
      .waitFor();
    await charts.screenshot({ path: path.join(os.tmpdir(), 'p12b-voting-charts.png') });
    await expectAccessible(page, 'voting tab with its charts, 1280 px');
    // On a phone the charts fit the screen, and follow it when it turns.
    await page.setViewportSize({ width: 360, height: 800 });
    const canvas = charts.locator('canvas').first();
    await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0).toBeLessThanOrEqual(330);
    await expect.poll(async () => (await charts.boundingBox())?.width ?? 0).toBeLessThanOrEqual(360);
    await charts.screenshot({ path: path.join(os.tmpdir(), 'p12b-voting-charts-360.png') });
    await expectAccessible(page, 'voting tab with its charts, 360 px');
    await page.setViewportSize({ width: 1280, height: 900 });

    const held = page.getByRole('row', { name: /device|thiết bị/i }).first();
    await held.waitFor();
    await held.getByRole('checkbox').check();
    expect(await clickForAnswer(page, page.getByTestId('quarantine-count'), 'POST', '/quarantine/decisions')).toEqual({
      changed: 1,
    });
    await page.getByText('Đã xử lý 1 phiếu.').waitFor();
    const vote = await t.deps.db.selectFrom('votes').select('status').executeTakeFirstOrThrow();
    expect(vote.status).toBe('counted');

    // Back to live counts: the contest's home page shows the count, light, with the log to check it.
    const admin = { userId: t.admin.userId, isSiteAdmin: true, ip: null };
    await updateVotingSettings(t.deps, admin, slug, { tallies: 'live' });
    const scripts: string[] = [];
    page.on('request', (r) => scripts.push(r.url()));
    await page.goto(`${base}/c/${slug}`);
    const section = page.getByTestId('voting-results');
    await section.waitFor();
    const code = (await t.deps.db.selectFrom('entries').select('code').where('id', '=', entryId).executeTakeFirst())!
      .code!;
    const row = section.getByRole('row', { name: new RegExp(code) });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['1', '0', '0']);
    expect(scripts.filter((u) => /uplot/i.test(u))).toEqual([]);
    expect(await section.getByRole('link', { name: /nhật ký bình chọn/ }).getAttribute('href')).toBe(
      `/api/contests/${slug}/voting/log`,
    );
  });
});
