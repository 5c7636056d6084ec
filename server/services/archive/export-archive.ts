/**
 * The archive of a finished contest (issue 13, item 5; ADR 0045): one ZIP with the records as JSON (`data/`), the
 * vote log, the audit log, the jury's minutes and the certificates (`documents/`), the media as a list with SHA-256
 * (`data/media.json`) and, when asked, the original videos themselves (`media/`; with `all` also each entry's streaming
 * copies, poster and subtitles), and last `manifest.json`, which
 * lists every other file with its size and SHA-256 (core/documents/archive-manifest.ts). The ZIP is written into the
 * response as it is made: videos are streamed from storage and hashed on the way, never held whole. The audit record
 * carries the manifest's SHA-256, so a manifest rewritten to match an altered file still shows.
 */
import crypto from 'node:crypto';
import { loadDocumentSettings } from '../documents/document-settings-facts.ts';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import {
  ARCHIVE_FORMAT,
  MANIFEST_PATH,
  type ArchiveKind,
  type ArchiveManifest,
  type ManifestFile,
} from '@core/documents/archive-manifest.ts';
import { AppError } from '@core/errors.ts';
import { POSTER_FILE, SMALL_POSTER_FILE } from '../../media/renditions.ts';
import type { Actor, Deps } from '../../context.ts';
import { certificatesPdf } from '../../documents/certificate-pdf.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import { listAnnouncedAwards } from '../awards/list-announced-awards.ts';
import { getPublicResults } from '../awards/get-public-results.ts';
import { modelOf } from '../certificates/certificate-rows.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';
import { exportRoundMinutes } from '../judging/export-round-papers.ts';
import { archiveData, plain } from './archive-data.ts';

/** `manifest`: hashes only; `files`: the originals too; `all`: also the streaming set (ladder, poster, subtitles). */
export type ArchiveMedia = 'manifest' | 'files' | 'all';

/** A ZIP without ZIP64 holds at most 4 GiB; leave room for the records and the directory. */
const ZIP_LIMIT = 4 * 1024 ** 3 - 64 * 1024 ** 2;

interface MediaItem {
  path: string;
  entryId: number;
  entryCode: string | null;
  uploadId: string;
  filename: string;
  storageKey: string;
  bytes: number;
  /** As recorded when the upload was accepted. */
  sha256: string | null;
}

/** A file of an entry's streaming set (the HLS ladder with poster and strip, or a subtitle track), as stored. */
interface StreamingItem {
  path: string;
  kind: ArchiveKind;
  entryId: number;
  storageKey: string;
  bytes: number;
}

const safe = (s: string) => s.replace(/[^\w.-]+/g, '_');

