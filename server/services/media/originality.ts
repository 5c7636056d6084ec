/**
 * R9 originality screening: every accepted entry file is fingerprinted, picture (server/media/fingerprint.ts) and
 * sound (server/media/audio-fingerprint.ts), by the `fingerprint-upload` job and compared (core/fingerprint-match.ts,
 * core/audio-fingerprint-match.ts) with the accepted files of the other entries of the same contest and with the
 * contest's reference library; each match, by either fingerprint, becomes an `originality_flags` row with the matching
 * time ranges of both sides, each marked `video` or `audio`, for the reviewers. A flag is a hint for a human, never a
 * verdict.
 *
 * Idempotent: a run reuses the stored fingerprint and replaces every flag that involves the upload, so a retried or
 * repeated job leaves the same rows. A pair of entries is flagged once, by the screening of whichever came later.
 *
 * `audio_bits`: null until the sound was fingerprinted (rows from before the audio fingerprint: the housekeeping
 * queues them again and the job adds it); the bare format prefix for a file without a readable audio track.
 */
import {
  matchFingerprints,
  decodeHashes,
  encodeHashes,
  type FrameHash,
  type MatchOptions,
  type MatchResult,
} from '@core/fingerprint-match.ts';
import { decodeAudioFingerprint, encodeAudioFingerprint } from '@core/audio-fingerprint.ts';
import {
  indexAudioFingerprint,
  matchAudioFingerprints,
  type AudioIndex,
  type AudioMatchOptions,
} from '@core/audio-fingerprint-match.ts';
import type { FlagRange } from '@core/originality-ranges.ts';
import type { VideoProbe } from '@core/video-policy.ts';
import { fingerprintAudio, type AudioFingerprintOptions } from '../../media/audio-fingerprint.ts';
import { fingerprintVideo, FingerprintError } from '../../media/fingerprint.ts';
import { withOriginalFile } from './move-upload-to-storage.ts';
import type { Deps } from '../../context.ts';

/** Queues the screening of an accepted upload (one job per upload; a second send while one waits is dropped). */
export async function enqueueFingerprint(deps: Deps, uploadId: string): Promise<void> {
  await deps.jobs.send('fingerprint-upload', { uploadId }, { singletonKey: uploadId });
}

/**
 * Queues the screening of entries' accepted files that have no fingerprint and no job (accepted before screening
 * existed, or the send was lost). Run by the worker's housekeeping. Returns how many were queued.
 */
export async function requeueFingerprints(deps: Deps, limit = 100): Promise<number> {
  const rows = await deps.db
    .selectFrom('entries')
    .innerJoin('uploads', 'uploads.id', 'entries.accepted_upload_id')
    .leftJoin('fingerprints', 'fingerprints.upload_id', 'uploads.id')
    .select('uploads.id')
    .where('uploads.status', '=', 'accepted')
    .where((eb) => eb.or([eb('fingerprints.upload_id', 'is', null), eb('fingerprints.audio_bits', 'is', null)]))
    .limit(limit)
    .execute();
  let queued = 0;
  for (const r of rows) {
    if (await deps.jobs.findByKey('fingerprint-upload', r.id)) continue;
    await enqueueFingerprint(deps, r.id);
    queued++;
  }
  return queued;
}

export interface ScreeningOptions {
  signal?: AbortSignal;
  ffmpegPath?: string;
  match?: MatchOptions;
  audioMatch?: AudioMatchOptions;
}

export interface ScreeningOutcome {
  status: 'done' | 'skipped';
  /** Flags written by this run. */
  flags: number;
}

/** A clip's two fingerprints, decoded for comparing. */
interface Prints {
  fps: number;
  frames: FrameHash[];
  /** Null without an audio fingerprint (no track, or one made by another method). */
  audio: Uint32Array | null;
  /** Made on first use, when this clip is compared with many. */
  audioIndex?: AudioIndex;
}

interface StoredPrints {
  fps: number;
  frame_hashes: string;
  audio_bits: string | null;
}

const PAGE = 50;

function printsOf(row: StoredPrints): Prints {
  return {
    fps: Number(row.fps),
    frames: decodeHashes(row.frame_hashes),
    audio: row.audio_bits === null ? null : decodeAudioFingerprint(row.audio_bits),
  };
}

interface Comparison {
  /** Per cent: the larger of the two coverages. */
  score: number;
  ranges: FlagRange[];
}

