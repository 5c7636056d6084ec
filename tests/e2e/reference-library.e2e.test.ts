/**
 * The reference library in a real browser: the organizer loads a clip with its title and source, sees the entry that
 * matched it, and deletes the clip.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintUpload } from '../../server/services/media/fingerprint-upload.ts';
import * as originality from '../helpers/originality.ts';
import { makeUser } from '../helpers/test-app.ts';
import { runFfmpeg } from '../helpers/videos.ts';
import { clickForAnswer, e2eApp, logInAs, openPopover } from './browser.ts';

const suite = e2eApp();

describe('reference library', () => {
  it('loads a clip, shows the entry that matched it and deletes the clip', async () => {
    const { t, base } = suite;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-e2e-'));
    const file = path.join(dir, 'phong-su-2024.mp4');
    const source = 'cellauto=s=96x54:r=10:seed=5:rule=110,scale=320:180:flags=neighbor';
    await runFfmpeg(['-f', 'lavfi', '-i', source, '-t', '20', '-c:v', 'libx264', '-preset', 'ultrafast', file]);
    fs.mkdirSync(t.deps.config.uploadDir, { recursive: true });
    const owner = await makeUser(t);
    const uploadId = await originality.acceptedUpload(t, owner, file);
    await fingerprintUpload(t.deps, uploadId);

    const page = await suite.newPage();
    await logInAs(page, base, t.admin.email, t.admin.password);
    await page.goto(`${base}/manage/${t.demoSlug}/references`);
    await page.getByText('Chưa có đoạn phim tham chiếu nào.').waitFor();
    await page.getByTestId('reference-submit').click();
    await page.getByText('Hãy nhập tên đoạn phim.').waitFor();
    await page.getByText('Hãy chọn tệp video.').waitFor();
    await page.getByTestId('reference-title').fill('Phóng sự đoạt giải 2024');
    await page.getByTestId('reference-source').fill('Cuộc thi năm 2024');
    await page.getByTestId('reference-file').setInputFiles(file);
    await page.getByTestId('reference-submit').click();
    await page.getByText('Đã thêm đoạn phim; 1 tác phẩm trùng khớp.').waitFor();
    const clip = await t.deps.db.selectFrom('reference_clips').select('id').executeTakeFirstOrThrow();
    const matches = page.getByTestId(`reference-matches-${clip.id}`);
    await matches.waitFor();
    expect(await matches.textContent()).toMatch(/Bản nháp Phóng sự .* trùng \d+%/);
    expect(await page.getByTestId('reference-table').textContent()).toContain('Cuộc thi năm 2024');

    await page.getByTestId(`reference-delete-${clip.id}`).click();
    await clickForAnswer(
      page,
      (await openPopover(page)).getByRole('button', { name: 'Xóa' }),
      'DELETE',
      `/reference-clips/${clip.id}`,
    );
    await page.getByText('Đã xóa đoạn phim tham chiếu.').waitFor();
    await page.getByText('Chưa có đoạn phim tham chiếu nào.').waitFor();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