export async function exportArchive(
  deps: Deps,
  actor: Actor,
  slug: string,
  media: ArchiveMedia,
  place = '',
): Promise<{ stream: Readable; fileName: string }> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'archive.export');
  if (!(await listAnnouncedAwards(deps.db, contest.id))) throw new AppError('archive.notAnnounced');
  const items = await mediaItems(deps, contest.id);
  const streaming = media === 'all' ? await streamingItems(deps, contest.id) : [];
  const total = [...items, ...streaming].reduce((n, m) => n + m.bytes, 0);
  if (media !== 'manifest' && total > ZIP_LIMIT)
    throw new AppError('archive.tooLarge', { size: `${(total / 1024 ** 3).toFixed(1)} GB` });

  const exportedAt = deps.clock().toISOString();
  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) return void out.destroy(err);
    out.write(Buffer.from(chunk));
    if (final) out.end();
  });
  const files: ManifestFile[] = [];
  const drained = async () => {
    if (out.writableNeedDrain) await once(out, 'drain');
  };
  const add = async (path: string, kind: ArchiveKind, data: Buffer | string) => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    // PDFs are compressed already; text compresses well.
    const file = path.endsWith('.pdf') ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    zip.add(file);
    file.push(bytes, true);
    files.push({ path, kind, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
    await drained();
  };
  const addStream = async (path: string, kind: ArchiveKind, body: Readable) => {
    const file = new ZipPassThrough(path);
    zip.add(file);
    const hash = crypto.createHash('sha256');
    let bytes = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
      file.push(chunk);
      await drained();
    }
    file.push(new Uint8Array(0), true);
    files.push({ path, kind, bytes, sha256: hash.digest('hex') });
  };

  void (async () => {
    const data = await archiveData(deps.db, contest.id);
    for (const [name, value] of data.files) await add(`data/${name}`, 'data', json(value));
    await add('data/results.json', 'data', json(await getPublicResults(deps, slug)));
    await add('data/vote-log.txt', 'data', await voteLog(deps, contest.id));
    await add('data/audit-log.jsonl', 'data', await auditLog(deps, contest.id));
    await add(
      'data/media.json',
      'data',
      json({
        note:
          'Original videos: storage key, size and SHA-256 recorded when the upload was accepted. Streaming set ' +
          '(HLS ladder, poster, preview strip, subtitles): included only in an archive made with media=all, ' +
          'hashed in manifest.json.',
        included: media !== 'manifest',
        files: items,
        streamingIncluded: media === 'all',
        streaming: streaming.map(({ path, kind, entryId, bytes }) => ({ path, kind, entryId, bytes })),
      }),
    );
    // The minutes' date line: the place given, else the contest's stored one (a blank to fill until it is saved).
    const minutesPlace = place.trim() || (await loadDocumentSettings(deps.db, contest.id)).settings.place;
    for (const roundId of data.roundIds) {
      const round = await deps.db
        .selectFrom('judging_rounds')
        .select(['position', 'state'])
        .where('id', '=', roundId)
        .executeTakeFirstOrThrow();
      if (round.state !== 'locked') continue;
      const pdf = await exportRoundMinutes(deps, actor, roundId, 'pdf', { place: minutesPlace, meetingPlace: '' });
      await add(`documents/bien-ban-cham-thi-vong-${round.position}.pdf`, 'document', pdf);
    }
    const certificates = await deps.db
      .selectFrom('certificates')
      .selectAll()
      .where('contest_id', '=', contest.id)
      .where('status', '=', 'valid')
      .orderBy('year')
      .orderBy('seq')
      .execute();
    if (certificates.length) {
      const name = settingsOf(contest).name;
      const pdf = await certificatesPdf(certificates.map((r) => modelOf(r, name, deps.config.publicUrl)));
      await add('documents/giay-chung-nhan.pdf', 'document', pdf);
    }
    for (const m of media === 'manifest'
      ? []
      : [...items.map((i) => ({ ...i, kind: 'media' as const })), ...streaming]) {
      const obj = await deps.storage.get(m.storageKey);
      if (!obj) throw new Error(`media object missing from storage: ${m.storageKey}`);
      await addStream(m.path, m.kind, obj.body);
    }
    const manifest: ArchiveManifest = { format: ARCHIVE_FORMAT, contestSlug: slug, exportedAt, files };
    const manifestText = json(manifest);
    const manifestSha256 = crypto.createHash('sha256').update(manifestText).digest('hex');
    // Recorded before the manifest is written: an archive whose export was not audited never ends well-formed.
    await deps.db.transaction().execute((trx) =>
      appendAudit(trx, deps, actor, {
        action: 'archive.exported',
        contestId: contest.id,
        target: `contest:${contest.id}`,
        details: { media, files: files.length, manifestSha256 },
      }),
    );
    const m = new ZipDeflate(MANIFEST_PATH, { level: 6 });
    zip.add(m);
    m.push(Buffer.from(manifestText, 'utf8'), true);
    zip.end();
  })().catch((err: Error) => {
    out.destroy(err);
  });

  return { stream: out, fileName: `luu-tru-${safe(slug)}-${exportedAt.slice(0, 10)}.zip` };
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