/** Compares picture and sound of `a` (the screened upload) with `b`; null when neither matches. */
function comparePrints(a: Prints, b: Prints, opts: ScreeningOptions): Comparison | null {
  const none: MatchResult = { score: 0, flagged: false, ranges: [], offsetSec: null };
  const video = a.fps === b.fps ? matchFingerprints(a.frames, b.frames, a.fps, opts.match) : none;
  let audio = none;
  if (a.audio?.length && b.audio?.length) {
    a.audioIndex ??= indexAudioFingerprint(a.audio);
    audio = matchAudioFingerprints(a.audioIndex, b.audio, opts.audioMatch);
  }
  if (!video.flagged && !audio.flagged) return null;
  return {
    score: Math.round(Math.max(video.score, audio.score) * 100),
    ranges: [
      ...video.ranges.map((r) => ({ kind: 'video' as const, ...r })),
      ...audio.ranges.map((r) => ({ kind: 'audio' as const, ...r })),
    ],
  };
}

/**
 * The audio fingerprint of `file` in its stored form. A file without an audio track, or whose sound ffmpeg cannot
 * decode (the pictures were accepted: screen them alone), gets the empty fingerprint; only a stop is an error.
 */
async function storedAudio(deps: Deps, file: string, opts: AudioFingerprintOptions): Promise<string> {
  try {
    const fp = await fingerprintAudio(file, opts);
    return encodeAudioFingerprint(fp?.bits ?? new Uint32Array(0));
  } catch (err) {
    if (!(err instanceof FingerprintError) || err.aborted) throw err;
    deps.logger.warn({ err }, 'the sound of a file could not be fingerprinted; its pictures are screened alone');
    return encodeAudioFingerprint(new Uint32Array(0));
  }
}

/** Fingerprints one accepted upload (unless already done) and screens it. */
export async function fingerprintUpload(
  deps: Deps,
  uploadId: string,
  opts: ScreeningOptions = {},
): Promise<ScreeningOutcome> {
  const upload = await deps.db
    .selectFrom('uploads')
    .innerJoin('entries', 'entries.id', 'uploads.entry_id')
    .select(['uploads.id', 'uploads.status', 'uploads.verdict_json', 'entries.contest_id', 'entries.id as entry_id'])
    .where('uploads.id', '=', uploadId)
    .executeTakeFirst();
  if (!upload || upload.status !== 'accepted') return { status: 'skipped', flags: 0 };
  const contestId = Number(upload.contest_id);

  let mine: Prints;
  const existing = await deps.db
    .selectFrom('fingerprints')
    .select(['fps', 'frame_hashes', 'audio_bits'])
    .where('upload_id', '=', uploadId)
    .executeTakeFirst();
  if (existing && existing.audio_bits !== null) {
    mine = printsOf(existing);
  } else {
    const verdict = upload.verdict_json ? (JSON.parse(upload.verdict_json) as { probe?: VideoProbe }) : null;
    const format = verdict?.probe?.container === 'mov' ? 'mov' : 'mp4';
    const durationSec = verdict?.probe?.durationSec ?? null;
    const run = {
      format,
      signal: opts.signal,
      ffmpegPath: opts.ffmpegPath,
      timeoutMs: durationSec ? (60 + durationSec * 2) * 1000 : undefined,
    } as const;
    // A row made before audio screening existed keeps its pictures: only the sound is fingerprinted then.
    const made = await withOriginalFile(deps, uploadId, async (file) => ({
      video: existing ? null : await fingerprintVideo(file, run),
      audio: await storedAudio(deps, file, {
        ...run,
        hasAudio: verdict?.probe ? verdict.probe.audio !== null : undefined,
      }),
    }));
    if (made.video) {
      await deps.db
        .insertInto('fingerprints')
        .values({
          upload_id: uploadId,
          fps: made.video.fps,
          frame_hashes: encodeHashes(made.video.frames),
          audio_bits: made.audio,
          duration_ms: Math.round(made.video.durationSec * 1000),
          created_at: deps.clock().toISOString(),
        })
        .onConflict((oc) => oc.column('upload_id').doNothing())
        .execute();
      mine = { fps: made.video.fps, frames: made.video.frames, audio: decodeAudioFingerprint(made.audio) };
    } else {
      await deps.db
        .updateTable('fingerprints')
        .set({ audio_bits: made.audio })
        .where('upload_id', '=', uploadId)
        .where('audio_bits', 'is', null)
        .execute();
      mine = printsOf({ ...existing!, audio_bits: made.audio });
    }
  }

  // Compare first, write after: the slow part holds no transaction.
  type NewFlag = { other_upload_id: string | null; reference_id: number | null; result: Comparison };
  const found: NewFlag[] = [];
  /** Compares one page of stored fingerprints with ours and keeps those that match. */
  const screen = <R extends StoredPrints>(
    rows: readonly R[],
    flagOf: (row: R, result: Comparison) => NewFlag,
  ): void => {
    for (const row of rows) {
      if (opts.signal?.aborted) throw new Error('screening stopped');
      const result = comparePrints(mine, printsOf(row), opts);
      if (result) found.push(flagOf(row, result));
    }
  };

  // The current accepted file of every other entry of the contest, a page at a time (fingerprints can be large).
  let after = '';
  for (;;) {
    const page = await deps.db
      .selectFrom('fingerprints')
      .innerJoin('uploads', 'uploads.id', 'fingerprints.upload_id')
      .innerJoin('entries', 'entries.accepted_upload_id', 'uploads.id')
      .select(['fingerprints.upload_id', 'fingerprints.fps', 'fingerprints.frame_hashes', 'fingerprints.audio_bits'])
      .where('entries.contest_id', '=', contestId)
      .where('entries.id', '!=', upload.entry_id)
      .where('uploads.status', '=', 'accepted')
      .where('fingerprints.upload_id', '>', after)
      .orderBy('fingerprints.upload_id')
      .limit(PAGE)
      .execute();
    screen(page, (row, result) => ({ other_upload_id: row.upload_id, reference_id: null, result }));
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.upload_id;
  }

  let afterId = 0;
  for (;;) {
    const page = await deps.db
      .selectFrom('reference_clips')
      .select(['id', 'fps', 'frame_hashes', 'audio_bits'])
      .where('contest_id', '=', contestId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    screen(page, (row, result) => ({ other_upload_id: null, reference_id: Number(row.id), result }));
    if (page.length < PAGE) break;
    afterId = Number(page[page.length - 1]!.id);
  }

  const at = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('originality_flags')
      .where((eb) => eb.or([eb('upload_id', '=', uploadId), eb('other_upload_id', '=', uploadId)]))
      .execute();
    for (const f of found) {
      await trx
        .insertInto('originality_flags')
        .values({
          contest_id: contestId,
          upload_id: uploadId,
          other_upload_id: f.other_upload_id,
          reference_id: f.reference_id,
          score: f.result.score,
          ranges_json: JSON.stringify(f.result.ranges),
          created_at: at,
        })
        .execute();
    }
  });
  deps.logger.info(
    { uploadId, frames: mine.frames.length, audioFrames: mine.audio?.length ?? 0, flags: found.length },
    'originality screening done',
  );
  return { status: 'done', flags: found.length };
}

