/**
 * R9 originality screening by sound: an entry reusing another's soundtrack over different pictures is flagged with
 * audio ranges; a re-encoded (other AAC bitrate) and trimmed copy is found by its sound, at the right offset (its cut,
 * 4.3 s, falls between the picture samples taken every 0.5 s, and these pictures change every frame, so the video
 * fingerprint misses it: the sound catches it); unrelated soundtracks are not flagged; a file without an audio track
 * gets no audio fingerprint and no error; a reference clip sharing only sound is found; rows fingerprinted before the
 * audio existed get it on the next run.
 * Soundtracks are made by `aevalsrc` from two different formulas: a melody of decaying notes whose pitches come
 * from a hash of the note number, over a slowly gliding tone. Clips are 20 s at 320 × 180.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIO_FORMAT, decodeAudioFingerprint } from '@core/audio-fingerprint.ts';
import { acceptedUpload, flagsOf, type Owner } from '../helpers/originality.ts';
import { makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { runFfmpeg } from '../helpers/videos.ts';
import { requeueFingerprints } from '../../server/services/media/pipeline.ts';
import { addReferenceClip } from '../../server/services/media/add-reference-clip.ts';
import { fingerprintUpload } from '../../server/services/media/fingerprint-upload.ts';

let t: TestApp;
let dir: string;
let contestId: number;
let owner: Owner;

/**
 * Notes `rate` per second, pitch from `base` up to an octave, a hashed sequence; plus a tone gliding around `glide` Hz.
 */
function soundtrack(rate: number, base: number, hash: number, glide: number, glideHz: number): string {
  const pitch = `${base}*pow(2,floor(12*mod(abs(sin(floor(t*${rate})*${hash}))*43758.5453,1))/12)`;
  const melody = `exp(-4*mod(t*${rate},1))*(sin(2*PI*t*${pitch})+0.5*sin(4*PI*t*${pitch}))*0.3`;
  return `aevalsrc='${melody}+0.15*sin(2*PI*${glide}*t-${glide / 2}/${glideHz}*cos(2*PI*${glideHz}*t))':s=22050:d=20`;
}
const SONG = soundtrack(4, 330, 12.9898, 600, 0.23);
const OTHER_SONG = soundtrack(3.3, 262, 78.233, 900, 0.31);
const pictures = (seed: number) => `cellauto=s=96x54:r=10:seed=${seed}:rule=110,scale=320:180:flags=neighbor`;
const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '20', '-pix_fmt', 'yuv420p'];

const clip = {} as Record<'original' | 'dubbed' | 'trimmed' | 'unrelated' | 'silent' | 'reference', string>;

async function makeClips(): Promise<void> {
  for (const k of ['original', 'dubbed', 'trimmed', 'unrelated', 'silent', 'reference'] as const)
    clip[k] = path.join(dir, `${k}.mp4`);
  await Promise.all([
    runFfmpeg([
      '-f',
      'lavfi',
      '-i',
      pictures(7),
      '-f',
      'lavfi',
      '-i',
      SONG,
      '-t',
      '20',
      ...x264,
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      '-f',
      'mp4',
      clip.original,
    ]),
    runFfmpeg([
      '-f',
      'lavfi',
      '-i',
      pictures(99),
      '-f',
      'lavfi',
      '-i',
      OTHER_SONG,
      '-t',
      '20',
      ...x264,
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      '-f',
      'mp4',
      clip.unrelated,
    ]),
    runFfmpeg(['-f', 'lavfi', '-i', pictures(123), '-t', '20', ...x264, '-an', '-f', 'mp4', clip.silent]),
  ]);
  await Promise.all([
    // The original's sound, re-encoded, under other pictures.
    runFfmpeg([
      '-f',
      'lavfi',
      '-i',
      'mandelbrot=s=320x180:r=10',
      '-i',
      clip.original,
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-t',
      '20',
      ...x264,
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      '-f',
      'mp4',
      clip.dubbed,
    ]),
    // The first 4.3 s cut, everything re-encoded, the sound at 48 kb/s.
    runFfmpeg(['-ss', '4.3', '-i', clip.original, ...x264, '-c:a', 'aac', '-b:a', '48k', '-f', 'mp4', clip.trimmed]),
    // 10 s of the original's sound from 6 s, under other pictures: a known song in the organizers' library.
    runFfmpeg([
      '-f',
      'lavfi',
      '-i',
      pictures(5),
      '-ss',
      '6',
      '-t',
      '10',
      '-i',
      clip.original,
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-t',
      '10',
      ...x264,
      '-c:a',
      'aac',
      '-b:a',
      '96k',
      '-f',
      'mp4',
      clip.reference,
    ]),
  ]);
}

