/**
 * The published entries of a contest, read once and kept in memory for a few seconds (or until this process
 * publishes or unpublishes one), so that gallery pages, entry pages and share previews cost no query under load.
 * Several web processes each keep their own: a change made by another shows within `TTL_MS`.
 */
import { publicCredits } from '@core/caption.ts';
import { gallerySearchText, type GalleryItem } from '@core/gallery.ts';
import type { Deps } from '../../context.ts';
import { decodeDraft, decodePosters, decodeVerdict } from '../../db/json-columns.ts';
import { POSTER_FILE } from '../../media/renditions.ts';

const GALLERY_TTL_MS = 10_000;

export interface PublishedEntry extends GalleryItem {
  contestId: number;
  contestSlug: string;
  contestName: string;
  subtitles: { lang: string; label: string }[];
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
  /** Answers already serialized, by request (gallery pages by query, entry views by id); bounded. */
  answers: Map<string, string>;
}

const MAX_ANSWERS = 500;
const MAX_LOOKUPS = 20_000;

interface Caches {
  snapshots: Map<number, { at: number; snapshot: Promise<GallerySnapshot> }>;
  /** Slug → contest id, and published entry id → contest id (null: not published), each with its time. */
  contestBySlug: Map<string, { at: number; id: number | null }>;
  contestOfEntry: Map<number, { at: number; id: number | null }>;
}
const caches = new WeakMap<object, Caches>();

function cacheOf(deps: Pick<Deps, 'db'>): Caches {
  let c = caches.get(deps.db);
  if (!c) caches.set(deps.db, (c = { snapshots: new Map(), contestBySlug: new Map(), contestOfEntry: new Map() }));
  return c;
}

/** A lookup kept for `GALLERY_TTL_MS`; the map is emptied when it grows past a bound (ids that are guessed). */
async function remembered<K>(
  map: Map<K, { at: number; id: number | null }>,
  key: K,
  read: () => Promise<number | null>,
): Promise<number | null> {
  const hit = map.get(key);
  if (hit && Date.now() - hit.at < GALLERY_TTL_MS) return hit.id;
  const id = await read();
  if (map.size >= MAX_LOOKUPS) map.clear();
  map.set(key, { at: Date.now(), id });
  return id;
}

/** The contest's id by slug, or null when there is none. */
export function contestIdBySlug(deps: Pick<Deps, 'db'>, slug: string): Promise<number | null> {
  return remembered(cacheOf(deps).contestBySlug, slug, async () => {
    const row = await deps.db.selectFrom('contests').select('id').where('slug', '=', slug).executeTakeFirst();
    return row ? row.id : null;
  });
}

/** A serialized answer from the snapshot, made once per snapshot. */
export function cachedAnswer(snap: GallerySnapshot, key: string, make: () => unknown): string {
  let json = snap.answers.get(key);
  if (json === undefined) {
    json = JSON.stringify(make());
    if (snap.answers.size >= MAX_ANSWERS) snap.answers.clear();
    snap.answers.set(key, json);
  }
  return json;
}

export function publicMediaUrl(entryId: number, file: string): string {
  return `/api/public/entries/${entryId}/media/${file}`;
}