export interface AddReferenceInput {
  contestId: number;
  title: string;
  /** A video file on the server's disk (mp4/mov), read by ffmpeg with its format forced. */
  file: string;
  format?: 'mp4' | 'mov';
}

/**
 * Adds a clip to a contest's reference library and screens the contest's already fingerprinted entries against it
 * (their flags against this clip are written at once). Returns the new clip's id and the flags raised.
 */
export async function addReferenceClip(
  deps: Deps,
  input: AddReferenceInput,
  opts: ScreeningOptions = {},
): Promise<{ id: number; flags: number }> {
  const title = input.title.trim();
  if (!title) throw new Error('a reference clip needs a title');
  const run = { format: input.format, signal: opts.signal, ffmpegPath: opts.ffmpegPath };
  const fp = await fingerprintVideo(input.file, run);
  const audioBits = await storedAudio(deps, input.file, run);
  const ref: Prints = { fps: fp.fps, frames: fp.frames, audio: decodeAudioFingerprint(audioBits) };
  const at = deps.clock().toISOString();
  const row = await deps.db
    .insertInto('reference_clips')
    .values({
      contest_id: input.contestId,
      title,
      fps: fp.fps,
      frame_hashes: encodeHashes(fp.frames),
      audio_bits: audioBits,
      duration_ms: Math.round(fp.durationSec * 1000),
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);

  let flags = 0;
  let after = '';
  for (;;) {
    const page = await deps.db
      .selectFrom('fingerprints')
      .innerJoin('uploads', 'uploads.id', 'fingerprints.upload_id')
      .innerJoin('entries', 'entries.accepted_upload_id', 'uploads.id')
      .select(['fingerprints.upload_id', 'fingerprints.fps', 'fingerprints.frame_hashes', 'fingerprints.audio_bits'])
      .where('entries.contest_id', '=', input.contestId)
      .where('uploads.status', '=', 'accepted')
      .where('fingerprints.upload_id', '>', after)
      .orderBy('fingerprints.upload_id')
      .limit(PAGE)
      .execute();
    for (const r of page) {
      const result = comparePrints(printsOf(r), ref, opts);
      if (!result) continue;
      await deps.db
        .insertInto('originality_flags')
        .values({
          contest_id: input.contestId,
          upload_id: r.upload_id,
          other_upload_id: null,
          reference_id: id,
          score: result.score,
          ranges_json: JSON.stringify(result.ranges),
          created_at: at,
        })
        .execute();
      flags++;
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.upload_id;
  }
  return { id, flags };
}
