/**
 * R9: what the screening of an upload (fingerprint-upload.ts) and the loading of a reference clip
 * (add-reference-clip.ts) share: a clip's two fingerprints decoded for comparing, the comparison that makes a flag,
 * and the stored form of the sound's fingerprint.
 */
import {
  decodeHashes,
  matchFingerprints,
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
import type { Deps } from '../../context.ts';
import { fingerprintAudio, type AudioFingerprintOptions } from '../../media/audio-fingerprint.ts';
import { FingerprintError } from '../../media/fingerprint.ts';

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
export interface Prints {
  fps: number;
  frames: FrameHash[];
  /** Null without an audio fingerprint (no track, or one made by another method). */
  audio: Uint32Array | null;
  /** Made on first use, when this clip is compared with many. */
  audioIndex?: AudioIndex;
}

export interface StoredPrints {
  fps: number;
  frame_hashes: string;
  audio_bits: string | null;
}

/** Stored fingerprints compared per query (they can be large). */
export const PAGE = 50;

export function printsOf(row: StoredPrints): Prints {
  return {
    fps: row.fps,
    frames: decodeHashes(row.frame_hashes),
    audio: row.audio_bits === null ? null : decodeAudioFingerprint(row.audio_bits),
  };
}

export interface Comparison {
  /** Per cent: the larger of the two coverages. */
  score: number;
  ranges: FlagRange[];
}

/** Compares picture and sound of `a` (the screened upload) with `b`; null when neither matches. */
export function comparePrints(a: Prints, b: Prints, opts: ScreeningOptions): Comparison | null {
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
export async function storedAudio(deps: Deps, file: string, opts: AudioFingerprintOptions): Promise<string> {
  try {
    const fp = await fingerprintAudio(file, opts);
    return encodeAudioFingerprint(fp?.bits ?? new Uint32Array(0));
  } catch (err) {
    if (!(err instanceof FingerprintError) || err.aborted) throw err;
    deps.logger.warn({ err }, 'the sound of a file could not be fingerprinted; its pictures are screened alone');
    return encodeAudioFingerprint(new Uint32Array(0));
  }
}

/**
 * The fingerprints of the current accepted files of a contest's entries (but `exceptEntryId`'s), a page at a time:
 * they can be large.
 */
export async function* contestPrintPages(
  deps: Pick<Deps, 'db'>,
  contestId: number,
  exceptEntryId: number | null = null,
): AsyncGenerator<(StoredPrints & { upload_id: string })[]> {
  let after = '';
  for (;;) {
    let q = deps.db
      .selectFrom('fingerprints')
      .innerJoin('uploads', 'uploads.id', 'fingerprints.upload_id')
      .innerJoin('entries', 'entries.accepted_upload_id', 'uploads.id')
      .select(['fingerprints.upload_id', 'fingerprints.fps', 'fingerprints.frame_hashes', 'fingerprints.audio_bits'])
      .where('entries.contest_id', '=', contestId)
      .where('uploads.status', '=', 'accepted');
    if (exceptEntryId !== null) q = q.where('entries.id', '!=', exceptEntryId);
    const page = await q
      .where('fingerprints.upload_id', '>', after)
      .orderBy('fingerprints.upload_id')
      .limit(PAGE)
      .execute();
    yield page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.upload_id;
  }
}
