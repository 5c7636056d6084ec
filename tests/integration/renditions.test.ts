/**
 * Streaming renditions of an accepted file: the HLS ladder (checked with ffprobe, segments decoded), the poster and
 * preview strip, progress up to 100 %, the job queued on acceptance and run by the worker, a failing ffmpeg that
 * leaves the original byte-exact, and who may read the status. Short sources made here (30 s at 1 fps) keep it fast.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../../server/jobs/worker.ts';
import { probeVideoFile } from '../../server/media/mp4-probe.ts';
import { checkUpload } from '../../server/services/uploads/check-upload.ts';
import { makeRenditions, renditionsWorkDir } from '../../server/services/media/make-renditions.ts';
import { storedRenditionsDir } from '../helpers/stored-renditions.ts';
import { completeDraft } from '../helpers/entries.ts';
import { loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { makeTestVideos, pseudoRandomBytes, runFfmpeg, type TestVideos } from '../helpers/videos.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';
import { enqueueRenditions } from '../../server/services/media/pipeline.ts';
import { getRenditionStatus } from '../../server/services/media/get-entry-renditions.ts';
import { backfillSmallPosters } from '../../server/services/media/backfill-small-posters.ts';

let t: TestApp;
let videos: TestVideos;
let dir: string;
let src1080: string;
let src720: string;
let owner: { id: number; email: string; password: string };
const actor = (userId: number) => ({ userId, isSiteAdmin: false, ip: null });

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function streams(
  file: string,
): Promise<{ codec_type: string; codec_name: string; width?: number; height?: number }[]> {
  const r = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name,width,height',
    '-of',
    'json',
    file,
  ]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).streams;
}

function source(out: string, width: number, height: number): Promise<void> {
  return runFfmpeg([
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=${width}x${height}:r=1`,
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:r=8000',
    '-t',
    '30',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-g',
    '10',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '16k',
    '-f',
    'mp4',
    out,
  ]);
}

async function newEntry(): Promise<number> {
  const c = await loggedInClient(t, owner.email, owner.password);
  const res = await c.post(
    `/api/contests/${t.demoSlug}/entries`,
    completeDraft({ kind: 'person' }, { title: `Phóng sự ${Math.random().toString(36).slice(2, 6)}` }),
  );
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

/** An entry whose accepted file is `file`, with the verdict's probe of that file, as the checks would leave it. */
async function acceptedUpload(file: string, verdictOf = file): Promise<{ entryId: number; uploadId: string }> {
  const entryId = await newEntry();
  const uploadId = crypto.randomBytes(24).toString('base64url');
  fs.copyFileSync(file, uploadPath(t.deps, uploadId));
  const { probe } = await probeVideoFile(verdictOf);
  const at = new Date().toISOString();
  await t.deps.db
    .insertInto('uploads')
    .values({
      id: uploadId,
      entry_id: entryId,
      user_id: owner.id,
      size_bytes: fs.statSync(file).size,
      filename: 'phong-su.mp4',
      status: 'accepted',
      sha256: sha256(file),
      verdict_json: JSON.stringify({ ok: true, failures: [], passed: [], probe }),
      created_at: at,
      completed_at: at,
      checked_at: at,
    })
    .execute();
  await t.deps.db
    .updateTable('entries')
    .set({ active_upload_id: uploadId, accepted_upload_id: uploadId })
    .where('id', '=', entryId)
    .execute();
  await enqueueRenditions(t.deps, uploadId);
  return { entryId, uploadId };
}

/** Runs the renditions while sampling the row, as the entrant's page would. */
async function renditionsObserved(uploadId: string): Promise<{ status: string; percent: number }[]> {
  const seen: { status: string; percent: number }[] = [];
  let running = true;
  const sampler = (async () => {
    while (running) {
      const r = await t.deps.db
        .selectFrom('renditions')
        .select(['status', 'percent'])
        .where('upload_id', '=', uploadId)
        .executeTakeFirstOrThrow();
      seen.push({ status: r.status, percent: Number(r.percent) });
      await new Promise((res) => setTimeout(res, 20));
    }
  })();
  try {
    expect(await makeRenditions(t.deps, uploadId, { percentEveryMs: 0 })).toBe('done');
  } finally {
    running = false;
    await sampler;
  }
  return seen;
}

