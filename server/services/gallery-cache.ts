/**
 * The published entries of a contest, read once and kept in memory for a few seconds (or until this process
 * publishes or unpublishes one), so that gallery pages, entry pages and share previews cost no query under load.
 * Several web processes each keep their own: a change made by another shows within `TTL_MS`.
 */
import { publicCredits } from '../../core/caption.ts';
import { entryDraftSchema } from '../../core/entry.ts';
import { gallerySearchText, type GalleryItem } from '../../core/gallery.ts';
import type { Deps } from './context.ts';

export const GALLERY_TTL_MS = 10_000;

export interface PublishedEntry extends GalleryItem {
  contestId: number;
  synopsis: string;
  caption: string;
  authors: string[];
  groupName: string | null;
  acceptedUploadId: string | null;
  renditionsDone: boolean;
}

export interface GallerySnapshot {
  items: PublishedEntry[];
  searchText: string[];
  byId: Map<number, PublishedEntry>;
}

const caches = new WeakMap<object, Map<number, { at: number; snapshot: Promise<GallerySnapshot> }>>();

function cacheOf(deps: Pick<Deps, 'db'>) {
  let c = caches.get(deps.db);
  if (!c) caches.set(deps.db, (c = new Map()));
  return c;
}

export function publicMediaUrl(entryId: number, file: string): string {
  return `/api/public/entries/${entryId}/media/${file}`;
}

async function load(deps: Pick<Deps, 'db'>, contestId: number): Promise<GallerySnapshot> {
  const rows = await deps.db
    .selectFrom('publications')
    .innerJoin('entries', 'entries.id', 'publications.entry_id')
    .leftJoin('units', 'units.id', 'entries.unit_id')
    .leftJoin('uploads', 'uploads.id', 'entries.accepted_upload_id')
    .leftJoin('renditions', 'renditions.upload_id', 'entries.accepted_upload_id')
    .select([
      'entries.id', 'entries.code', 'entries.draft_json', 'entries.unit_id', 'entries.accepted_upload_id', 'units.name as unit_name',
      'publications.published_at', 'publications.caption', 'uploads.verdict_json', 'renditions.status as renditions_status',
    ])
    .where('publications.contest_id', '=', contestId)
    .where('publications.unpublished_at', 'is', null)
    .orderBy('publications.published_at', 'desc')
    .orderBy('entries.id', 'desc')
    .execute();
  const items = rows.map((r): PublishedEntry => {
    const draft = entryDraftSchema.parse(JSON.parse(r.draft_json));
    const credits = publicCredits(draft, r.unit_name ?? null);
    const probe = r.verdict_json ? (JSON.parse(r.verdict_json) as { probe?: { durationSec?: number } }).probe : undefined;
    const done = r.renditions_status === 'done';
    return {
      id: Number(r.id),
      contestId,
      code: r.code,
      title: draft.title,
      form: draft.form,
      topicIndex: draft.topicIndex,
      unitId: r.unit_id === null ? null : Number(r.unit_id),
      unitName: credits.unitName,
      credit: credits.groupName ?? credits.authors.join(', '),
      durationSec: typeof probe?.durationSec === 'number' ? Math.round(probe.durationSec) : null,
      posterUrl: done ? publicMediaUrl(Number(r.id), 'poster.jpg') : null,
      publishedAt: String(r.published_at),
      synopsis: draft.synopsis,
      caption: r.caption,
      authors: credits.authors,
      groupName: credits.groupName,
      acceptedUploadId: r.accepted_upload_id,
      renditionsDone: done,
    };
  });
  return { items, searchText: items.map(gallerySearchText), byId: new Map(items.map((i) => [i.id, i])) };
}

export function gallerySnapshot(deps: Pick<Deps, 'db'>, contestId: number): Promise<GallerySnapshot> {
  const cache = cacheOf(deps);
  const hit = cache.get(contestId);
  if (hit && Date.now() - hit.at < GALLERY_TTL_MS) return hit.snapshot;
  const snapshot = load(deps, contestId);
  cache.set(contestId, { at: Date.now(), snapshot });
  snapshot.catch(() => cache.delete(contestId));
  return snapshot;
}

/** After a publish or unpublish in this process: the next read goes to the database. */
export function invalidateGallery(deps: Pick<Deps, 'db'>, contestId: number): void {
  cacheOf(deps).delete(contestId);
}

/** The published entry with this id, or null (unpublished, never published, or no such entry). */
export async function findPublishedEntry(deps: Pick<Deps, 'db'>, entryId: number): Promise<PublishedEntry | null> {
  const row = await deps.db.selectFrom('publications').select('contest_id').where('entry_id', '=', entryId).where('unpublished_at', 'is', null).executeTakeFirst();
  if (!row) return null;
  return (await gallerySnapshot(deps, Number(row.contest_id))).byId.get(entryId) ?? null;
}
