/**
 * R9 originality screening: every accepted entry file is fingerprinted (server/media/fingerprint.ts) by the
 * `fingerprint-upload` job and compared (core/fingerprint-match.ts) with the accepted files of the other entries of
 * the same contest and with the contest's reference library; each match becomes an `originality_flags` row with the
 * matching time ranges of both sides, for the reviewers. A flag is a hint for a human, never a verdict.
 *
 * Idempotent: a run reuses the stored fingerprint and replaces every flag that involves the upload, so a retried or
 * repeated job leaves the same rows. A pair of entries is flagged once, by the screening of whichever came later.
 */
import { matchFingerprints, decodeHashes, encodeHashes, type FrameHash, type MatchOptions, type MatchResult } from '../../core/fingerprint-match.ts';
import type { VideoProbe } from '../../core/video-policy.ts';
import { fingerprintVideo, FINGERPRINT_FPS, type VideoFingerprint } from '../media/fingerprint.ts';
import { withOriginalFile } from './move-upload-to-storage.ts';
import type { Deps } from './context.ts';

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
    .where('fingerprints.upload_id', 'is', null)
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
}

export interface ScreeningOutcome {
  status: 'done' | 'skipped';
  /** Flags written by this run. */
  flags: number;
}

interface Stored {
  fps: number;
  frames: FrameHash[];
}

const PAGE = 50;

function flagRanges(r: MatchResult): string {
  return JSON.stringify(r.ranges);
}

/** Fingerprints one accepted upload (unless already done) and screens it. */
export async function fingerprintUpload(deps: Deps, uploadId: string, opts: ScreeningOptions = {}): Promise<ScreeningOutcome> {
  const upload = await deps.db
    .selectFrom('uploads')
    .innerJoin('entries', 'entries.id', 'uploads.entry_id')
    .select(['uploads.id', 'uploads.status', 'uploads.verdict_json', 'entries.contest_id', 'entries.id as entry_id'])
    .where('uploads.id', '=', uploadId)
    .executeTakeFirst();
  if (!upload || upload.status !== 'accepted') return { status: 'skipped', flags: 0 };
  const contestId = Number(upload.contest_id);

  let mine: Stored;
  const existing = await deps.db.selectFrom('fingerprints').select(['fps', 'frame_hashes']).where('upload_id', '=', uploadId).executeTakeFirst();
  if (existing) {
    mine = { fps: Number(existing.fps), frames: decodeHashes(existing.frame_hashes) };
  } else {
    const verdict = upload.verdict_json ? (JSON.parse(upload.verdict_json) as { probe?: VideoProbe }) : null;
    const format = verdict?.probe?.container === 'mov' ? 'mov' : 'mp4';
    const durationSec = verdict?.probe?.durationSec ?? null;
    const fp = await withOriginalFile(deps, uploadId, (file) =>
      fingerprintVideo(file, { format, signal: opts.signal, ffmpegPath: opts.ffmpegPath, timeoutMs: durationSec ? (60 + durationSec * 2) * 1000 : undefined }),
    );
    await deps.db
      .insertInto('fingerprints')
      .values({ upload_id: uploadId, fps: fp.fps, frame_hashes: encodeHashes(fp.frames), audio_bits: null, duration_ms: Math.round(fp.durationSec * 1000), created_at: deps.clock().toISOString() })
      .onConflict((oc) => oc.column('upload_id').doNothing())
      .execute();
    mine = { fps: fp.fps, frames: fp.frames };
  }

  // Compare first, write after: the slow part holds no transaction.
  type NewFlag = { other_upload_id: string | null; reference_id: number | null; result: MatchResult };
  const found: NewFlag[] = [];
  /** Compares one page of stored fingerprints with ours and keeps those that match. */
  const screen = <R extends { fps: number; frame_hashes: string }>(rows: readonly R[], flagOf: (row: R, result: MatchResult) => NewFlag): void => {
    for (const row of rows) {
      if (opts.signal?.aborted) throw new Error('screening stopped');
      if (Number(row.fps) !== mine.fps) continue;
      const result = matchFingerprints(mine.frames, decodeHashes(row.frame_hashes), mine.fps, opts.match);
      if (result.flagged) found.push(flagOf(row, result));
    }
  };

  // The current accepted file of every other entry of the contest, a page at a time (fingerprints can be large).
  let after = '';
  for (;;) {
    const page = await deps.db
      .selectFrom('fingerprints')
      .innerJoin('uploads', 'uploads.id', 'fingerprints.upload_id')
      .innerJoin('entries', 'entries.accepted_upload_id', 'uploads.id')
      .select(['fingerprints.upload_id', 'fingerprints.fps', 'fingerprints.frame_hashes'])
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
      .select(['id', 'fps', 'frame_hashes'])
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
    await trx.deleteFrom('originality_flags').where((eb) => eb.or([eb('upload_id', '=', uploadId), eb('other_upload_id', '=', uploadId)])).execute();
    for (const f of found) {
      await trx
        .insertInto('originality_flags')
        .values({ contest_id: contestId, upload_id: uploadId, other_upload_id: f.other_upload_id, reference_id: f.reference_id, score: Math.round(f.result.score * 100), ranges_json: flagRanges(f.result), created_at: at })
        .execute();
    }
  });
  deps.logger.info({ uploadId, frames: mine.frames.length, flags: found.length }, 'originality screening done');
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
export async function addReferenceClip(deps: Deps, input: AddReferenceInput, opts: ScreeningOptions = {}): Promise<{ id: number; flags: number }> {
  const title = input.title.trim();
  if (!title) throw new Error('a reference clip needs a title');
  const fp: VideoFingerprint = await fingerprintVideo(input.file, { format: input.format, signal: opts.signal, ffmpegPath: opts.ffmpegPath });
  const at = deps.clock().toISOString();
  const row = await deps.db
    .insertInto('reference_clips')
    .values({ contest_id: input.contestId, title, fps: fp.fps, frame_hashes: encodeHashes(fp.frames), audio_bits: null, duration_ms: Math.round(fp.durationSec * 1000), created_at: at })
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
      .select(['fingerprints.upload_id', 'fingerprints.fps', 'fingerprints.frame_hashes'])
      .where('entries.contest_id', '=', input.contestId)
      .where('uploads.status', '=', 'accepted')
      .where('fingerprints.upload_id', '>', after)
      .orderBy('fingerprints.upload_id')
      .limit(PAGE)
      .execute();
    for (const r of page) {
      if (Number(r.fps) !== FINGERPRINT_FPS) continue;
      const result = matchFingerprints(decodeHashes(r.frame_hashes), fp.frames, fp.fps, opts.match);
      if (!result.flagged) continue;
      await deps.db
        .insertInto('originality_flags')
        .values({ contest_id: input.contestId, upload_id: r.upload_id, other_upload_id: null, reference_id: id, score: Math.round(result.score * 100), ranges_json: flagRanges(result), created_at: at })
        .execute();
      flags++;
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.upload_id;
  }
  return { id, flags };
}
