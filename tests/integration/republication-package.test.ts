import crypto from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_LICENCE } from '@core/licence.ts';
import { grantContestRole } from '../../server/services/units/grant-contest-role.ts';
import { announceAwards, judgedContest, storeAcceptedOriginal, type JudgedContest } from '../helpers/awards.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The republication package of a winner (issue 13, item 2): the publisher downloads, once the results are announced,
 * a ZIP per winning entry with the original video, the poster and the caption (title, authors, unit, prize, licence
 * accepted at submission); read back here. Other roles, other contests' staff and entries that did not win are refused.
 */
let t: TestApp;
let j: JudgedContest;
let publisher: Client;
const VIDEO = crypto.randomBytes(200_000);
// Typed decomposed (NFD), as some keyboards send it: the caption holds the NFC form.
const AUTHOR = 'Nguyễn Thị Ỷ Lan';
const TITLE = 'Một cửa liên thông ở xã Vĩnh Thái';
const url = (entryId: number) => `/api/contests/${j.slug}/awards/winners/${entryId}/republication.zip`;

beforeAll(async () => {
  t = await startTestApp();
  j = await judgedContest(t, {
    scores: [9, 8],
    prizes: [{ name: 'Giải Nhất', nameEn: 'First prize', kind: 'jury', count: 1, amountVnd: 5_000_000 }],
    drafts: [
      {
        title: TITLE.normalize('NFD'),
        authors: [
          {
            fullName: AUTHOR.normalize('NFD'),
            position: 'Công chức',
            unitName: 'UBND xã Vĩnh Thái',
            address: 'Thôn Tân Phong',
            phone: '0912 000 999',
            email: 'ylan@example.vn',
          },
        ],
      },
    ],
  });
  await storeAcceptedOriginal(t, j.entryIds[0]!, VIDEO);
  const u = await makeUser(t);
  await grantContestRole(t.deps, j.organizer, j.slug, { identifier: u.email, role: 'publisher' });
  publisher = await loggedInClient(t, u.email, u.password);
});
afterAll(async () => t?.close());

describe('republication package', () => {
  it('is refused before the results are announced', async () => {
    const res = await publisher.get(url(j.entryIds[0]!));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('awards.resultsNotAnnounced');
    await announceAwards(t, j);
  });

  it('holds the original video unchanged, the poster and the caption in Vietnamese and English', async () => {
    const res = await publisher.get(url(j.entryIds[0]!));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="dang-lai-.+\.zip"$/);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files);
    const video = names.find((n) => n.endsWith('.mp4'));
    const poster = names.find((n) => n.endsWith('-poster.jpg'));
    expect(video, names.join()).toBeDefined();
    expect(poster, names.join()).toBeDefined();
    const bytes = await zip.file(video!)!.async('nodebuffer');
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(
      crypto.createHash('sha256').update(VIDEO).digest('hex'),
    );
    expect((await zip.file(poster!)!.async('nodebuffer')).length).toBeGreaterThan(0);
    const caption = (await zip.file('chu-thich-caption.txt')!.async('string')).replace(/^\uFEFF/, '');
    expect(caption).toBe(caption.normalize('NFC'));
    expect(caption).toContain('Giải Nhất');
    expect(caption).toContain('First prize');
    expect(caption).toContain(`“${TITLE}”`);
    expect(caption).toContain(`Tác giả: ${AUTHOR}`);
    expect(caption).toContain(`Author(s): ${AUTHOR}`);
    expect(caption).toContain('Đơn vị: UBND xã Vĩnh Thái');
    expect(caption).toContain(CURRENT_LICENCE.vi);
    expect(caption).toContain(CURRENT_LICENCE.en);
    expect(caption).not.toContain('0912');
    expect(caption).not.toContain('Tân Phong');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['target', 'outcome'])
      .where('action', '=', 'awards.republicationDownloaded')
      .execute();
    expect(audit).toContainEqual(expect.objectContaining({ target: `entry:${j.entryIds[0]}` }));
  });

  it('is refused for an entry that did not win', async () => {
    const res = await publisher.get(url(j.entryIds[1]!));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('awards.notAWinner');
    expect(res.json().error.message).toContain('đoạt giải');
  });

  it('is refused to roles that do not publish, to anonymous callers and to another contest’s publisher', async () => {
    for (const role of ['secretariat', 'finance', 'secretary', 'juror'] as const) {
      const u = await makeUser(t);
      await grantContestRole(t.deps, j.organizer, j.slug, { identifier: u.email, role });
      const c = await loggedInClient(t, u.email, u.password);
      const res = await c.get(url(j.entryIds[0]!));
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    expect((await new Client(t.app).get(url(j.entryIds[0]!))).statusCode).toBe(401);
    const other = await judgedContest(t, { scores: [5] });
    const o = await makeUser(t);
    await grantContestRole(t.deps, other.organizer, other.slug, { identifier: o.email, role: 'publisher' });
    const oc = await loggedInClient(t, o.email, o.password);
    expect((await oc.get(url(j.entryIds[0]!))).statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('action', '=', 'entries.publish')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});
