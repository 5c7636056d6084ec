/**
 * The paperwork tab in a real browser: the secretariat enters a cost line and submits the budget estimate, finance
 * returns it with comments and then approves it; the tab is checked with axe at phone and desktop widths.
 */
import { describe, expect, it } from 'vitest';
import { makeUser } from '../helpers/test-app.ts';
import { expectAccessible } from './axe.ts';
import { clickForAnswer, e2eApp, logInAs } from './browser.ts';

const suite = e2eApp();
const { newPage } = suite;
const shots = process.env.SCREENSHOT_DIR;

describe('budget estimate on the paperwork tab', () => {
  it('is drafted by the secretariat, returned and approved by finance', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    const secretariat = await makeUser(t, { role: 'secretariat', fullName: 'Phạm Thị Nội Vụ' });
    const finance = await makeUser(t, { role: 'finance', fullName: 'Đặng Văn Tài Chính' });

    const page = await newPage();
    await logInAs(page, base, secretariat.email, secretariat.password);
    await page.goto(`${base}/manage/${slug}/paperwork`);
    await page.getByTestId('budget-state').getByText('Đang soạn').waitFor();
    await page.getByTestId('budget-add-line').click();
    await page.getByLabel('Nội dung').fill('Thuê hội trường, âm thanh, ánh sáng');
    await page.getByLabel('Đơn vị tính').fill('buổi');
    await page.getByLabel('Đơn giá (đồng)').fill('4500000');
    await clickForAnswer(page, page.getByTestId('budget-save'), 'PUT', '/budget');
    await page.getByTestId('budget-total').getByText('20.500.000 đ').waitFor();
    await expect(page.getByTestId('budget-total').textContent()).resolves.toContain(
      'Bằng chữ: Hai mươi triệu năm trăm nghìn đồng.',
    );
    await expectAccessible(page, 'paperwork tab (secretariat, 1280 px)');
    if (shots) await page.screenshot({ path: `${shots}/paperwork-1280.png`, fullPage: true });
    await clickForAnswer(page, page.getByTestId('budget-submit'), 'POST', '/budget/submit');
    await page.getByTestId('budget-state').getByText('Chờ Phòng Tài chính - Kế hoạch thẩm định').waitFor();

    const phone = await newPage({ width: 360, height: 800 });
    await logInAs(phone, base, finance.email, finance.password);
    await phone.goto(`${base}/manage/${slug}/paperwork`);
    await phone.getByTestId('budget-approve').waitFor();
    await phone.getByLabel(/Ý kiến thẩm định/).fill('Đề nghị ghi rõ căn cứ đơn giá thuê hội trường');
    await expectAccessible(phone, 'paperwork tab (finance, 360 px)');
    if (shots) await phone.screenshot({ path: `${shots}/paperwork-360.png`, fullPage: true });
    await clickForAnswer(phone, phone.getByTestId('budget-return'), 'POST', '/budget/return');
    await phone.getByTestId('budget-state').getByText('Trả lại để sửa').waitFor();
    await phone
      .getByTestId('budget-history')
      .getByText(/Đề nghị ghi rõ căn cứ/)
      .waitFor();

    await page.reload();
    await clickForAnswer(page, page.getByTestId('budget-submit'), 'POST', '/budget/submit');
    await phone.reload();
    await clickForAnswer(phone, phone.getByTestId('budget-approve'), 'POST', '/budget/approve');
    await phone.getByTestId('budget-state').getByText('Đã thẩm định').waitFor();
    const steps = await t.deps.db.selectFrom('budget_reviews').select('step').orderBy('id').execute();
    expect(steps.map((s) => s.step)).toEqual(['submit', 'return', 'submit', 'approve']);
  });
});
