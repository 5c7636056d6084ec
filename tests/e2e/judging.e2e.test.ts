/**
 * Judging in a real browser (issue 11): a juror of the demo's blind sơ khảo opens their round, scores an entry (saved
 * as they type), loses the connection while changing a score (the change waits in local storage) and gets it back
 * (the change is sent): the stored sheet holds what was typed offline. Scoring a second entry the same, they submit;
 * as the round's chair they lock it, read the ranking with its method, and break the tie with a reason.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundJurorsInputSchema } from '@core/judging/round-input.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { openJudgingRound } from '../../server/services/judging/open-round.ts';
import { setRoundJurors } from '../../server/services/judging/set-round-jurors.ts';
import { decodeSheet } from '../../server/db/json-columns.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { makeUser } from '../helpers/test-app.ts';
import { expectAccessible } from './axe.ts';
import { e2eApp, logInAs, text } from './browser.ts';

const suite = e2eApp();

describe('judging', () => {
  it('a juror scores through a cut connection; the chair locks the round and breaks a tie', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    const admin = { userId: t.admin.userId, isSiteAdmin: true, ip: null };
    const entrant = await makeUser(t, { fullName: 'Người Dự Thi' });
    const entryId = await approvedEntry(t, entrant, { draft: { title: 'Một cửa điện tử ở xã' } });
    const otherId = await approvedEntry(t, entrant, { draft: { title: 'Dịch vụ công trên điện thoại' } });
    const juror = await makeUser(t, { role: 'juror', fullName: 'Giám khảo Trình Duyệt' });
    const round = await t.deps.db
      .selectFrom('judging_rounds')
      .select('id')
      .where('name', '=', 'Sơ khảo')
      .executeTakeFirstOrThrow();
    await setRoundJurors(
      t.deps,
      admin,
      round.id,
      roundJurorsInputSchema.parse({ jurors: [{ userId: juror.id, isChair: true }] }),
    );
    await openJudgingRound(t.deps, admin, round.id);
    const codeOf = async (id: number) =>
      (
        await t.deps.db
          .selectFrom('judging_blind_codes')
          .select('code')
          .where('entry_id', '=', id)
          .executeTakeFirstOrThrow()
      ).code;
    const ref = await codeOf(entryId);
    const otherRef = await codeOf(otherId);
    const contest = await loadContest(t.deps.db, { slug });
    const judging = contest.phases.find((p) => p.kind === 'judging')!;
    t.setNow(new Date(Date.parse(judging.startsAt) + 3600_000));

    const page = await suite.newPage();
    await logInAs(page, base, juror.email, juror.password);
    await page.goto(`${base}/manage/${slug}/judging`);
    // The juror's home says what is theirs to do next in each round (issue 11, item 8).
    await page.getByTestId(`judging-round-${round.id}`).getByText('Cần chấm').waitFor();
    await page.getByTestId(`judging-round-${round.id}`).getByRole('link', { name: 'Sơ khảo' }).click();
    await page.getByTestId(`judging-entry-${ref}`).click();
    // Blind: the entry by its code, the screen says what blind mode cannot hide.
    await page.getByText('Chấm ẩn danh').waitFor();

    const saved = (version: number) =>
      page
        .waitForResponse((r) => r.url().endsWith('/my-sheet') && r.request().method() === 'PUT' && r.status() === 200)
        .then(async (r) => expect((await r.json()).version).toBeGreaterThanOrEqual(version));
    for (const [key, value] of [
      ['c1', '8'],
      ['c2', '7'],
      ['c3', '9'],
    ] as const) {
      const done = saved(1);
      await page.getByTestId(`score-${key}`).fill(value);
      await done;
    }
    await page.getByTestId('save-status').getByText('Đã lưu').waitFor();

    await page.context().setOffline(true);
    await page.getByTestId('score-c2').fill('6');
    await page.getByTestId('save-status').getByText('Mất kết nối').waitFor();
    const back = saved(4);
    await page.context().setOffline(false);
    await back;
    await page.getByTestId('save-status').getByText('Đã lưu').waitFor();
    expect(await text(page, 'save-status')).toBe('Đã lưu');

    const stored = await t.deps.db
      .selectFrom('judging_scores')
      .select(['sheet_json', 'version'])
      .where('round_id', '=', round.id)
      .where('entry_id', '=', entryId)
      .executeTakeFirstOrThrow();
    expect(decodeSheet(stored.sheet_json).values).toEqual({ c1: 8, c2: 6, c3: 9 });

    // The same scores for the other entry: a tie.
    await page.goto(`${base}/manage/${slug}/judging/rounds/${round.id}/${otherRef}`);
    for (const [key, value] of [
      ['c1', '8'],
      ['c2', '6'],
      ['c3', '9'],
    ] as const) {
      const done = saved(1);
      await page.getByTestId(`score-${key}`).fill(value);
      await done;
    }
    await page.goto(`${base}/manage/${slug}/judging/rounds/${round.id}`);
    await page.getByTestId('judging-submit').click();
    await page.getByTestId('judging-submitted').waitFor();

    // The chair locks the round, reads the ranking with its method and breaks the tie with a reason.
    await page.goto(`${base}/manage/${slug}/judging`);
    await page.getByTestId(`judging-run-${round.id}`).click();
    await page.getByTestId('round-lock').click();
    await page.getByTestId('round-state').getByText('Đã khóa').waitFor();
    await page.getByTestId('tie-decide').waitFor();
    expect(await text(page, 'ranking-method')).toContain('trung bình cộng');
    expect(await text(page, `rank-${ref}`)).toBe('1');
    expect(await text(page, `rank-${otherRef}`)).toBe('1');
    const second = (await page.locator('[data-testid^="tie-up-"]').getAttribute('data-testid'))!.slice(
      'tie-up-'.length,
    );
    const first = second === ref ? otherRef : ref;
    await page.getByTestId(`tie-up-${second}`).click();
    await page.getByTestId('tie-reason').fill('Tác phẩm có thông điệp rõ ràng hơn');
    await page.getByTestId('tie-decide').click();
    await page.getByTestId(`rank-${first}`).getByText('2').waitFor();
    expect(await text(page, `rank-${second}`)).toBe('1');
    const decision = await t.deps.db.selectFrom('judging_tie_decisions').select('reason').executeTakeFirstOrThrow();
    expect(decision.reason).toBe('Tác phẩm có thông điệp rõ ràng hơn');

    // The minutes of the locked round, downloaded from the round's page once the place name is given; they hold the
    // tie decision's reason.
    await page.getByTestId('papers-place').fill('Vĩnh Linh');
    await expectAccessible(page, 'locked round, chair');
    await page.screenshot({ path: path.join(os.tmpdir(), 'round-admin-1280.png'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('papers-minutes-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`bien-ban-vong-${round.id}.pdf`);
    const minutes = execFileSync('pdftotext', [(await download.path())!, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(minutes).toContain('BIÊN BẢN');
    expect(minutes).toContain('Tác phẩm có thông điệp rõ ràng hơn');
    t.setNow(null);
  });
});
