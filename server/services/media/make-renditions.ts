/**
 * Streaming renditions of an entry's accepted file (HLS ladder, poster, preview strip; server/media/renditions.ts),
 * made by the `make-renditions` job, with a `renditions` row per upload that the entrant and staff read for progress.
 *
 * The original is only read: a failed run leaves it as it was, records why, and the job is retried. ffmpeg writes into
 * a work directory on local disk; the finished set goes into the media storage under the entry's prefix
 * (`contests/<c>/entries/<e>/renditions/<uploadId>/`, in one rename on local disk, file by file to S3), and only then
 * is the row `done` with that prefix.
 */
import path from 'node:path';
import fs from 'node:fs';
import { FfmpegUnavailableError } from '../../media/decode-check.ts';
import { probeVideoFile } from '../../media/mp4-probe.ts';
import { makeRenditionFiles, RenditionError, type RenditionSource } from '../../media/renditions.ts';
import { renditionsPrefix } from '../../storage/storage.ts';
import { uploadPath, withOriginalFile } from '../uploads/upload-files.ts';
import type { Deps } from '../../context.ts';
import { decodeVerdict } from '../../db/json-columns.ts';

/** Where ffmpeg writes an upload's renditions before they are stored. */
export function renditionsWorkDir(deps: Pick<Deps, 'config'>, uploadId: string): string {
  uploadPath(deps, uploadId); // validates the id: ours, base64url, never a client's name
  return path.join(deps.config.dataDir, 'work', 'renditions', uploadId);
}

/** The storage prefix of an upload's stored renditions; null when none are stored. */
export async function storedRenditionsPrefix(deps: Pick<Deps, 'db'>, uploadId: string): Promise<string | null> {
  const row = await deps.db
    .selectFrom('renditions')
    .select('storage_prefix')
    .where('upload_id', '=', uploadId)
    .executeTakeFirst();
  return row?.storage_prefix ?? null;
}

/** What a probe says about the source: ours now, or the facts recorded with the verdict (rows may hold only part). */
interface ProbeFacts {
  container?: string;
  durationSec?: number | null;
  video?: { displayWidth: number; displayHeight: number; codedWidth: number; codedHeight: number } | null;
  audio?: unknown;
}

function sourceFrom(probe: ProbeFacts | null | undefined): RenditionSource | null {
  if (!probe?.video || !probe.video.displayWidth || !probe.video.displayHeight) return null;
  return {
    displayWidth: probe.video.displayWidth,
    displayHeight: probe.video.displayHeight,
    codedWidth: probe.video.codedWidth,
    codedHeight: probe.video.codedHeight,
    durationSec: probe.durationSec ?? null,
    hasAudio: probe.audio !== null,
    container: probe.container === 'mov' ? 'mov' : 'mp4',
  };
}

export interface MakeRenditionsOptions {
  /** The job's signal: aborting kills ffmpeg, and the row goes back to `queued` for the retry. */
  signal?: AbortSignal;
  ffmpegPath?: string;
  preset?: string;
  /** Least time between two percent writes; default 1 s. */
  percentEveryMs?: number;
}

/**
 * Makes the renditions of one accepted upload. Idempotent: a done upload, or one no longer accepted, is skipped. On
 * failure the row says `failed` with the reason and the error is thrown again, so that the queue retries the job and,
 * after the last try, shows it failed to staff.
 */
