/**
 * The organizer's journey in a real browser: the public home page of the demo contest, an account made through the
 * forms, the language switch, then the organizer editing the contest and its units in the staff area.
 */
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { codeSentTo } from '../helpers/test-app.ts';
import { dialogOpened, e2eApp, logInAs, text } from './browser.ts';

const suite = e2eApp();
const { newPage } = suite;

const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

const logIn = (page: Page, identifier: string, password: string) => logInAs(page, suite.base, identifier, password);

describe('organizer journey', () => {
  const user = { fullName: 'Nguyễn Thị Hoa', email: `hoa-${Date.now()}@example.vn`, password: 'mat-khau-cua-hoa-2024' };

  it('shows the demo contest home page in Vietnamese, with its theme and timeline', async () => {
    const page = await newPage();
    await page.goto(`${suite.base}/`);
    await page.waitForURL(`${suite.base}/c/${suite.t.demoSlug}`);
    await page.getByTestId('contest-home').waitFor();
    expect(await htmlLang(page)).toBe('vi');
    expect(await text(page, 'contest-name')).toContain('huyện Vĩnh Linh năm 2024');
    expect(await text(page, 'contest-theme')).toContain('Đẩy mạnh cải cách hành chính');
    expect(await text(page, 'demo-badge')).toBe('Dữ liệu mẫu / demo');
    expect(await page.getByTestId('phase-timeline').locator('li').count()).toBe(6);
    // The demo opens submissions on the day it is loaded.
    expect(await text(page, 'phase-submission')).toContain('Tiếp nhận tác phẩm');
    expect(await page.getByTestId('phase-submission').getAttribute('aria-current')).toBe('step');
    expect(await text(page, 'phase-submission')).toContain('Đang diễn ra');
    expect(await text(page, 'phase-state')).toBe('Đang diễn ra: Tiếp nhận tác phẩm');
    expect(await text(page, 'countdown')).toMatch(/kết thúc sau (\d+ ngày )?\d{2}:\d{2}:\d{2}$/);
    expect(await text(page, 'prizes')).toContain('5.000.000 đ');
    expect(await text(page, 'prize-total')).toContain('16.000.000 đ');
    expect(await text(page, 'technical-rules')).toContain('Từ 5 đến 10 phút');
    expect(await text(page, 'r4-note')).toContain('không được dự thi');
    // Submissions are open: the button leads to the entry form, through the login for a visitor.
    expect(await page.getByTestId('hero-submit').getAttribute('href')).toBe(
      `/login?next=${encodeURIComponent(`/c/${suite.t.demoSlug}/submit`)}`,
    );
    expect(await page.getByTestId('submit-link').getAttribute('href')).toBe(
      `/login?next=${encodeURIComponent(`/c/${suite.t.demoSlug}/submit`)}`,
    );
  });

  it('fits a 360 px wide phone screen', async () => {
    const page = await newPage({ width: 360, height: 780 });
    await page.goto(`${suite.base}/c/${suite.t.demoSlug}`);
    await page.getByTestId('phase-timeline').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    // For a person to look at: the phone layout of the home page (not kept in the repository).
    await page.screenshot({ path: path.join(os.tmpdir(), 'contest-home-360.png'), fullPage: true });
  });

  it('registers a new account through the form and is logged in at once', async () => {
    const page = await newPage();
    await page.goto(`${suite.base}/register`);
    await page.getByLabel('Họ và tên').fill(user.fullName);
    await page.getByLabel('Thư điện tử', { exact: true }).fill(user.email);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('ngan');
    await page.getByTestId('register-submit').click();
    // Checked before sending: too short a password and no consent.
    await page.getByText('Mật khẩu cần ít nhất 10 ký tự.').waitFor();
    await page.getByText('Vui lòng đánh dấu đồng ý để đăng ký.').waitFor();
    await page.getByLabel('Mật khẩu', { exact: true }).fill(user.password);
    await page.getByLabel(/Tôi đồng ý/).check();
    await page.getByTestId('register-submit').click();
    // The same words whether or not the address has an account; the account is made when the code comes back.
    expect(await text(page, 'register-code-sent')).toContain('Nếu địa chỉ ' + user.email + ' chưa có tài khoản');
    await page.getByLabel('Mã xác nhận').fill(await codeSentTo(suite.t, user.email));
    await page.getByTestId('register-code-submit').click();
    // Registered and logged in; with nowhere asked for, the home page, which opens the one open contest.
    await page.waitForURL(`${suite.base}/c/${suite.t.demoSlug}`);
    expect(await text(page, 'nav-account')).toBe('Tài khoản');
  });

  it('logs the new user in, and switches the language to English and back, remembered across reloads', async () => {
    const page = await newPage();
    await page.goto(`${suite.base}/login`);
    await page.getByLabel('Thư điện tử hoặc số điện thoại').fill(user.email);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau-roi');
    await page.getByTestId('login-submit').click();
    expect(await text(page, 'login-error')).toBe('Thư điện tử/số điện thoại hoặc mật khẩu không đúng.');

    await page.getByLabel('Mật khẩu', { exact: true }).fill(user.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`${suite.base}/c/${suite.t.demoSlug}`);
    await page.getByTestId('nav-account').waitFor();
    expect(await page.getByTestId('manage-link').count()).toBe(0); // an entrant has no staff area

    await page.getByTestId('lang-en').click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(await text(page, 'phase-submission')).toContain('Submission');
    expect(await text(page, 'nav-account')).toBe('Account');
    expect((await page.context().cookies()).find((c) => c.name === 'lang')?.value).toBe('en');

    await page.reload();
    await page.getByRole('heading', { name: 'Prizes' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    // The server answers in the chosen language too.
    await page.goto(`${suite.base}/login`);
    await page.getByLabel('E-mail or phone number').fill(user.email);
    await page.getByLabel('Password').fill('wrong-password-1');
    await page.getByTestId('login-submit').click();
    expect(await text(page, 'login-error')).toBe('The e-mail/phone or password is wrong.');

    await page.getByTestId('lang-vi').click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await htmlLang(page)).toBe('vi');
    expect(await page.evaluate(() => localStorage.getItem('lang'))).toBe('vi');
  });

  it('changes the e-mail from the account page with a code sent to the new address', async () => {
    const page = await newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    await logIn(page, user.email, user.password);
    await page.getByTestId('nav-account').click();
    await page.getByTestId('contact-form').waitFor();
    const newEmail = `hoa-moi-${Date.now()}@example.vn`;
    await page.getByLabel('Địa chỉ mới').fill(newEmail);
    await page.getByTestId('contact-form').getByLabel('Mật khẩu hiện tại').fill(user.password);
    await page.getByTestId('contact-send').click();
    expect(await text(page, 'contact-code-sent')).toContain(newEmail);
    await page.getByLabel('Mã xác nhận').fill(await codeSentTo(suite.t, newEmail));
    await page.getByTestId('contact-code-submit').click();
    await page.getByText('Đã cập nhật thư điện tử hoặc số điện thoại.').waitFor();
    expect(await page.getByTestId('contact-form').textContent()).toContain(`thư điện tử ${newEmail}`);
    user.email = newEmail;
    expect(refused).toEqual([]);
  });

  it('lets the organizer edit the settings, which persist and show on the public page', async () => {
    const page = await newPage();
    await logIn(page, suite.t.admin.email, suite.t.admin.password);
    await page.goto(`${suite.base}/c/${suite.t.demoSlug}`);
    await page.getByTestId('manage-link').click();
    await page.waitForURL(`${suite.base}/manage/${suite.t.demoSlug}/settings`);
    await page.getByTestId('settings-form').waitFor();

    const newName = 'Cuộc thi video cải cách hành chính huyện Vĩnh Linh — lần thứ hai';
    const name = page.getByLabel('Tên cuộc thi');
    expect(await name.inputValue()).toContain('Vĩnh Linh năm 2024');
    await name.fill(newName);
    const firstPrize = page.locator('#settings_prizes_0_amountVnd');
    expect(await firstPrize.inputValue()).toBe('5.000.000');
    await firstPrize.fill('7000000');
    // Typed as dd/MM/yyyy HH:mm (24-hour) in Ant Design's picker, confirmed with Enter.
    const submissionEnd = page.locator('#settings_phases_submission_end');
    const oldEnd = await submissionEnd.inputValue();
    expect(oldEnd).toMatch(/^\d{2}\/\d{2}\/\d{4} 00:00$/);
    const newEnd = oldEnd.replace(' 00:00', ' 17:30');
    await submissionEnd.click();
    await submissionEnd.fill(newEnd);
    await submissionEnd.press('Enter');
    const [d, m, y] = newEnd.slice(0, 10).split('/');
    // The picker commits the typed value a moment after Enter: wait for the preview to follow.
    await expect.poll(() => text(page, 'settings-phase-preview-submission')).toContain(`đến ${d}/${m}/${y} 17:30`);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor();
    await page.getByText('Đã lưu', { exact: true }).waitFor();

    await page.reload();
    await page.getByTestId('settings-form').waitFor();
    expect(await page.getByLabel('Tên cuộc thi').inputValue()).toBe(newName);
    expect(await page.locator('#settings_prizes_0_amountVnd').inputValue()).toBe('7.000.000');
    expect(await page.locator('#settings_phases_submission_end').inputValue()).toBe(newEnd);

    await page.goto(`${suite.base}/c/${suite.t.demoSlug}`);
    await page.getByTestId('contest-home').waitFor();
    expect(await text(page, 'contest-name')).toBe(newName);
    expect(await text(page, 'prizes')).toContain('7.000.000 đ');
    expect(await text(page, 'prize-total')).toContain('18.000.000 đ');
    expect(await text(page, 'phase-submission')).toContain(`đến ${d}/${m}/${y} 17:30`);
  });

  it('lets the organizer add a unit and find it by a search without diacritics', async () => {
    const page = await newPage();
    await logIn(page, suite.t.admin.email, suite.t.admin.password);
    await page.goto(`${suite.base}/manage/${suite.t.demoSlug}/units`);
    const table = page.getByTestId('units-table');
    await table.getByText('Xã Vĩnh Thái').waitFor();

    await page.getByTestId('unit-add').click();
    const dialog = await dialogOpened(page.getByRole('dialog'));
    await dialog.getByLabel('Tên đơn vị').fill('Xã Hải Đông Thử Nghiệm');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await table.getByText('Xã Hải Đông Thử Nghiệm').waitFor();

    await page.getByLabel('Tìm đơn vị').fill('hai dong thu');
    await table.getByText('Xã Vĩnh Thái').waitFor({ state: 'detached' });
    const rows = await table.locator('tbody tr.ant-table-row').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Xã Hải Đông Thử Nghiệm');
    expect(rows[0]).toContain('UBND xã, thị trấn');

    // The audit log says it in words, with labelled details, and filters by action.
    await page.getByTestId('tab-audit').click();
    const audit = page.getByTestId('audit-table');
    await audit.getByText(/ thêm đơn vị Xã Hải Đông Thử Nghiệm\.$/).waitFor();
    await audit
      .getByText(/ tạo cuộc thi «.+»\.$/)
      .first()
      .waitFor();
    const details = await audit.locator('.manage-details').first().textContent();
    expect(details).toContain('Tên');
    expect(details).not.toContain('{');
    await page.getByTestId('audit-filter-action').click();
    await page.locator('.ant-select-dropdown').getByText('thêm đơn vị', { exact: true }).click();
    await expect
      .poll(async () => {
        const sentences = await audit.getByTestId('audit-sentence').allTextContents();
        return sentences.length > 0 && sentences.every((x) => x.includes(' thêm đơn vị '));
      })
      .toBe(true);
    expect(await page.getByTestId('audit-xlsx').getAttribute('href')).toBe(
      `/api/contests/${suite.t.demoSlug}/audit.xlsx?action=unit.create`,
    );
  });
});
