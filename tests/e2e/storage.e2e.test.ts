/**
 * Storage housekeeping in a real browser: the organizer reads the contest's storage use, retries a failed media job
 * and (as site administrator) removes orphaned files; an entrant deletes a draft with its files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { saveEntryDraft } from '../../server/services/entries/save-entry-draft.ts';
import { attachAcceptedFile, completeDraft } from '../helpers/entries.ts';
import { makeUser } from '../helpers/test-app.ts';
import { clickForAnswer, e2eApp, logInAs, openPopover, text } from './browser.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';

const suite = e2eApp();
const { newPage } = suite;

async function draftWithFile(owner: { id: number }, title: string): Promise<{ entryId: number; uploadId: string }> {
  const t = suite.t;
  const { id } = await saveEntryDraft(
    t.deps,
    { userId: owner.id, isSiteAdmin: false, ip: null },
    t.demoSlug,
    completeDraft({ kind: 'person' }, { title }),
  );
  const uploadId = await attachAcceptedFile(t, id);
  fs.mkdirSync(path.dirname(uploadPath(t.deps, uploadId)), { recursive: true });
  fs.writeFileSync(uploadPath(t.deps, uploadId), Buffer.alloc(3 * 1024 * 1024, 1));
  return { entryId: id, uploadId };
}

describe('storage housekeeping', () => {
  it('shows the organizer the storage use, retries a failed job and removes orphaned files', async () => {
    const { t, base } = suite;
    const owner = await makeUser(t, { role: 'entrant' });
    const { uploadId } = await draftWithFile(owner, 'Chuyện ở Vĩnh Thạch');
    let runs = 0;
    await t.deps.jobs.work(
      'fingerprint-upload',
      async () => {
        runs++;
        if (runs === 1) throw new Error('ffmpeg: disk full');
      },
      { pollMs: 50 },
    );
    const jobId = (await t.deps.jobs.send(
      'fingerprint-upload',
      { uploadId },
      { singletonKey: uploadId, retryLimit: 0 },
    ))!;
    for (let i = 0; i < 200 && (await t.deps.jobs.getJob(jobId))?.state !== 'failed'; i++)
      await new Promise((r) => setTimeout(r, 50));
    const orphanKey = 'contests/1/entries/424242/original/old.mp4';
    await t.deps.storage.putStream(orphanKey, Readable.from([Buffer.alloc(2048, 3)]), { contentType: 'video/mp4' });
    const old = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(path.join(t.deps.config.dataDir, 'media', ...orphanKey.split('/')), old, old);

    const page = await newPage();
    await logInAs(page, base, t.admin.email, t.admin.password);
    await page.goto(`${base}/manage/${t.demoSlug}/storage`);
    await page.getByTestId('storage-stats').waitFor();
    expect(await text(page, 'storage-originals')).toContain('3 MB');
    // The original of the draft, and the orphan under the contest's prefix (it uses space until it is removed).
    expect(await text(page, 'storage-originals')).toContain('2 tệp');
    expect(await page.getByTestId('storage-top').textContent()).toContain('Chuyện ở Vĩnh Thạch');

    const failed = page.getByTestId('failed-jobs');
    await failed.getByText('ffmpeg: disk full').waitFor();
    expect(await failed.textContent()).toContain('So sánh tính nguyên gốc');
    await page.getByTestId(`retry-${jobId}`).click();
    await page.getByText('Đã xếp lịch chạy lại.').waitFor();
    for (let i = 0; i < 200 && (await t.deps.jobs.getJob(jobId))?.state !== 'completed'; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect((await t.deps.jobs.getJob(jobId))!.state).toBe('completed');
    await failed.getByText('Không có công việc nào bị lỗi.').waitFor();

    await page.getByTestId('orphans-scan').click();
    expect(await page.getByTestId('orphans-summary').textContent()).toContain('Tìm thấy 1 tệp thừa');
    await page.getByText(orphanKey).waitFor();
    await page.getByText('Tác phẩm đã bị xóa').waitFor();
    await page.getByTestId('orphans-remove').click();
    // The bubble's OK once it has finished appearing: a click while it was still drawn in was lost under load.
    const confirm = await openPopover(page);
    await clickForAnswer(page, confirm.getByRole('button', { name: /OK|Đồng ý/ }), 'POST', '/orphans/delete');
    await page.getByText('Đã xóa 1 tệp').waitFor();
    expect(await t.deps.storage.head(orphanKey)).toBeNull();
  });

  it('lets an entrant delete a draft with its files', async () => {
    const { t, base } = suite;
    const owner = await makeUser(t, { role: 'entrant' });
    const { entryId, uploadId } = await draftWithFile(owner, 'Bản nháp sẽ xóa');
    const page = await newPage();
    await logInAs(page, base, owner.email, owner.password);
    await page.goto(`${base}/entries/${entryId}`);
    await page.getByTestId('delete-start').click();
    expect(await page.getByTestId('delete-reason').count()).toBe(0);
    await page.getByTestId('delete-confirm').click();
    await page.waitForURL(`${base}/entries`);
    // The entrant's only entry is gone from the list.
    await page.getByText('Bạn chưa có tác phẩm nào.').waitFor();
    expect(await page.getByText('Bản nháp sẽ xóa').count()).toBe(0);
    expect(fs.existsSync(uploadPath(t.deps, uploadId))).toBe(false);
    expect(await t.deps.db.selectFrom('entries').select('id').where('id', '=', entryId).execute()).toEqual([]);
  });
});