export async function makeRenditions(
  deps: Deps,
  uploadId: string,
  opts: MakeRenditionsOptions = {},
): Promise<'done' | 'skipped'> {
  const upload = await deps.db
    .selectFrom('uploads')
    .innerJoin('entries', 'entries.id', 'uploads.entry_id')
    .select(['uploads.id', 'uploads.status', 'uploads.verdict_json', 'uploads.entry_id', 'entries.contest_id'])
    .where('uploads.id', '=', uploadId)
    .executeTakeFirst();
  if (!upload || upload.status !== 'accepted') return 'skipped';
  const dir = renditionsWorkDir(deps, uploadId);
  const prefix = renditionsPrefix(upload.contest_id, upload.entry_id, uploadId);
  const existing = await deps.db
    .selectFrom('renditions')
    .select(['status', 'storage_prefix'])
    .where('upload_id', '=', uploadId)
    .executeTakeFirst();
  if (
    existing?.status === 'done' &&
    existing.storage_prefix &&
    (await deps.storage.head(`${existing.storage_prefix}master.m3u8`))
  )
    return 'skipped';

  const now = () => deps.clock().toISOString();
  const set = (values: {
    status: 'queued' | 'running' | 'done' | 'failed';
    percent?: number;
    error?: string | null;
    variants_json?: string | null;
    posters_json?: string | null;
    storage_prefix?: string | null;
  }) =>
    deps.db
      .updateTable('renditions')
      .set({ ...values, updated_at: now() })
      .where('upload_id', '=', uploadId)
      .execute();
  if (!existing) {
    await deps.db
      .insertInto('renditions')
      .values({ upload_id: uploadId, status: 'running', percent: 0, created_at: now(), updated_at: now() })
      .onConflict((oc) => oc.column('upload_id').doNothing())
      .execute();
  }
  await set({ status: 'running', percent: 0, error: null, variants_json: null, posters_json: null });

  // Percent writes go one after another (never out of order), at most one per `percentEveryMs`.
  let writes: Promise<unknown> = Promise.resolve();
  let lastWrite = 0;
  const onPercent = (percent: number) => {
    const t = Date.now();
    if (t - lastWrite < (opts.percentEveryMs ?? 1000)) return;
    lastWrite = t;
    writes = writes
      .then(() =>
        deps.db
          .updateTable('renditions')
          .set({ percent, updated_at: now() })
          .where('upload_id', '=', uploadId)
          .where('status', '=', 'running')
          .execute(),
      )
      .catch((err) => {
        deps.logger.warn({ err, uploadId }, 'could not record the renditions progress');
      });
  };

  // With S3 the original may already have moved to the bucket: read it wherever it lives.
  let input = uploadPath(deps, uploadId);
  try {
    const result = await withOriginalFile(deps, uploadId, async (file) => {
      input = file;
      // The facts recorded with the verdict describe exactly this file; probe again only for rows that lack them.
      const verdict = decodeVerdict(upload.verdict_json);
      const source = sourceFrom(verdict?.probe) ?? sourceFrom((await probeVideoFile(file)).probe);
      if (!source) throw new RenditionError('renditions: the file has no readable video track');
      return makeRenditionFiles(file, dir, source, {
        signal: opts.signal,
        ffmpegPath: opts.ffmpegPath,
        preset: opts.preset,
        onPercent,
      });
    });
    opts.signal?.throwIfAborted();
    await deps.storage.putDirectory(prefix, dir);
    await writes;
    await set({
      status: 'done',
      percent: 100,
      error: null,
      variants_json: JSON.stringify(result.variants),
      posters_json: JSON.stringify(result.posters),
      storage_prefix: prefix,
    });
    if (
      !(await deps.db.selectFrom('renditions').select('upload_id').where('upload_id', '=', uploadId).executeTakeFirst())
    ) {
      // The entry was deleted while ffmpeg ran: nothing points at these files any more.
      await deps.storage.deletePrefix(prefix);
      return 'skipped';
    }
    deps.logger.info(
      { uploadId, variants: result.variants.map((v) => v.name), ladderSec: result.ladderSec },
      'renditions made',
    );
    return 'done';
  } catch (err) {
    await writes;
    await fs.promises.rm(dir, { recursive: true, force: true }).catch(() => {});
    if ((err instanceof RenditionError && err.aborted) || opts.signal?.aborted) {
      // Stopped with its worker or given up by the queue: it runs again from the start.
      await set({ status: 'queued', percent: 0, error: null });
    } else {
      const message =
        err instanceof RenditionError || err instanceof FfmpegUnavailableError
          ? err.message
          : `renditions: ${(err as Error).message}`;
      await set({ status: 'failed', error: message.split(input).join('…').split(dir).join('…').slice(0, 1000) });
    }
    throw err;
  }
}
