/**
 * R9: the reference library from the staff area: organizers load clips (title, source) as the request body, see which
 * entries matched which clip, and delete a clip with its matches; every change audited, other callers refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceClipView } from '@core/reference-clips.ts';
import { createContest } from '../../server/services/contests/create-contest.ts';
import { demoContest } from '../../server/demo/vinh-linh-2024.ts';
import { fingerprintUpload } from '../../server/services/media/fingerprint-upload.ts';
import { loadReferenceClip } from '../../server/services/media/load-reference-clip.ts';
import * as originality from '../helpers/originality.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { runFfmpeg } from '../helpers/videos.ts';

let t: TestApp;
let dir: string;
let slug: string;
const clip = { src: '', unrelated: '' };
const c: Record<string, Client> = {};
let owner: { id: number; email: string; password: string };
let organizerId: number;

const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '20', '-pix_fmt', 'yuv420p'];
const url = (q: { title?: string; source?: string } = { title: 'Phóng sự năm 2024', source: 'Cuộc thi 2024' }) =>
  `/api/contests/${slug}/reference-clips?${new URLSearchParams(q as Record<string, string>)}`;
const postClip = (client: Client, file: string, q?: { title?: string; source?: string }, type = 'video/mp4') =>
  client.request('POST', url(q), undefined, { raw: fs.readFileSync(file), contentType: type });
const auditActions = async (action: string) =>
  t.deps.db.selectFrom('audit_log').select(['target', 'details_json']).where('action', '=', action).execute();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-clips-test-'));
  clip.src = path.join(dir, 'src.mp4');
  clip.unrelated = path.join(dir, 'unrelated.mp4');
  await Promise.all([
    runFfmpeg([
      '-f',
      'lavfi',
      '-i',
      'cellauto=s=96x54:r=10:seed=7:rule=110,scale=320:180:flags=neighbor',
      '-t',
      '30',
      ...x264,
      '-f',
      'mp4',
      clip.src,
    ]),
    runFfmpeg(['-f', 'lavfi', '-i', 'mandelbrot=s=320x180:r=10', '-t', '20', ...x264, '-f', 'mp4', clip.unrelated]),
  ]);
  t = await startTestApp({ env: { MAX_DRAFTS_PER_ENTRANT: '100' } });
  slug = t.demoSlug;
  fs.mkdirSync(t.deps.config.uploadDir, { recursive: true });
  owner = await makeUser(t);
  const admin = { userId: t.admin.userId, isSiteAdmin: true, ip: null };
  const other = await createContest(t.deps, admin, { ...demoContest(new Date()), slug: 'cuoc-thi-khac' });
  for (const role of ['organizer', 'secretariat', 'juror', 'publisher'] as const) {
    const u = await makeUser(t, { role });
    if (role === 'organizer') organizerId = u.id;
    c[role] = await loggedInClient(t, u.email, u.password);
  }
  const otherOrganizer = await makeUser(t, { role: 'organizer', slug: other.slug });
  c.otherOrganizer = await loggedInClient(t, otherOrganizer.email, otherOrganizer.password);
  c.entrant = await loggedInClient(t, owner.email, owner.password);
  c.anon = new Client(t.app);
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('reference library', () => {
  let clipId: number;
  let matchedEntry: number;

  it('loads a clip from the request body, screens the entries against it and lists the matches', async () => {
    const uploadId = await originality.acceptedUpload(t, owner, clip.src);
    const unrelatedUpload = await originality.acceptedUpload(t, owner, clip.unrelated);
    await fingerprintUpload(t.deps, uploadId);
    await fingerprintUpload(t.deps, unrelatedUpload);
    matchedEntry = Number(
      (await t.deps.db.selectFrom('uploads').select('entry_id').where('id', '=', uploadId).executeTakeFirstOrThrow())
        .entry_id,
    );
    const res = await postClip(c.organizer!, clip.src, {
      title: 'Phóng sự \u202ecũ\u202c năm 2024',
      source: 'Cuộc thi năm 2024, giải A',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().flags).toBe(1);
    clipId = res.json().id;
    const list = await c.organizer!.get(`/api/contests/${slug}/reference-clips`);
    expect(list.statusCode).toBe(200);
    const clips = list.json<ReferenceClipView[]>();
    expect(clips).toHaveLength(1);
    expect(clips[0]).toMatchObject({
      id: clipId,
      title: 'Phóng sự cũ năm 2024',
      source: 'Cuộc thi năm 2024, giải A',
      createdBy: expect.any(String),
      matches: [{ entryId: matchedEntry, status: 'draft', title: expect.stringMatching(/^Phóng sự/) }],
    });
    expect(clips[0]!.durationSec).toBeCloseTo(30, 0);
    expect(clips[0]!.matches[0]!.score).toBeGreaterThanOrEqual(90);
    const stored = await t.deps.db
      .selectFrom('reference_clips')
      .select(['created_by', 'source'])
      .where('id', '=', clipId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.created_by)).toBe(organizerId);
    const audit = await auditActions('reference.add');
    expect(audit.map((a) => a.target)).toEqual([`reference:${clipId}`]);
    expect(JSON.parse(audit[0]!.details_json)).toMatchObject({ title: 'Phóng sự cũ năm 2024' });
    // Only fingerprints are kept: no temporary file is left behind.
    const tmp = path.join(t.deps.config.dataDir, 'reference-tmp');
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('refuses callers who are not organizers of the contest, before reading the file', async () => {
    const before = await t.deps.db.selectFrom('reference_clips').select('id').execute();
    for (const who of ['secretariat', 'juror', 'publisher', 'entrant', 'otherOrganizer'] as const) {
      const post = await postClip(c[who]!, clip.unrelated);
      expect(post.statusCode, who).toBe(403);
      expect(post.json().error.code).toBe('auth.forbidden');
      expect((await c[who]!.get(`/api/contests/${slug}/reference-clips`)).statusCode, who).toBe(403);
      expect((await c[who]!.delete(`/api/contests/${slug}/reference-clips/${clipId}`)).statusCode, who).toBe(403);
    }
    expect((await postClip(c.anon!, clip.unrelated)).statusCode).toBe(401);
    expect((await c.anon!.get(`/api/contests/${slug}/reference-clips`)).statusCode).toBe(401);
    expect(await t.deps.db.selectFrom('reference_clips').select('id').execute()).toEqual(before);
    // The organizer of another contest sees nothing of this one's library, and cannot reach its clips through theirs.
    const theirs = await c.otherOrganizer!.delete(`/api/contests/cuoc-thi-khac/reference-clips/${clipId}`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.code).toBe('reference.notFound');
  });

  it('refuses a missing or blank title, a missing source, a wrong type and an unreadable file, in words', async () => {
    const noTitle = await postClip(c.organizer!, clip.unrelated, { source: 'VTV' });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().error.details.issues[0]).toMatchObject({ in: 'querystring', path: 'title' });
    const invisible = await postClip(c.organizer!, clip.unrelated, { title: '\u200b\u200b', source: 'VTV' });
    expect(invisible.statusCode).toBe(400);
    expect(invisible.json().error.details.issues[0].message).toMatch(/không nhìn thấy/);
    expect((await postClip(c.organizer!, clip.unrelated, { title: 'Bản tin' })).statusCode).toBe(400);
    const wrongType = await c.organizer!.request('POST', url(), undefined, {
      raw: Buffer.alloc(100),
      contentType: 'application/octet-stream',
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details.issues[0]).toMatchObject({ in: 'headers', path: 'content-type' });
    const garbage = await c.organizer!.request('POST', url(), undefined, {
      raw: Buffer.alloc(5000, 7),
      contentType: 'video/mp4',
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe('reference.unreadable');
    expect(garbage.json().error.message).toMatch(/MP4 hoặc MOV/);
    expect(await t.deps.db.selectFrom('reference_clips').select('id').execute()).toHaveLength(1);
  });

  it('refuses a file above the limit while it streams, and leaves no file behind', async () => {
    const actor = { userId: organizerId, isSiteAdmin: false, ip: null };
    const body = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(
      loadReferenceClip(t.deps, actor, slug, { title: 'Lớn', source: 'x', format: 'mp4' }, body, { maxBytes: 1000 }),
    ).rejects.toMatchObject({ code: 'reference.tooLarge' });
    expect(fs.readdirSync(path.join(t.deps.config.dataDir, 'reference-tmp'))).toEqual([]);
  });

  it('deletes a clip with its matches, audited; a second delete finds nothing', async () => {
    const del = await c.organizer!.delete(`/api/contests/${slug}/reference-clips/${clipId}`);
    expect(del.statusCode).toBe(200);
    expect(
      await t.deps.db.selectFrom('originality_flags').select('id').where('reference_id', '=', clipId).execute(),
    ).toEqual([]);
    expect((await c.organizer!.get(`/api/contests/${slug}/reference-clips`)).json()).toEqual([]);
    const audit = await auditActions('reference.delete');
    expect(JSON.parse(audit[0]!.details_json)).toMatchObject({ title: 'Phóng sự cũ năm 2024', flagsRemoved: 1 });
    const again = await c.organizer!.delete(`/api/contests/${slug}/reference-clips/${clipId}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('reference.notFound');
  });
});
