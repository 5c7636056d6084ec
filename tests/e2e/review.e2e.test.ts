/**
 * Review in a real browser (R9, R11): a secretariat reviewer finds a submitted entry in the review queue and returns
 * it for a fix with a reason and a deadline; the entrant is notified, reads the reason on the entry page, fixes the
 * title and sends it again; the reviewer approves it and the entrant sees that it was approved.
 */
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { utcToZonedLocal } from '@core/time.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { updateContest } from '../../server/services/contests/update-contest.ts';
import { attachAcceptedFile, completeDraft } from '../helpers/entries.ts';
import { loggedInClient, makeUser } from '../helpers/test-app.ts';
import { e2eApp, logInAs, text } from './browser.ts';

const suite = e2eApp();
const TZ = 'Asia/Ho_Chi_Minh';
const TITLE = 'Vĩnh Linh số hóa thủ tục hành chính';
const FIXED_TITLE = 'Vĩnh Linh số hóa thủ tục hành chính cho người dân';
const REASON = 'Tên tác phẩm chưa nêu rõ đối tượng phục vụ; đề nghị bổ sung cho đúng chủ đề.';
const REVIEWER = 'Phạm Thẩm Định';

/** Picks a date-time in the review form's picker by typing it, as dd/MM/yyyy HH:mm. */
async function pickDeadline(page: Page, value: string): Promise<void> {
  const input = page.getByTestId('review-form').getByLabel(/Hạn sửa và nộp lại/);
  await input.click();
  await input.press('Control+a');
  await input.pressSequentially(value);
  await input.press('Enter');
  expect(await input.inputValue()).toBe(value);
}

async function openInQueue(page: Page, entryId: number): Promise<void> {
  await page.goto(`${suite.base}/manage/${suite.t.demoSlug}/review`);
  // The search ignores diacritics.
  await page.getByLabel('Tìm tác phẩm').fill('vinh linh so hoa');
  await page.getByTestId(`review-open-${entryId}`).click();
  await page.getByTestId('review-drawer-status').waitFor();
}

