/**
 * A site started with DEMO=off: the visitor is told no contest is announced, and the administrator is led from the
 * home page to "Tạo cuộc thi đầu tiên", creates a blank contest (a draft, hidden from the public) and publishes it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dialogOpened, e2eApp, logInAs, text } from './browser.ts';

const suite = e2eApp({ demo: false });
const { newPage } = suite;

async function publicList(page: Page) {
  await page.goto(`${suite.base}/`);
  return page.getByTestId('contest-list-page').waitFor();
}

describe('the first contest', () => {
  it('tells a visitor that no contest is announced yet, with no way to create one', async () => {
    const page = await newPage();
    await publicList(page);
    expect(await page.getByTestId('contest-list-page').textContent()).toContain('Chưa có cuộc thi nào được công bố');
    expect(await page.getByTestId('create-first-contest').count()).toBe(0);
  });

  it('leads the administrator to create the first contest, kept a draft until published', async () => {
    const page = await newPage();
    await logInAs(page, suite.base, suite.t.admin.email, suite.t.admin.password);
    await publicList(page);
    await page.getByTestId('create-first-contest').click();
    await page.waitForURL(`${suite.base}/manage`);
    await page.getByTestId('create-first').click();

    const dialog = await dialogOpened(page.getByRole('dialog'));
    await dialog.getByLabel('Tên cuộc thi').fill('Cuộc thi video CCHC huyện Vĩnh Linh 2026');
    await dialog.getByLabel('Địa chỉ rút gọn (slug)').fill('Vĩnh Linh 2026');
    await dialog.getByRole('button', { name: 'Tạo', exact: true }).click();
    await dialog.getByText('Chỉ gồm chữ thường không dấu').first().waitFor();
    await dialog.getByLabel('Địa chỉ rút gọn (slug)').fill('vinh-linh-2026');
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/contests'));
    await dialog.getByRole('button', { name: 'Tạo', exact: true }).click();
    expect((await created).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });
    expect(await text(page, 'contest-status-vinh-linh-2026')).toBe('Bản nháp');

    // A draft is not on the public pages.
    const visitor = await newPage();
    await publicList(visitor);
    expect(await visitor.getByTestId('contest-card-vinh-linh-2026').count()).toBe(0);

    // Its staff see it, marked as a draft.
    await page.goto(`${suite.base}/c/vinh-linh-2026`);
    expect(await text(page, 'draft-badge')).toBe('Bản nháp (chỉ Ban Tổ chức thấy)');
    await page.goto(`${suite.base}/manage`);

    const published = page.waitForResponse((r) => r.url().endsWith('/api/contests/vinh-linh-2026/status'));
    await page.getByTestId('contest-publish-vinh-linh-2026').click();
    expect((await published).status()).toBe(200);
    await expect.poll(() => text(page, 'contest-status-vinh-linh-2026')).toBe('Đã công bố');

    // Nothing is scheduled yet: it is listed as upcoming, not opened directly.
    await publicList(visitor);
    await visitor.getByTestId('contest-card-vinh-linh-2026').waitFor();
    expect(await visitor.getByTestId('contests-upcoming').textContent()).toContain('Vĩnh Linh 2026');

    // A new short address: the old links stop, the audit log keeps both.
    await page.getByTestId('contest-rename-vinh-linh-2026').click();
    const rename = await dialogOpened(page.getByRole('dialog'));
    await rename.getByLabel('Địa chỉ rút gọn (slug)').fill('cchc-vinh-linh-2026');
    const renamed = page.waitForResponse((r) => r.request().method() === 'PATCH');
    await rename.getByRole('button', { name: 'Lưu' }).click();
    expect((await renamed).status()).toBe(200);
    await rename.waitFor({ state: 'hidden' });
    expect(await text(page, 'contest-status-cchc-vinh-linh-2026')).toBe('Đã công bố');

    const audit = await suite.t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['contest.create', 'contest.publish', 'contest.rename'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['contest.create', 'contest.publish', 'contest.rename']);
  });
});
