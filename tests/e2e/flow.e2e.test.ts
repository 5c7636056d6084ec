/**
 * The flow between pages in Chromium: someone without an account presses "Nộp tác phẩm", registers on the way and
 * lands in the entry form, logged in; back at "Nộp tác phẩm" with that draft open, they are offered to continue it
 * before starting another.
 */
import { describe, expect, it } from 'vitest';
import { codeSentTo } from '../helpers/test-app.ts';
import { dropdownsClosed, e2eApp, logInAs, text } from './browser.ts';

const app = e2eApp();

describe('registering from "Nộp tác phẩm"', () => {
  it('keeps where the entrant was going, logs them in and takes them to the form', async () => {
    const { base, t } = app;
    const page = await app.newPage({ width: 360, height: 800 });
    await page.goto(`${base}/c/${t.demoSlug}`);
    await page.getByTestId('submit-link').click();
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === `/c/${t.demoSlug}/submit`);
    await page.locator('main').getByRole('link', { name: 'Đăng ký', exact: true }).click();
    await page.waitForURL(
      (u) => u.pathname === '/register' && u.searchParams.get('next') === `/c/${t.demoSlug}/submit`,
    );

    const email = `moi-${Date.now()}@example.vn`;
    await page.locator('#fullName').fill('Trần Văn Mới');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill('mat-khau-rat-dai-2026');
    await page.locator('#consent').check();
    const registered = page.waitForResponse((r) => r.url().endsWith('/api/auth/register'));
    await page.getByTestId('register-submit').click();
    expect((await registered).status()).toBe(202);
    // The account is made when the code sent to the address comes back; then it is logged in at once.
    await page.getByTestId('register-code-sent').waitFor();
    await page.getByLabel('Mã xác nhận').fill(await codeSentTo(t, email));
    const confirmed = page.waitForResponse((r) => r.url().endsWith('/api/auth/register/confirm'));
    const loggedIn = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await page.getByTestId('register-code-submit').click();
    expect((await confirmed).status()).toBe(201);
    expect((await loggedIn).status()).toBe(200);

    await page.waitForURL(`${base}/c/${t.demoSlug}/submit`);
    await page.getByTestId('start-entry').waitFor();
    await page.getByTestId('nav-account').waitFor();
    expect(await page.getByTestId('start-drafts').count()).toBe(0);
    await page.getByLabel('Tên tác phẩm').fill('Một cửa điện tử');
    await page.getByTestId('start-submit').click();
    await page.waitForURL(/\/entries\/\d+$/);
    const entryId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('entry-page').waitFor();
    expect(await text(page, 'entry-status')).toBe('Bản nháp');

    // Back at "Nộp tác phẩm": the open draft is offered first; another is started only on asking.
    await page.goto(`${base}/c/${t.demoSlug}/submit`);
    await page.getByTestId('start-drafts').waitFor();
    expect(await text(page, 'start-drafts')).toContain('Bạn đang có 1 hồ sơ chưa nộp trong cuộc thi này');
    expect(await page.getByTestId('start-submit').count()).toBe(0);
    await page.getByTestId('start-another').click();
    await page.getByTestId('start-submit').waitFor();
    await page.getByTestId(`continue-draft-${entryId}`).click();
    await page.waitForURL(`${base}/entries/${entryId}`);
    await page.getByTestId('entry-page').waitFor();
    const user = await t.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const owned = await t.deps.db.selectFrom('entries').select('id').where('owner_user_id', '=', user.id).execute();
    expect(owned.map((e) => e.id)).toEqual([entryId]);
  });
});

describe('dates in the staff forms', () => {
  it('are typed and shown as dd/MM/yyyy HH:mm in an English browser, with the zone named in words', async () => {
    const { base, t } = app;
    const page = await app.newPage(undefined, 'en-US');
    await page.goto(`${base}/login`);
    await page.getByTestId('lang-vi').click();
    await logInAs(page, base, t.admin.email, t.admin.password);
    await page.goto(`${base}/manage/${t.demoSlug}/settings`);
    await page.getByTestId('settings-form').waitFor();
    const end = page.locator('#settings_phases_submission_end');
    expect(await end.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4} 00:00$/);
    const body = () => page.locator('body').innerText();
    expect(await body()).toContain('Nhập ngày giờ theo giờ Việt Nam, UTC+7');
    expect(await body()).not.toContain('Asia/Ho_Chi_Minh');
    const picker = page.locator('.ant-picker-dropdown:visible');
    await end.click();
    await picker.getByText('Bây giờ').waitFor();
    await end.press('Escape');
    await dropdownsClosed(page);

    await page.getByTestId('lang-en').click();
    await page.getByText('Enter dates and times in Vietnam time, UTC+7').waitFor();
    expect(await end.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4} 00:00$/);
    expect(await body()).not.toContain('Asia/Ho_Chi_Minh');
    // 13:45 typed as it reads: 24-hour, day first, whatever the browser's own habit (month first, AM/PM).
    // Typed only once the picker is open, so that Enter confirms the text instead of opening the picker.
    const typed = (await end.inputValue()).replace(' 00:00', ' 13:45');
    await end.click();
    await picker.getByText('Now').waitFor();
    await end.fill(typed);
    await end.press('Enter');
    await dropdownsClosed(page);
    expect(await end.inputValue()).toBe(typed);
    const [d, m, y] = typed.slice(0, 10).split('/');
    await page.getByTestId('settings-phase-preview-submission').getByText(`${d}/${m}/${y} 13:45`).waitFor();

    // In English, unit categories show their English names where the contest has them.
    await page.goto(`${base}/manage/${t.demoSlug}/units`);
    await page.getByTestId('units-table').getByText('Commune/town committee').first().waitFor();
    expect(await page.getByTestId('units-table').getByText('UBND xã, thị trấn').count()).toBe(0);
    await page.goto(`${base}/manage/${t.demoSlug}/compliance`);
    await page.getByTestId('compliance-table').getByText('Commune/town committee').first().waitFor();
  });
});
