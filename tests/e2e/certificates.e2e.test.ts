/**
 * A certificate's QR link opened on a phone: the public verification page (light) confirms it, says plainly that a
 * number typed from a forged paper is not the certificate's, and passes axe at 360 px.
 */
import { describe, expect, it } from 'vitest';
import { issueCertificates } from '../../server/services/certificates/issue-certificates.ts';
import { listCertificates } from '../../server/services/certificates/list-certificates.ts';
import { contestWithAnnouncedAwards } from '../helpers/awards.ts';
import { expectAccessible } from './axe.ts';
import { e2eApp } from './browser.ts';

const suite = e2eApp();
const shots = process.env.SCREENSHOT_DIR;

describe('certificate verification page', () => {
  it('confirms a genuine certificate and refuses a forged number, at 360 px', async () => {
    const { t, base } = suite;
    const j = await contestWithAnnouncedAwards(t, { scores: [9, 8, 7] });
    await issueCertificates(t.deps, j.organizer, j.slug, { place: 'Vĩnh Linh', superior: '', signer: '' });
    const [first] = await listCertificates(t.deps, j.organizer, j.slug);
    const path = new URL(first!.verificationUrl).pathname;

    const phone = await suite.newPage({ width: 360, height: 800 });
    await phone.goto(`${base}${path}`);
    await phone.getByTestId('verify-verdict').getByText('còn hiệu lực').waitFor();
    expect(await phone.getByTestId('verify-number').textContent()).toBe(first!.number);
    expect(await phone.getByTestId('verify-recipient').textContent()).toBe(first!.recipient);
    const antd = await phone.evaluate(() => document.querySelector('[class^="ant-"], [class*=" ant-"]') !== null);
    expect(antd).toBe(false);
    await expectAccessible(phone, 'certificate verification (360 px)');
    if (shots) await phone.screenshot({ path: `${shots}/verify-360.png`, fullPage: true });

    await phone.getByLabel(/Số in trên giấy/).fill('99/GCN-BTC');
    await phone.getByRole('button', { name: 'So khớp số' }).click();
    await phone
      .getByTestId('verify-verdict')
      .getByText(/là giả hoặc đã bị sửa/)
      .waitFor();
    await expectAccessible(phone, 'certificate verification, forged number (360 px)');

    await phone.goto(`${base}/v/ABCDEFGHJKMNPQRSTVWX`);
    await phone
      .getByTestId('verify-verdict')
      .getByText(/Không có giấy chứng nhận nào mang mã này/)
      .waitFor();
  });
});
