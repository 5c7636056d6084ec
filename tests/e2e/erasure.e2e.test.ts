/**
 * Erasure on request in Chromium: a person asks from the account page on a phone, a site administrator carries it out
 * from the queue on /manage, and the person can no longer log in.
 */
import { describe, expect, it } from 'vitest';
import { makeUser } from '../helpers/test-app.ts';
import { expectAccessible } from './axe.ts';
import { e2eApp, logInAs, openPopover } from './browser.ts';

const app = e2eApp();

describe('erasing my data', () => {
  it('the person asks on a phone; the site administrator carries it out from the queue', async () => {
    const me = await makeUser(app.t, { fullName: 'Đỗ Thị Muốn Xóa' });
    const page = await app.newPage({ width: 360, height: 740 });
    await logInAs(page, app.base, me.email, me.password);
    await page.goto(`${app.base}/account`);
    await page.getByTestId('erase-open').click();
    await page.getByLabel('Mật khẩu hiện tại (để xác nhận)').fill(me.password);
    await page.getByTestId('erase-submit').click();
    await page.getByTestId('erasure-pending').waitFor();
    await expect(page.getByTestId('erasure-pending').textContent()).resolves.toContain('đang chờ xử lý');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'account with an erasure request 360');

    const admin = await app.newPage();
    await logInAs(admin, app.base, app.t.admin.email, app.t.admin.password);
    await admin.goto(`${app.base}/manage`);
    const row = admin.getByTestId('erasure-queue').getByRole('row', { name: /Đỗ Thị Muốn Xóa/ });
    await row.waitFor();
    await expectAccessible(admin, 'erasure queue');
    await row.getByRole('button', { name: 'Thực hiện xóa' }).click();
    await (await openPopover(admin)).getByRole('button', { name: 'Thực hiện xóa' }).click();
    await admin.getByTestId('erasure-queue').getByText('Đã xóa', { exact: true }).waitFor();

    const again = await app.newPage({ width: 360, height: 740 });
    await again.goto(`${app.base}/login`);
    await again.getByLabel('Thư điện tử hoặc số điện thoại').fill(me.email);
    await again.getByLabel('Mật khẩu', { exact: true }).fill(me.password);
    await again.getByTestId('login-submit').click();
    await again.getByTestId('login-error').waitFor();
  });
});
