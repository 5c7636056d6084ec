import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveManifest } from '@core/documents/archive-manifest.ts';
import { verifyArchiveFile } from '../../server/archive-check.ts';
import { grantContestRole } from '../../server/services/units/grant-contest-role.ts';
import { issueCertificates } from '../../server/services/certificates/issue-certificates.ts';
import { announceAwards, judgedContest, type JudgedContest } from '../helpers/awards.ts';
import { storeStandInRenditions } from '../helpers/entries.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The contest archive (issue 13, item 5): downloaded by the organizer once the results are announced, read back
 * from the ZIP (records, documents, media list and, when asked, the video itself), checked against its manifest by
 * the same code as `npm run archive:verify`, then altered one byte at a time: the check names the file.
 */
let t: TestApp;
let j: JudgedContest;
let organizer: Client;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-'));
const VIDEO = crypto.randomBytes(300_000);
const PHONE = '0912 000 999';

beforeAll(async () => {
  t = await startTestApp();
  j = await judgedContest(t, {
    scores: [9, 8, 7],
    votes: [1, 0, 4],
    drafts: [
      {
        authors: [
          {
            fullName: 'Nguyễn Thị Ỷ Lan',
            position: 'Công chức',
            unitName: 'UBND xã Vĩnh Thái',
            address: 'Thôn Tân Phong',
            phone: PHONE,
            email: 'ylan@example.vn',
          },
        ],
      },
    ],
  });
  // The first entry's original, as the storage move would leave it.
  const e = await t.deps.db
    .selectFrom('entries')
    .select(['accepted_upload_id'])
    .where('id', '=', j.entryIds[0]!)
    .executeTakeFirstOrThrow();
  const key = `contests/${j.contestId}/entries/${j.entryIds[0]}/original/${e.accepted_upload_id}.mp4`;
  await t.deps.storage.putStream(key, Readable.from([VIDEO]), { contentType: 'video/mp4' });
  await t.deps.db
    .updateTable('uploads')
    .set({
      storage_key: key,
      size_bytes: VIDEO.length,
      sha256: crypto.createHash('sha256').update(VIDEO).digest('hex'),
    })
    .where('id', '=', e.accepted_upload_id!)
    .execute();
  const u = await makeUser(t);
  await grantContestRole(t.deps, j.organizer, j.slug, { identifier: u.email, role: 'organizer' });
  organizer = await loggedInClient(t, u.email, u.password);
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

async function download(c: Client, query = ''): Promise<string> {
  const res = await c.get(`/api/contests/${j.slug}/archive.zip${query}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  expect(String(res.headers['content-disposition'])).toContain(`luu-tru-${j.slug}-`);
  const file = path.join(dir, `${crypto.randomUUID()}.zip`);
  fs.writeFileSync(file, res.rawPayload);
  return file;
}

/** A copy of `file` with one byte of `name`'s stored bytes flipped. */
function tampered(file: string, at: number): string {
  const bytes = fs.readFileSync(file);
  bytes[at] = bytes[at]! ^ 0xff;
  const out = path.join(dir, `${crypto.randomUUID()}.zip`);
  fs.writeFileSync(out, bytes);
  return out;
}

describe('contest archive', () => {
  it('is refused before the results are announced, and to every role but the organizer', async () => {
    const early = await organizer.get(`/api/contests/${j.slug}/archive.zip`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('archive.notAnnounced');
    expect(early.json().error.message).toContain('công bố kết quả');
    await announceAwards(t, j);
    await issueCertificates(t.deps, j.organizer, j.slug, { place: 'Vĩnh Linh', superior: '', signer: '' });
    for (const role of ['secretariat', 'finance', 'secretary', 'publisher'] as const) {
      const u = await makeUser(t);
      await grantContestRole(t.deps, j.organizer, j.slug, { identifier: u.email, role });
      const c = await loggedInClient(t, u.email, u.password);
      const res = await c.get(`/api/contests/${j.slug}/archive.zip`);
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    expect((await new Client(t.app).get(`/api/contests/${j.slug}/archive.zip`)).statusCode).toBe(401);
    // An organizer of another contest is no organizer of this one.
    const other = await judgedContest(t, { scores: [5] });
    const o = await makeUser(t);
    await grantContestRole(t.deps, other.organizer, other.slug, { identifier: o.email, role: 'organizer' });
    const oc = await loggedInClient(t, o.email, o.password);
    expect((await oc.get(`/api/contests/${j.slug}/archive.zip`)).statusCode).toBe(403);
  });

  it('holds the records, the documents and the media list, and verifies against its manifest', async () => {
    const file = await download(organizer);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const names = Object.keys(zip.files).sort();
    for (const n of [
      'data/contest.json',
      'data/entries.json',
      'data/awards.json',
      'data/results.json',
      'data/judging.json',
      'data/voting.json',
      'data/vote-log.txt',
      'data/audit-log.jsonl',
      'data/certificates.json',
      'data/budget.json',
      'data/media.json',
      'documents/bien-ban-cham-thi-vong-1.pdf',
      'documents/giay-chung-nhan.pdf',
      'manifest.json',
    ])
      expect(names).toContain(n);
    expect(names.some((n) => n.startsWith('media/'))).toBe(false);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as ArchiveManifest;
    expect(manifest.format).toBe('contest-archive/v1');
    expect(manifest.files.map((f) => f.path).sort()).toEqual(names.filter((n) => n !== 'manifest.json'));
    for (const f of manifest.files) {
      const bytes = await zip.file(f.path)!.async('nodebuffer');
      expect(crypto.createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
    }

    const entries = await zip.file('data/entries.json')!.async('string');
    expect(entries).toContain('Nguyễn Thị Ỷ Lan');
    expect(entries).not.toContain('Thôn Tân Phong');
    expect(entries).not.toContain(PHONE);
    expect(entries).not.toContain('ylan@example.vn');
    const media = JSON.parse(await zip.file('data/media.json')!.async('string')) as {
      included: boolean;
      files: { sha256: string; bytes: number }[];
    };
    expect(media.included).toBe(false);
    expect(media.files).toEqual([
      expect.objectContaining({ bytes: VIDEO.length, sha256: crypto.createHash('sha256').update(VIDEO).digest('hex') }),
    ]);
    const awards = JSON.parse(await zip.file('data/awards.json')!.async('string')) as {
      allocations: { state: string }[];
    };
    expect(awards.allocations.map((a) => a.state)).toContain('announced');
    const certificates = JSON.parse(await zip.file('data/certificates.json')!.async('string')) as unknown[];
    expect(certificates.length).toBeGreaterThan(0);
    const logged = await t.deps.db
      .selectFrom('vote_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('contest_id', '=', j.contestId)
      .executeTakeFirstOrThrow();
    const voteLog = await zip.file('data/vote-log.txt')!.async('string');
    expect(voteLog.split('\n').filter(Boolean).length).toBe(Number(logged.n) ? Number(logged.n) + 1 : 0);
    const certPdf = path.join(dir, 'gcn.pdf');
    fs.writeFileSync(certPdf, await zip.file('documents/giay-chung-nhan.pdf')!.async('nodebuffer'));
    expect(execFileSync('pdftotext', [certPdf, '-'], { encoding: 'utf8' })).toContain('Nguyễn Thị Ỷ Lan');

    // The export is audited with the manifest's hash.
    const record = await t.deps.db
      .selectFrom('audit_log')
      .select(['details_json', 'actor_user_id'])
      .where('contest_id', '=', j.contestId)
      .where('action', '=', 'archive.exported')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const manifestSha256 = crypto
      .createHash('sha256')
      .update(await zip.file('manifest.json')!.async('nodebuffer'))
      .digest('hex');
    expect(JSON.parse(record.details_json)).toEqual({
      media: 'manifest',
      files: manifest.files.length,
      manifestSha256,
    });

    const verdict = await verifyArchiveFile(file);
    expect(verdict).toMatchObject({ ok: true, unreadable: null, manifestSha256, damaged: [], media: [] });
  });

  it('carries the original video when asked, and names the one file a flipped byte altered', async () => {
    const file = await download(organizer, '?media=files');
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const mediaPath = Object.keys(zip.files).find((n) => n.startsWith('media/'))!;
    expect(mediaPath).toMatch(/^media\/.+\.mp4$/);
    expect(Buffer.compare(await zip.file(mediaPath)!.async('nodebuffer'), VIDEO)).toBe(0);
    expect((await verifyArchiveFile(file)).ok).toBe(true);

    const bytes = fs.readFileSync(file);
    // A byte in the middle of the stored video.
    const videoAt = bytes.indexOf(VIDEO.subarray(1000, 1064)) + 5;
    expect(videoAt).toBeGreaterThan(5);
    const v1 = await verifyArchiveFile(tampered(file, videoAt));
    expect(v1.ok).toBe(false);
    expect(v1.check.altered).toEqual([mediaPath]);
    expect(v1.check.missing).toEqual([]);

    // A byte inside the stored (uncompressed) certificate PDF, a little after its local header.
    const pdfAt = bytes.indexOf('documents/giay-chung-nhan.pdf') + 1000;
    const v2 = await verifyArchiveFile(tampered(file, pdfAt));
    expect(v2.check.altered).toEqual(['documents/giay-chung-nhan.pdf']);

    // The command line says it plainly, in both languages, and exits 1; intact, it exits 0.
    const cli = (f: string, ...extra: string[]) =>
      spawnSync('npx', ['tsx', 'server/archive-verify-cli.ts', f, ...extra], { encoding: 'utf8' });
    const bad = cli(tampered(file, pdfAt));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('BỊ THAY ĐỔI');
    expect(bad.stderr).toContain('documents/giay-chung-nhan.pdf');
    const good = cli(file);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('NGUYÊN VẸN');
    const wrongManifest = cli(file, '--manifest-sha256', 'a'.repeat(64));
    expect(wrongManifest.status).toBe(1);
    expect(wrongManifest.stderr).toContain('manifest.json');
  });

  it('with media=all carries the ladder, poster and subtitles; a flipped byte in a segment is ALTERED', async () => {
    const entryId = j.entryIds[0]!;
    const e = await t.deps.db
      .selectFrom('entries')
      .select(['code', 'accepted_upload_id'])
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    const uploadId = e.accepted_upload_id!;
    // The row the approval queued (no job runs here) gives way to a finished set.
    await t.deps.db.deleteFrom('renditions').where('upload_id', '=', uploadId).execute();
    await storeStandInRenditions(t, entryId, uploadId);
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào bà con Vĩnh Linh\n';
    const vttKey = `contests/${j.contestId}/entries/${entryId}/subtitles/vi.vtt`;
    await t.deps.storage.putStream(vttKey, Readable.from([Buffer.from(vtt)]), { contentType: 'text/vtt' });
    const at = new Date().toISOString();
    await t.deps.db
      .insertInto('subtitles')
      .values({
        entry_id: entryId,
        lang: 'vi',
        label: 'Tiếng Việt',
        storage_key: vttKey,
        size_bytes: Buffer.byteLength(vtt),
        cue_count: 1,
        source_format: 'vtt',
        updated_by_user_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();

    // The default stays small: no media at all; `files` the originals only.
    const small = await JSZip.loadAsync(fs.readFileSync(await download(organizer)));
    expect(Object.keys(small.files).some((n) => n.startsWith('media/'))).toBe(false);
    const originals = await JSZip.loadAsync(fs.readFileSync(await download(organizer, '?media=files')));
    expect(Object.keys(originals.files).filter((n) => n.startsWith('media/') && !n.endsWith('/'))).toHaveLength(1);

    const file = await download(organizer, '?media=all');
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as ArchiveManifest;
    const base = `media/${e.code}/renditions/${uploadId}/`;
    const segment = `${base}360p/seg_00000.ts`;
    const kinds = Object.fromEntries(manifest.files.map((f) => [f.path, f.kind]));
    expect(kinds).toMatchObject({
      [`${base}master.m3u8`]: 'media',
      [`${base}360p/index.m3u8`]: 'media',
      [segment]: 'media',
      [`${base}poster.jpg`]: 'poster',
      [`media/${e.code}/subtitles/vi.vtt`]: 'subtitle',
    });
    expect(await zip.file(`media/${e.code}/subtitles/vi.vtt`)!.async('string')).toBe(vtt);
    const seg = manifest.files.find((f) => f.path === segment)!;
    expect(seg.sha256).toBe(
      crypto
        .createHash('sha256')
        .update(Buffer.alloc(188 * 4, 0x47))
        .digest('hex'),
    );
    const media = JSON.parse(await zip.file('data/media.json')!.async('string')) as {
      streamingIncluded: boolean;
      streaming: { path: string }[];
    };
    expect(media.streamingIncluded).toBe(true);
    expect(media.streaming.map((s) => s.path)).toContain(segment);
    expect((await verifyArchiveFile(file)).ok).toBe(true);
    const record = await t.deps.db
      .selectFrom('audit_log')
      .select('details_json')
      .where('contest_id', '=', j.contestId)
      .where('action', '=', 'archive.exported')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(record.details_json)).toMatchObject({ media: 'all' });

    const bytes = fs.readFileSync(file);
    const segAt = bytes.indexOf(Buffer.alloc(188 * 4, 0x47)) + 100;
    expect(segAt).toBeGreaterThan(100);
    const altered = tampered(file, segAt);
    const v = await verifyArchiveFile(altered);
    expect(v.check.altered).toEqual([segment]);
    const cli = spawnSync('npx', ['tsx', 'server/archive-verify-cli.ts', altered], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('archive ALTERED');
    expect(cli.stderr).toContain(segment);
  }, 120_000);

  it('says ALTERED when the stored original no longer matches the hash recorded at upload', async () => {
    // The copy in storage changed after it was accepted (same size): the manifest, computed from that copy, agrees
    // with the ZIP, but the hash recorded at upload does not.
    const { accepted_upload_id: uploadId } = await t.deps.db
      .selectFrom('entries')
      .select('accepted_upload_id')
      .where('id', '=', j.entryIds[0]!)
      .executeTakeFirstOrThrow();
    const { storage_key: key } = await t.deps.db
      .selectFrom('uploads')
      .select('storage_key')
      .where('id', '=', uploadId!)
      .executeTakeFirstOrThrow();
    const rotten = Buffer.from(VIDEO);
    rotten[5000] = rotten[5000]! ^ 0x01;
    await t.deps.storage.putStream(key!, Readable.from([rotten]), { contentType: 'video/mp4' });
    try {
      const v2 = await verifyArchiveFile(await download(organizer, '?media=files'));
      expect(v2.check.ok).toBe(true);
      expect(v2.ok).toBe(false);
      expect(v2.media).toEqual([expect.stringContaining('differs from the SHA-256 recorded when the upload')]);
    } finally {
      await t.deps.storage.putStream(key!, Readable.from([VIDEO]), { contentType: 'video/mp4' });
    }
  }, 60_000);

  it('names a file whose compressed bytes no longer inflate, and a file added to the ZIP', async () => {
    const file = await download(organizer);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    // Re-pack with one file changed and one added, keeping the original manifest.
    const changed = new JSZip();
    for (const [name, f] of Object.entries(zip.files)) {
      if (f.dir) continue;
      const bytes = await f.async('nodebuffer');
      changed.file(
        name,
        name === 'data/results.json' ? Buffer.from(bytes.toString('utf8').replace('Giải', 'Giai')) : bytes,
      );
    }
    changed.file('data/extra.json', '{}');
    const out = path.join(dir, 'repacked.zip');
    fs.writeFileSync(out, await changed.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const v = await verifyArchiveFile(out);
    expect(v.check.altered).toEqual(['data/results.json']);
    expect(v.check.unlisted).toEqual(['data/extra.json']);

    // A flipped byte inside the deflated audit log: it no longer inflates, or inflates to other bytes.
    const original = fs.readFileSync(file);
    const at = original.indexOf('data/audit-log.jsonl') + 'data/audit-log.jsonl'.length + 40;
    expect((await verifyArchiveFile(tampered(file, at))).check.altered).toEqual(['data/audit-log.jsonl']);

    const notZip = path.join(dir, 'not.zip');
    fs.writeFileSync(notZip, 'not a zip');
    expect((await verifyArchiveFile(notZip)).unreadable).toContain('not a ZIP');
  });
});
