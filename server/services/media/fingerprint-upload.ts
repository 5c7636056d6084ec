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
import { decodeAudioFingerprint } from '@core/audio-fingerprint.ts';
import { encodeHashes } from '@core/fingerprint-match.ts';
import type { Deps } from '../../context.ts';
import { fingerprintVideo } from '../../media/fingerprint.ts';
import { withOriginalFile } from '../uploads/upload-files.ts';
import {
  comparePrints,
  contestPrintPages,
  PAGE,
  printsOf,
  storedAudio,
  type Comparison,
  type Prints,
  type ScreeningOptions,
  type ScreeningOutcome,
  type StoredPrints,
} from './originality-prints.ts';
import { containerOf, decodeVerdict } from '../../db/json-columns.ts';

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
  const contestId = upload.contest_id;

  let mine: Prints;
  const existing = await deps.db
    .selectFrom('fingerprints')
    .select(['fps', 'frame_hashes', 'audio_bits'])
    .where('upload_id', '=', uploadId)
    .executeTakeFirst();
  if (existing && existing.audio_bits !== null) {
    mine = printsOf(existing);
  } else {
    const verdict = decodeVerdict(upload.verdict_json);
    const format = containerOf(verdict);
    const durationSec = verdict?.probe.durationSec ?? null;
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

  // The current accepted file of every other entry of the contest.
  for await (const page of contestPrintPages(deps, contestId, upload.entry_id))
    screen(page, (row, result) => ({ other_upload_id: row.upload_id, reference_id: null, result }));

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
    screen(page, (row, result) => ({ other_upload_id: null, reference_id: row.id, result }));
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
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