const ids = {} as Record<'original' | 'dubbed' | 'trimmed' | 'unrelated' | 'silent', string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audio-fingerprints-test-'));
  await makeClips();
  t = await startTestApp({ env: { MAX_DRAFTS_PER_ENTRANT: '100' } });
  owner = await makeUser(t);
  contestId = Number(
    (await t.deps.db.selectFrom('contests').select('id').where('slug', '=', t.demoSlug).executeTakeFirstOrThrow()).id,
  );
  fs.mkdirSync(t.deps.config.uploadDir, { recursive: true });
  for (const k of ['original', 'unrelated', 'silent', 'dubbed', 'trimmed'] as const) {
    ids[k] = await acceptedUpload(t, owner, clip[k]);
    await fingerprintUpload(t.deps, ids[k]);
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function audioBits(uploadId: string): Promise<string | null> {
  return (
    await t.deps.db
      .selectFrom('fingerprints')
      .select('audio_bits')
      .where('upload_id', '=', uploadId)
      .executeTakeFirstOrThrow()
  ).audio_bits;
}

describe('originality screening by sound', () => {
  it('stores an audio fingerprint for files with sound, and an empty one for a file without', async () => {
    const original = decodeAudioFingerprint((await audioBits(ids.original))!)!;
    expect(original.length).toBeGreaterThan(40 * 19); // about 43 a second over 20 s
    expect(await audioBits(ids.silent)).toBe(AUDIO_FORMAT);
    expect(await flagsOf(t, ids.silent)).toEqual([]);
  });

  it('flags the same soundtrack under other pictures, with audio ranges only', async () => {
    const flags = await flagsOf(t, ids.dubbed);
    expect(flags.map((f) => f.other)).toEqual([ids.original]);
    const [flag] = flags;
    expect(flag!.ranges.every((r) => r.kind === 'audio')).toBe(true);
    expect(flag!.score).toBeGreaterThanOrEqual(90);
    const r = flag!.ranges[0]!;
    for (const v of [r.aStartSec, r.bStartSec]) expect(v).toBeLessThanOrEqual(1);
    for (const v of [r.aEndSec, r.bEndSec]) expect(v).toBeGreaterThanOrEqual(19);
    expect(r.meanBits).toBeLessThan(32 * 0.2);
  });

  it('finds a re-encoded, trimmed copy by its sound too, at the right offset', async () => {
    const flags = (await flagsOf(t, ids.trimmed)).filter((f) => f.other === ids.original);
    expect(flags).toHaveLength(1);
    expect(flags[0]!.score).toBeGreaterThanOrEqual(90);
    const audio = flags[0]!.ranges.filter((r) => r.kind === 'audio');
    expect(audio).toHaveLength(1);
    // a = the trimmed copy (0–15.7 s), b = the original (4.3–20 s).
    expect(Math.abs(audio[0]!.aStartSec - 0)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(audio[0]!.bStartSec - 4.3)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(audio[0]!.aEndSec - 15.7)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(audio[0]!.bEndSec - 20)).toBeLessThanOrEqual(0.5);
    // The dubbed entry and the trimmed copy share the sound as well.
    expect(
      (await flagsOf(t, ids.trimmed)).some((f) => f.other === ids.dubbed && f.ranges.some((r) => r.kind === 'audio')),
    ).toBe(true);
  });

  it('does not flag unrelated soundtracks', async () => {
    expect(await flagsOf(t, ids.unrelated)).toEqual([]);
    for (const k of ['dubbed', 'trimmed'] as const)
      expect((await flagsOf(t, ids[k])).filter((f) => f.other === ids.unrelated || f.other === ids.silent)).toEqual([]);
  });

  it('finds entries that use a song of the reference library', async () => {
    const { id } = await addReferenceClip(t.deps, { contestId, title: 'Bài hát của năm ngoái', file: clip.reference });
    const ref = await t.deps.db
      .selectFrom('reference_clips')
      .select('audio_bits')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(decodeAudioFingerprint(ref.audio_bits!)!.length).toBeGreaterThan(400);
    const flag = (await flagsOf(t, ids.original)).find((f) => f.reference === id);
    expect(flag).toBeDefined();
    const r = flag!.ranges.find((x) => x.kind === 'audio')!;
    // a = the original (6–16 s), b = the reference clip (0–10 s).
    expect(Math.abs(r.aStartSec - 6)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(r.aEndSec - 16)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(r.bStartSec - 0)).toBeLessThanOrEqual(0.5);
    expect(flag!.ranges.some((x) => x.kind === 'video')).toBe(false);
    for (const k of ['unrelated', 'silent'] as const)
      expect((await flagsOf(t, ids[k])).filter((f) => f.reference === id)).toEqual([]);
  });

  it('adds the sound to a fingerprint made before audio screening, and reads old ranges as video', async () => {
    const before = await audioBits(ids.trimmed);
    const flagsBefore = await flagsOf(t, ids.trimmed);
    await t.deps.db
      .updateTable('fingerprints')
      .set({ audio_bits: null })
      .where('upload_id', '=', ids.trimmed)
      .execute();
    expect(await requeueFingerprints(t.deps)).toBe(1);
    expect(await t.deps.jobs.findByKey('fingerprint-upload', ids.trimmed)).toMatchObject({
      payload: { uploadId: ids.trimmed },
    });
    await fingerprintUpload(t.deps, ids.trimmed);
    expect(await audioBits(ids.trimmed)).toBe(before);
    expect(await flagsOf(t, ids.trimmed)).toEqual(flagsBefore);

    // A flag written before ranges had a kind.
    const old = [{ aStartSec: 1, aEndSec: 9, bStartSec: 2, bEndSec: 10, matchedFrames: 16, meanBits: 3.5 }];
    await t.deps.db
      .updateTable('originality_flags')
      .set({ ranges_json: JSON.stringify(old) })
      .where('upload_id', '=', ids.dubbed)
      .execute();
    expect((await flagsOf(t, ids.dubbed))[0]!.ranges).toEqual([{ kind: 'video', ...old[0] }]);
  });
});