async function mediaItems(deps: Deps, contestId: number): Promise<MediaItem[]> {
  const rows = await deps.db
    .selectFrom('entries')
    .innerJoin('uploads', 'uploads.id', 'entries.accepted_upload_id')
    .select([
      'entries.id as entryId',
      'entries.code',
      'uploads.id as uploadId',
      'uploads.filename',
      'uploads.storage_key',
      'uploads.size_bytes',
      'uploads.sha256',
    ])
    .where('entries.contest_id', '=', contestId)
    .where('uploads.storage_key', 'is not', null)
    .orderBy('entries.id')
    .execute();
  return rows.map((r) => {
    const ext = /\.(mp4|mov)$/i.exec(r.storage_key!)?.[1]?.toLowerCase() ?? 'mp4';
    return {
      path: `media/${safe(r.code ?? `entry-${r.entryId}`)}/${r.uploadId}.${ext}`,
      entryId: r.entryId,
      entryCode: r.code,
      uploadId: r.uploadId,
      filename: r.filename,
      storageKey: r.storage_key!,
      bytes: r.size_bytes,
      sha256: r.sha256,
    };
  });
}

/**
 * Every stored file of the streaming renditions of each entry's accepted upload (the ladder's playlists and segments,
 * poster, strip) and each subtitle track, in a stable order.
 */
async function streamingItems(deps: Deps, contestId: number): Promise<StreamingItem[]> {
  const entries = await deps.db
    .selectFrom('entries')
    .innerJoin('renditions', 'renditions.upload_id', 'entries.accepted_upload_id')
    .select(['entries.id as entryId', 'entries.code', 'renditions.upload_id', 'renditions.storage_prefix'])
    .where('entries.contest_id', '=', contestId)
    .where('renditions.status', '=', 'done')
    .where('renditions.storage_prefix', 'is not', null)
    .orderBy('entries.id')
    .execute();
  const out: StreamingItem[] = [];
  for (const e of entries) {
    const prefix = e.storage_prefix!;
    const listed: StreamingItem[] = [];
    for await (const o of deps.storage.list(prefix)) {
      const rel = o.key.slice(prefix.length);
      const folder = `media/${safe(e.code ?? `entry-${e.entryId}`)}/renditions/${e.upload_id}`;
      listed.push({
        path: `${folder}/${rel.split('/').map(safe).join('/')}`,
        kind: rel === POSTER_FILE || rel === SMALL_POSTER_FILE ? 'poster' : 'media',
        entryId: e.entryId,
        storageKey: o.key,
        bytes: o.size,
      });
    }
    out.push(...listed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
  }
  const tracks = await deps.db
    .selectFrom('subtitles')
    .innerJoin('entries', 'entries.id', 'subtitles.entry_id')
    .select([
      'entries.id as entryId',
      'entries.code',
      'subtitles.lang',
      'subtitles.storage_key',
      'subtitles.size_bytes',
    ])
    .where('entries.contest_id', '=', contestId)
    .orderBy('entries.id')
    .orderBy('subtitles.lang')
    .execute();
  for (const s of tracks)
    out.push({
      path: `media/${safe(s.code ?? `entry-${s.entryId}`)}/subtitles/${safe(s.lang)}.vtt`,
      kind: 'subtitle',
      entryId: s.entryId,
      storageKey: s.storage_key,
      bytes: s.size_bytes,
    });
  return out;
}

async function voteLog(deps: Deps, contestId: number): Promise<string> {
  const head = await deps.db
    .selectFrom('vote_log_heads')
    .select('header_line')
    .where('contest_id', '=', contestId)
    .executeTakeFirst();
  if (!head) return '';
  const rows = await deps.db
    .selectFrom('vote_log')
    .select('line')
    .where('contest_id', '=', contestId)
    .orderBy('seq')
    .execute();
  return [head.header_line, ...rows.map((r) => r.line)].map((l) => `${l}\n`).join('');
}

/** The contest's audit records as stored, one JSON object a line, with their chain hashes. */
async function auditLog(deps: Deps, contestId: number): Promise<string> {
  const rows = await deps.db
    .selectFrom('audit_log')
    .selectAll()
    .where('contest_id', '=', contestId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => `${JSON.stringify(plain(r))}\n`).join('');
}
