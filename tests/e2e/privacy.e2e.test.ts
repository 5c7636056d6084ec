/**
 * A person's own data in Chromium: the privacy notice from the footer on a 360 px phone, and the download of
 * everything held about them from the account page, which holds their account and nothing of anyone else.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeUser } from '../helpers/test-app.ts';
import { expectAccessible } from './axe.ts';
import { e2eApp, logInAs } from './browser.ts';

const app = e2eApp();

describe('privacy and my data', () => {
  it('the notice is one tap from the footer and says who holds the data and how to ask for it', async () => {
    const page = await app.newPage({ width: 360, height: 740 });
    await page.goto(`${app.base}/c/${app.t.demoSlug}`);
    await page.getByRole('link', { name: 'Quyền riêng tư' }).click();
    await page.getByTestId('privacy-page').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Quyền riêng tư và dữ liệu cá nhân',
    );
    await expect(page.getByTestId('privacy-page').textContent()).resolves.toContain('91/2025/QH15');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'privacy notice 360');
  });

  it('a signed-in person downloads their data from the account page', async () => {
    const me = await makeUser(app.t, { fullName: 'Lê Thị Tải Về' });
    const other = await makeUser(app.t, { fullName: 'Người Khác Hẳn' });
    const page = await app.newPage();
    await logInAs(page, app.base, me.email, me.password);
    await page.goto(`${app.base}/account`);
    await page.getByTestId('my-data-json').waitFor();
    await expectAccessible(page, 'account with my data');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('my-data-json').click()]);
    expect(download.suggestedFilename()).toBe('du-lieu-ca-nhan.json');
    const body = fs.readFileSync((await download.path())!, 'utf8');
    const data = JSON.parse(body) as { account: { email: string; fullName: string } };
    expect(data.account).toMatchObject({ email: me.email, fullName: 'Lê Thị Tải Về' });
    expect(body).not.toContain(other.email);
    expect(body).not.toContain('Người Khác Hẳn');
  });
});
