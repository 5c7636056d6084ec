/**
 * R9: an organizer loads a clip into the contest's reference library from the staff area. The file arrives as the
 * request's body, is written to a private temporary file, fingerprinted (pictures and sound) and deleted: the library
 * keeps fingerprints only. The contest's fingerprinted entries are screened against the new clip at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@core/errors.ts';
import { REFERENCE_CLIP_MAX_BYTES, type ReferenceClipInput } from '@core/reference-clips.ts';
import type { Actor, Deps } from '../../context.ts';
import { FingerprintError } from '../../media/fingerprint.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { addReferenceClip } from './add-reference-clip.ts';

const GIB = 1024 ** 3;

/** Fails the stream with `reference.tooLarge` once more than `max` bytes went through. */
function limitBytes(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(new AppError('reference.tooLarge', { max: `${(max / GIB).toFixed(2)} GiB` }));
      else done(null, chunk);
    },
  });
}

export async function loadReferenceClip(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: ReferenceClipInput & { format: 'mp4' | 'mov' },
  body: Readable,
  opts: { maxBytes?: number } = {},
): Promise<{ id: number; flags: number }> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'references.manage');
  const dir = path.join(deps.config.dataDir, 'reference-tmp');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = fs.mkdtempSync(path.join(dir, 'clip-'));
  const file = path.join(tmp, `clip.${input.format}`);
  try {
    await pipeline(body, limitBytes(opts.maxBytes ?? REFERENCE_CLIP_MAX_BYTES), fs.createWriteStream(file));
    return await addReferenceClip(deps, {
      contestId: contest.id,
      title: input.title,
      source: input.source,
      createdBy: actor.userId,
      file,
      format: input.format,
      onInserted: (trx, id) =>
        appendAudit(trx, deps, actor, {
          action: 'reference.add',
          contestId: contest.id,
          target: `reference:${id}`,
          details: { title: input.title, source: input.source, sizeBytes: fs.statSync(file).size },
        }),
    });
  } catch (err) {
    if (err instanceof FingerprintError && !err.aborted) throw new AppError('reference.unreadable');
    throw err;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
