/**
 * What a server-rendered public page is made from (docs/decisions/0046): the contest's home page, a gallery page or
 * an entry's page, as the React Query entries the browser's hooks read, with a version that changes whenever
 * anything on the page does. The rendered HTML is cached under that version, so that under load a page costs no
 * query and no render: the gallery's snapshot (gallery-cache.ts) serves the entries, and the contest's public view
 * and news are kept here for as long as a snapshot.
 */
import { AppError } from '@core/errors.ts';
import type { GalleryFilter } from '@core/gallery.ts';
import type { Deps } from '../../context.ts';
import { getContest } from '../contests/get-contest.ts';
import { contestIdBySlug, gallerySnapshot, snapshotOfEntry } from './gallery-cache.ts';
import { getPublicEntry, type PublicEntryView } from './get-public-entry.ts';
import { galleryCardPage } from './list-gallery.ts';
import { listNews, type NewsPostView } from './list-news.ts';

export const CONTEST_TTL_MS = 10_000;

type ContestView = Awaited<ReturnType<typeof getContest>>;

export type PublicPage =
  | { kind: 'home'; slug: string }
  | { kind: 'gallery'; slug: string; filter: Omit<GalleryFilter, 'page' | 'pageSize'>; filterKey: string }
  | { kind: 'entry'; slug: string; entryId: number };

export interface PageQuery {
  key: readonly unknown[];
  data: unknown;
  /** The server's clock when the data was read, in ms. */
  at: number;
}

export interface PublicPageData {
  /** Equal for two requests exactly when the page shows the same thing: the key of its cached HTML. */
  version: string;
  contest: ContestView;
  /** The entry of an entry page (its share preview). */
  entry: PublicEntryView | null;
  /** The page's data for the render and the browser's cache; made only when the page is rendered. */
  queries: () => PageQuery[];
}

interface ContestFace {
  at: number;
  view: ContestView;
  news: NewsPostView[];
}

const faces = new WeakMap<object, Map<string, { at: number; face: Promise<ContestFace | null> }>>();
const ids = new WeakMap<object, number>();
let lastId = 0;

/** A number that stands for one object (a snapshot, a contest's face) while it lives. */
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ++lastId));
  return id;
}

async function readFace(deps: Deps, slug: string): Promise<ContestFace | null> {
  const view = await getContest(deps, slug).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'contest.notFound') return null;
    throw e;
  });
  if (!view) return null;
  return { at: Date.parse(view.serverTime), view, news: await listNews(deps, slug) };
}

/**
 * The contest's public view and news, read again at most every `CONTEST_TTL_MS` (as the gallery's snapshot: the
 * old one is served while the new one loads); null for a draft or no such contest.
 */
function contestFace(deps: Deps, slug: string, fresh: boolean): Promise<ContestFace | null> {
  let bySlug = faces.get(deps.db);
  if (!bySlug) faces.set(deps.db, (bySlug = new Map()));
  const cache = bySlug;
  const now = Date.now();
  const hit = cache.get(slug);
  if (hit && !fresh && now - hit.at < CONTEST_TTL_MS) return hit.face;
  const next = readFace(deps, slug);
  if (hit && !fresh) {
    hit.at = now;
    next.then(
      (face) => cache.set(slug, { at: Date.now(), face: Promise.resolve(face) }),
      () => {},
    );
    return hit.face;
  }
  // Guessed slugs must not grow the map without bound.
  if (cache.size >= 1000) cache.clear();
  cache.set(slug, { at: now, face: next });
  next.catch(() => cache.delete(slug));
  return next;
}

/** The data of a public page, or null when it has none to show (no such contest, a draft, an unpublished entry). */
export async function publicPageData(deps: Deps, page: PublicPage): Promise<PublicPageData | null> {
  // The home page reads the contest each time (an organizer's edit or news post shows at once, as it did before
  // server rendering); the gallery and entry pages, which only take its name and topics, share its face.
  const face = await contestFace(deps, page.slug, page.kind === 'home');
  if (!face) return null;
  const { view } = face;
  const contestQuery = (): PageQuery => ({ key: ['contest', view.slug], data: view, at: face.at });
  const faceId = idOf(face);

  if (page.kind === 'home') {
    const news = face.news.map((n) => `${n.id}@${n.updatedAt}`).join(',');
    return {
      // The countdown's text moves on: a rendered home page is also kept no longer than CONTEST_TTL_MS (see the
      // HTML cache).
      version: `h|${view.slug}|${view.updatedAt}|${view.phaseState}|${view.currentPhase}|${view.next?.at}|${news}`,
      contest: view,
      entry: null,
      queries: () => [contestQuery(), { key: ['news', view.slug], data: face.news, at: face.at }],
    };
  }

  if (page.kind === 'gallery') {
    const contestId = await contestIdBySlug(deps, page.slug);
    if (contestId === null) return null;
    const snap = await gallerySnapshot(deps, contestId);
    const at = deps.clock().getTime();
    return {
      version: `g|${view.slug}|${faceId}|${idOf(snap)}|${page.filterKey}`,
      contest: view,
      entry: null,
      queries: () => [
        contestQuery(),
        {
          key: ['gallery', view.slug, page.filter],
          data: { pages: [galleryCardPage(snap, { ...page.filter, page: 1 })], pageParams: [1] },
          at,
        },
      ],
    };
  }

  const snap = await snapshotOfEntry(deps, page.entryId);
  if (!snap) return null;
  const entry = await getPublicEntry(deps, page.entryId);
  // Only under its own contest's address.
  if (entry.contest.slug !== view.slug) return null;
  const at = deps.clock().getTime();
  return {
    version: `e|${view.slug}|${faceId}|${idOf(snap)}|${page.entryId}`,
    contest: view,
    entry,
    queries: () => [contestQuery(), { key: ['public-entry', page.entryId], data: entry, at }],
  };
}
