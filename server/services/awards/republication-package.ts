/**
 * The republication package of one announced winner (issue 13, item 2; plan R16): a ZIP with the original video as it
 * was accepted, the poster and a caption (Vietnamese and English: title, authors, unit, prize and the usage licence
 * the entrant accepted at submission), for the staff who publish. Streamed as it is read from storage (local or S3):
 * the video is never held whole. Audited; refused before the announcement and for entries that did not win.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { republicationCaption } from '@core/awards/republication-caption.ts';
import { AppError } from '@core/errors.ts';
import { cleanFileName } from '@core/file-name.ts';
import { licenceText } from '@core/licence.ts';
import type { Actor, Deps } from '../../context.ts';
import { containerOf, decodeVerdict } from '../../db/json-columns.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';
import { storedRenditionsPrefix } from '../media/make-renditions.ts';
import { uploadPath } from '../uploads/upload-files.ts';
import { listAnnouncedAwards } from './list-announced-awards.ts';
import { POSTER_FILE } from '../../media/renditions.ts';

export interface RepublicationPackage {
  fileName: string;
  stream: Readable;
}

/** Not moved to storage yet: the file where tus wrote it; null when it is gone (checked before the answer starts). */
async function openLocal(file: string): Promise<Readable | null> {
  try {
    return (await fs.promises.open(file)).createReadStream();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export async function republicationPackage(
  deps: Deps,
  actor: Actor,
  slug: string,
  entryId: number,
): Promise<RepublicationPackage> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'entries.publish');
  const awards = await listAnnouncedAwards(deps.db, contest.id);
  if (!awards) throw new AppError('awards.resultsNotAnnounced');
  const won = awards.winners.filter((w) => w.entry.entryId === entryId);
  const winner = won[0];
  if (!winner) throw new AppError('awards.notAWinner');
  const row = await deps.db
    .selectFrom('entries as e')
    .innerJoin('uploads as u', 'u.id', 'e.accepted_upload_id')
    .select(['e.licence_version', 'u.id as upload_id', 'u.filename', 'u.storage_key', 'u.verdict_json'])
    .where('e.id', '=', entryId)
    .where('u.status', '=', 'accepted')
    .executeTakeFirst();
  if (!row) throw new AppError('media.notFound');

  const video = row.storage_key
    ? (await deps.storage.get(row.storage_key))?.body
    : await openLocal(uploadPath(deps, row.upload_id));
  if (!video) throw new AppError('media.notFound');
  const prefix = await storedRenditionsPrefix(deps, row.upload_id);
  const poster = prefix ? await deps.storage.get(`${prefix}${POSTER_FILE}`) : null;

  const contestName = settingsOf(contest).name;
  const caption = won
    .map((w) =>
      republicationCaption({ contestName, prize: w.prize, entry: w.entry, licence: licenceText(row.licence_version) }),
    )
    .join('\r\n');
  const container = containerOf(decodeVerdict(row.verdict_json));
  const base = cleanFileName(winner.entry.code, 'tac-pham').replace(/[^\w-]+/g, '_');

  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps, actor, {
      action: 'awards.republicationDownloaded',
      contestId: contest.id,
      target: `entry:${entryId}`,
      details: { version: awards.version, poster: poster !== null },
    }),
  );

  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) return void out.destroy(err);
    out.write(Buffer.from(chunk));
    if (final) out.end();
  });
  const text = new ZipDeflate('chu-thich-caption.txt', { level: 6 });
  zip.add(text);
  text.push(Buffer.from(`\uFEFF${caption}`, 'utf8'), true);
  /** Videos and JPEGs are compressed already: stored as they are, chunk by chunk, at the reader's pace. */
  const copy = async (name: string, body: Readable) => {
    const file = new ZipPassThrough(name);
    zip.add(file);
    for await (const chunk of body) {
      file.push(chunk as Buffer);
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    file.push(new Uint8Array(0), true);
  };
  void (async () => {
    if (poster) await copy(`${base}-poster.jpg`, poster.body);
    await copy(
      `${base}-${cleanFileName(row.filename, 'video').replace(/\.[A-Za-z0-9]{2,4}$/, '')}.${container}`,
      video,
    );
    zip.end();
  })().catch((err: Error) => {
    video.destroy();
    out.destroy(err);
  });
  return { fileName: `dang-lai-${base}.zip`, stream: out };
}