async function load(deps: Pick<Deps, 'db'>, contestId: number): Promise<GallerySnapshot> {
  const contest = await deps.db
    .selectFrom('contests')
    .select(['slug', 'name'])
    .where('id', '=', contestId)
    .executeTakeFirstOrThrow();
  const subtitleRows = await deps.db
    .selectFrom('subtitles')
    .innerJoin('publications', 'publications.entry_id', 'subtitles.entry_id')
    .select(['subtitles.entry_id', 'subtitles.lang', 'subtitles.label'])
    .where('publications.contest_id', '=', contestId)
    .where('publications.unpublished_at', 'is', null)
    .execute();
  const tracksOf = new Map<number, { lang: string; label: string }[]>();
  for (const t of subtitleRows)
    tracksOf.set(t.entry_id, [...(tracksOf.get(t.entry_id) ?? []), { lang: t.lang, label: t.label }]);
  // Vietnamese first: the player's default track.
  for (const list of tracksOf.values()) list.sort((a, b) => Number(b.lang === 'vi') - Number(a.lang === 'vi'));
  const rows = await deps.db
    .selectFrom('publications')
    .innerJoin('entries', 'entries.id', 'publications.entry_id')
    .leftJoin('units', 'units.id', 'entries.unit_id')
    .leftJoin('uploads', 'uploads.id', 'entries.accepted_upload_id')
    .leftJoin('renditions', 'renditions.upload_id', 'entries.accepted_upload_id')
    .select([
      'entries.id',
      'entries.code',
      'entries.draft_json',
      'entries.unit_id',
      'entries.accepted_upload_id',
      'units.name as unit_name',
      'publications.published_at',
      'publications.caption',
      'uploads.verdict_json',
      'renditions.status as renditions_status',
      'renditions.posters_json',
    ])
    .where('publications.contest_id', '=', contestId)
    .where('publications.unpublished_at', 'is', null)
    .orderBy('publications.published_at', 'desc')
    .orderBy('entries.id', 'desc')
    .execute();
  const items = rows.map((r): PublishedEntry => {
    const draft = decodeDraft(r.draft_json);
    const credits = publicCredits(draft, r.unit_name ?? null);
    const probe = decodeVerdict(r.verdict_json)?.probe;
    const done = r.renditions_status === 'done';
    return {
      id: r.id,
      contestId,
      contestSlug: contest.slug,
      contestName: contest.name,
      subtitles: tracksOf.get(r.id) ?? [],
      code: r.code,
      title: draft.title,
      form: draft.form,
      topicIndex: draft.topicIndex,
      unitId: r.unit_id,
      unitName: credits.unitName,
      credit: credits.groupName ?? credits.authors.join(', '),
      durationSec: typeof probe?.durationSec === 'number' ? Math.round(probe.durationSec) : null,
      posterUrl: done ? publicMediaUrl(r.id, POSTER_FILE) : null,
      posterSrcset: done ? posterSrcset(r.id, r.posters_json) : null,
      publishedAt: String(r.published_at),
      synopsis: draft.synopsis,
      caption: r.caption,
      authors: credits.authors,
      groupName: credits.groupName,
      acceptedUploadId: r.accepted_upload_id,
      renditionsDone: done,
    };
  });
  return {
    items,
    searchText: items.map(gallerySearchText),
    byId: new Map(items.map((i) => [i.id, i])),
    answers: new Map(),
  };
}

/**
 * The `srcset` of an entry's posters when the renditions made more than one (every run since migration 0032); null
 * for older ones, which have `poster.jpg` alone and are shown by `posterUrl`.
 */
function posterSrcset(entryId: number, postersJson: string | null): string | null {
  const posters = decodePosters(postersJson);
  if (posters.length < 2) return null;
  return posters.map((p) => `${publicMediaUrl(entryId, p.file)} ${p.width}w`).join(', ');
}

export function gallerySnapshot(deps: Pick<Deps, 'db'>, contestId: number): Promise<GallerySnapshot> {
  const cache = cacheOf(deps).snapshots;
  const hit = cache.get(contestId);
  if (hit && Date.now() - hit.at < GALLERY_TTL_MS) return hit.snapshot;
  const next = load(deps, contestId);
  if (hit) {
    // Stale while the new one loads: requests never queue behind a reload (only the first load is awaited).
    hit.at = Date.now();
    next.then(
      (snapshot) => cache.set(contestId, { at: Date.now(), snapshot: Promise.resolve(snapshot) }),
      () => {},
    );
    return hit.snapshot;
  }
  cache.set(contestId, { at: Date.now(), snapshot: next });
  next.catch(() => cache.delete(contestId));
  return next;
}

/** After a publish or unpublish in this process: the next read goes to the database. */
export function invalidateGallery(deps: Pick<Deps, 'db'>, contestId: number): void {
  const c = cacheOf(deps);
  c.snapshots.delete(contestId);
  c.contestOfEntry.clear();
}

/** The published entry with this id, or null (unpublished, never published, or no such entry). */
export async function findPublishedEntry(deps: Pick<Deps, 'db'>, entryId: number): Promise<PublishedEntry | null> {
  const snap = await snapshotOfEntry(deps, entryId);
  return snap?.byId.get(entryId) ?? null;
}

/** The snapshot of the contest where the entry is published; null when it is not. */
export async function snapshotOfEntry(deps: Pick<Deps, 'db'>, entryId: number): Promise<GallerySnapshot | null> {
  const contestId = await remembered(cacheOf(deps).contestOfEntry, entryId, async () => {
    const row = await deps.db
      .selectFrom('publications')
      .select('contest_id')
      .where('entry_id', '=', entryId)
      .where('unpublished_at', 'is', null)
      .executeTakeFirst();
    return row ? row.contest_id : null;
  });
  if (contestId === null) return null;
  const snap = await gallerySnapshot(deps, contestId);
  return snap.byId.has(entryId) ? snap : null;
}
