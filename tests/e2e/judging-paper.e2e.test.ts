/**
 * The paper desk in a real browser (issue 11, item 6; ADR 0036): a secretary types a paper juror's signed sheet with
 * the keyboard alone (Tab between the scores, Enter saves), the desk shows it waiting for a check and says the typist
 * cannot check it; a second secretary confirms it; the round's progress follows the sheet's check, and "Nhắc giám
 * khảo" e-mails the online juror who has not submitted. Axe on the desk and the progress; screenshots at 360 and 1280
 * px in Vietnamese.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundJurorsInputSchema } from '@core/judging/round-input.ts';
import { openJudgingRound } from '../../server/services/judging/open-round.ts';
import { setRoundJurors } from '../../server/services/judging/set-round-jurors.ts';
import { decodeSheet } from '../../server/db/json-columns.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { makeUser } from '../helpers/test-app.ts';
import { expectAccessible } from './axe.ts';
import { e2eApp, logInAs, text } from './browser.ts';

const suite = e2eApp();

describe('paper desk', () => {
  it('a secretary types a signed sheet with the keyboard; another confirms it', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    const admin = { userId: t.admin.userId, isSiteAdmin: true, ip: null };
    const entrant = await makeUser(t, { fullName: 'Người Dự Thi' });
    const entryId = await approvedEntry(t, entrant, { draft: { title: 'Một cửa điện tử ở xã' } });
    const chair = await makeUser(t, { role: 'juror', fullName: 'Giám khảo Trưởng ban' });
    const paper = await makeUser(t, { role: 'juror', fullName: 'Giám khảo Chấm Giấy' });
    const typist = await makeUser(t, { role: 'secretary', fullName: 'Thư ký Nhập Phiếu' });
    const checker = await makeUser(t, { role: 'secretary', fullName: 'Thư ký Đối Chiếu' });
    const round = await t.deps.db
      .selectFrom('judging_rounds')
      .select('id')
      .where('name', '=', 'Sơ khảo')
      .executeTakeFirstOrThrow();
    await setRoundJurors(
      t.deps,
      admin,
      round.id,
      roundJurorsInputSchema.parse({
        jurors: [
          { userId: chair.id, isChair: true },
          { userId: paper.id, mode: 'paper' },
        ],
      }),
    );
    await openJudgingRound(t.deps, admin, round.id);
    const { code: ref } = await t.deps.db
      .selectFrom('judging_blind_codes')
      .select('code')
      .where('entry_id', '=', entryId)
      .executeTakeFirstOrThrow();
    const box = `paper-${paper.id}-${ref}`;

    const page = await suite.newPage();
    await logInAs(page, base, typist.email, typist.password);
    await page.goto(`${base}/manage/${slug}/judging/manage/${round.id}`);
    await page.getByTestId('papers-desk').click();
    await page.getByTestId(`${box}-check`).getByText('Chưa nhập').waitFor();
    // Keyboard alone: the first score, then Tab to the next ones, Enter saves the form.
    await page.getByTestId(`${box}-c1`).focus();
    await page.keyboard.type('8');
    await page.keyboard.press('Tab');
    await page.keyboard.type('7');
    await page.keyboard.press('Tab');
    await page.keyboard.type('9');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/paper/'));
    await page.keyboard.press('Enter');
    expect((await saved).status()).toBe(200);
    await page.getByTestId(`${box}-check`).getByText('Chờ đối chiếu').waitFor();
    await page.getByText('Bạn đã nhập phiếu này nên cần một người khác đối chiếu.').waitFor();
    expect(await page.getByTestId(`${box}-confirm`).count()).toBe(0);
    await expectAccessible(page, 'paper desk, typist');
    await page.screenshot({ path: path.join(os.tmpdir(), 'paper-desk-1280.png'), fullPage: true });

    // The round's progress shows the typed sheet waiting for its check; "Nhắc giám khảo" reaches the online chair.
    await page.goto(`${base}/manage/${slug}/judging/manage/${round.id}`);
    await page.getByTestId(`progress-state-${paper.id}`).getByText('Chờ người thứ hai đối chiếu: 1').waitFor();
    const reminded = page.waitForResponse((r) => r.url().endsWith(`/rounds/${round.id}/reminders`));
    await page.getByTestId('remind-all').click();
    expect((await reminded).status()).toBe(200);
    await page.getByTestId('remind-result').getByText('tới 1 giám khảo.', { exact: false }).waitFor();
    expect(t.sentMail.filter((m) => m.to === chair.email).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Nhắc chấm thi: vòng chấm "Sơ khảo"/),
    ]);
    await page.mouse.move(0, 0);
    await expectAccessible(page, 'round progress after a reminder');
    await page.screenshot({ path: path.join(os.tmpdir(), 'round-progress-1280.png'), fullPage: true });

    const narrow = await suite.newPage({ width: 360, height: 780 });
    await logInAs(narrow, base, checker.email, checker.password);
    // The second secretary's judging home lists the sheet as theirs to check and leads to the desk.
    await narrow.goto(`${base}/manage/${slug}/judging`);
    await narrow.getByTestId(`paper-checks-${round.id}`).getByText('1 phiếu đã nhập đang chờ').waitFor();
    await expectAccessible(narrow, 'judging home with paper to check, 360 px');
    await narrow.screenshot({ path: path.join(os.tmpdir(), 'judging-home-paper-360.png'), fullPage: true });
    await narrow.setViewportSize({ width: 1280, height: 900 });
    await narrow.screenshot({ path: path.join(os.tmpdir(), 'judging-home-paper-1280.png'), fullPage: true });
    await narrow.setViewportSize({ width: 360, height: 780 });
    await narrow.getByTestId(`paper-checks-open-${round.id}`).click();
    await narrow.waitForURL(new RegExp(`/judging/paper/${round.id}$`));
    await narrow.getByTestId(`${box}-confirm`).waitFor();
    await expectAccessible(narrow, 'paper desk, checker, 360 px');
    await narrow.screenshot({ path: path.join(os.tmpdir(), 'paper-desk-360.png'), fullPage: true });
    await narrow.getByTestId(`${box}-confirm`).click();
    await narrow.getByTestId(`${box}-check`).getByText('Đã xác nhận').waitFor();
    expect(await text(narrow, `${box}-check`)).toBe('Đã xác nhận');
    await narrow.goto(`${base}/manage/${slug}/judging/manage/${round.id}`);
    await narrow.getByTestId(`progress-state-${paper.id}`).getByText('Đã đối chiếu: 1').waitFor();
    await narrow.screenshot({ path: path.join(os.tmpdir(), 'round-progress-360.png'), fullPage: true });

    const row = await t.deps.db
      .selectFrom('judging_scores')
      .select(['sheet_json', 'source', 'entered_by', 'checked_by'])
      .where('round_id', '=', round.id)
      .where('juror_user_id', '=', paper.id)
      .executeTakeFirstOrThrow();
    expect(decodeSheet(row.sheet_json).values).toEqual({ c1: 8, c2: 7, c3: 9 });
    expect([row.source, row.entered_by, row.checked_by]).toEqual(['paper', typist.id, checker.id]);
  });
});