/** The posters recorded for an upload's renditions (`renditions.posters_json`), as stored. */
async function recordedPosters(uploadId: string): Promise<unknown> {
  const row = await t.deps.db
    .selectFrom('renditions')
    .select('posters_json')
    .where('upload_id', '=', uploadId)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.posters_json!);
}

function masterVariants(master: string): { resolution: string; bandwidth: number; uri: string }[] {
  const lines = master.split('\n').map((l) => l.trim());
  const out: { resolution: string; bandwidth: number; uri: string }[] = [];
  lines.forEach((l, i) => {
    if (!l.startsWith('#EXT-X-STREAM-INF:')) return;
    out.push({
      resolution: /RESOLUTION=(\d+x\d+)/.exec(l)![1]!,
      bandwidth: Number(/BANDWIDTH=(\d+)/.exec(l)![1]),
      uri: lines.slice(i + 1).find(Boolean)!,
    });
  });
  return out;
}

async function expectLadder(uploadId: string, resolutions: string[]): Promise<void> {
  const out = await storedRenditionsDir(t.deps, uploadId);
  const master = fs.readFileSync(path.join(out, 'master.m3u8'), 'utf8');
  const variants = masterVariants(master);
  expect(variants.map((v) => v.resolution)).toEqual(resolutions);
  for (const [i, v] of variants.entries()) {
    if (i > 0) expect(v.bandwidth).toBeGreaterThan(variants[i - 1]!.bandwidth);
    // Relative URIs only: no server path leaks into what the browser reads.
    expect(v.uri).toMatch(/^\d+p\/index\.m3u8$/);
    const playlist = fs.readFileSync(path.join(out, v.uri), 'utf8');
    expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(playlist).toContain('#EXT-X-INDEPENDENT-SEGMENTS');
    expect(playlist).toContain('#EXT-X-ENDLIST');
    expect(playlist).not.toContain(t.deps.config.dataDir);
    const segments = playlist.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(segments.length).toBeGreaterThanOrEqual(4); // 30 s in segments of about 6 s
    expect(segments.every((s) => /^seg_\d{5}\.ts$/.test(s))).toBe(true);
    const seg = path.join(out, path.dirname(v.uri), segments[1]!);
    const [w, h] = v.resolution.split('x').map(Number);
    const s = await streams(seg);
    expect(s.find((x) => x.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: w, height: h });
    expect(s.find((x) => x.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
    // The segment decodes on its own, without a complaint.
    const decoded = await run('ffmpeg', ['-v', 'error', '-nostdin', '-i', seg, '-f', 'null', '-']);
    expect(decoded).toMatchObject({ code: 0, stderr: '' });
  }
  const poster = (await streams(path.join(out, 'poster.jpg')))[0]!;
  expect(poster.codec_name).toBe('mjpeg');
  expect(fs.readFileSync(path.join(out, 'poster.jpg')).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  const [sw, sh] = resolutions[0]!.split('x').map(Number);
  expect(poster.width! / poster.height!).toBeCloseTo(sw! / sh!, 2);
  // The small poster of the gallery cards: the same frame, 480 px wide; both recorded with their sizes for `srcset`.
  const small = (await streams(path.join(out, 'poster-small.jpg')))[0]!;
  expect(small).toMatchObject({ codec_name: 'mjpeg', width: 480, height: Math.round((480 * sh!) / sw! / 2) * 2 });
  expect(await recordedPosters(uploadId)).toEqual([
    { file: 'poster-small.jpg', width: 480, height: small.height },
    { file: 'poster.jpg', width: poster.width, height: poster.height },
  ]);
  expect(poster.width).toBe(Math.round((720 * sw!) / sh! / 2) * 2);
  const strip = (await streams(path.join(out, 'strip.jpg')))[0]!;
  expect(strip).toMatchObject({ codec_name: 'mjpeg', width: 1600, height: 90 });
  // Nothing half-made is left beside it.
  expect(fs.readdirSync(path.dirname(out)).filter((f) => f.startsWith('.'))).toEqual([]);
  expect(fs.existsSync(renditionsWorkDir(t.deps, uploadId))).toBe(false);
}

beforeAll(async () => {
  videos = await makeTestVideos();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renditions-test-'));
  src1080 = path.join(dir, 'src1080.mp4');
  src720 = path.join(dir, 'src720.mp4');
  await Promise.all([source(src1080, 1920, 1080), source(src720, 1280, 720)]);
  t = await startTestApp({ env: { MAX_DRAFTS_PER_ENTRANT: '100' } });
  owner = await makeUser(t);
  fs.mkdirSync(t.deps.config.uploadDir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('renditions', () => {
  it('makes a 360p/720p/1080p ladder, poster and strip from a 1080p source, with progress up to 100 %', async () => {
    const { entryId, uploadId } = await acceptedUpload(src1080);
    const before = sha256(uploadPath(t.deps, uploadId));
    expect(await getRenditionStatus(t.deps, actor(owner.id), entryId)).toMatchObject({
      uploadId,
      status: 'queued',
      percent: 0,
      error: null,
      variants: [],
    });
    const seen = await renditionsObserved(uploadId);
    expect(seen.some((s) => s.status === 'running')).toBe(true);
    const percents = seen.filter((s) => s.status === 'running').map((s) => s.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(Math.max(...percents)).toBeLessThan(100);
    expect(await getRenditionStatus(t.deps, actor(owner.id), entryId)).toMatchObject({
      status: 'done',
      percent: 100,
      error: null,
      variants: [
        { name: '360p', width: 640, height: 360 },
        { name: '720p', width: 1280, height: 720 },
        { name: '1080p', width: 1920, height: 1080 },
      ],
    });
    await expectLadder(uploadId, ['640x360', '1280x720', '1920x1080']);
    expect(sha256(uploadPath(t.deps, uploadId))).toBe(before);
    // A second run of the job finds the work done.
    expect(await makeRenditions(t.deps, uploadId)).toBe('skipped');
  }, 180_000);

  it('makes two rungs (360p, 720p) from a 720p source', async () => {
    const { entryId, uploadId } = await acceptedUpload(src720);
    await renditionsObserved(uploadId);
    expect((await getRenditionStatus(t.deps, actor(owner.id), entryId))!.variants.map((v) => v.name)).toEqual([
      '360p',
      '720p',
    ]);
    await expectLadder(uploadId, ['640x360', '1280x720']);

    // Renditions made before the small poster: the housekeeping makes it from the stored poster and records both.
    const out = await storedRenditionsDir(t.deps, uploadId);
    fs.rmSync(path.join(out, 'poster-small.jpg'));
    await t.deps.db.updateTable('renditions').set({ posters_json: null }).where('upload_id', '=', uploadId).execute();
    expect(await backfillSmallPosters(t.deps)).toBe(1);
    expect((await streams(path.join(out, 'poster-small.jpg')))[0]).toMatchObject({
      codec_name: 'mjpeg',
      width: 480,
      height: 270,
    });
    expect(await recordedPosters(uploadId)).toEqual([
      { file: 'poster-small.jpg', width: 480, height: 270 },
      { file: 'poster.jpg', width: 1280, height: 720 },
    ]);
    expect(await backfillSmallPosters(t.deps)).toBe(0);
  }, 180_000);

  it('makes the ladder, poster and strip from a fragmented source (empty moov, moof fragments)', async () => {
    const fragmented = path.join(dir, 'fragmented720.mp4');
    await runFfmpeg([
      '-i',
      src720,
      '-c',
      'copy',
      '-movflags',
      'frag_keyframe+empty_moov+default_base_moof',
      '-f',
      'mp4',
      fragmented,
    ]);
    // The verdict's probe is what the renditions are planned from (duration for the strip, size for the ladder).
    const { probe, integrity } = await probeVideoFile(fragmented);
    expect(integrity.ok).toBe(true);
    expect(probe.durationSec).toBeCloseTo(30, 0);
    const { entryId, uploadId } = await acceptedUpload(fragmented);
    const before = sha256(uploadPath(t.deps, uploadId));
    await renditionsObserved(uploadId);
    expect(await getRenditionStatus(t.deps, actor(owner.id), entryId)).toMatchObject({
      status: 'done',
      percent: 100,
      error: null,
      variants: [
        { name: '360p', width: 640, height: 360 },
        { name: '720p', width: 1280, height: 720 },
      ],
    });
    await expectLadder(uploadId, ['640x360', '1280x720']);
    // The whole video made it into the ladder, not only a first fragment.
    const playlist = fs.readFileSync(
      path.join(await storedRenditionsDir(t.deps, uploadId), '720p', 'index.m3u8'),
      'utf8',
    );
    const seconds = [...playlist.matchAll(/^#EXTINF:([\d.]+),/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(seconds).toBeCloseTo(30, 0);
    expect(sha256(uploadPath(t.deps, uploadId))).toBe(before);
  }, 180_000);

  it('records a failing ffmpeg as failed with its error, nothing half-made, the original byte-exact', async () => {
    const damaged = path.join(dir, 'damaged.mp4');
    fs.writeFileSync(damaged, pseudoRandomBytes(256 * 1024, 42));
    // The verdict describes a sound 1080p file; the bytes on disk no longer are one.
    const { entryId, uploadId } = await acceptedUpload(damaged, src1080);
    const before = sha256(uploadPath(t.deps, uploadId));
    await expect(makeRenditions(t.deps, uploadId)).rejects.toThrow(/ffmpeg exit code/);
    const status = await getRenditionStatus(t.deps, actor(owner.id), entryId);
    expect(status).toMatchObject({ status: 'failed', variants: [] });
    expect(status!.error).toMatch(/ffmpeg exit code \d+/);
    expect(status!.error).not.toContain(t.deps.config.dataDir);
    expect(sha256(uploadPath(t.deps, uploadId))).toBe(before);
    expect(before).toBe(sha256(damaged));
    expect(fs.existsSync(renditionsWorkDir(t.deps, uploadId))).toBe(false);
    expect(
      fs.readdirSync(path.dirname(renditionsWorkDir(t.deps, uploadId))).filter((f) => f.startsWith(`${uploadId}.tmp-`)),
    ).toEqual([]);
    const { contest_id } = await t.deps.db
      .selectFrom('entries')
      .select('contest_id')
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    expect(await t.deps.storage.usage(`contests/${contest_id}/entries/${entryId}/renditions/`)).toBe(0);
  }, 60_000);

  it('is queued once when the checks accept a file, and run by the worker', async () => {
    const entryId = await newEntry();
    const uploadId = crypto.randomBytes(24).toString('base64url');
    fs.copyFileSync(videos.valid720, uploadPath(t.deps, uploadId));
    const at = new Date().toISOString();
    await t.deps.db
      .insertInto('uploads')
      .values({
        id: uploadId,
        entry_id: entryId,
        user_id: owner.id,
        size_bytes: fs.statSync(videos.valid720).size,
        filename: 'a.mp4',
        status: 'checking',
        created_at: at,
        completed_at: at,
      })
      .execute();
    await t.deps.db.updateTable('entries').set({ active_upload_id: uploadId }).where('id', '=', entryId).execute();
    expect(await checkUpload(t.deps, uploadId)).toBe('accepted');
    expect(await t.deps.jobs.findByKey('make-renditions', uploadId)).toMatchObject({
      state: 'created',
      payload: { uploadId },
    });
    expect(await getRenditionStatus(t.deps, actor(owner.id), entryId)).toMatchObject({ status: 'queued', percent: 0 });
    // A second request while the first waits is dropped.
    expect(await t.deps.jobs.send('make-renditions', { uploadId }, { singletonKey: uploadId })).toBeNull();
    const worker = await startWorker(t.deps, { pollMs: 100 });
    try {
      // A 5½-minute source under nice: allow for a busy machine.
      for (let i = 0; i < 1500; i++) {
        const s = await getRenditionStatus(t.deps, actor(owner.id), entryId);
        if (s && (s.status === 'done' || s.status === 'failed')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await worker.stop();
    }
    expect(await getRenditionStatus(t.deps, actor(owner.id), entryId)).toMatchObject({ status: 'done', percent: 100 });
    expect(await t.deps.jobs.findByKey('make-renditions', uploadId)).toMatchObject({ state: 'completed', attempts: 1 });
    expect(sha256(uploadPath(t.deps, uploadId))).toBe(sha256(videos.valid720));
  }, 200_000);

  it('shows the status to the entrant and contest staff, and to nobody else', async () => {
    const { entryId } = await acceptedUpload(src720);
    const staff = await makeUser(t, { role: 'secretariat' });
    const stranger = await makeUser(t);
    expect(await getRenditionStatus(t.deps, actor(staff.id), entryId)).toMatchObject({ status: 'queued' });
    await expect(getRenditionStatus(t.deps, actor(stranger.id), entryId)).rejects.toMatchObject({
      code: 'entry.notFound',
    });
    await expect(
      getRenditionStatus(t.deps, { userId: null, isSiteAdmin: false, ip: null }, entryId),
    ).rejects.toMatchObject({ code: 'auth.required' });
  });
});
