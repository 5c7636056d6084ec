/**
 * Publication, reports and news in a real browser (R11, R16, R19): the publisher publishes approved entries one by
 * one and all at once, takes one down and downloads the fanpage captions; the secretariat upholds a report and takes
 * the entry down; the organizer writes a news post.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { approvedEntry } from '../helpers/entries.ts';
import { Client, makeUser } from '../helpers/test-app.ts';
import { clickForAnswer, dialogOpened, e2eApp, logInAs, openPopover, pickOption, text } from './browser.ts';

const suite = e2eApp();
const { newPage } = suite;

async function galleryIds(client: Client, slug: string): Promise<number[]> {
  const res = await client.get(`/api/public/contests/${slug}/gallery?pageSize=100`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: { id: number }[] }).items.map((i) => i.id);
}

describe('publication, reports and news', () => {
  it('lets the publisher publish, take down, export; the committee uphold a report; news posted', async () => {
    const { t, base } = suite;
    const slug = t.demoSlug;
    const anon = new Client(t.app);
    const owner = await makeUser(t, { role: 'entrant' });
    const one = await approvedEntry(t, owner, { draft: { title: 'Một cửa liên thông ở Vĩnh Thái' } });
    const two = await approvedEntry(t, owner, { draft: { title: 'Chuyện cái bến đò' } });
    const notReady = await approvedEntry(t, owner, { draft: { title: 'Bản phát chưa xong' }, ready: false });
    const publisher = await makeUser(t, { role: 'publisher' });

    const page = await newPage();
    await logInAs(page, base, publisher.email, publisher.password);
    await page.goto(`${base}/manage/${slug}/publication`);
    await page.getByRole('heading', { name: 'Đăng tải' }).waitFor();
    expect(await text(page, `pub-state-${one}`)).toBe('Chưa đăng');
    expect(await page.getByTestId(`pub-row-${notReady}`).textContent()).toContain('Chưa có bản phát trực tuyến');
    expect(await page.getByTestId(`publish-${notReady}`).isDisabled()).toBe(true);

    // One entry: the caption is the server's, shown after publishing.
    await page.getByTestId(`publish-${one}`).click();
    const dialog = await dialogOpened(page.getByRole('dialog'));
    await dialog.getByText('Chú thích được tạo tự động khi đăng').waitFor();
    expect(
      await clickForAnswer(page, dialog.getByRole('button', { name: 'Đăng tải' }), 'POST', '/publication/publish'),
    ).toEqual({ published: [one], skipped: [] });
    await page.getByText('Đã đăng tải tác phẩm.').waitFor();
    await page.getByTestId(`pub-state-${one}`).getByText('Đang đăng').waitFor();
    expect(await text(page, `pub-caption-${one}`)).toContain('Tác giả: Nguyễn Văn An');

    // All at once: the entry without a streaming copy is named as skipped, and why.
    await page.getByTestId('publish-all').click();
    const publishAll = await openPopover(page);
    await publishAll.getByText('Đăng tải 2 tác phẩm đã duyệt chưa có trên thư viện?').waitFor();
    await publishAll.getByRole('button', { name: 'Đăng tất cả tác phẩm đã duyệt' }).click();
    const summary = page.getByTestId('publish-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Đã đăng tải 1 tác phẩm.');
    expect(await text(page, 'skipped-notReady')).toContain('Chưa có bản phát trực tuyến (video chưa xử lý xong)');
    expect(await text(page, 'skipped-notReady')).toContain('Bản phát chưa xong');
    expect(await text(page, 'skipped-alreadyPublished')).toContain('Một cửa liên thông ở Vĩnh Thái');
    await page.getByTestId(`pub-state-${two}`).getByText('Đang đăng').waitFor();
    expect(await galleryIds(anon, slug)).toEqual(expect.arrayContaining([one, two]));
    expect(await galleryIds(anon, slug)).not.toContain(notReady);
    expect(await page.getByTestId(`public-link-${one}`).getAttribute('href')).toBe(`/c/${slug}/e/${one}`);
    expect(await page.getByTestId(`original-${one}`).getAttribute('href')).toBe(`/api/entries/${one}/original`);

    // The caption can be edited after publishing.
    await page.getByTestId(`edit-caption-${two}`).click();
    await dialogOpened(dialog);
    // The form fills in the current caption once mounted; typing before that would be overwritten (a busy machine).
    await page.waitForFunction(
      () =>
        (
          (document.querySelector('[role="dialog"] [data-testid="caption-input"]') as HTMLTextAreaElement | null)
            ?.value ?? ''
        ).length > 0,
    );
    await dialog.getByTestId('caption-input').fill('Chuyện cái bến đò — phóng sự của Nguyễn Văn An\n#CaiCachHanhChinh');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId(`pub-caption-${two}`).getByText('phóng sự của Nguyễn Văn An').waitFor();

    // Taking one down needs a reason.
    await page.getByTestId(`unpublish-${two}`).click();
    await dialogOpened(dialog);
    await dialog.getByRole('button', { name: 'Gỡ khỏi thư viện' }).click();
    await dialog.getByText('Hãy nêu lý do, ít nhất 5 ký tự.').waitFor();
    await dialog.getByTestId('unpublish-reason').fill('Nhạc nền chưa rõ bản quyền');
    await dialog.getByRole('button', { name: 'Gỡ khỏi thư viện' }).click();
    await page.getByText('Đã gỡ tác phẩm khỏi thư viện.').waitFor();
    await page.getByTestId(`pub-state-${two}`).getByText('Đã gỡ').waitFor();
    expect(await page.getByTestId(`pub-row-${two}`).textContent()).toContain('Lý do gỡ: Nhạc nền chưa rõ bản quyền');
    expect(await galleryIds(anon, slug)).not.toContain(two);

    // The fanpage package: every published entry with its caption.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('captions-csv').click()]);
    expect(download.suggestedFilename()).toBe(`captions-${slug}.csv`);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('"Chú thích"');
    expect(csv).toContain('Một cửa liên thông ở Vĩnh Thái');
    expect(csv).not.toContain('Chuyện cái bến đò');

    // A report from the public, upheld by the secretariat, takes the entry down.
    const made = await anon.post(`/api/public/entries/${one}/reports`, {
      kind: 'copied',
      reason: 'Đoạn 0:10–0:40 lấy từ phóng sự của Đài huyện năm 2022',
      contact: 'ban.doc@example.vn',
    });
    expect(made.statusCode).toBe(201);
    const reportId = (made.json() as { id: number }).id;
    const secretariat = await makeUser(t, { role: 'secretariat' });
    const sec = await newPage();
    await logInAs(sec, base, secretariat.email, secretariat.password);
    await sec.goto(`${base}/manage/${slug}/reports`);
    const table = sec.getByTestId('reports-table');
    await table.getByText('Đoạn 0:10–0:40 lấy từ phóng sự của Đài huyện năm 2022').waitFor();
    expect(await table.textContent()).toContain('Sao chép nội dung');
    expect(await table.textContent()).toContain('ban.doc@example.vn');
    expect(await text(sec, `report-status-${reportId}`)).toBe('Chưa xử lý');
    await sec.getByTestId(`resolve-${reportId}`).click();
    const resolve = await dialogOpened(sec.getByRole('dialog'));
    await resolve.getByText('Phản ánh đúng', { exact: true }).click();
    await resolve.getByTestId('resolve-outcome').fill('Xác nhận có đoạn sao chép, gỡ tác phẩm');
    await resolve.getByText('Gỡ tác phẩm khỏi thư viện', { exact: true }).click();
    await resolve.getByRole('button', { name: 'Ghi kết quả' }).click();
    await sec.getByText('Đã ghi kết quả xử lý.').waitFor();
    await table.getByText('Không có phản ánh nào.').waitFor();
    expect(await galleryIds(anon, slug)).not.toContain(one);
    await sec.getByTestId('reports-status-filter').click();
    await pickOption(sec, 'Tất cả');
    await sec.getByTestId(`report-status-${reportId}`).getByText('Phản ánh đúng').waitFor();
    expect(await table.textContent()).toContain('Xác nhận có đoạn sao chép, gỡ tác phẩm');
    expect(await table.textContent()).toContain('Không còn trên thư viện');

    // The organizer's news, on the contest's public list.
    const organizer = await makeUser(t, { role: 'organizer' });
    const org = await newPage();
    await logInAs(org, base, organizer.email, organizer.password);
    await org.goto(`${base}/manage/${slug}/news`);
    await org.getByTestId('news-new').click();
    const news = await dialogOpened(org.getByRole('dialog'));
    await news.getByTestId('news-title').fill('Gia hạn nhận bài đến hết ngày 15/9');
    await news
      .getByTestId('news-body')
      .fill('Ban Tổ chức **gia hạn** thời gian nhận bài.\n\n- Nộp trực tuyến\n- Hoặc nộp tại Phòng Nội vụ');
    await news.locator('.manage-preview strong').getByText('gia hạn').waitFor();
    await news.getByRole('button', { name: 'Đăng tin' }).click();
    await org.getByText('Đã đăng tin.').waitFor();
    await org.getByTestId('news-list').getByText('Gia hạn nhận bài đến hết ngày 15/9').waitFor();
    const posts = (await anon.get(`/api/public/contests/${slug}/news`)).json() as { title: string; body: string }[];
    expect(posts[0]).toMatchObject({ title: 'Gia hạn nhận bài đến hết ngày 15/9' });
    expect(posts[0]!.body).toContain('Hoặc nộp tại Phòng Nội vụ');
  });

  it('shows each tab only to the roles that may use it', async () => {
    const { t, base } = suite;
    const publisher = await makeUser(t, { role: 'publisher' });
    const page = await newPage();
    await logInAs(page, base, publisher.email, publisher.password);
    await page.goto(`${base}/manage/${t.demoSlug}/publication`);
    await page.getByTestId('tab-publication').waitFor();
    expect(await page.getByTestId('tab-reports').count()).toBe(0);
    expect(await page.getByTestId('tab-news').count()).toBe(0);
  });
});
