/**
 * Two judging rounds set up from the staff screens (issue 11): the organizer adds sơ khảo and chung khảo (by default
 * the top 10 of sơ khảo), appoints three jurors and a chair, sees the automatic same-unit conflict and opens the first
 * round. In round 1 one juror declares a conflict from the scoring screen, another scores through a cut connection;
 * all submit; the chair locks it, shortlists the top 3 into round 2 and opens it; once round 2 is scored and locked,
 * the ranking shows the right order with Vietnamese numbers. Scores that are not what the journey is about go through
 * the API the scoring screen uses; people log in with a session cookie got over HTTP.
 */
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { completeDraft, approvedEntry } from '../helpers/entries.ts';
import { logInOverHttp, type Session } from '../helpers/http-session.ts';
import { makeUser } from '../helpers/test-app.ts';
import { expectAccessible } from './axe.ts';
import { clickForAnswer, dialogOpened, dropdownsClosed, e2eApp, pickOption, text } from './browser.ts';

const suite = e2eApp();
/** Clicks the round form's save and waits for the server to answer 201 with the new round. */
async function created(page: Page, button: Locator): Promise<void> {
  const answer = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/judging/rounds'),
    { timeout: 30_000 },
  );
  await button.click();
  const res = await answer;
  expect(res.status(), await res.text()).toBe(201);
}
const shot = (name: string) => path.join(os.tmpdir(), `judging-rounds-${name}.png`);

