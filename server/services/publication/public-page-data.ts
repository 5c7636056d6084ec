/**
 * What a server-rendered public page is made from (docs/decisions/0046): the contest's home page, a gallery page or
 * an entry's page, as the React Query entries the browser's hooks read, with a version that changes whenever
 * anything on the page does. The rendered HTML is cached under that version, so that under load a page costs one
 * read of the contest (the web app made the same request itself before) and no render: the gallery's snapshot
 * (gallery-cache.ts) serves the entries, and the contest's view enters the version as a digest (contestVersion).
 */
import { createHash } from 'node:crypto';
import { AppError } from '@core/errors.ts';
import type { GalleryFilter } from '@core/gallery.ts';
import type { Deps } from '../../context.ts';
import { getContest } from '../contests/get-contest.ts';
import { contestIdBySlug, gallerySnapshot, snapshotOfEntry } from './gallery-cache.ts';
import { getPublicEntry, type PublicEntryView } from './get-public-entry.ts';
import { galleryCardPage } from './list-gallery.ts';
import { listNews, type NewsPostView } from './list-news.ts';

/** How long a rendered home page is kept at most: its countdown's text moves on. */
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

const ids = new WeakMap<object, number>();
let lastId = 0;

/** A number that stands for one object (a gallery snapshot) while it lives. */
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ++lastId));
  return id;
}

async function readFace(deps: Deps, slug: string, withNews: boolean): Promise<ContestFace | null> {
  const view = await getContest(deps, slug).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'contest.notFound') return null;
    throw e;
  });
  if (!view) return null;
  return { at: Date.parse(view.serverTime), view, news: withNews ? await listNews(deps, slug) : [] };
}

const reading = new WeakMap<object, Map<string, Promise<ContestFace | null>>>();

/**
 * The contest's public view (and its news for the home page); null for a draft or no such contest. Requests that
 * arrive while it is being read share that read (under load, one read at a time per contest rather than one per
 * request); none is kept once read.
 */
function contestFace(deps: Deps, slug: string, withNews: boolean): Promise<ContestFace | null> {
  let inFlight = reading.get(deps.db);
  if (!inFlight) reading.set(deps.db, (inFlight = new Map()));
  const reads = inFlight;
  const key = `${withNews ? 'n' : '-'}|${slug}`;
  let read = reads.get(key);
  if (!read) {
    read = readFace(deps, slug, withNews).finally(() => reads.delete(key));
    reads.set(key, read);
  }
  return read;
}

/**
 * A digest of everything the contest's view shows but the moment it was read: its settings, phases, status and
 * where the present stands among the phases (which the server's clock moves on even when nothing is edited).
 */
export function contestVersion(view: ContestView): string {
  const { serverTime: _readAt, ...shown } = view;
  return createHash('sha256').update(JSON.stringify(shown)).digest('base64url').slice(0, 22);
}

/** The data of a public page, or null when it has none to show (no such contest, a draft, an unpublished entry). */
export async function publicPageData(deps: Deps, page: PublicPage): Promise<PublicPageData | null> {
  // Every page reads the contest each time, as the web app's own request for it did before server rendering: its
  // phases decide what the page shows (the vote button, the countdown), and a change to them, whoever makes it and
  // however (an organizer's edit, another process, a script writing the table), must show at once.
  const face = await contestFace(deps, page.slug, page.kind === 'home');
  if (!face) return null;
  const { view } = face;
  const contestQuery = (): PageQuery => ({ key: ['contest', view.slug], data: view, at: face.at });
  const faceId = contestVersion(view);

  if (page.kind === 'home') {
    const news = face.news.map((n) => `${n.id}@${n.updatedAt}`).join(',');
    return {
      // The countdown's text moves on: a rendered home page is also kept no longer than CONTEST_TTL_MS (see the
      // HTML cache).
      version: `h|${view.slug}|${faceId}|${news}`,
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
