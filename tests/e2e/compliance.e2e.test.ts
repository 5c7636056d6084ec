/**
 * Compliance the official can act on, in a real browser: the organizer gives a commune a contact person in the units
 * registry, finds that person on the compliance tab beside the commune below its minimum, presses "Nhắc nhở", and
 * the reminder reaches a real SMTP listener with the count and the deadline. And the entrant's side: the deadline
 * worded the same on the home page, "Tác phẩm của tôi" and the draft page, with its countdown and the grace period.
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createMailer } from '../../server/mail/mailer.ts';
import { ensureWebBuilt } from '../../server/web-build.ts';
import { decodeMail } from '../helpers/mail-decode.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { completeDraft } from '../helpers/entries.ts';
import { loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { clickForAnswer, dialogOpened, launchBrowser, logInAs, openPopover, pageFactory, text } from './browser.ts';

let t: TestApp;
let base: string;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const pages = pageFactory(() => browser);

beforeAll(async () => {
  const webDir = await ensureWebBuilt();
  smtp = await startSmtpSink();
  const config = loadConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Ban Tổ chức <btc@example.vn>' });
  t = await startTestApp({
    app: { webDir },
    mailer: createMailer({ smtp: config.smtp, dataDir: '.', logger: pino({ level: 'silent' }) }),
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterEach(() => {
  expect(pages.pageErrors.splice(0)).toEqual([]);
});
afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await t?.close();
  await smtp?.close();
});

describe('compliance reminder', () => {
  it('sends the contact of a commune below its minimum a reminder that reaches the SMTP listener', async () => {
    const page = await pages.newPage();
    await logInAs(page, base, t.admin.email, t.admin.password);
    const slug = t.demoSlug;

    await page.goto(`${base}/manage/${slug}/units`);
    await page.getByTestId('units-table').getByText('Xã Vĩnh Thái').waitFor();
    await page.getByRole('button', { name: 'Sửa Xã Vĩnh Thái' }).click();
    const dialog = await dialogOpened(page.getByRole('dialog'));
    await dialog.getByLabel('Họ và tên người liên hệ').fill('Trần Thị Bình');
    await dialog.getByLabel('Chức vụ').fill('Công chức Văn hóa - Xã hội');
    await dialog.getByLabel('Số điện thoại').fill('12345');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Số điện thoại không hợp lệ').waitFor();
    await dialog.getByLabel('Số điện thoại').fill('0912 345 678');
    await dialog.getByTestId('unit-contact-email').fill('vanhoa.vinhthai@example.vn');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('units-table').getByText('0912345678').waitFor();

    await page.getByTestId('tab-compliance').click();
    const unitId = (
      await t.deps.db.selectFrom('units').select('id').where('name', '=', 'Xã Vĩnh Thái').executeTakeFirstOrThrow()
    ).id;
    const contact = page.getByTestId(`compliance-contact-${unitId}`);
    await contact.waitFor();
    expect(await contact.textContent()).toContain('Trần Thị Bình');
    expect(await contact.getByRole('link', { name: '0912345678' }).getAttribute('href')).toBe('tel:0912345678');
    expect(await text(page, 'compliance-deadline')).toMatch(
      /^Hạn nộp: \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)$/,
    );
    expect(await page.getByTestId('compliance-xlsx').getAttribute('href')).toBe(
      `/api/contests/${slug}/compliance.xlsx`,
    );

    // The bubble's OK button bears the opener's text: clicked inside the bubble once it is drawn, and the step waits
    // for the server's answer before its short-lived notice.
    const remind = async (status: number) => {
      await page.getByTestId(`compliance-remind-${unitId}`).click();
      const pop = await openPopover(page);
      await clickForAnswer(page, pop.getByRole('button', { name: 'Nhắc nhở' }), 'POST', '/remind', { status });
    };
    await remind(200);
    await page.getByText('Đã gửi nhắc nhở đến người liên hệ của Xã Vĩnh Thái.').waitFor();
    await page.getByTestId(`compliance-reminded-${unitId}`).waitFor();

    await expect
      .poll(() => smtp.received.filter((m) => m.to.includes('vanhoa.vinhthai@example.vn')).length, { timeout: 15_000 })
      .toBe(1);
    const mail = decodeMail(smtp.received.find((m) => m.to.includes('vanhoa.vinhthai@example.vn'))!.raw);
    expect(mail.subject).toContain('Xã Vĩnh Thái: đã nộp 0/1 tác phẩm tối thiểu');
    expect(mail.text).toContain('Kính gửi Trần Thị Bình,');
    expect(mail.text).toMatch(/Hạn nộp: \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)/);

    // A second press within 12 hours is refused with the time the next may go.
    await remind(429);
    await page.getByText(/mỗi đơn vị được nhắc tối đa một lần trong 12 giờ/).waitFor();
    expect(smtp.received.filter((m) => m.to.includes('vanhoa.vinhthai@example.vn'))).toHaveLength(1);
  });

  it('words the entrant’s deadline the same everywhere, with a countdown near it and the grace period', async () => {
    const slug = t.demoSlug;
    const u = await makeUser(t, { role: 'entrant' });
    const api = await loggedInClient(t, u.email, u.password);
    const draft = await api.post(`/api/contests/${slug}/entries`, completeDraft({ kind: 'person' }));
    const entryId = draft.json().id as number;
    const page = await pages.newPage();
    await logInAs(page, base, u.email, u.password);
    const phrase = /^Hạn nộp: \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)$/;

    await page.goto(`${base}/c/${slug}`);
    await page.getByTestId('contest-home').waitFor();
    const homeDeadline = (await page.getByTestId('deadline-text').textContent())?.trim() ?? '';
    expect(homeDeadline).toMatch(phrase);

    await page.goto(`${base}/entries`);
    const mine = page.getByTestId(`my-entry-${entryId}`);
    await mine.getByTestId('deadline-text').waitFor();
    expect((await mine.getByTestId('deadline-text').textContent())?.trim()).toBe(homeDeadline);

    // Ten hours before the deadline by the server's clock, which the page follows.
    const end = Date.parse(
      (await loadContest(t.deps.db, { slug })).phases.find((p) => p.kind === 'submission')!.endsAt,
    );
    t.setNow(new Date(end - 10 * 3_600_000));
    try {
      await page.goto(`${base}/entries/${entryId}`);
      await page.getByTestId('entry-page').waitFor();
      const notices = page.getByTestId('deadline-notice');
      await expect.poll(() => notices.count()).toBe(2); // the draft's and the upload step's
      expect((await notices.first().getByTestId('deadline-text').textContent())?.trim()).toBe(homeDeadline);
      expect((await notices.first().getByTestId('deadline-left').textContent())?.trim()).toMatch(
        /^Còn (9 giờ 59 phút|10 giờ 0 phút)$/,
      );
      const grace = await page.getByTestId('file-section').getByTestId('deadline-grace').textContent();
      expect(grace).toContain('Tệp đang tải lên từ trước hạn vẫn được tải tiếp và nộp đến');
      expect(grace).toContain('(thêm 60 phút)');
    } finally {
      t.setNow(null);
    }
  });
});
