/**
 * The administrator prepares next year's contest in the browser: copies the demo with its phases moved, publishes the
 * copy, opens its submissions in the schedule, sees it on the home page, then removes the demo with its data.
 */
import { describe, expect, it } from 'vitest';
import { dialogOpened, e2eApp, logInAs, text } from './browser.ts';

const suite = e2eApp();
const { newPage } = suite;
const COPY = 'vinh-linh-2027';

/** Today in Vietnam as a datetime-local input wants it. */
const todayInVietnam = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

describe('copying the demo contest', () => {
  it('copies with an offset, publishes, opens submissions, and lists the new contest on the home page', async () => {
    const page = await newPage();
    await logInAs(page, suite.base, suite.t.admin.email, suite.t.admin.password);
    await page.goto(`${suite.base}/manage`);
    await page.getByTestId(`contest-copy-${suite.t.demoSlug}`).click();

    const dialog = await dialogOpened(page.getByRole('dialog'));
    expect(await dialog.getByLabel('Tên cuộc thi').inputValue()).toContain('Vĩnh Linh năm 2024');
    await dialog.getByLabel('Tên cuộc thi').fill('Cuộc thi video CCHC huyện Vĩnh Linh năm 2027');
    await dialog.getByLabel('Địa chỉ rút gọn (slug)').fill(COPY);
    await dialog.getByLabel('Dời các giai đoạn').fill('7');
    await dialog.getByTestId('contest-include-roster').check();
    const copied = page.waitForResponse((r) => r.url().endsWith(`/api/contests/${suite.t.demoSlug}/copy`));
    await dialog.getByRole('button', { name: 'Tạo', exact: true }).click();
    expect((await copied).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });
    expect(await text(page, `contest-status-${COPY}`)).toBe('Bản nháp');

    const published = page.waitForResponse((r) => r.url().endsWith(`/api/contests/${COPY}/status`));
    await page.getByTestId(`contest-publish-${COPY}`).click();
    expect((await published).status()).toBe(200);
    await expect.poll(() => text(page, `contest-status-${COPY}`)).toBe('Đã công bố');

    // A week later than the demo: its production phase runs, submissions are not open yet. Two contests run, so the
    // home page lists them instead of opening one.
    const visitor = await newPage();
    await visitor.goto(`${suite.base}/`);
    const card = visitor.getByTestId('contests-open').getByTestId(`contest-card-${COPY}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Vĩnh Linh năm 2027');
    expect(await card.textContent()).not.toContain('Tiếp nhận tác phẩm');
    expect(await visitor.getByTestId(`contest-card-${suite.t.demoSlug}`).textContent()).toContain('Tiếp nhận tác phẩm');

    // The organizer opens submissions from today in the copy's schedule.
    await page.getByTestId(`contest-manage-${COPY}`).click();
    await page.waitForURL(`${suite.base}/manage/${COPY}/settings`);
    await page.getByTestId('settings-form').waitFor();
    // Typed as dd/MM/yyyy HH:mm in Ant Design's picker and confirmed with Enter; the preview follows once it commits.
    const [y, m, d] = todayInVietnam().split('-');
    const today = `${d}/${m}/${y} 00:00`;
    const start = page.locator('#settings_phases_submission_start');
    expect(await start.inputValue()).not.toBe(today);
    await start.click();
    await start.fill(today);
    await start.press('Enter');
    await expect.poll(() => text(page, 'settings-phase-preview-submission')).toContain(`Từ ${d}/${m}/${y}`);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();

    await visitor.goto(`${suite.base}/`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Đang diễn ra: Tiếp nhận tác phẩm');
    await card.getByRole('link').click();
    await visitor.waitForURL(`${suite.base}/c/${COPY}`);
    expect(await text(visitor, 'phase-state')).toBe('Đang diễn ra: Tiếp nhận tác phẩm');
    expect(await visitor.getByTestId('demo-badge').count()).toBe(0);
  });

  it('removes the demo with its data after naming it, and the only open contest opens directly', async () => {
    const page = await newPage();
    await logInAs(page, suite.base, suite.t.admin.email, suite.t.admin.password);
    await page.goto(`${suite.base}/c/${suite.t.demoSlug}`);
    await page.getByTestId('demo-badge').waitFor();
    await page.getByTestId('demo-remove-link').click();
    await page.waitForURL(`${suite.base}/manage`);
    await page.getByTestId(`contest-delete-demo-${suite.t.demoSlug}`).click();

    const dialog = await dialogOpened(page.getByRole('dialog'));
    const contents = dialog.getByTestId('delete-demo-contents');
    await contents.waitFor();
    expect(await contents.textContent()).toContain('Vĩnh Linh năm 2024');
    expect(await contents.textContent()).toMatch(/\d+ đơn vị/);
    const deleted = page.waitForResponse(
      (r) => r.request().method() === 'DELETE' && r.url().endsWith(`/api/contests/${suite.t.demoSlug}`),
    );
    await dialog.getByRole('button', { name: 'Xóa dữ liệu mẫu' }).click();
    expect((await deleted).status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId(`contest-delete-demo-${suite.t.demoSlug}`).waitFor({ state: 'detached' });
    expect(await page.getByTestId(`contest-status-${COPY}`).count()).toBe(1);

    const visitor = await newPage();
    await visitor.goto(`${suite.base}/`);
    await visitor.waitForURL(`${suite.base}/c/${COPY}`);
    await visitor.getByTestId('contest-home').waitFor();
    expect(await visitor.getByTestId('demo-badge').count()).toBe(0);
    const audit = await suite.t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['contest.copy', 'contest.publish', 'contest.edit', 'contest.deleteDemo'])
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set(['contest.copy', 'contest.publish', 'contest.edit', 'contest.deleteDemo']),
    );
  });
});
