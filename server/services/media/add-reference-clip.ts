/**
 * R9: the organizers load a clip into a contest's reference library (past entries, known clips), and the contest's
 * already fingerprinted entries are screened against it at once (docs/originality-screening.md).
 */
import { decodeAudioFingerprint } from '@core/audio-fingerprint.ts';
import { encodeHashes } from '@core/fingerprint-match.ts';
import type { Deps } from '../../context.ts';
import type { Tx } from '../../db/dialect.ts';
import { fingerprintVideo } from '../../media/fingerprint.ts';
import {
  comparePrints,
  contestPrintPages,
  printsOf,
  storedAudio,
  type Prints,
  type ScreeningOptions,
} from './originality-prints.ts';

export interface AddReferenceInput {
  contestId: number;
  title: string;
  /** Where the clip comes from (an earlier contest, a broadcaster, a link). */
  source?: string;
  createdBy?: number | null;
  /** Runs in the transaction that inserts the clip (the staff route's audit record). */
  onInserted?: (trx: Tx, id: number) => Promise<void>;
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
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('reference_clips')
      .values({
        contest_id: input.contestId,
        title,
        source: input.source ?? '',
        created_by: input.createdBy ?? null,
        fps: fp.fps,
        frame_hashes: encodeHashes(fp.frames),
        audio_bits: audioBits,
        duration_ms: Math.round(fp.durationSec * 1000),
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await input.onInserted?.(trx, Number(row.id));
    return Number(row.id);
  });

  let flags = 0;
  for await (const page of contestPrintPages(deps, input.contestId)) {
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
  }
  return { id, flags };
}
