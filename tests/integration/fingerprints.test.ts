/**
 * R9 originality screening: a re-encoded (lower bitrate), scaled (720p from 1080p) and trimmed (first 10 s cut) copy
 * of a generated clip is flagged with the right time ranges; unrelated generated clips are not; a reference clip is
 * found; the job is queued on acceptance. Sources have coarse moving structure (a cellular automaton drawn in big
 * cells, a Mandelbrot zoom): a flat colour or 1-pixel texture has no picture left at 9 × 8 and is never matched.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUpload } from '../../server/services/uploads/check-upload.ts';
import * as originality from '../helpers/originality.ts';
import { makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { runFfmpeg } from '../helpers/videos.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';
import { addReferenceClip } from '../../server/services/media/add-reference-clip.ts';
import { fingerprintUpload } from '../../server/services/media/fingerprint-upload.ts';

let t: TestApp;
let dir: string;
let contestId: number;
let owner: { id: number; email: string; password: string };
const clip: Record<'src' | 'reencoded' | 'scaled' | 'trimmed' | 'unrelated' | 'unrelated2', string> = {} as never;

const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '20', '-pix_fmt', 'yuv420p'];

async function makeClips(): Promise<void> {
  for (const k of Object.keys({
    src: 1,
    reencoded: 1,
    scaled: 1,
    trimmed: 1,
    unrelated: 1,
    unrelated2: 1,
  }) as (keyof typeof clip)[])
    clip[k] = path.join(dir, `${k}.mp4`);
  await runFfmpeg([
    '-f',
    'lavfi',
    '-i',
    'cellauto=s=96x54:r=10:seed=7:rule=110,scale=1920:1080:flags=neighbor',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:r=8000',
    '-t',
    '50',
    ...x264,
    '-b:v',
    '3M',
    '-c:a',
    'aac',
    '-b:a',
    '16k',
    '-f',
    'mp4',
    clip.src,
  ]);
  await Promise.all([
    runFfmpeg(['-i', clip.src, ...x264, '-b:v', '250k', '-c:a', 'copy', '-f', 'mp4', clip.reencoded]),
    runFfmpeg(['-i', clip.src, '-vf', 'scale=1280:720', ...x264, '-c:a', 'copy', '-f', 'mp4', clip.scaled]),
    runFfmpeg(['-ss', '10', '-i', clip.src, ...x264, '-c:a', 'aac', '-b:a', '16k', '-f', 'mp4', clip.trimmed]),
    runFfmpeg(['-f', 'lavfi', '-i', 'mandelbrot=s=640x360:r=10', '-t', '50', ...x264, '-f', 'mp4', clip.unrelated]),
    runFfmpeg([
      '-f',
      'lavfi',
      '-i',
      'cellauto=s=96x54:r=10:seed=99:rule=110,scale=640:360:flags=neighbor',
      '-t',
      '50',
      ...x264,
      '-f',
      'mp4',
      clip.unrelated2,
    ]),
  ]);
}

const newEntry = () => originality.newEntry(t, owner);
const acceptedUpload = (file: string) => originality.acceptedUpload(t, owner, file);
const flagsOf = (uploadId: string) => originality.flagsOf(t, uploadId);

const ids: Partial<Record<keyof typeof clip, string>> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fingerprints-test-'));
  await makeClips();
  t = await startTestApp({ env: { MAX_DRAFTS_PER_ENTRANT: '100' } });
  owner = await makeUser(t);
  contestId = Number(
    (await t.deps.db.selectFrom('contests').select('id').where('slug', '=', t.demoSlug).executeTakeFirstOrThrow()).id,
  );
  fs.mkdirSync(t.deps.config.uploadDir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('originality screening', () => {
  it('flags re-encoded, scaled and trimmed copies with their time ranges, and not unrelated clips', async () => {
    ids.src = await acceptedUpload(clip.src);
    expect(await fingerprintUpload(t.deps, ids.src)).toEqual({ status: 'done', flags: 0 });
    const fp = await t.deps.db
      .selectFrom('fingerprints')
      .selectAll()
      .where('upload_id', '=', ids.src)
      .executeTakeFirstOrThrow();
    expect(Number(fp.fps)).toBe(2);
    expect(fp.frame_hashes).toHaveLength(100 * 16);
    expect(Number(fp.duration_ms)).toBe(50_000);

    for (const k of ['unrelated', 'unrelated2', 'reencoded', 'scaled', 'trimmed'] as const) {
      ids[k] = await acceptedUpload(clip[k]);
      await fingerprintUpload(t.deps, ids[k]!);
    }
    const scores: Record<string, number> = {};
    for (const k of ['reencoded', 'scaled'] as const) {
      const flags = (await flagsOf(ids[k]!)).filter((f) => f.other === ids.src);
      expect(flags).toHaveLength(1);
      scores[k] = flags[0]!.score;
      expect(flags[0]!.score).toBeGreaterThanOrEqual(90);
      const r = flags[0]!.ranges[0]!;
      for (const v of [r.aStartSec, r.bStartSec]) expect(v).toBeLessThanOrEqual(1.5);
      for (const v of [r.aEndSec, r.bEndSec]) expect(v).toBeGreaterThanOrEqual(48.5);
    }
    const trimmed = (await flagsOf(ids.trimmed!)).filter((f) => f.other === ids.src);
    expect(trimmed).toHaveLength(1);
    scores.trimmed = trimmed[0]!.score;
    expect(trimmed[0]!.score).toBeGreaterThanOrEqual(90);
    const r = trimmed[0]!.ranges[0]!;
    // a = the trimmed copy (0–40 s), b = the source (10–50 s).
    expect(Math.abs(r.aStartSec - 0)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(r.aEndSec - 40)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(r.bStartSec - 10)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(r.bEndSec - 50)).toBeLessThanOrEqual(1.5);

    // Unrelated clips raise nothing, against the source or each other.
    expect(await flagsOf(ids.unrelated!)).toEqual([]);
    expect(await flagsOf(ids.unrelated2!)).toEqual([]);
    for (const k of ['reencoded', 'scaled', 'trimmed'] as const) {
      expect((await flagsOf(ids[k]!)).filter((f) => f.other === ids.unrelated || f.other === ids.unrelated2)).toEqual(
        [],
      );
    }
    console.log('originality scores (per cent):', JSON.stringify(scores));

    // A second run leaves the same rows.
    const before = await t.deps.db
      .selectFrom('originality_flags')
      .select(['upload_id', 'other_upload_id', 'score'])
      .orderBy('upload_id')
      .orderBy('other_upload_id')
      .execute();
    await fingerprintUpload(t.deps, ids.trimmed!);
    const after = await t.deps.db
      .selectFrom('originality_flags')
      .select(['upload_id', 'other_upload_id', 'score'])
      .orderBy('upload_id')
      .orderBy('other_upload_id')
      .execute();
    expect(after).toEqual(before);
  }, 60_000);

  it('fingerprints a fragmented copy (as recorders write it) over its whole length and finds the source', async () => {
    const fragmented = path.join(dir, 'fragmented.mp4');
    await runFfmpeg([
      '-i',
      clip.src,
      '-c',
      'copy',
      '-movflags',
      'empty_moov+default_base_moof+skip_trailer',
      '-frag_duration',
      '2000000',
      '-f',
      'mp4',
      fragmented,
    ]);
    const id = await acceptedUpload(fragmented);
    expect(await fingerprintUpload(t.deps, id)).toMatchObject({ status: 'done' });
    const fp = await t.deps.db
      .selectFrom('fingerprints')
      .selectAll()
      .where('upload_id', '=', id)
      .executeTakeFirstOrThrow();
    // Every fragment was decoded, not only the first: 50 s at 2 samples a second.
    expect(Number(fp.duration_ms)).toBe(50_000);
    expect(fp.frame_hashes).toHaveLength(100 * 16);
    expect(fp.audio_bits).not.toBeNull();
    // ffmpeg's fragmenting moves the pictures after the first by 0.128 s (the sound's priming), so the hashes are
    // near, not equal: the match is found like any copy's, over the whole length.
    const flags = (await flagsOf(id)).filter((f) => f.other === ids.src);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.score).toBeGreaterThanOrEqual(90);
    const r = flags[0]!.ranges[0]!;
    for (const v of [r.aStartSec, r.bStartSec]) expect(v).toBeLessThanOrEqual(1.5);
    for (const v of [r.aEndSec, r.bEndSec]) expect(v).toBeGreaterThanOrEqual(48.5);
  }, 60_000);

  it('finds entries that copy a clip of the reference library', async () => {
    const ref = path.join(dir, 'ref.mp4');
    // A 20 s excerpt of the source, from 15 s, at 720p: the organizers' copy of a known clip.
    await runFfmpeg([
      '-ss',
      '15',
      '-t',
      '20',
      '-i',
      clip.src,
      '-vf',
      'scale=1280:720',
      ...x264,
      '-an',
      '-f',
      'mp4',
      ref,
    ]);
    const { id, flags } = await addReferenceClip(t.deps, { contestId, title: 'Phóng sự năm ngoái', file: ref });
    expect(flags).toBeGreaterThanOrEqual(4); // the source and its three copies
    const srcFlags = (await flagsOf(ids.src!)).filter((f) => f.reference === id);
    expect(srcFlags).toHaveLength(1);
    const r = srcFlags[0]!.ranges[0]!;
    expect(Math.abs(r.aStartSec - 15)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(r.aEndSec - 35)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(r.bStartSec - 0)).toBeLessThanOrEqual(1.5);
    expect((await flagsOf(ids.unrelated!)).filter((f) => f.reference === id)).toEqual([]);
    // A new entry is screened against the library by its own job.
    const again = await acceptedUpload(clip.scaled);
    await fingerprintUpload(t.deps, again);
    expect((await flagsOf(again)).some((f) => f.reference === id)).toBe(true);
  }, 60_000);

  it('is queued when the checks accept a file', async () => {
    const entryId = await newEntry();
    const uploadId = crypto.randomBytes(24).toString('base64url');
    fs.copyFileSync(clip.scaled, uploadPath(t.deps, uploadId));
    const at = new Date().toISOString();
    await t.deps.db
      .insertInto('uploads')
      .values({
        id: uploadId,
        entry_id: entryId,
        user_id: owner.id,
        size_bytes: fs.statSync(clip.scaled).size,
        filename: 'a.mp4',
        status: 'checking',
        created_at: at,
        completed_at: at,
      })
      .execute();
    await t.deps.db.updateTable('entries').set({ active_upload_id: uploadId }).where('id', '=', entryId).execute();
    const verdict = await checkUpload(t.deps, uploadId);
    if (verdict === 'accepted')
      expect(await t.deps.jobs.findByKey('fingerprint-upload', uploadId)).toMatchObject({
        state: 'created',
        payload: { uploadId },
      });
    else expect(await t.deps.jobs.findByKey('fingerprint-upload', uploadId)).toBeNull();
  }, 60_000);
});