describe('judging rounds from the staff screens', () => {
  it('sơ khảo then chung khảo: set up, scored through a conflict and a cut connection, shortlisted', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    const contest = await loadContest(t.deps.db, { slug });
    const judging = contest.phases.find((p) => p.kind === 'judging')!;
    // The demo comes with its own two draft rounds; this journey builds them from the screens instead.
    await t.deps.db.deleteFrom('judging_rounds').where('contest_id', '=', contest.id).execute();

    const entrant = await makeUser(t, { fullName: 'Người Dự Thi' });
    let phone = 0;
    // Each its own author (by phone), as approvedEntry does, so that the per-person quota stays out of the way.
    const entry = (title: string, unitName: string) =>
      approvedEntry(t, entrant, {
        draft: {
          title,
          authors: completeDraft({ kind: 'person' }).authors.map((a) => ({
            ...a,
            unitName,
            phone: `09${String(10_000_000 + ++phone)}`,
          })),
        },
      });
    const elsewhere = 'Trường THCS Vĩnh Lâm';
    const ids = {
      A: await entry('Một cửa điện tử ở xã', elsewhere),
      B: await entry('Dịch vụ công trên điện thoại', elsewhere),
      // Its author works at Xã Vĩnh Thái, as juror 3 does: an automatic conflict.
      C: await entry('Chữ ký số cho người dân', 'Xã Vĩnh Thái'),
      D: await entry('Hồ sơ không giấy', elsewhere),
      E: await entry('Bộ phận tiếp nhận thân thiện', elsewhere),
    };
    // Entries are in; the rest happens inside the judging phase.
    t.setNow(new Date(Date.parse(judging.startsAt) + 3600_000));
    const organizer = await makeUser(t, { role: 'organizer', fullName: 'Trưởng Ban Tổ Chức' });
    const j1 = await makeUser(t, { role: 'juror', fullName: 'Giám khảo Một' });
    const j2 = await makeUser(t, { role: 'juror', fullName: 'Giám khảo Hai' });
    const j3 = await makeUser(t, { role: 'juror', fullName: 'Giám khảo Ba' });

    const sessions = new Map<number, Session>();
    const session = async (u: { id: number; email: string; password: string }) => {
      if (!sessions.has(u.id)) sessions.set(u.id, await logInOverHttp(base, u.email, u.password));
      return sessions.get(u.id)!;
    };
    const pageFor = async (u: { id: number; email: string; password: string }, width = 1280) => {
      const page = await suite.newPage({ width, height: 900 });
      const [name, value] = (await session(u)).cookie.split('=') as [string, string];
      await page.context().addCookies([{ name, value, url: base }]);
      return page;
    };
    const call = async (
      u: { id: number; email: string; password: string },
      method: string,
      url: string,
      body?: object,
    ) => {
      const s = await session(u);
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const answer = await res.text();
      expect(res.status, `${method} ${url}: ${answer}`).toBe(200);
      return JSON.parse(answer) as Record<string, unknown>;
    };

    // ── The organizer adds sơ khảo from the judging tab ─────────────────────────────────────────────────────────
    const org = await pageFor(organizer);
    await org.goto(`${base}/manage/${slug}/judging`);
    await org.getByTestId('round-add').click();
    let dialog = await dialogOpened(org.getByRole('dialog'));
    await dialog.getByTestId('round-name').fill('Sơ khảo');
    // The ranking rules the API takes are set on the form too: a minimum of scores, and a criterion before the chair.
    await dialog.getByLabel('Số điểm tối thiểu để tác phẩm được xếp hạng').fill('2');
    await dialog.getByLabel('So điểm tiêu chí (theo thứ tự chọn)').click();
    await pickOption(org, 'Tính sáng tạo, sức lan tỏa');
    await dialog.getByText('Khi hai tác phẩm bằng điểm').click();
    await org.mouse.move(0, 0);
    await dropdownsClosed(org);
    await expectAccessible(org, 'add a round');
    await org.screenshot({ path: shot('add-1280'), fullPage: true });
    await dialog.getByTestId('round-tie-chair').scrollIntoViewIfNeeded();
    await org.screenshot({ path: shot('add-tie-1280') });
    await org.setViewportSize({ width: 360, height: 800 });
    await dialog.getByTestId('round-tie-chair').scrollIntoViewIfNeeded();
    await org.screenshot({ path: shot('add-tie-360') });
    await org.setViewportSize({ width: 1280, height: 900 });
    await created(org, dialog.getByRole('button', { name: 'Lưu' }));
    await org.waitForURL(/\/judging\/manage\/\d+$/);
    const round1 = Number(org.url().split('/').pop());
    expect((await call(organizer, 'GET', `/api/judging/rounds/${round1}`)).method).toMatchObject({
      minScores: 2,
      tieOrder: [{ kind: 'criterion', key: 'c2' }, { kind: 'chair' }],
    });
    await org.getByTestId('round-entry-set').getByText('Tất cả tác phẩm đã được duyệt').waitFor();

    // Appoints the three jurors, juror 1 in the chair, juror 3 working at Xã Vĩnh Thái.
    const appoint = async () => {
      await org.getByTestId('round-appoint').click();
      const d = await dialogOpened(org.getByRole('dialog'));
      for (const j of [j1, j2, j3]) await d.getByTestId(`juror-pick-${j.id}`).check();
      await d.getByLabel('Trưởng ban Giám khảo').click();
      await pickOption(org, 'Giám khảo Một');
      // Each choice is shown in its field before the next step: on a loaded machine a click on an option that is
      // still appearing was lost, and the jurors were saved without a chair.
      await expect
        .poll(() => d.getByTestId('jurors-chair').textContent(), { timeout: 15_000 })
        .toContain('Giám khảo Một');
      // The unit is chosen with the keyboard, as a person typing its name would: a click on an option of a list
      // that is still filtering was lost on a loaded machine.
      const unit = d.getByLabel('Đơn vị công tác — Giám khảo Ba');
      await unit.fill('Vĩnh Thái');
      await org
        .locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: 'Xã Vĩnh Thái' })
        .waitFor();
      await unit.press('Enter');
      const third = d.getByRole('row').filter({ has: org.getByTestId(`juror-pick-${j3.id}`) });
      await expect.poll(() => third.textContent(), { timeout: 15_000 }).toContain('Xã Vĩnh Thái');
      await dropdownsClosed(org);
      await clickForAnswer(org, d.getByTestId('jurors-save'), 'PUT', '/jurors');
      await org.getByTestId(`round-juror-${j1.id}`).getByText('Trưởng ban').waitFor();
    };
    await appoint();
    // The automatic conflict shows before the round opens.
    const conflicts = org.getByTestId('round-conflicts');
    await conflicts.getByText('cùng đơn vị').waitFor();
    expect(await conflicts.textContent()).toContain('Giám khảo Ba');
    expect(await org.getByTestId('round-entries').textContent()).toContain('Chữ ký số cho người dân');
    await expectAccessible(org, 'draft round, organizer');
    await org.screenshot({ path: shot('draft-1280'), fullPage: true });

    // ── Chung khảo: the top 3 of sơ khảo ───────────────────────────────────────────────────────────────────────
    await org.goto(`${base}/manage/${slug}/judging`);
    await org.getByTestId('round-row-1').waitFor();
    await org.getByTestId('round-add').click();
    dialog = await dialogOpened(org.getByRole('dialog'));
    await dialog.getByTestId('round-name').fill('Chung khảo');
    await created(org, dialog.getByRole('button', { name: 'Lưu' }));
    await org.waitForURL((u) => /\/judging\/manage\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${round1}`));
    const round2 = Number(org.url().split('/').pop());
    // A later round takes the previous one's top 10 unless the chair decides otherwise.
    await org.getByTestId('round-entry-set').getByText('10 tác phẩm đứng đầu vòng trước').waitFor();
    await appoint();

    // The organizer opens sơ khảo.
    await org.goto(`${base}/manage/${slug}/judging/manage/${round1}`);
    await clickForAnswer(org, org.getByTestId('round-open'), 'POST', '/open');
    await org.getByTestId('round-state').getByText('Đang mở').waitFor();

    const refs = Object.fromEntries(
      await Promise.all(
        Object.entries(ids).map(async ([k, id]) => {
          const row = await t.deps.db
            .selectFrom('judging_blind_codes')
            .select('code')
            .where('entry_id', '=', id)
            .executeTakeFirstOrThrow();
          return [k, row.code] as const;
        }),
      ),
    ) as Record<keyof typeof ids, string>;
    const sheet = (v: number) => ({ baseVersion: 0, sheet: { values: { c1: v, c2: v, c3: v }, comments: {} } });
    const score = (u: typeof j1, round: number, scores: Partial<Record<keyof typeof ids, number>>) =>
      Promise.all(
        Object.entries(scores).map(([k, v]) =>
          call(u, 'PUT', `/api/judging/rounds/${round}/entries/${refs[k as keyof typeof ids]}/my-sheet`, sheet(v)),
        ),
      );
    const submit = (u: typeof j1, round: number) => call(u, 'POST', `/api/judging/rounds/${round}/my-sheet/submit`);

    // ── Juror 2 declares a conflict with E from its scoring screen ─────────────────────────────────────────────
    const p2 = await pageFor(j2);
    await p2.goto(`${base}/manage/${slug}/judging/rounds/${round1}/${refs.E}`);
    await p2.getByTestId('declare-conflict').locator('summary').click();
    await p2.getByTestId('declare-reason').fill('Tác giả là người thân của tôi');
    await clickForAnswer(p2, p2.getByTestId('declare-submit'), 'POST', '/conflict');
    await p2.getByTestId('declared-notice').waitFor();
    await p2.getByTestId(`judging-entry-${refs.A}`).waitFor();
    expect(await p2.getByTestId(`judging-entry-${refs.E}`).count()).toBe(0);
    await score(j2, round1, { A: 9, B: 8, C: 7, D: 6 });
    await submit(j2, round1);
    await score(j3, round1, { A: 9, B: 8, D: 6, E: 5 });
    await submit(j3, round1);

    // ── Juror 1 scores A through a cut connection, the rest as usual, and submits ──────────────────────────────
    const p1 = await pageFor(j1);
    await p1.goto(`${base}/manage/${slug}/judging/rounds/${round1}/${refs.A}`);
    const saved = () =>
      p1.waitForResponse((r) => r.url().endsWith('/my-sheet') && r.request().method() === 'PUT' && r.status() === 200);
    for (const key of ['c1', 'c2']) {
      const done = saved();
      await p1.getByTestId(`score-${key}`).fill('9');
      await done;
    }
    await p1.context().setOffline(true);
    await p1.getByTestId('score-c3').fill('9');
    await p1.getByTestId('save-status').getByText('Mất kết nối').waitFor();
    const back = saved();
    await p1.context().setOffline(false);
    await back;
    await p1.getByTestId('save-status').getByText('Đã lưu').waitFor();
    await score(j1, round1, { B: 8, C: 7, D: 6, E: 5 });
    await p1.goto(`${base}/manage/${slug}/judging/rounds/${round1}`);
    await clickForAnswer(p1, p1.getByTestId('judging-submit'), 'POST', '/my-sheet/submit');
    await p1.getByTestId('judging-submitted').waitFor();

    // ── The chair locks sơ khảo, then opens chung khảo on its top 3 ────────────────────────────────────────────
    await p1.goto(`${base}/manage/${slug}/judging/manage/${round1}`);
    await clickForAnswer(p1, p1.getByTestId('round-lock'), 'POST', '/lock');
    await p1.getByTestId('round-state').getByText('Đã khóa').waitFor();
    await p1.getByTestId(`rank-${refs.A}`).getByText('1').waitFor();
    expect(await text(p1, `rank-${refs.E}`)).toBe('5');
    await p1.goto(`${base}/manage/${slug}/judging/manage/${round2}`);
    await p1.getByTestId('shortlist-n').fill('3');
    await clickForAnswer(p1, p1.getByTestId('shortlist-save'), 'PUT', '/shortlist');
    await p1.getByTestId('round-entry-set').getByText('3 tác phẩm đứng đầu vòng trước').waitFor();
    await p1.getByTestId(`round-entry-${refs.C}`).waitFor();
    await expectAccessible(p1, 'draft chung khảo, chair shortlisting');
    await p1.screenshot({ path: shot('shortlist-1280'), fullPage: true });
    expect(await p1.getByTestId('round-entries').locator('li').count()).toBe(3);
    expect(await p1.getByTestId(`round-entry-${refs.D}`).count()).toBe(0);
    await clickForAnswer(p1, p1.getByTestId('round-open'), 'POST', '/open');
    await p1.getByTestId('round-state').getByText('Đang mở').waitFor();

    // ── Chung khảo is scored (juror 3 still kept off C) and locked ─────────────────────────────────────────────
    await score(j1, round2, { A: 7, B: 9, C: 8 });
    await score(j2, round2, { A: 7, B: 9, C: 8 });
    await score(j3, round2, { A: 8, B: 9 });
    for (const j of [j1, j2, j3]) await submit(j, round2);
    await p1.reload();
    await clickForAnswer(p1, p1.getByTestId('round-lock'), 'POST', '/lock');
    await p1.getByTestId('round-state').getByText('Đã khóa').waitFor();
    await p1.getByTestId(`rank-${refs.A}`).getByText('3').waitFor();
    const order = await p1
      .locator('[data-testid^="rank-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('rank-'.length)));
    expect(order).toEqual([refs.B, refs.C, refs.A]);
    // (7 + 7 + 8) / 3, with a decimal comma.
    expect(await text(p1, `figure-${refs.A}`)).toBe('7,33');
    expect(await text(p1, `figure-${refs.B}`)).toBe('9,00');
    await expectAccessible(p1, 'locked chung khảo, chair');
    await p1.screenshot({ path: shot('ranking-1280'), fullPage: true });
    // In English the same figures read the English way.
    await p1.getByTestId('lang-en').click();
    await p1.getByTestId('round-state').getByText('Locked').waitFor();
    expect(await text(p1, `figure-${refs.A}`)).toBe('7.33');

    // ── The same screens at 360 px ─────────────────────────────────────────────────────────────────────────────
    const narrow = await pageFor(organizer, 360);
    await narrow.goto(`${base}/manage/${slug}/judging/manage/${round1}`);
    await narrow.getByTestId('round-conflicts').getByText('cùng đơn vị').waitFor();
    await expectAccessible(narrow, 'locked sơ khảo, organizer, 360 px');
    await narrow.screenshot({ path: shot('round-360'), fullPage: true });
    await narrow.goto(`${base}/manage/${slug}/judging`);
    await narrow.getByTestId('round-row-2').waitFor();
    // From the keyboard: the button takes the focus and Enter opens the form.
    await narrow.getByTestId('round-add').focus();
    await narrow.keyboard.press('Enter');
    await dialogOpened(narrow.getByRole('dialog'));
    await expectAccessible(narrow, 'add a round, 360 px');
    await narrow.screenshot({ path: shot('add-360'), fullPage: true });
    t.setNow(null);
  });
});