describe('review journey', () => {
  it('returns an entry for a fix, which the entrant fixes and sends again, and approves it', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    const entrant = await makeUser(t, { fullName: 'Trần Thị Dự Thi' });
    const reviewer = await makeUser(t, { role: 'secretariat', fullName: REVIEWER });

    // A submitted entry with an accepted file, made through the API as the entrant.
    const api = await loggedInClient(t, entrant.email, entrant.password);
    const created = await api.post(
      `/api/contests/${slug}/entries`,
      completeDraft({ kind: 'person' }, { title: TITLE }),
    );
    expect(created.statusCode).toBe(201);
    const entryId = created.json().id as number;
    await attachAcceptedFile(t, entryId);
    const submitted = await api.post(`/api/entries/${entryId}/submit`);
    expect(submitted.statusCode).toBe(200);
    const code = submitted.json().code as string;

    // The reviewer finds it in the queue.
    const staff = await suite.newPage();
    await logInAs(staff, base, reviewer.email, reviewer.password);
    await staff.goto(`${base}/manage/${slug}`);
    await staff.getByTestId('tab-review').click();
    await staff.getByRole('heading', { name: 'Thẩm định' }).waitFor();
    await staff.getByLabel('Tìm tác phẩm').fill('vinh linh so hoa');
    await staff.getByTestId(`review-open-${entryId}`).waitFor();
    expect(await text(staff, `review-status-${entryId}`)).toBe('Chờ thẩm định');
    expect(await text(staff, `review-count-${entryId}`)).toBe('0/1 ý kiến');
    expect(await staff.getByTestId('review-table').textContent()).toContain(code);

    await staff.getByTestId(`review-open-${entryId}`).click();
    const drawer = staff.getByTestId('review-form');
    await drawer.waitFor();
    expect(await text(staff, 'review-drawer-status')).toBe('Chờ thẩm định');
    expect(await text(staff, 'check-technicalPassed')).toContain('Đạt');
    expect(await text(staff, 'check-technicalPassed')).toContain('Hệ thống tự kiểm tra');
    expect(await text(staff, 'check-authorDetailsComplete')).toContain('Đủ thông tin tác giả');
    expect(await text(staff, 'originality-none')).toContain('Không có cảnh báo trùng lặp.');

    // Approving without ticking the checklist: the server says why, in Vietnamese.
    await drawer.getByText('Duyệt', { exact: true }).click();
    await staff.getByTestId('review-submit').click();
    expect(await text(staff, 'review-error')).toContain('Chỉ duyệt được tác phẩm khi mọi mục kiểm tra đều đạt');

    // Returning needs a reason: checked in the form first.
    await drawer.getByText('Trả lại để sửa', { exact: true }).click();
    await staff.getByTestId('review-reason').fill('Chưa ổn');
    await staff.getByTestId('review-submit').click();
    await drawer.getByText('Lý do cần ít nhất 10 ký tự.').waitFor();

    const deadlineAt = new Date(Date.now() + 2 * 86_400_000);
    const deadlineLocal = `${utcToZonedLocal(deadlineAt, TZ).slice(0, 10)}T16:30`;
    const [y, m, d] = deadlineLocal.slice(0, 10).split('-');
    const deadlineText = `${d}/${m}/${y} 16:30`;
    await pickDeadline(staff, deadlineText);
    await staff.getByTestId('review-reason').fill(REASON);
    await staff.getByTestId('review-submit').click();
    await staff.getByTestId('review-closed').waitFor();
    expect(await text(staff, 'review-drawer-status')).toBe('Trả lại để sửa');
    const decision = await text(staff, 'review-rounds');
    expect(decision).toContain(REVIEWER);
    expect(decision).toContain(REASON);
    expect(decision).toContain(`Hạn sửa: ${deadlineText}`);
    expect(await text(staff, `review-status-${entryId}`)).toBe('Trả lại để sửa');
    // For a person to look at (not kept in the repository).
    await staff.screenshot({ path: path.join(os.tmpdir(), 'review-drawer.png'), fullPage: true });

    // The entrant is notified and reads the reason on the entry page.
    const page = await suite.newPage();
    await logInAs(page, base, entrant.email, entrant.password);
    expect(await text(page, 'nav-unread')).toBe('1');
    await page.getByTestId('nav-notifications').click();
    await page.getByTestId('notifications-page').waitFor();
    const list = await text(page, 'notification-list');
    expect(list).toContain(`Tác phẩm ${code} được trả lại để sửa`);
    expect(list).toContain(`Lý do: ${REASON}`);
    await page.getByTestId('notification-list').getByRole('link', { name: 'Xem tác phẩm' }).click();
    await page.getByTestId('review-outcome').waitFor();
    expect(await text(page, 'review-outcome-title')).toBe('Tác phẩm được trả lại để sửa');
    expect(await text(page, 'review-outcome-reason')).toBe(`Ban Tổ chức đề nghị sửa trước ${deadlineText}: ${REASON}`);
    expect(await text(page, 'entry-status')).toBe('Bản nháp');
    await page.screenshot({ path: path.join(os.tmpdir(), 'review-returned-entry.png') });
    await page.getByTestId('nav-notifications').waitFor();
    await expect.poll(() => page.getByTestId('nav-unread').count()).toBe(0);

    // The entrant fixes the title and sends the entry again.
    await page.getByLabel('Tên tác phẩm').fill(FIXED_TITLE);
    await page.getByTestId('save-draft').click();
    await expect.poll(() => text(page, 'save-state')).toMatch(/^Đã lưu/);
    expect(await text(page, 'submit-entry')).toBe('Nộp lại');
    await page.getByTestId('submit-entry').click();
    await page.getByTestId('submitted').waitFor();
    expect(await text(page, 'review-outcome-title')).toBe('Tác phẩm đang chờ Ban Tổ chức thẩm định');
    expect(await text(page, 'history')).toContain('Ban Tổ chức trả lại để sửa, hạn nộp lại');
    expect(await text(page, 'history')).toContain(`Nộp lại sau khi sửa, mã ${code}`);

    // The reviewer approves the fixed entry, in its second round.
    await openInQueue(staff, entryId);
    expect(await text(staff, 'review-drawer-status')).toBe('Chờ thẩm định');
    expect(await text(staff, `review-status-${entryId}`)).toBe('Chờ thẩm định');
    expect(await staff.getByTestId('review-table').textContent()).toContain('Lượt 2');
    expect(await text(staff, 'review-rounds')).toContain(REASON);
    for (const item of ['onTheme', 'lawfulRespectful', 'originalRights'])
      await staff.getByTestId(`check-${item}`).getByRole('checkbox').check();
    await staff.getByTestId('review-form').getByText('Duyệt', { exact: true }).click();
    await staff.getByTestId('review-submit').click();
    await staff.getByTestId('review-closed').waitFor();
    expect(await text(staff, 'review-drawer-status')).toBe('Đã duyệt');

    // The entrant sees that it was approved, with its new title.
    await page.reload();
    await page.getByTestId('review-outcome').waitFor();
    expect(await text(page, 'review-outcome-title')).toBe('Tác phẩm đã được Ban Tổ chức duyệt');
    expect(await text(page, 'entry-title')).toBe(FIXED_TITLE);
    expect(await text(page, 'nav-unread')).toBe('1');
    expect(await text(page, 'history')).toContain('Ban Tổ chức đã duyệt tác phẩm');
    await page.getByTestId('nav-notifications').click();
    const approved = page.getByTestId('notification-list').locator('li[data-unread="true"]');
    expect(await approved.textContent()).toContain(`Tác phẩm ${code} đã được duyệt`);
    await approved.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await expect.poll(() => page.getByTestId('nav-unread').count()).toBe(0);
    expect(await text(page, 'notifications-page')).toContain('Bạn đã đọc hết thông báo.');

    // The header with its notifications link fits a 360 px phone.
    const phone = await suite.newPage({ width: 360, height: 780 });
    await logInAs(phone, base, entrant.email, entrant.password);
    await phone.goto(`${base}/notifications`);
    await phone.getByTestId('notification-list').waitFor();
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBe(0);
  });

  it('gives an entry whose fix deadline passed more time, after which the entrant sends it again', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    const title = 'Trễ hạn sửa vì mất điện';
    const entrant = await makeUser(t, { fullName: 'Lê Văn Trễ Hạn' });
    const reviewer = await makeUser(t, { role: 'secretariat', fullName: 'Ngô Gia Hạn' });
    const api = await loggedInClient(t, entrant.email, entrant.password);
    const draft = completeDraft({ kind: 'person' }, { title });
    draft.authors[0]!.phone = '0914000111';
    const created = await api.post(`/api/contests/${slug}/entries`, draft);
    expect(created.statusCode).toBe(201);
    const entryId = created.json().id as number;
    await attachAcceptedFile(t, entryId);
    expect((await api.post(`/api/entries/${entryId}/submit`)).statusCode).toBe(200);

    // Returned three hours ago with two hours to fix it: the deadline passed an hour ago.
    const staffApi = await loggedInClient(t, reviewer.email, reviewer.password);
    const realNow = Date.now();
    t.setNow(new Date(realNow - 3 * 3600_000));
    try {
      const returned = await staffApi.post(`/api/entries/${entryId}/reviews`, {
        decision: 'return',
        reason: REASON,
        fixDeadline: new Date(realNow - 3600_000).toISOString(),
      });
      expect(returned.statusCode).toBe(201);
    } finally {
      t.setNow(null);
    }

    const page = await suite.newPage();
    await logInAs(page, base, entrant.email, entrant.password);
    await page.goto(`${base}/entries/${entryId}`);
    await page.getByTestId('review-outcome').waitFor();
    expect(await text(page, 'review-outcome-title')).toBe('Đã hết hạn sửa tác phẩm');

    // The reviewer sees the lapsed deadline in the drawer and sets a new one.
    const staff = await suite.newPage();
    await logInAs(staff, base, reviewer.email, reviewer.password);
    await staff.goto(`${base}/manage/${slug}/review`);
    await staff.getByLabel('Tìm tác phẩm').fill('tre han sua');
    await staff.getByTestId(`review-open-${entryId}`).click();
    await staff.getByTestId('extend-lapsed').waitFor();
    expect(await text(staff, 'extend-lapsed')).toContain('Hạn sửa đã qua');
    const newAt = new Date(realNow + 2 * 86_400_000);
    const [y, m, d] = utcToZonedLocal(newAt, TZ).slice(0, 10).split('-');
    const newText = `${d}/${m}/${y} 17:00`;
    const input = staff.getByTestId('extend-deadline').getByLabel(/Hạn sửa mới/);
    await input.click();
    await input.press('Control+a');
    await input.pressSequentially(newText);
    // Confirmed with the picker's own button: Enter in the field would also send the form.
    await staff.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
    expect(await input.inputValue()).toBe(newText);
    await staff.getByTestId('extend-submit').click();
    await staff.getByText(`Đã gia hạn sửa đến ${newText}.`).waitFor();
    await staff.getByTestId('extend-current').getByText(`Hạn sửa đang áp dụng: ${newText}`).waitFor();
    const extensions = await t.deps.db
      .selectFrom('audit_log')
      .select('details_json')
      .where('target', '=', `entry:${entryId}`)
      .where('action', '=', 'entry.extendFixDeadline')
      .execute();
    expect(extensions).toHaveLength(1);
    await staff.screenshot({ path: path.join(os.tmpdir(), 'review-extend.png'), fullPage: true });
    expect(await text(staff, 'review-drawer-status')).toBe('Trả lại để sửa');

    // The entrant is told, and can send it again.
    await page.reload();
    await page.getByTestId('review-outcome').waitFor();
    expect(await text(page, 'review-outcome-title')).toBe('Tác phẩm được trả lại để sửa');
    expect(await text(page, 'review-outcome-reason')).toBe(`Ban Tổ chức đề nghị sửa trước ${newText}: ${REASON}`);
    expect(await text(page, 'history')).toContain(`Ban Tổ chức gia hạn sửa đến ${newText}`);
    expect(await text(page, 'nav-unread')).toBe('2');
    await page.getByTestId('submit-entry').click();
    await page.getByTestId('submitted').waitFor();
    expect(await text(page, 'review-outcome-title')).toBe('Tác phẩm đang chờ Ban Tổ chức thẩm định');
  });

  it('shows two reviewers who disagree to the organizer, who records the final decision', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    const admin = { userId: t.admin.userId, isSiteAdmin: true, ip: null };
    const setRequired = async (n: 1 | 2) => {
      const c = await loadContest(t.deps.db, { slug });
      await updateContest(t.deps, admin, slug, {
        ...c.settings,
        reviewsRequired: n,
        phases: c.phases,
        unitCategories: c.unitCategories,
      });
    };
    await setRequired(2);
    try {
      const entrant = await makeUser(t, {});
      const [a, b, organizer] = [
        await makeUser(t, { role: 'secretariat', fullName: 'Võ Thẩm Định Một' }),
        await makeUser(t, { role: 'secretariat', fullName: 'Lê Thẩm Định Hai' }),
        await makeUser(t, { role: 'organizer', fullName: 'Hoàng Trưởng Ban' }),
      ];
      const api = await loggedInClient(t, entrant.email, entrant.password);
      const draft = completeDraft({ kind: 'person' }, { title: 'Một cửa liên thông ở Vĩnh Long' });
      draft.authors[0]!.phone = '0913 222 333';
      const entryId = (await api.post(`/api/contests/${slug}/entries`, draft)).json().id as number;
      await attachAcceptedFile(t, entryId);
      expect((await api.post(`/api/entries/${entryId}/submit`)).statusCode).toBe(200);
      const ok = { ok: true, note: '' };
      const approve = await (
        await loggedInClient(t, a.email, a.password)
      ).post(`/api/entries/${entryId}/reviews`, {
        decision: 'approve',
        checklist: { onTheme: ok, lawfulRespectful: ok, originalRights: ok },
      });
      expect(approve.statusCode).toBe(201);
      const reject = await (
        await loggedInClient(t, b.email, b.password)
      ).post(`/api/entries/${entryId}/reviews`, { decision: 'reject', reason: 'Sử dụng nhạc nền không rõ bản quyền' });
      expect(reject.json().status).toBe('disputed');

      const staff = await suite.newPage();
      await logInAs(staff, base, organizer.email, organizer.password);
      await staff.goto(`${base}/manage/${slug}/review?entry=${entryId}`);
      await staff.getByTestId('review-drawer-status').waitFor();
      expect(await text(staff, `review-status-${entryId}`)).toBe('Chưa thống nhất');
      expect(await text(staff, `review-count-${entryId}`)).toBe('2/2 ý kiến');
      expect(await text(staff, 'review-disagreement')).toBe('Các người thẩm định không thống nhất ý kiến.');
      const rounds = await text(staff, 'review-rounds');
      expect(rounds).toContain('Võ Thẩm Định Một');
      expect(rounds).toContain('Lê Thẩm Định Hai');
      expect(rounds).toContain('Lý do: Sử dụng nhạc nền không rõ bản quyền');
      expect(await staff.getByTestId('review-form').textContent()).toContain('Quyết định cuối cùng của Ban Tổ chức');
      await staff.getByTestId('review-form').getByText('Không duyệt', { exact: true }).click();
      await staff.getByTestId('review-reason').fill('Nhạc nền không có giấy phép sử dụng của tác giả');
      await staff.getByTestId('review-submit').click();
      await staff.getByTestId('review-closed').waitFor();
      expect(await text(staff, 'review-drawer-status')).toBe('Không duyệt');
      expect(await text(staff, 'review-rounds')).toContain('Quyết định cuối cùng');
    } finally {
      await setRequired(1);
    }
  });
});
