/**
 * The small poster of renditions made before there was one (ADR 0054): made from the stored `poster.jpg` by the
 * worker's housekeeping, a batch at a time, and recorded in `renditions.posters_json` so that pages offer it in their
 * `srcset`. Until then the pages show the big poster alone; a poster that cannot be read is recorded alone, so that it
 * is not tried again every hour.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Deps } from '../../context.ts';
import { decodeVariants } from '../../db/json-columns.ts';
import { runFfmpegWithProgress } from '../../media/ffmpeg-progress.ts';
import { POSTER_FILE, SMALL_POSTER_FILE, smallPosterSize, type StoredPoster } from '../../media/renditions.ts';

/** Makes the small posters of up to `limit` done renditions that have none recorded; returns how many it made. */
export async function backfillSmallPosters(
  deps: Pick<Deps, 'db' | 'storage' | 'config' | 'logger'>,
  opts: { limit?: number; ffmpegPath?: string } = {},
): Promise<number> {
  const rows = await deps.db
    .selectFrom('renditions')
    .select(['upload_id', 'storage_prefix', 'variants_json'])
    .where('status', '=', 'done')
    .where('storage_prefix', 'is not', null)
    .where('posters_json', 'is', null)
    .orderBy('upload_id')
    .limit(opts.limit ?? 50)
    .execute();
  let made = 0;
  for (const r of rows) {
    // The poster was made at the 720p rung's size (media/renditions.ts).
    const rung = decodeVariants(r.variants_json).find((v) => v.name === '720p');
    const big: StoredPoster | null = rung ? { file: POSTER_FILE, width: rung.width, height: rung.height } : null;
    let posters: StoredPoster[] = big ? [big] : [];
    if (big) {
      const small = { file: SMALL_POSTER_FILE, ...smallPosterSize(big.width, big.height) };
      if (await makeSmallPoster(deps, r.storage_prefix!, small, opts.ffmpegPath)) {
        posters = [small, big];
        made++;
      }
    }
    await deps.db
      .updateTable('renditions')
      .set({ posters_json: JSON.stringify(posters) })
      .where('upload_id', '=', r.upload_id)
      .where('posters_json', 'is', null)
      .execute();
  }
  return made;
}

async function makeSmallPoster(
  deps: Pick<Deps, 'storage' | 'config' | 'logger'>,
  prefix: string,
  small: StoredPoster,
  ffmpegPath: string | undefined,
): Promise<boolean> {
  const obj = await deps.storage.get(`${prefix}${POSTER_FILE}`);
  if (!obj) return false;
  const dir = path.join(deps.config.dataDir, 'work', `posters-${crypto.randomBytes(6).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  try {
    const input = path.join(dir, POSTER_FILE);
    const output = path.join(dir, small.file);
    await pipeline(obj.body, fs.createWriteStream(input));
    const args = [
      ...['-hide_banner', '-nostdin', '-nostats', '-v', 'error', '-protocol_whitelist', 'file'],
      ...['-f', 'image2', '-pattern_type', 'none', '-i', `file:${input}`],
      ...['-frames:v', '1', '-vf', `scale=${small.width}:${small.height},setsar=1`, '-q:v', '3'],
      ...['-f', 'image2', '-update', '1', output],
    ];
    const r = await runFfmpegWithProgress(args, { ffmpegPath, lowPriority: true, idle: true, timeoutMs: 60_000 });
    if (r.code !== 0 || !fs.existsSync(output)) {
      deps.logger.warn({ prefix, code: r.code }, 'could not make the small poster of stored renditions');
      return false;
    }
    await deps.storage.putStream(`${prefix}${small.file}`, fs.createReadStream(output), {
      contentType: 'image/jpeg',
    });
    return true;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
